"""What each statistic needs before it can say anything, checked by the statistic's caller.

The notebooks call these before computing, and :mod:`analysis.preflight` calls the same
functions before any notebook runs, so the plan printed up front and the figures drawn
later agree. Each returns a :class:`Verdict`: ``ok`` and, when not, the reason in words
a reader can act on ("needs at least 48 bins with posts and likes, you have 32").
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: Fewest bins for a lag analysis: below this, CCF and Granger have too few
#: observations for the lags tested (statsmodels refuses maxlags that large).
MIN_LAG_BINS = 48


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.ok


def min_lag_bins(max_lag: int) -> int:
    """Bins the lag analysis needs: 48, or 4 x ``max_lag`` when that is more.

    >>> min_lag_bins(12), min_lag_bins(20)
    (48, 80)
    """
    return max(MIN_LAG_BINS, 4 * int(max_lag))


def complete_bins(negative: pd.Series, lost: pd.Series) -> int:
    """Length of the longest run of bins where both series have a value (what the CCF uses)."""
    both = pd.concat([negative, lost], axis=1).notna().all(axis=1).to_numpy()
    best = run = 0
    for ok in both:
        run = run + 1 if ok else 0
        best = max(best, run)
    return best


def lag_ready(n_bins: int, max_lag: int, bin: str) -> Verdict:
    """Whether a lag analysis over ``n_bins`` complete bins can test ``max_lag`` lags."""
    need = min_lag_bins(max_lag)
    if n_bins >= need:
        return Verdict(True)
    return Verdict(False, f"needs at least {need} {bin} bins with both posts and likes, you have {n_bins}")


def likes_ready(likes: pd.DataFrame | None, start=None, end=None) -> Verdict:
    """At least one page with two snapshots (a loss needs two counts) inside the window."""
    if likes is None or not len(likes):
        return Verdict(False, "no like snapshots were read")
    inside = likes
    if start is not None:
        inside = inside[inside["observed_at"] >= pd.Timestamp(start)]
    if end is not None:
        inside = inside[inside["observed_at"] < pd.Timestamp(end)]
    per_page = inside.groupby("page").size()
    if not (per_page >= 2).any():
        return Verdict(False, "no page has two like snapshots inside the window")
    return Verdict(True)


def posts_ready(posts: pd.DataFrame | None, start=None, end=None, what: str = "posts") -> Verdict:
    """At least one post (inside the window when one is given)."""
    if posts is None or not len(posts):
        return Verdict(False, f"no {what} were read")
    if start is not None and end is not None:
        t = posts["created_at"]
        if not ((t >= pd.Timestamp(start)) & (t < pd.Timestamp(end))).any():
            return Verdict(False, f"no {what} fall inside the window")
    return Verdict(True)


def testable_events(events: pd.DataFrame, start, end, post: str, baseline: str) -> pd.DataFrame:
    """Day-precision events whose baseline and event windows both lie inside [start, end)."""
    if events is None or not len(events):
        return events.iloc[0:0] if events is not None else pd.DataFrame()
    day = events[(events["precision"].astype(str) == "day") & events["date"].notna()]
    lo = pd.Timestamp(start) + pd.Timedelta(baseline)
    hi = pd.Timestamp(end) - pd.Timedelta(post)
    return day[(day["date"] >= lo) & (day["date"] <= hi)]


def event_study_ready(events: pd.DataFrame, start, end, post: str, baseline: str) -> Verdict:
    """At least one dated event with ``baseline`` of data before it and ``post`` after."""
    if events is None or not len(events):
        return Verdict(False, "the campaign has no events file")
    n = len(testable_events(events, start, end, post, baseline))
    if n:
        return Verdict(True)
    return Verdict(False, f"no dated event has {baseline} of data before it and {post} after "
                          f"(data from {pd.Timestamp(start):%d %b %Y} to {pd.Timestamp(end):%d %b %Y})")
