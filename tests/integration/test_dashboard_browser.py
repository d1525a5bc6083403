"""Headless Chromium opens the dashboard while `likes track` feeds it from the fake Graph API.

The counters must change between two screenshots, with no console error and no request
leaving 127.0.0.1. Chromium comes from Debian (`apt-get install chromium`; .ci/run
installs it): the test is skipped only where it is absent, and fails instead on CI.
"""

from __future__ import annotations

import contextlib
import json
from urllib.parse import urlsplit

import pytest

from tests.support.browser import browser, watch as _watch  # noqa: F401 - the fixture
from tests.support.live_stack import LiveStack

pytestmark = [pytest.mark.network, pytest.mark.slow]


@contextlib.contextmanager
def _dashboard(browser, tmp_path, **stack_options):
    """(page, what it saw) on a dashboard fed by `likes track` from the fake Graph API."""
    stack = LiveStack(tmp_path, **stack_options).start()
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    try:
        seen = _watch(page)
        page.goto(stack.url)
        yield page, seen
    finally:
        page.close()  # closes the event stream first, so the server stops at once
        stack.stop()


def _counters(page) -> list[str]:
    return page.locator(".page .now, .page .lost").all_inner_texts()


def _snapshot(page, path) -> tuple[list[str], bytes]:
    """The counters and a screenshot taken while they stayed the same (the page updates
    itself every second: a screenshot must show the numbers it is compared on)."""
    for _ in range(20):
        before = _counters(page)
        shot = page.screenshot(path=str(path))
        if _counters(page) == before:
            return before, shot
    raise AssertionError("the counters never held still for one screenshot")


def test_counters_move_between_two_screenshots_offline_and_without_errors(browser, tmp_path):
    with _dashboard(browser, tmp_path, every="2s") as (page, seen):
        page.wait_for_function("document.querySelectorAll('.page .now').length === 3 && "
                               "[...document.querySelectorAll('.page .now')].every(n => /\\d/.test(n.textContent))",
                               timeout=40_000)
        first, shot1 = _snapshot(page, tmp_path / "first.png")
        page.wait_for_function("(before) => JSON.stringify([...document.querySelectorAll('.page .now, .page .lost')]"
                               ".map(n => n.innerText)) !== before", arg=json.dumps(first, separators=(",", ":"), ensure_ascii=False),
                               timeout=30_000)
        second, shot2 = _snapshot(page, tmp_path / "second.png")
        assert second != first and shot1 != shot2
        assert page.locator(".counter .days").inner_text() == "304"
        assert page.locator("#simulated").inner_text().startswith("SIMULATED")  # fed by the local fake
        assert page.locator(".page canvas").count() == 3  # one live chart per page
        assert seen["errors"] == []
        outside = [u for u in seen["requests"]
                   if urlsplit(u).scheme != "data" and urlsplit(u).hostname != "127.0.0.1"]
        assert outside == [] and any(u.endswith("/static/uPlot.iife.min.js") for u in seen["requests"])


def test_the_arabic_dashboard_is_right_to_left(browser, tmp_path):
    with _dashboard(browser, tmp_path, lang="ar") as (page, seen):
        page.wait_for_selector(".page .now", timeout=40_000)
        assert page.evaluate("getComputedStyle(document.querySelector('.page')).direction") == "rtl"
        assert page.locator("#page-inwi h3").inner_text() == "إنوي"
        assert seen["errors"] == []
