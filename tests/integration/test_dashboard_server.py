"""`opeunlike dashboard` as a process on 127.0.0.1, fed by `likes track` from the fake Graph API."""

from __future__ import annotations

import json
import time

import pytest
import requests

from tests.support.live_stack import LiveStack

pytestmark = pytest.mark.network


@pytest.fixture
def stack(tmp_path):
    live = LiveStack(tmp_path).start()
    yield live
    live.stop()


def _first_event(url: str, timeout: float = 10.0) -> dict:
    with requests.get(url + "api/stream", stream=True, timeout=timeout) as reply:
        assert reply.headers["content-type"].startswith("text/event-stream")
        for line in reply.iter_lines(decode_unicode=True):
            if line.startswith("data: "):
                return json.loads(line[len("data: "):])
    raise AssertionError("the stream closed without an event")


def test_page_script_and_chart_library_are_served_locally(stack):
    page = requests.get(stack.url, timeout=5)
    assert page.ok and '<script src="/static/uPlot.iife.min.js">' in page.text
    for name in ("uPlot.iife.min.js", "uPlot.min.css", "dashboard.js", "dashboard.css"):
        assert requests.get(f"{stack.url}static/{name}", timeout=5).ok, name


def test_the_stream_pushes_counts_that_fall_as_the_tracker_records_them(stack):
    deadline = time.monotonic() + 20
    first = _first_event(stack.url)
    while first["rows"] < 3 and time.monotonic() < deadline:
        first = _first_event(stack.url)
    time.sleep(2.5)
    second = _first_event(stack.url)
    page = {p["page"]: p for p in first["pages"]}["maroc_telecom"]
    later = {p["page"]: p for p in second["pages"]}["maroc_telecom"]
    assert later["likes"] < page["likes"] and later["lost_since_start"] > page["lost_since_start"]
    assert second["counter"]["starts"][0]["days"] == 304


def test_a_dashboard_started_before_the_tracker_waits_for_it(tmp_path):
    live = LiveStack(tmp_path).start(track=False)
    try:
        state = requests.get(live.url + "api/state", timeout=5).json()
        assert state["rows"] == 0 and {p["likes"] for p in state["pages"]} == {None}
    finally:
        live.stop()


def test_an_unknown_event_for_days_since_is_refused_before_serving(capsys):
    from analysis.cli import main

    assert main(["dashboard", "--days-since", "E999"]) == 2
    assert "E999" in capsys.readouterr().err


def test_refresh_slower_than_30_s_is_refused(capsys):
    from analysis.cli import main

    assert main(["dashboard", "--refresh", "45s"]) == 2
    assert "30 s" in capsys.readouterr().err
