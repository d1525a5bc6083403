"""The sourced facts: policy events of the 2016 VoIP block and the like figures the press reported.

Three committed CSVs in ``data/reference/`` (see its README for sources and method):

* ``policy_events.csv``: 56 dated events, each with its source URLs;
* ``reported_like_figures.csv``: 48 figures as printed, one row per number;
* ``conflicts.csv``: every known disagreement between sources, by id.

Conflicting figures are separate rows tied by a ``conflict`` id, never averaged.
Dates are stated at the precision the sources support (day, month, year); they are
Africa/Casablanca local dates, converted here to a UTC interval ``[date, date_end)``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import paths

LOCAL_TZ = "Africa/Casablanca"
SOURCE_SEPARATOR = " | "
EVENTS_FILE = "policy_events.csv"
FIGURES_FILE = "reported_like_figures.csv"
CONFLICTS_FILE = "conflicts.csv"
PRECISIONS = ("day", "month", "year", "unknown")
_PERIOD = {"day": "D", "month": "M", "year": "Y"}
#: Quantities that count likes lost (the rest are rates, shares or context).
LOSS_COUNT_QUANTITIES = (
    "likes_lost_since_campaign_start",
    "likes_lost_in_one_day",
    "likes_lost_in_under_24h",
)


def _read(name: str, folder: Path | None) -> pd.DataFrame:
    path = (folder or paths.REFERENCE) / name
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def local_period_to_utc(date: str, precision: str, time_utc: str = "") -> tuple[pd.Timestamp, pd.Timestamp]:
    """UTC interval ``[start, end)`` covered by a local date stated at ``precision``.

    A clock time, when a source gives one, narrows the interval to that minute.

    Examples
    --------
    >>> local_period_to_utc("2016-02-26", "day")
    (Timestamp('2016-02-26 00:00:00+0000', tz='UTC'), Timestamp('2016-02-27 00:00:00+0000', tz='UTC'))
    >>> local_period_to_utc("2016-06-02", "day")[0]  # Morocco was on UTC+1 that day
    Timestamp('2016-06-01 23:00:00+0000', tz='UTC')
    >>> local_period_to_utc("2016-10", "month")[1]
    Timestamp('2016-11-01 00:00:00+0000', tz='UTC')
    """
    if precision == "unknown":
        return pd.NaT, pd.NaT
    period = pd.Period(date, freq=_PERIOD[precision])
    start = period.start_time.tz_localize(LOCAL_TZ).tz_convert("UTC")
    end = (period + 1).start_time.tz_localize(LOCAL_TZ).tz_convert("UTC")
    if time_utc:
        # The CSV states clock times in UTC already (the reference README explains why).
        start = pd.Timestamp(f"{date}T{time_utc}", tz="UTC")
        end = start + pd.Timedelta(minutes=1)
    return start, end


def _split_sources(value: str) -> list[str]:
    return [part.strip() for part in value.split(SOURCE_SEPARATOR)] if value else []


@lru_cache(maxsize=4)
def _load_events(folder: Path | None) -> pd.DataFrame:
    raw = _read(EVENTS_FILE, folder)
    intervals = [
        local_period_to_utc(d, p, t)
        for d, p, t in zip(raw["date"], raw["date_precision"], raw["time_utc"])
    ]
    df = pd.DataFrame(
        {
            "event_id": raw["event_id"],
            "date": pd.to_datetime([s for s, _ in intervals], utc=True),
            "date_end": pd.to_datetime([e for _, e in intervals], utc=True),
            "precision": pd.Categorical(raw["date_precision"], categories=PRECISIONS),
            "local_date": raw["date"],
            "time_known": raw["time_utc"] != "",
            "actor": raw["actor"],
            "event_type": raw["event_type"],
            "title_en": raw["title"],
            "summary": raw["summary"],
            "conflict": raw["conflict"].replace("", None),
            "confidence": pd.Categorical(raw["confidence"], categories=["low", "medium", "high"], ordered=True),
            "source_url": raw["source_url"].map(_split_sources),
            "source_outlet": raw["source_outlet"].map(_split_sources),
            "source_date": raw["source_date"].map(_split_sources),
        }
    )
    return df


def load_events(folder: Path | None = None) -> pd.DataFrame:
    """Policy events as a typed table, one row per event, sorted as in the file.

    Columns: ``event_id``, ``date``/``date_end`` (UTC interval of the stated local
    period; NaT when undated), ``precision`` (day, month, year, unknown),
    ``local_date`` (as stated), ``time_known``, ``actor``, ``event_type``,
    ``title_en``, ``summary``, ``conflict`` (id in :func:`load_conflicts` or None),
    ``confidence``, and lists ``source_url``/``source_outlet``/``source_date``.
    """
    return _load_events(folder).copy()


def load_reported_figures(folder: Path | None = None) -> pd.DataFrame:
    """Like figures as reported by the press, one row per printed number.

    ``observed_at`` is the UTC start of the local observation day (NaT when the
    article gives none); ``value`` is a float; ``qualifier`` keeps the printed hedge
    (about, more_than, nearly, up_to, range_min/max, not_a_measurement, exact).
    Rows that disagree share a ``conflict`` id: query them with :func:`conflicting`.
    """
    raw = _read(FIGURES_FILE, folder)
    observed = [
        local_period_to_utc(d, "day")[0] if d else pd.NaT for d in raw["observed_on"]
    ]
    return pd.DataFrame(
        {
            "figure_id": raw["figure_id"],
            "page": raw["page"],
            "observed_on": raw["observed_on"],
            "observed_at": pd.to_datetime(observed, utc=True),
            "quantity": raw["quantity"],
            "value": raw["value"].astype(float),
            "qualifier": raw["qualifier"],
            "note": raw["note"],
            "conflict": raw["conflict"].replace("", None),
            "source_url": raw["source_url"],
            "source_outlet": raw["source_outlet"],
            "article_published_at": raw["article_published_at"],
        }
    )


def load_conflicts(folder: Path | None = None) -> pd.DataFrame:
    """Known disagreements between sources: ``conflict_id``, ``table``, ``description``."""
    return _read(CONFLICTS_FILE, folder)


def conflicting(figures: pd.DataFrame | None = None, *, page: str | None = None,
                quantity: str | None = None) -> pd.DataFrame:
    """Figures that belong to a conflict, with the spread of each conflict group.

    Returns one row per figure plus ``group_min``, ``group_max`` and ``group_n``
    so a reader sees at once how far the sources disagree.

    Examples
    --------
    >>> mt = conflicting(page="maroc_telecom", quantity="likes_lost_since_campaign_start")
    >>> bool((mt["group_max"] > mt["group_min"]).all())
    True
    """
    figures = load_reported_figures() if figures is None else figures
    rows = figures[figures["conflict"].notna()]
    if page is not None:
        rows = rows[rows["page"] == page]
    if quantity is not None:
        rows = rows[rows["quantity"] == quantity]
    grouped = rows.groupby("conflict")["value"]
    return rows.assign(
        group_min=grouped.transform("min"),
        group_max=grouped.transform("max"),
        group_n=grouped.transform("size"),
    )


def silent_disagreements(figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pairs of rows that report different values for the same page, quantity and day
    without sharing a conflict id. An empty result means every disagreement is declared.
    """
    figures = load_reported_figures() if figures is None else figures
    problems = []
    for key, group in figures.groupby(["page", "quantity", "observed_on"]):
        if group["value"].nunique() < 2:
            continue
        conflict = group["conflict"]
        if conflict.isna().any() or conflict.nunique() != 1:
            problems.append(
                {"page": key[0], "quantity": key[1], "observed_on": key[2],
                 "figure_ids": ", ".join(group["figure_id"]), "conflicts": ", ".join(conflict.fillna("none").astype(str))}
            )
    return pd.DataFrame(problems, columns=["page", "quantity", "observed_on", "figure_ids", "conflicts"])


