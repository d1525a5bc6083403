"""What each statistic needs before it can say anything, checked by the statistic's caller.

The notebooks call these before computing, and :mod:`analysis.preflight` calls the same
functions before any notebook runs, so the plan printed up front and the figures drawn
later agree. Each returns a :class:`Verdict`: ``ok`` and, when not, the reason in words
a reader can act on ("needs at least 48 bins with posts and likes, you have 32").

A reason is written from the catalogue (``reasons.*`` in ``analysis/i18n/*.yml``):
``reason`` is its English text (the plan, the logs), :meth:`Verdict.text` the same
reason in a figure's language, its numbers and dates written as that edition writes them.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import pandas as pd

from analysis import i18n

#: Fewest bins for a lag analysis: below this, CCF and Granger have too few
#: observations for the lags tested (statsmodels refuses maxlags that large).
MIN_LAG_BINS = 48


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""
    #: The catalogue key of the reason (``reasons.KEY``) and the values it is filled with.
    key: str = ""
    values: tuple = ()

    def __bool__(self) -> bool:
        return self.ok

    @classmethod
    def no(cls, key: str, **values) -> Verdict:
        """A "cannot run" verdict whose reason is ``reasons.KEY`` filled with ``values``."""
        verdict = cls(False, "", key, tuple(values.items()))
        return cls(False, verdict.text(i18n.DEFAULT), key, verdict.values)

    def text(self, lang: str = i18n.DEFAULT) -> str:
        """The reason in ``lang`` ("" when the verdict is ok)."""
        if not self.key:
            return self.reason
        return i18n.t(f"reasons.{self.key}", lang, **{k: _word(v, lang) for k, v in self.values})


def _word(value, lang: str) -> str:
    """A value of a reason as ``lang`` writes it: numbers grouped, dates with month names,
    other verdicts in the same language; bins ("10min") and durations ("14D") as given."""
    if isinstance(value, Verdict):
        return value.text(lang)
    if isinstance(value, pd.Timestamp):
        return i18n.date_text(value, lang)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return i18n.number_text(value, lang)
    return str(value)


def both(first: Verdict, second: Verdict) -> Verdict:
    """Two verdicts that both stop an analysis, as one reason ("… and …")."""
    return Verdict.no("both", first=first, second=second)


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
    return Verdict.no("lag_bins", need=need, bin=bin, n=int(n_bins))


def likes_ready(likes: pd.DataFrame | None, start=None, end=None) -> Verdict:
    """At least one page with two snapshots (a loss needs two counts) inside the window."""
    if likes is None or not len(likes):
        return Verdict.no("no_likes_read")
    inside = likes
    if start is not None:
        inside = inside[inside["observed_at"] >= pd.Timestamp(start)]
    if end is not None:
        inside = inside[inside["observed_at"] < pd.Timestamp(end)]
    per_page = inside.groupby("page").size()
    if not (per_page >= 2).any():
        return Verdict.no("no_likes_in_window")
    return Verdict(True)


#: What :func:`posts_ready` may count, and the catalogue word of each (``reasons.KEY_read``).
POST_KINDS = {"posts": "posts", "original posts": "originals"}


def posts_ready(posts: pd.DataFrame | None, start=None, end=None, what: str = "posts") -> Verdict:
    """At least one post (inside the window when one is given); ``what`` is one of
    :data:`POST_KINDS`."""
    kind = POST_KINDS[what]
    if posts is None or not len(posts):
        return Verdict.no(f"no_{kind}_read")
    if start is not None and end is not None:
        t = posts["created_at"]
        if not ((t >= pd.Timestamp(start)) & (t < pd.Timestamp(end))).any():
            return Verdict.no(f"no_{kind}_in_window")
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
        return Verdict.no("no_events_file")
    n = len(testable_events(events, start, end, post, baseline))
    if n:
        return Verdict(True)
    return Verdict.no("no_event_window", baseline=baseline, post=post, start=pd.Timestamp(start),
                      end=pd.Timestamp(end))
