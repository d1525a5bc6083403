"""Import like-count snapshots from a tracker CSV (timestamp, page, likes) into the like table."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from analysis import schema
from analysis.collect.csv_export import _count, detect_delimiter, detect_encoding
from analysis.collect.rows import LikeResult, Summary, drop_duplicates, empty_rejects, reject

_TIME_COLUMNS = ("timestamp", "observed_at", "time", "date")
_PAGE_ALIASES = {"iam": "maroc_telecom", "maroctelecom": "maroc_telecom",
                 "maroc telecom": "maroc_telecom", "maroc_telecom": "maroc_telecom",
                 "inwi": "inwi", "meditel": "meditel", "méditel": "meditel", "orange": "meditel"}


_OFFSET = re.compile(r"(Z|[+-]\d\d:?\d\d|UTC|GMT)$", re.IGNORECASE)


def page_name(value: str, aliases: dict[str, str] | None = None) -> str:
    """Canonical page name for the spellings trackers use (a campaign adds its own).

    >>> page_name("Maroc Telecom"), page_name("IAM"), page_name("Méditel")
    ('maroc_telecom', 'maroc_telecom', 'meditel')
    """
    key = (value or "").strip().lower()
    return (aliases or {}).get(key) or _PAGE_ALIASES.get(key, key)


def _with_zone(value: str, tz: str | None) -> str | pd.Timestamp:
    """A naive spreadsheet time read in ``tz``; times that carry an offset pass unchanged."""
    text = (value or "").strip()
    if tz is None or not text or text.isdigit() or _OFFSET.search(text):
        return text
    try:
        return pd.Timestamp(text).tz_localize(tz, ambiguous="raise", nonexistent="raise")
    except (ValueError, TypeError):
        return text  # unparseable or ambiguous at a DST change: the schema rejects it


def import_tracker(path: str | Path, *, tz: str | None = None, pages: list[str] | None = None,
                   aliases: dict[str, str] | None = None) -> LikeResult:
    """Read a tracker CSV into the like table; bad rows go to the rejects with the reason.

    Timestamps without a zone are rejected unless ``tz`` (an IANA zone such as
    ``Africa/Casablanca``) says what they mean. ``pages``/``aliases`` come from the
    campaign file (default: the three operators and their usual spellings).
    """
    path = Path(path)
    if tz is not None:
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"--tz {tz}: not a time zone name (try Africa/Casablanca or UTC)") from None
    data = path.read_bytes()
    text = data.decode(detect_encoding(data), errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text[:8192]))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    reader.fieldnames = fields
    time_col = next((c for c in _TIME_COLUMNS if c in fields), None)
    if time_col is None or "page" not in fields or "likes" not in fields:
        raise ValueError(f"{path}: need columns timestamp, page, likes; found {fields}")
    summary = Summary(files=1, units=1, bytes=len(data))
    rows, rejects = [], []
    for record in reader:
        source = f"{path}:{reader.line_num}"
        summary.lines += 1
        try:
            likes = _count(record.get("likes"))
        except ValueError as exc:
            summary.reject(f"unusable value ({exc})")
            rejects.append(reject(source, f"unusable value ({exc})", record))
            continue
        rows.append({"page": page_name(record.get("page", ""), aliases),
                     "observed_at": _with_zone(record[time_col], tz),
                     "likes": likes, "source": source, "parser": "tracker"})
    good, bad = schema.validate_likes(rows, tuple(pages) if pages else None)
    # Say what to do about the commonest spreadsheet problem, in the reject reason itself.
    naive = bad["reason"].str.contains("timestamp without UTC offset", regex=False)
    bad.loc[naive, "reason"] = "timestamp without time zone: pass --tz ZONE (e.g. --tz Africa/Casablanca)"
    for reason in bad["reason"]:
        summary.reject(reason)
    summary.parsed = summary.posts = summary.matched = len(rows)
    good, conflicts, summary.duplicates = drop_duplicates(good, ["page", "observed_at"], ["likes"])
    if len(conflicts):
        summary.reject("conflicting duplicate", len(conflicts))
    good = good.sort_values(["page", "observed_at"]).reset_index(drop=True)
    summary.written = len(good)
    rejects_df = pd.concat([empty_rejects(), pd.DataFrame(rejects), bad, conflicts],
                           ignore_index=True)
    return LikeResult(good, rejects_df, summary)
