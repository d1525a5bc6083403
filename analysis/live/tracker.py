"""The polling loop of ``opeunlike likes track``.

Polls start on a fixed grid (``start + k * every``); a poll that overruns skips the
slots it missed rather than bunching requests. In each poll every page's source is
asked at most once; a page that failed waits out its backoff (exponential with jitter,
at least its ``Retry-After``) while the others go on, and after ``mark_after`` failures
in a row it is marked failing in the status line and the poll log until a count comes
back. A failed or skipped poll is written to the poll log and nothing is written to the
like table: the gap stays a gap.

A stop request (SIGINT or SIGTERM, see :meth:`Tracker.request_stop`) ends the run after
the poll in progress has been written.
"""

from __future__ import annotations

import math
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from analysis.live import http, summary
from analysis.live.sources import Source
from analysis.live.store import LiveStore

MARK_AFTER = 5


@dataclass
class PageState:
    failures: int = 0
    next_try: float = 0.0  # clock seconds before which the page is not asked again
    last_error: str = ""

    @property
    def marked(self) -> bool:
        return self.failures >= MARK_AFTER


@dataclass
class Tracker:
    sources: dict[str, Source]
    store: LiveStore
    every: float = 60.0
    launch: pd.Timestamp | None = None
    max_polls: int | None = None
    until: pd.Timestamp | None = None
    quiet: bool = False
    backoff: http.Backoff | None = None
    session: object = None
    clock: Callable[[], float] = time.time
    out: object = sys.stderr
    states: dict[str, PageState] = field(default_factory=dict)
    polls: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self):
        self.backoff = self.backoff or http.Backoff(base=self.every, cap=max(3600.0, self.every))
        self.session = self.session or http.new_session()
        self.states = {page: PageState() for page in self.sources}

    # ----------------------------------------------------------------- control
    def request_stop(self, *_args) -> None:
        """Stop after the poll in progress (signal handlers call this)."""
        self._stop.set()

    def _now(self) -> pd.Timestamp:
        return pd.Timestamp(self.clock(), unit="s", tz="UTC").floor("s")

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self._stop.wait(seconds)

    def run(self) -> int:
        """Poll until stopped, ``max_polls`` or ``until``; return the number of polls made."""
        self._note_downtime()
        next_at = self.clock()
        while not self._stop.is_set():
            if self.until is not None and pd.Timestamp(next_at, unit="s", tz="UTC") > self.until:
                break
            self._wait(next_at - self.clock())
            if self._stop.is_set():
                break
            self.poll_once()
            if self.max_polls is not None and self.polls >= self.max_polls:
                break
            next_at += self.every
            late = self.clock() - next_at
            if late > 0:  # the poll overran: skip the missed slots, never bunch requests
                next_at += self.every * (int(late // self.every) + 1)
        return self.polls

    # ----------------------------------------------------------------- one poll
    def poll_once(self) -> None:
        poll_at = self._now()
        rows, log, problems = [], [], {}
        for page, source in self.sources.items():
            state = self.states[page]
            if self.clock() < state.next_try:
                wait = state.next_try - self.clock()
                log.append(_log(poll_at, page, "backing_off", error=f"{state.last_error}; "
                                                                      f"next try in {math.ceil(wait)} s"))
                problems[page] = self._problem(state, f"next try in {math.ceil(wait)} s")
                continue
            try:
                reading = source.read(self.session)
            except http.FetchError as exc:
                state.failures += 1
                state.last_error = f"{exc.kind}: {exc}"
                state.next_try = self.clock() + self.backoff.delay(state.failures, exc.retry_after)
                log.append(_log(poll_at, page, "failing" if state.marked else "failed",
                                error=state.last_error))
                problems[page] = self._problem(state, "")
                continue
            observed_at = self._now()
            state.failures, state.next_try, state.last_error = 0, 0.0, ""
            rows.append({"page": page, "observed_at": observed_at, "likes": reading.likes,
                         "source": reading.url, "parser": reading.parser})
            log.append(_log(poll_at, page, "ok", observed_at, reading.likes))
        self.store.append(rows, log)
        self.polls += 1
        if not self.quiet:
            sums = summary.summaries(self.store.likes, list(self.sources), self.launch)
            print(summary.status_line(self.polls, poll_at, sums, problems), file=self.out, flush=True)

    @staticmethod
    def _problem(state: PageState, extra: str) -> str:
        label = "FAILING" if state.marked else "failed"
        tail = f"; {extra}" if extra else ""
        return f"{label} ({state.last_error}, {state.failures} in a row{tail})"

    def _note_downtime(self) -> None:
        """On a restart, log the time the tracker was not running as a gap of every page."""
        last = self.store.last_seen()
        if last is None:
            return
        now = self._now()
        error = f"tracker not running from {last:%Y-%m-%d %H:%M:%S}Z to {now:%Y-%m-%d %H:%M:%S}Z"
        self.store.append([], [_log(now, page, "not_running", error=error) for page in self.sources])
        if not self.quiet:
            print(f"resuming {self.store.out} ({len(self.store.likes):,} rows); {error}",
                  file=self.out, flush=True)


def _log(poll_at, page, status, observed_at=None, likes=None, error="") -> dict:
    return {"poll_at": poll_at, "page": page, "status": status, "observed_at": observed_at,
            "likes": likes, "error": error}
