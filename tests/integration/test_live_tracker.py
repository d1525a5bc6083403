"""`likes track` against a fake Graph API on 127.0.0.1: counts, failures, backoff, gaps.

The tracker's clock is a number the test moves, so backoff and Retry-After are checked
without waiting; the requests are real HTTP to the local fake.
"""

from __future__ import annotations

import io
import random

import pandas as pd
import pytest

from analysis import campaign as campaigns
from analysis.live import http
from analysis.live.sources import source_for
from analysis.live.store import LiveStore, read_likes
from analysis.live.tracker import MARK_AFTER, Tracker
from tests.support.fake_graph import FakeGraph

pytestmark = pytest.mark.network
PAGES = {"maroc_telecom": "MarocTelecom", "inwi": "inwi.ma", "meditel": "meditel"}


class Clock:
    def __init__(self):
        self.now = pd.Timestamp("2026-03-01 10:00", tz="UTC").timestamp()

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def fake():
    server = FakeGraph(drop=40, retry_after=120, hang=2.0).start()
    yield server
    server.stop()


def _tracker(fake, tmp_path, timeout=5.0, **kw):
    camp = campaigns.load("opeunlike-2016")
    sources = {p.id: source_for(p, f"{fake.url}/v19.0", "TEST-TOKEN", timeout) for p in camp.pages}
    store = LiveStore.open(tmp_path / "likes.parquet", tuple(camp.page_ids()))
    clock = Clock()
    tracker = Tracker(sources, store, every=60, clock=clock, out=io.StringIO(),
                      backoff=http.Backoff(base=60, cap=3600, rng=random.Random(0)), **kw)
    return tracker, clock


def _poll(tracker, clock, n=1):
    for _ in range(n):
        tracker.poll_once()
        clock.advance(60)


def _log(tracker, page):
    log = tracker.store.polls
    return list(log[log["page"] == page]["status"])


def test_a_dropping_count_is_recorded_one_row_per_page_per_poll(fake, tmp_path):
    tracker, clock = _tracker(fake, tmp_path)
    _poll(tracker, clock, 3)
    likes = read_likes(tmp_path / "likes.parquet")
    assert likes.groupby("page").size().to_dict() == {"inwi": 3, "maroc_telecom": 3, "meditel": 3}
    inwi = likes[likes["page"] == "inwi"]
    assert list(inwi["likes"]) == [1_402_000, 1_401_960, 1_401_920]
    assert set(likes["parser"]) == {"graph:fan_count"}
    assert (likes["observed_at"].diff().dropna().abs() > pd.Timedelta(0)).any()


def test_requests_ask_for_the_two_count_fields_with_a_polite_user_agent(fake, tmp_path):
    tracker, clock = _tracker(fake, tmp_path)
    _poll(tracker, clock)
    request = fake.requests_for("inwi.ma")[0]
    assert "fields=followers_count%2Cfan_count" in request["path"]
    assert request["user_agent"].startswith("opeunlike/") and "research" in request["user_agent"]
    assert request["token"] == "TEST-TOKEN"


def test_the_token_never_reaches_the_like_table(fake, tmp_path):
    tracker, clock = _tracker(fake, tmp_path)
    _poll(tracker, clock)
    assert "TEST-TOKEN" not in (tmp_path / "likes.parquet").read_bytes().decode("latin-1")
    assert "TEST-TOKEN" not in (tmp_path / "likes.polls.csv").read_text()


def test_at_most_one_request_per_page_per_poll(fake, tmp_path):
    fake.faults = {"inwi.ma": ["503", "503", "503"]}
    tracker, clock = _tracker(fake, tmp_path)
    for _ in range(4):
        before = {p: len(fake.requests_for(ref)) for p, ref in PAGES.items()}
        _poll(tracker, clock)
        after = {p: len(fake.requests_for(ref)) for p, ref in PAGES.items()}
        assert all(after[p] - before[p] <= 1 for p in PAGES)


def test_429_retry_after_is_honoured_while_the_other_pages_go_on(fake, tmp_path):
    fake.faults = {"inwi.ma": ["429"]}  # Retry-After: 120 s = two intervals
    tracker, clock = _tracker(fake, tmp_path)
    _poll(tracker, clock, 2)  # t=0: 429; t=60: still inside Retry-After, no request
    assert len(fake.requests_for("inwi.ma")) == 1
    assert _log(tracker, "inwi") == ["failed", "backing_off"]
    assert len(fake.requests_for("meditel")) == 2
    clock.advance(90)  # past any jittered backoff of one failure (at most 1.5 * 60 s) and Retry-After
    _poll(tracker, clock)
    assert len(fake.requests_for("inwi.ma")) == 2 and _log(tracker, "inwi")[-1] == "ok"


def test_5xx_backs_off_longer_after_each_failure(fake, tmp_path):
    fake.faults = {"meditel": ["500"] * 20}  # 500 carries no Retry-After: the backoff alone decides
    tracker, clock = _tracker(fake, tmp_path)
    waits, asked = [], []
    for _ in range(4):  # poll until the next request, each time
        n = len(fake.requests_for("meditel"))
        tracker.poll_once()
        asked.append(len(fake.requests_for("meditel")) > n)
        waits.append(tracker.states["meditel"].next_try - clock.now)
        while clock.now < tracker.states["meditel"].next_try:
            clock.advance(60)
    assert all(asked)
    # the n-th failure waits 60 * 2**(n-1) seconds, jittered by [0.5, 1.5)
    for n, wait in enumerate(waits, start=1):
        assert 0.5 * 60 * 2 ** (n - 1) <= wait < 1.5 * 60 * 2 ** (n - 1)


