"""Headless Chromium for the browser tests (Debian's `chromium`; `.ci/run` installs it).

A test that needs it takes the ``browser`` fixture: it is skipped with the reason where
Chromium is absent, and fails instead on CI (``CI`` set), where it must run.
"""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlsplit

import pytest


def chromium() -> str:
    found = os.environ.get("OPEUNLIKE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    reason = "chromium is not installed (apt-get install chromium; .ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(reason + ": CI must run the browser test")
    pytest.skip(reason)


@pytest.fixture
def browser():
    executable = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable,
                                     args=["--no-sandbox", "--disable-background-networking"])
        yield launched
        launched.close()


def watch(page) -> dict:
    """Console errors, page errors, failed requests and every URL the page asked for."""
    seen = {"errors": [], "requests": []}
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("requestfailed", lambda r: seen["errors"].append(f"request failed: {r.url}"))
    page.on("request", lambda r: seen["requests"].append(r.url))
    return seen


def outside(requests: list[str]) -> list[str]:
    """Requests that would leave the machine: anything but file:, data: and 127.0.0.1."""
    return [u for u in requests if urlsplit(u).scheme not in ("file", "data", "blob", "about")
            and urlsplit(u).hostname != "127.0.0.1"]