def block_period(start: str = "first_block") -> tuple[pd.Timestamp, pd.Timestamp]:
    """UTC start and end of the VoIP block, from the event table.

    ``start="first_block"`` takes the earliest dated ``block`` event (31 Dec 2015, as
    later reported); ``start="confirmed"`` takes the high-confidence start (5 Jan 2016).
    The end is the nationwide restoration of 4 Nov 2016.
    """
    events = _load_events(None)
    blocks = events[(events["event_type"] == "block") & events["date"].notna()]
    if start == "confirmed":
        blocks = blocks[blocks["confidence"] == "high"]
    elif start != "first_block":
        raise ValueError("start must be 'first_block' or 'confirmed'")
    unblocks = events[(events["event_type"] == "unblock") & events["time_known"]]
    return blocks["date"].min(), unblocks["date"].max()


def block_counter(starts: dict[str, pd.Timestamp], end: pd.Timestamp) -> pd.DataFrame:
    """Days under the block on each local day, for each stated start (one column each).

    Day 1 is the start day itself, as the VoIP Down counter counted.

    >>> c = block_counter({"a": pd.Timestamp("2016-01-05", tz="UTC")}, pd.Timestamp("2016-01-07", tz="UTC"))
    >>> c["a"].tolist()
    [1, 2]
    """
    first = min(starts.values())
    days = pd.date_range(first.normalize(), end.normalize() - pd.Timedelta(days=1), freq="1D")
    out = pd.DataFrame({"date": days.strftime("%Y-%m-%d")})
    for name, start in starts.items():
        out[name] = np.clip(((days - start.normalize()).days + 1), 0, None)
    return out
