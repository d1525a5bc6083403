"""What the 2016 tracker and VoIP Down showed: likes now, lost since the start, the days.

Shared by the tracker's status line and the dashboard, so both say the same numbers.
"Lost" is positive when a page lost likes; a gain is a negative loss.

The start a loss is counted from is the page's last count at or before the campaign's
``launch`` when the record reaches back that far, else its first recorded count (the
start of tracking): ``since_kind`` says which.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import pandas as pd

RATE_WINDOW = pd.Timedelta("10min")


@dataclass(frozen=True)
class PageSummary:
    page: str
    likes: int | None
    observed_at: pd.Timestamp | None
    since: pd.Timestamp | None
    since_kind: str  # "launch" or "first_count"
    lost_since_start: int | None
    lost_per_minute: float | None  # over the last RATE_WINDOW of counts

    def to_json(self) -> dict:
        out = asdict(self)
        for key in ("observed_at", "since"):
            out[key] = out[key].isoformat() if out[key] is not None else None
        if out["lost_per_minute"] is not None and math.isnan(out["lost_per_minute"]):
            out["lost_per_minute"] = None
        return out


def page_summary(likes: pd.DataFrame, page: str, launch: pd.Timestamp | None = None,
                 window: pd.Timedelta = RATE_WINDOW) -> PageSummary:
    """Summary of one page's recorded counts.

    >>> t = pd.to_datetime(["2026-01-01 10:00", "2026-01-01 10:05", "2026-01-01 10:10"], utc=True)
    >>> df = pd.DataFrame({"page": "inwi", "observed_at": t, "likes": [1000, 950, 900]})
    >>> s = page_summary(df, "inwi")
    >>> s.likes, s.lost_since_start, s.lost_per_minute, s.since_kind
    (900, 100, 10.0, 'first_count')
    """
    rows = likes[likes["page"] == page].dropna(subset=["likes"]).sort_values("observed_at")
    if not len(rows):
        return PageSummary(page, None, None, None, "first_count", None, None)
    times, counts = rows["observed_at"], rows["likes"].astype("int64")
    before = rows[times <= launch] if launch is not None else rows.iloc[:0]
    if len(before):
        since_row, kind = before.iloc[-1], "launch"
    else:
        since_row, kind = rows.iloc[0], "first_count"
    now_t, now_n = times.iloc[-1], int(counts.iloc[-1])
    recent = rows[times >= now_t - window]
    minutes = (now_t - recent["observed_at"].iloc[0]).total_seconds() / 60
    rate = (int(recent["likes"].iloc[0]) - now_n) / minutes if minutes > 0 else None
    return PageSummary(page, now_n, now_t, since_row["observed_at"], kind,
                       int(since_row["likes"]) - now_n, rate)


def summaries(likes: pd.DataFrame, pages: list[str], launch=None) -> dict[str, PageSummary]:
    return {page: page_summary(likes, page, launch) for page in pages}


def status_line(poll: int, when: pd.Timestamp, sums: dict[str, PageSummary],
                problems: dict[str, str]) -> str:
    """One line per poll: each page's count, change since the start, rate per minute.

    >>> t = pd.Timestamp("2026-01-01 10:10", tz="UTC")
    >>> s = PageSummary("inwi", 900, t, t, "first_count", 100, 10.0)
    >>> status_line(3, t, {"inwi": s, "meditel": PageSummary("meditel", None, None, None, "", None, None)},
    ...             {"meditel": "HTTP 503 (2 in a row)"})
    'poll 3 2026-01-01 10:10:00Z | inwi 900 (-100 since start, -10.0/min) | meditel: HTTP 503 (2 in a row)'
    """
    parts = [f"poll {poll} {when:%Y-%m-%d %H:%M:%S}Z"]
    for page, s in sums.items():
        if page in problems:
            parts.append(f"{page}: {problems[page]}")
        elif s.likes is None:
            parts.append(f"{page}: no count yet")
        else:
            rate = f", {-s.lost_per_minute:+.1f}/min" if s.lost_per_minute is not None else ""
            parts.append(f"{page} {s.likes:,} ({-s.lost_since_start:+,} since start{rate})")
    return " | ".join(parts)


def days_counter(campaign, today: pd.Timestamp, event_id: str | None = None,
                 events: pd.DataFrame | None = None) -> dict | None:
    """VoIP Down's counter: whole days from a dated start to the end (or to ``today``).

    With ``event_id`` the count runs from that event of the campaign's events file to
    today; otherwise from the campaign's ``counter`` (its first start heads it), else
    from its ``launch``. Each start carries its note and the event's source.
    """
    today = pd.Timestamp(today).tz_convert("UTC") if pd.Timestamp(today).tzinfo else \
        pd.Timestamp(today).tz_localize("UTC")
    if event_id is not None:
        row = _event(events, event_id)
        start = pd.Timestamp(row["date"]).tz_localize("UTC")
        starts = [{"id": event_id, "date": start, "event": event_id, "note": row.get("title", ""),
                   "source": _source(row)}]
        label, end = None, None
    elif campaign.counter:
        label, end = campaign.counter["label"], campaign.counter["end"]
        starts = [dict(s, source=_source(_event(events, s["event"])) if s.get("event") else None)
                  for s in campaign.counter["starts"]]
        if end:
            end = dict(end, source=_source(_event(events, end["event"])) if end.get("event") else None)
    elif campaign.launch is not None:
        starts = [{"id": "launch", "date": campaign.launch, "event": None, "note": "", "source": None}]
        label, end = None, None
    else:
        return None
    stop = end["date"] if end else today
    for s in starts:
        s["days"] = int((stop.normalize() - s["date"].normalize()).days)
    return {"label": label, "starts": starts, "end": end, "running": end is None}


def _event(events: pd.DataFrame | None, event_id: str) -> dict:
    if events is None:
        return {}
    match = events[events["event_id"] == event_id]
    if not len(match):
        raise ValueError(f"no event {event_id!r} in the campaign's events file")
    return match.iloc[0].to_dict()


def _source(row: dict) -> dict | None:
    if not row:
        return None
    outlets = [o.strip() for o in str(row.get("source_outlet") or "").split("|")]
    urls = [u.strip() for u in str(row.get("source_url") or "").split("|")]
    if not urls or not urls[0]:
        return None
    return {"outlet": outlets[0] if outlets else "", "url": urls[0]}
