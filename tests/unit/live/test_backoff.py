"""Backoff after a failed poll: exponential, jittered, capped, never shorter than Retry-After."""

from __future__ import annotations

import random
from datetime import datetime, timezone

from analysis.live.http import Backoff, parse_retry_after


def test_delay_doubles_per_failure_within_the_jitter_band():
    backoff = Backoff(base=60, cap=10_000, rng=random.Random(1))
    for failures in range(1, 6):
        nominal = 60 * 2 ** (failures - 1)
        delays = [backoff.delay(failures) for _ in range(200)]
        assert min(delays) >= 0.5 * nominal and max(delays) < 1.5 * nominal


def test_jitter_spreads_trackers_that_failed_together():
    backoff = Backoff(base=60, rng=random.Random(2))
    assert len({round(backoff.delay(3), 3) for _ in range(20)}) == 20


def test_delay_is_capped():
    backoff = Backoff(base=60, cap=600, rng=random.Random(3))
    assert max(backoff.delay(30) for _ in range(100)) < 1.5 * 600


def test_retry_after_longer_than_the_backoff_wins():
    backoff = Backoff(base=1, rng=random.Random(4))
    assert backoff.delay(1, retry_after=120) == 120


def test_retry_after_as_seconds_or_http_date():
    now = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
    assert parse_retry_after("30") == 30
    assert parse_retry_after("Sun, 01 Mar 2026 12:02:00 GMT", now) == 120
    assert parse_retry_after("Sun, 01 Mar 2026 11:00:00 GMT", now) == 0  # a date past is no wait
    assert parse_retry_after("later") is None
