"""Shared pieces of every collector: the empty row, privacy of handles, the run summary.

A flattener builds rows with :func:`post_row`; the run turns them into the canonical
post table with :func:`analysis.schema.validate_posts`. The :class:`Summary` counts what
was read, kept and skipped (with the reason), so a run can always say what it lost.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis import schema


def post_row(platform: str, native_id: Any, **values: Any) -> dict[str, Any]:
    """A post-table row with ``post_id = platform:native_id`` and empty lists by default.

    Examples
    --------
    >>> row = post_row("twitter", 42, text="hi", source="f.json:1")
    >>> row["post_id"], row["hashtags"], row["is_repost"]
    ('twitter:42', [], False)
    """
    row: dict[str, Any] = {
        "post_id": f"{platform}:{native_id}" if native_id not in (None, "") else None,
        "platform": platform,
        "created_at": None,
        "author_id": None,
        "text": None,
        "lang_declared": None,
        "hashtags": [],
        "mentions": [],
        "urls": [],
        "is_repost": False,
        "repost_of": None,
        "reply_to": None,
        "like_count": None,
        "repost_count": None,
        "source": None,
    }
    row.update(values)
    return row


def qualified(platform: str, native_id: Any) -> str | None:
    """``platform:native_id`` or ``None`` when the id is missing.

    >>> qualified("twitter", 7), qualified("twitter", None)
    ('twitter:7', None)
    """
    if native_id is None or native_id == "":
        return None
    return f"{platform}:{native_id}"


def person(value: Any) -> str | None:
    """An account id or handle as text, or ``None`` when missing (pseudonymised later,
    by :func:`analysis.privacy.pseudonymise_row`).

    >>> person(42), person("")
    ('42', None)
    """
    if value is None or value == "":
        return None
    return str(value)


def people(values: list[Any]) -> list[str]:
    """:func:`person` over a list, dropping empty entries."""
    return [p for p in map(person, values) if p is not None]


def reason_kind(reason: str) -> str:
    """Short category of a reject reason, used to group the summary.

    >>> reason_kind("invalid JSON (Expecting value: line 1 column 1)")
    'invalid JSON'
    >>> reason_kind("created_at: unparseable timestamp 'x'")
    'created_at'
    """
    for sep in (" (", ":"):
        if sep in reason:
            reason = reason.split(sep, 1)[0]
    return reason.strip()


@dataclass
class Summary:
    """What a collection read, kept and skipped. ``to_dict()`` is what ``--json`` prints."""

    files: int = 0
    units: int = 0
    bytes: int = 0
    lines: int = 0
    candidates: int = 0
    parsed: int = 0
    posts: int = 0
    matched: int = 0
    notices: Counter = field(default_factory=Counter)
    rejected: Counter = field(default_factory=Counter)
    duplicates: int = 0
    reposts: int = 0
    written: int = 0
    resumed_units: int = 0

    def add(self, other: Summary) -> None:
        """Add the counts of another (per-file) summary to this one."""
        for name in ("units", "bytes", "lines", "candidates", "parsed", "posts", "matched",
                     "resumed_units"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.notices.update(other.notices)
        self.rejected.update(other.rejected)

    def reject(self, reason: str, n: int = 1) -> None:
        self.rejected[reason_kind(reason)] += n

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if not isinstance(v, Counter)}
        out["notices"] = dict(sorted(self.notices.items()))
        out["rejected"] = dict(sorted(self.rejected.items()))
        out["rejected_total"] = sum(self.rejected.values())
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Summary:
        data = dict(data)
        data.pop("rejected_total", None)
        notices, rejected = Counter(data.pop("notices", {})), Counter(data.pop("rejected", {}))
        return cls(**data, notices=notices, rejected=rejected)

    def to_text(self) -> str:
        """A few human-readable lines for the end of a command."""
        d = self.to_dict()
        lines = [
            f"files {d['files']} (units {d['units']}, resumed {d['resumed_units']}), "
            f"{d['bytes']:,} bytes, {d['lines']:,} lines read",
            f"candidates {d['candidates']:,}, parsed {d['parsed']:,}, posts {d['posts']:,}, "
            f"matched {d['matched']:,}, reposts {d['reposts']:,}",
            f"duplicates {d['duplicates']:,}, written {d['written']:,}, "
            f"rejected {d['rejected_total']:,}",
        ]
        lines += [f"  rejected {k}: {v:,}" for k, v in d["rejected"].items()]
        lines += [f"  notice {k}: {v:,}" for k, v in d["notices"].items()]
        return "\n".join(lines)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)


@dataclass
class CollectResult:
    """Output of every post collector: the post table, the rejects and the summary."""

    posts: pd.DataFrame
    rejects: pd.DataFrame
    summary: Summary

    def __iter__(self):  # allows ``posts, rejects, summary = collect_…(…)``
        return iter((self.posts, self.rejects, self.summary))


@dataclass
class LikeResult:
    """Output of every like-count reader (tracker CSV, Wayback): the like table
    (:data:`analysis.schema.LIKE_COLUMNS`), the rejects and the summary."""

    likes: pd.DataFrame
    rejects: pd.DataFrame
    summary: Summary

    def __iter__(self):  # allows ``likes, rejects, summary = import_tracker(…)``
        return iter((self.likes, self.rejects, self.summary))


def empty_rejects() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in schema.REJECT_COLUMNS})


#: Bytes of a rejected raw line kept in the rejects file (the rest is in the raw input).
MAX_REJECT_RECORD = 1 << 20


def reject(source: str, reason: str, record: Any) -> dict[str, str]:
    """One rejects-table row; ``record`` is kept as text so nothing is lost."""
    if isinstance(record, bytes):
        if len(record) > MAX_REJECT_RECORD:  # a 100 MB line stays in the raw file
            record = record[:MAX_REJECT_RECORD] + b" ... [cut: %d bytes in all]" % len(record)
        record = record.decode("utf-8", errors="replace")
    elif not isinstance(record, str):
        record = json.dumps(record, ensure_ascii=False, default=str)
    return {"source": schema.encodable(source), "reason": schema.encodable(reason),
            "record": schema.encodable(record)}


def drop_duplicates(table: pd.DataFrame, key: list[str], compare: list[str]
                    ) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Keep the first row of each ``key``; a later row that differs in ``compare`` is a reject.

    Returns ``(kept, rejects, identical)``: exact repeats (the same post seen twice, an
    original embedded in many retweets) are only counted, since nothing is lost; a row
    with the same key but other content (an edited text, a conflicting tracker count)
    is kept in the rejects with the source of the row that won.

    >>> t = pd.DataFrame({"post_id": ["a", "a", "a"], "text": ["x", "x", "y"],
    ...                   "source": ["f:1", "f:2", "f:3"]})
    >>> kept, bad, same = drop_duplicates(t, ["post_id"], ["text"])
    >>> len(kept), list(bad["source"]), same
    (1, ['f:3'], 1)
    """
    if not len(table):
        return table, empty_rejects(), 0
    repeated = table.duplicated(key, keep="first")
    if not repeated.any():
        return table, empty_rejects(), 0
    first = table[~repeated].set_index(key)
    later = table[repeated]
    index = pd.MultiIndex.from_frame(later[key]) if len(key) > 1 else pd.Index(later[key[0]])
    winners = first.loc[index]
    differs = pd.Series(False, index=later.index)
    for column in compare:  # vectorised: archives repeat originals thousands of times
        ours = later[column].map(_plain_key).to_numpy()
        theirs = winners[column].map(_plain_key).to_numpy()
        differs |= ours != theirs
    identical = int((~differs).sum())
    rejects = []
    for (_, row), (_, winner) in zip(later[differs.to_numpy()].iterrows(),
                                     winners[differs.to_numpy()].iterrows()):
        label = ", ".join(f"{k}={row[k]}" for k in key)
        rejects.append(reject(str(row.get("source", "")),
                              f"conflicting duplicate ({label} already kept from "
                              f"{winner.get('source', '?')}, with other {'/'.join(compare)})",
                              {k: _plain(v) for k, v in row.items()}))
    kept = table[~repeated].reset_index(drop=True)
    return kept, pd.DataFrame(rejects, columns=list(schema.REJECT_COLUMNS)), identical


def _plain_key(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False, default=str)


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value != value:
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return value.tolist()
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value