def test_a_timeout_fails_that_page_only(fake, tmp_path):
    fake.faults = {"MarocTelecom": ["timeout"]}
    tracker, clock = _tracker(fake, tmp_path, timeout=0.5)
    _poll(tracker, clock)
    log = tracker.store.polls.set_index("page")
    assert log.loc["maroc_telecom", "status"] == "failed"
    assert log.loc["maroc_telecom", "error"] == "timeout: no reply within 0.5 s"
    assert set(read_likes(tmp_path / "likes.parquet")["page"]) == {"inwi", "meditel"}


@pytest.mark.parametrize("fault, kind", [("malformed", "malformed"), ("nofield", "malformed"),
                                         ("error", "client"), ("503", "server")])
def test_bad_replies_are_logged_with_their_kind_and_never_recorded_as_counts(fake, tmp_path, fault, kind):
    fake.faults = {"meditel": [fault]}
    tracker, clock = _tracker(fake, tmp_path)
    _poll(tracker, clock)
    log = tracker.store.polls.set_index("page")
    assert log.loc["meditel", "status"] == "failed" and log.loc["meditel", "error"].startswith(kind)
    assert "meditel" not in set(read_likes(tmp_path / "likes.parquet")["page"])


def test_a_page_that_keeps_failing_is_marked_and_the_others_go_on(fake, tmp_path):
    fake.faults = {"inwi.ma": ["503"] * (MARK_AFTER + 5)}
    fake.retry_after = 0
    tracker, clock = _tracker(fake, tmp_path)
    while tracker.states["inwi"].failures < MARK_AFTER:
        _poll(tracker, clock)
        clock.advance(max(0, tracker.states["inwi"].next_try - clock.now))
    assert tracker.states["inwi"].marked and _log(tracker, "inwi")[-1] == "failing"
    assert "FAILING" in tracker.out.getvalue().splitlines()[-1]
    assert set(_log(tracker, "meditel")) == {"ok"} and len(_log(tracker, "meditel")) == tracker.polls


def test_gaps_stay_gaps_and_the_count_resumes_where_it_is(fake, tmp_path):
    fake.faults = {"inwi.ma": ["ok", "503", "ok"]}
    fake.retry_after = 0
    tracker, clock = _tracker(fake, tmp_path)
    _poll(tracker, clock, 2)
    clock.advance(90)
    _poll(tracker, clock)
    inwi = read_likes(tmp_path / "likes.parquet").query("page == 'inwi'")
    assert list(inwi["likes"]) == [1_402_000, 1_401_960]  # nothing was invented for the failed poll
    assert _log(tracker, "inwi") == ["ok", "failed", "ok"]


def test_status_line_per_poll_can_be_turned_off(fake, tmp_path):
    tracker, clock = _tracker(fake, tmp_path)
    _poll(tracker, clock, 2)
    lines = tracker.out.getvalue().splitlines()
    assert len(lines) == 2 and lines[1].startswith("poll 2 ")
    assert "maroc_telecom 2,450,074 (-40 since start" in lines[1]
    quiet, clock = _tracker(fake, tmp_path / "q", quiet=True)
    _poll(quiet, clock, 2)
    assert quiet.out.getvalue() == ""


def test_restart_logs_the_downtime_as_a_gap_for_every_page(fake, tmp_path):
    tracker, clock = _tracker(fake, tmp_path)
    _poll(tracker, clock)
    later, clock2 = _tracker(fake, tmp_path)
    clock2.advance(3600)
    later.max_polls = 1
    later.run()
    log = later.store.polls
    down = log[log["status"] == "not_running"]
    assert sorted(down["page"]) == sorted(PAGES) and "tracker not running from" in down["error"].iloc[0]
    assert len(read_likes(tmp_path / "likes.parquet")) == 6


def test_until_bounds_a_run_on_the_real_clock(fake, tmp_path):
    camp = campaigns.load("opeunlike-2016")
    until = pd.Timestamp.now(tz="UTC") + pd.Timedelta(seconds=2.5)
    tracker = Tracker({p.id: source_for(p, f"{fake.url}/v19.0", "t") for p in camp.pages},
                      LiveStore.open(tmp_path / "likes.parquet", tuple(camp.page_ids())),
                      every=1, until=until, out=io.StringIO())
    polls = tracker.run()
    assert 1 <= polls <= 3 and pd.Timestamp.now(tz="UTC") >= until - pd.Timedelta(seconds=1)
    assert read_likes(tmp_path / "likes.parquet")["observed_at"].max() <= until.ceil("s")


def test_a_stop_request_ends_the_run_after_the_poll_in_progress(fake, tmp_path):
    tracker, clock = _tracker(fake, tmp_path)
    tracker.sources = {page: _StopAfterRead(source, tracker) for page, source in tracker.sources.items()}
    assert tracker.run() == 1  # the stop came during poll 1: poll 1 is written whole, no poll 2
    assert len(read_likes(tmp_path / "likes.parquet")) == 3


class _StopAfterRead:
    """A source that asks the tracker to stop as soon as it has been read (like a SIGTERM)."""

    def __init__(self, source, tracker):
        self.source, self.tracker = source, tracker

    def read(self, session):
        reading = self.source.read(session)
        self.tracker.request_stop()
        return reading
