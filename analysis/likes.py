"""Page like snapshots → likes lost per time bin, with the gaps shown, never filled.

A tracker polls a page's like count at irregular times. To get the likes lost in a
bin, the count is read at both bin edges by linear interpolation between the two
snapshots around each edge, **only when those snapshots are at most ``max_gap``
apart**. Across a longer gap the bins are left empty (NaN) and reported by
:func:`find_gaps`: a straight line through a tracker outage would invent a loss rate.

The counts are net (new likes minus unlikes), so "lost" is the net fall of the count.
Press-reported figures (:func:`press_markers`) stay a separate table of markers; they
are never blended into the measured series.

Examples
--------
>>> import pandas as pd
>>> snaps = pd.DataFrame({"page": "inwi", "likes": [1000, 940, 880, 500],
...     "observed_at": pd.to_datetime(["2016-02-27 10:00", "2016-02-27 10:10",
...                                    "2016-02-27 10:20", "2016-02-27 14:00"], utc=True)})
>>> rate = loss_rate(snaps, "10min", max_gap="30min")
>>> rate["lost"].tolist()[:3], rate["status"].tolist()[:3]
([60.0, 60.0, nan], ['ok', 'ok', 'gap'])
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.io import read_table
from analysis.schema import OPERATORS, validate_likes

#: Press quantities that can be drawn as markers on a like-loss chart.
MARKER_QUANTITIES = (
    "likes_lost_since_campaign_start",
    "likes_lost_in_one_day",
    "likes_lost_in_under_24h",
    "likes_lost_in_one_minute",
    "loss_rate_per_minute_peak",
)


def read_snapshots(path: str | Path) -> pd.DataFrame:
    """A like table from a tracker CSV (``timestamp, page, likes``) or a like Parquet.

    Rows that fail validation are dropped here but counted in ``attrs['rejected']``.
    """
    path = Path(path)
    if path.suffix == ".parquet":
        return read_table(path)
    raw = pd.read_csv(path, dtype={"page": str, "timestamp": str})
    raw = raw.rename(columns={"timestamp": "observed_at"})
    raw["source"] = [f"{path.name}:{i + 2}" for i in range(len(raw))]
    raw["parser"] = "tracker"
    good, bad = validate_likes(raw)
    good.attrs["rejected"] = len(bad)
    return good


def pages_in(values) -> list[str]:
    """The pages present, the three operators first in their usual order, then any other
    campaign's pages sorted (a campaign file may track any pages).

    >>> pages_in(["meditel", "sidi_ali", "inwi"])
    ['inwi', 'meditel', 'sidi_ali']
    """
    present = set(values)
    return [p for p in OPERATORS if p in present] + sorted(present - set(OPERATORS))


def _ns(values) -> np.ndarray:
    """Nanoseconds since the epoch (UTC) of timestamps, as int64."""
    return pd.DatetimeIndex(values).tz_convert("UTC").as_unit("ns").asi8


def utc(value) -> pd.Timestamp:
    """A timestamp in UTC; naive input is taken as UTC (the package's convention).

    >>> str(utc("2016-02-28 12:00"))
    '2016-02-28 12:00:00+00:00'
    """
    ts = pd.Timestamp(value)
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def _likes_at(times: np.ndarray, values: np.ndarray, at: np.ndarray, max_gap_ns: int) -> np.ndarray:
    """Like count at each instant of ``at``, NaN where the surrounding snapshots are too far apart."""
    out = np.full(len(at), np.nan)
    if len(times) == 0:
        return out
    right = np.searchsorted(times, at, side="left")  # first snapshot >= instant
    exact = (right < len(times)) & (times[np.minimum(right, len(times) - 1)] == at)
    out[exact] = values[right[exact]]
    inner = ~exact & (right > 0) & (right < len(times))
    lo, hi = right[inner] - 1, right[inner]
    span = times[hi] - times[lo]
    ok = span <= max_gap_ns
    frac = (at[inner] - times[lo]) / np.where(span == 0, 1, span)
    interp = values[lo] + frac * (values[hi] - values[lo])
    vals = np.where(ok, interp, np.nan)
    out[np.flatnonzero(inner)] = vals
    return out


def loss_rate(likes: pd.DataFrame, bin: str = "10min", max_gap: str = "30min",
              start=None, end=None) -> pd.DataFrame:
    """Likes lost per bin and page (long table).

    Columns: ``page, bin_start, likes_start, likes_end, lost, rate_per_min, status``
    where ``status`` is ``ok`` or ``gap`` (an edge fell in a gap longer than
    ``max_gap``, or outside the observed span). ``attrs`` hold bin and max_gap.
    """
    step = pd.Timedelta(bin)
    gap_ns = pd.Timedelta(max_gap).value
    frames = []
    for page in pages_in(likes["page"]):
        snaps = likes[likes["page"] == page].sort_values("observed_at")
        snaps = snaps.drop_duplicates("observed_at", keep="last")
        t = _ns(snaps["observed_at"])
        lo = utc(start) if start is not None else utc(snaps["observed_at"].iloc[0])
        hi = utc(end) if end is not None else utc(snaps["observed_at"].iloc[-1])
        edges = pd.date_range(lo.floor(bin), hi.ceil(bin), freq=bin)
        at = _likes_at(t, snaps["likes"].to_numpy(dtype=float), _ns(edges), gap_ns)
        lost = at[:-1] - at[1:]
        frames.append(pd.DataFrame({
            "page": page, "bin_start": edges[:-1], "likes_start": at[:-1], "likes_end": at[1:],
            "lost": lost, "rate_per_min": lost / (step / pd.Timedelta(minutes=1)),
            "status": np.where(np.isnan(lost), "gap", "ok"),
        }))
    cols = ["page", "bin_start", "likes_start", "likes_end", "lost", "rate_per_min", "status"]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
    out.attrs.update(bin=bin, max_gap=max_gap,
                     method="linear interpolation between snapshots <= max_gap apart; none across gaps")
    return out


def loss_wide(rate: pd.DataFrame, column: str = "lost") -> pd.DataFrame:
    """``bin_start`` x page table of one column of :func:`loss_rate`."""
    wide = rate.pivot(index="bin_start", columns="page", values=column)
    wide = wide[pages_in(wide.columns)]
    wide.columns.name = None
    wide.attrs.update(rate.attrs)
    return wide


def cumulative_since(rate: pd.DataFrame, since) -> pd.DataFrame:
    """Net likes lost since ``since``, per page, at each bin start of :func:`loss_rate`.

    Read from the counts at the bin edges, so it is empty inside tracker gaps (never
    bridged) and resumes after them; bins before ``since`` are empty.

    >>> import pandas as pd
    >>> snaps = pd.DataFrame({"page": "inwi", "likes": [100, 90, 70],
    ...     "observed_at": pd.to_datetime(["2016-02-27 10:00", "2016-02-27 10:10",
    ...                                    "2016-02-27 10:20"], utc=True)})
    >>> cumulative_since(loss_rate(snaps, "10min"), "2016-02-27 10:00")["inwi"].tolist()
    [0.0, 10.0]
    """
    since = utc(since)
    wide = rate.pivot(index="bin_start", columns="page", values="likes_start")
    wide = wide[pages_in(wide.columns)]
    wide.columns.name = None
    base = wide.loc[wide.index >= since].dropna(how="all")
    if base.empty:
        return wide * np.nan
    start_counts = wide.loc[wide.index >= since].bfill().iloc[0]
    out = start_counts - wide
    out[out.index < since] = np.nan
    return out


def find_gaps(likes: pd.DataFrame, max_gap: str = "30min", start=None, end=None) -> pd.DataFrame:
    """Intervals between consecutive snapshots longer than ``max_gap``, per page.

    With ``start``/``end`` only gaps overlapping that window are returned.
    """
    limit = pd.Timedelta(max_gap)
    rows = []
    for page in pages_in(likes["page"]):
        t = likes.loc[likes["page"] == page, "observed_at"].sort_values().reset_index(drop=True)
        d = t.diff()
        for i in np.flatnonzero((d > limit).to_numpy()):
            rows.append({"page": page, "gap_start": t[i - 1], "gap_end": t[i], "duration": d[i]})
    gaps = pd.DataFrame(rows, columns=["page", "gap_start", "gap_end", "duration"])
    if start is not None:
        gaps = gaps[gaps["gap_end"] > utc(start)]
    if end is not None:
        gaps = gaps[gaps["gap_start"] < utc(end)]
    gaps = gaps.reset_index(drop=True)
    gaps.attrs.update(max_gap=max_gap)
    return gaps


def cumulative_loss(likes: pd.DataFrame, since, until, max_gap: str = "30min") -> pd.Series:
    """Net likes lost per page between two instants (NaN when either falls in a gap)."""
    out = {}
    gap_ns = pd.Timedelta(max_gap).value
    when = _ns([utc(since), utc(until)])
    for page in pages_in(likes["page"]):
        snaps = likes[likes["page"] == page].sort_values("observed_at")
        at = _likes_at(_ns(snaps["observed_at"]), snaps["likes"].to_numpy(dtype=float), when, gap_ns)
        out[page] = at[0] - at[1]
    return pd.Series(out, name="lost", dtype=float)


def press_markers(figures: pd.DataFrame | None = None,
                  quantities: tuple[str, ...] = MARKER_QUANTITIES) -> pd.DataFrame:
    """Press-reported like figures with a date, as markers (never mixed into the series).

    Undated figures are dropped (they cannot be placed on a time axis); ``attrs``
    says how many.
    """
    if figures is None:
        from analysis import reference

        figures = reference.load_reported_figures()
    sel = figures[figures["quantity"].isin(quantities)]
    dated = sel[sel["observed_at"].notna()]
    cols = [c for c in ("page", "observed_at", "quantity", "value", "source_outlet", "source_url")
            if c in dated.columns]
    out = dated[cols].sort_values(["observed_at", "page"], kind="stable").reset_index(drop=True)
    out.attrs.update(undated_dropped=int(len(sel) - len(dated)),
                     note="as reported by the press; not measurements of this project")
    return out
