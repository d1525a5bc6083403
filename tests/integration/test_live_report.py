"""What `likes track` records goes through `make report LIKES=…` unchanged.

`make report LIKES=FILE` runs `opeunlike report --likes FILE`; this test runs the same
command with `--only 05` (the notebook that reads the like series) and a window around
the recording, on a file the tracker recorded from the fake Graph API (with a gap).
"""

from __future__ import annotations

import hashlib
import io
import json
import random

import pandas as pd
import pytest

from analysis import campaign as campaigns, paths
from analysis.cli import main
from analysis.live import http
from analysis.live.sources import source_for
from analysis.live.store import LiveStore
from analysis.live.tracker import Tracker
from tests.support.fake_graph import FakeGraph

pytestmark = [pytest.mark.network, pytest.mark.notebooks, pytest.mark.slow]
START = pd.Timestamp("2026-03-01 10:00", tz="UTC")


def _record(out, polls=40):
    fake = FakeGraph(drop=37, faults={"inwi.ma": ["ok"] * 10 + ["503"] * 6}).start()
    try:
        camp = campaigns.load("opeunlike-2016")
        clock = [START.timestamp()]
        tracker = Tracker({p.id: source_for(p, f"{fake.url}/v19.0", "t") for p in camp.pages},
                          LiveStore.open(out, tuple(camp.page_ids())), every=60, clock=lambda: clock[0],
                          out=io.StringIO(), backoff=http.Backoff(base=60, rng=random.Random(0)))
        for _ in range(polls):
            tracker.poll_once()
            clock[0] += 60
    finally:
        fake.stop()


def test_the_recorded_file_goes_through_the_report_unchanged(tmp_path, monkeypatch):
    out = tmp_path / "likes-live.parquet"
    _record(out)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    code = main(["report", "--likes", str(out), "--only", "05", "--run-name", "live-test",
                 "--window", "2026-03-01 10:00", "2026-03-01 10:40"])
    assert code == 0
    assert hashlib.sha256(out.read_bytes()).hexdigest() == digest  # read, never rewritten
    run = json.loads((paths.figures_dir() / "opeunlike-2016-live-test" / "run.json").read_text())
    panel = run["panel"]
    assert panel["likes_rejected"] == 0 and panel["likes_kept"] == len(pd.read_parquet(out))
    assert panel["likes_in_window"] == panel["likes_kept"] and run["failed"] == []
    # (the figures say SIMULATED: without --posts the report uses the demo posts beside these likes)
    # the fake drops each page by 37 likes per reply and the tracker polled once a minute
    figure = pd.read_csv(paths.figures_dir() / "opeunlike-2016-live-test" / "campaign_volume_likes_SIMULATED.csv")
    rate = figure[(figure["panel"] == "likes_lost_per_min") & (figure["series"] == "maroc_telecom")]
    assert rate["value"].dropna().tolist()[:3] == [37.0, 37.0, 37.0]
