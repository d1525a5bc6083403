"""`opeunlike likes track` as a process: kill -9 and restart, SIGTERM, --until, other sources."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import paths
from analysis.cli import main
from analysis.live.store import poll_log_path, read_likes, read_poll_log
from tests.support.fake_graph import FakeGraph

pytestmark = pytest.mark.network


@pytest.fixture
def fake():
    server = FakeGraph(drop=40).start()
    yield server
    server.stop()


def _track(fake, out: Path, *extra: str) -> subprocess.Popen:
    env = dict(os.environ, OPEUNLIKE_GRAPH_BASE=f"{fake.url}/v19.0", OPEUNLIKE_GRAPH_TOKEN="t")
    return subprocess.Popen(
        [sys.executable, "-m", "analysis", "likes", "track", "--campaign", "campaigns/opeunlike-2016.yml",
         "--every", "1s", "-o", str(out), *extra],
        cwd=paths.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_rows(out: Path, rows: int, timeout: float = 45.0) -> pd.DataFrame:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if out.exists():
            table = read_likes(out)
            if len(table) >= rows:
                return table
        time.sleep(0.1)
    raise AssertionError(f"the tracker wrote fewer than {rows} rows in {timeout} s")


def test_kill_9_then_restart_gives_no_duplicate_and_loses_no_recorded_poll(fake, tmp_path):
    out = tmp_path / "likes.parquet"
    first = _track(fake, out)
    _wait_for_rows(out, 9)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    before = read_likes(out)  # the file a kill -9 leaves: complete, readable
    assert len(before) % 3 == 0 and len(before) >= 9
    second = _track(fake, out, "--max-polls", "2")
    assert second.wait(30) == 0, second.stderr.read()
    after = read_likes(out)
    assert not after.duplicated(["page", "observed_at"]).any()
    assert len(after) == len(before) + 6
    pd.testing.assert_frame_equal(after.iloc[:len(before)], before)  # earlier rows kept as they were
    log = read_poll_log(poll_log_path(out))
    assert (log["status"] == "not_running").sum() == 3  # the downtime is a gap of each page
    ok = log[log["status"] == "ok"]
    assert set(zip(ok["page"], ok["observed_at"])) == set(zip(after["page"], after["observed_at"]))


def test_sigterm_stops_after_the_current_poll(fake, tmp_path):
    out = tmp_path / "likes.parquet"
    proc = _track(fake, out)
    _wait_for_rows(out, 3)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(15) == 0
    err = proc.stderr.read()
    assert "stopped after" in err and "Traceback" not in err
    table = read_likes(out)
    assert len(table) % 3 == 0  # every poll written whole


def test_sigint_stops_cleanly_too(fake, tmp_path):
    out = tmp_path / "likes.parquet"
    proc = _track(fake, out)
    _wait_for_rows(out, 3)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(15) == 0 and "stopped after" in proc.stderr.read()


def test_until_already_past_ends_the_run_at_once(fake, tmp_path):
    out = tmp_path / "likes.parquet"
    until = (pd.Timestamp.now(tz="UTC") - pd.Timedelta(seconds=1)).isoformat()
    proc = _track(fake, out, "--until", until)
    assert proc.wait(20) == 0
    assert "stopped after 0 poll(s)" in proc.stderr.read() and not fake.requests


def test_without_a_token_the_real_graph_api_is_not_called(monkeypatch, capsys, tmp_path):
    monkeypatch.delenv("OPEUNLIKE_GRAPH_TOKEN", raising=False)
    monkeypatch.delenv("OPEUNLIKE_GRAPH_BASE", raising=False)
    assert main(["likes", "track", "--max-polls", "1", "-o", str(tmp_path / "l.parquet")]) == 2
    assert "OPEUNLIKE_GRAPH_TOKEN" in capsys.readouterr().err


def test_an_interval_under_a_second_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["likes", "track", "--every", "0.2s"])
    assert "at most once a second" in capsys.readouterr().err


def test_json_and_html_sources_from_a_campaign_file(local_server, tmp_path, monkeypatch):
    local_server.routes["/counter.json"] = (200, {"Content-Type": "application/json"},
                                            json.dumps({"data": [{"followers": "12 345"}]}).encode())
    local_server.routes["/page.html"] = (200, {"Content-Type": "text/html; charset=utf-8"},
                                         '<p>Suivi par <b class="n">1,2&nbsp;M</b> personnes</p>'.encode())
    campaign = tmp_path / "next.yml"
    campaign.write_text(f"""
name: next-campaign
query: {{hashtags: [NextCampaign]}}
window: {{start: 2026-01-01, end: 2026-12-31}}
pages:
  - {{id: team, name: Team counter, colour: "#000000",
     source: {{kind: json, url: "{local_server.url}/counter.json", field: data.0.followers}}}}
  - {{id: operator, name: Operator, colour: "#FF0000",
     source: {{kind: html, url: "{local_server.url}/page.html", selector: b.n}}}}
""", encoding="utf-8")
    out = tmp_path / "likes.csv"
    assert main(["likes", "track", "--campaign", str(campaign), "--max-polls", "1", "--quiet", "-o", str(out)]) == 0
    table = read_likes(out).set_index("page")
    assert table.loc["team", "likes"] == 12345 and table.loc["team", "parser"] == "json:data.0.followers"
    assert table.loc["operator", "likes"] == 1_200_000 and table.loc["operator", "parser"] == "html:rounded"
    assert out.read_text(encoding="utf-8").startswith("page,observed_at,likes,source,parser")
