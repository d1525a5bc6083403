"""Scan one unit of JSON lines: prefilter, parse, flatten, match, validate.

:func:`scan_unit` is what every process (or Dask worker) runs. It never raises on
bad input: a malformed line, a non-tweet object or a truncated compressed stream
becomes a reject with ``file:line`` and the reason, and the good rows before and
after it are kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis import privacy, schema
from analysis.collect.line_formats import line_format
from analysis.collect.matching import MatchMode, Query
from analysis.collect.prefilter import Prefilter
from analysis.collect.rows import Summary, reject
from analysis.collect.sources import CHUNK, READ_ERRORS, Unit, read_chunks

@dataclass(frozen=True)
class ScanSettings:
    """Everything a worker needs besides the unit; small and picklable."""

    fmt: str = "stream-grab"
    query: Query | None = None
    match: MatchMode = "both"
    prefilter: bool = True
    keep_handles: bool = False
    chunk: int = CHUNK
    #: The pseudonymisation key resolved by the parent (workers may be other machines).
    pseudonym_key: str | None = field(default=None, repr=False)

    def key(self) -> str:
        """Identifies the settings, so resume parts of another query are not reused."""
        q = None if self.query is None else [sorted(self.query.hashtag_keys),
                                              [list(k) for k in self.query.keyword_keys]]
        return json.dumps([self.fmt, q, self.match, self.keep_handles], ensure_ascii=False)


@dataclass
class UnitResult:
    posts: pd.DataFrame
    rejects: pd.DataFrame
    summary: Summary


def scan_unit(unit: Unit, settings: ScanSettings,
              progress: Callable[[int], None] | None = None) -> UnitResult:
    """Collect the matching posts of one unit; ``progress(n)`` gets compressed bytes read."""
    with privacy.using_key(settings.pseudonym_key):
        return _scan_unit(unit, settings, progress)


def _scan_unit(unit: Unit, settings: ScanSettings,
               progress: Callable[[int], None] | None) -> UnitResult:
    records = line_format(settings.fmt).records
    summary = Summary(units=1)
    if unit.error:
        summary.reject(unit.error)
        rejects_df = pd.DataFrame([reject(unit.label, unit.error, "")],
                                  columns=list(schema.REJECT_COLUMNS))
        return UnitResult(schema.empty_posts(), rejects_df, summary)
    prefilter = None
    if settings.query is not None and settings.prefilter:
        terms = settings.query.prefilter_terms(settings.match)
        prefilter = Prefilter(terms) if terms else None
    rows: list[dict[str, Any]] = []
    rejects: list[dict[str, str]] = []

    def handle(number: int, line: bytes) -> None:
        source = f"{unit.label}:{number}"
        if not line.strip():
            return
        summary.candidates += 1
        if line.startswith(b"\xef\xbb\xbf"):  # a BOM written by Windows tools
            line = line[3:]
        try:
            obj = json.loads(line)
        except RecursionError:
            reason = "invalid JSON (nested too deeply)"
            summary.reject(reason)
            rejects.append(reject(source, reason, line[:2000]))
            return
        except (ValueError, UnicodeDecodeError) as exc:
            reason = f"invalid JSON ({exc})"
            summary.reject(reason)
            rejects.append(reject(source, reason, line))
            return
        try:
            kind, found = records(obj, settings.keep_handles)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            reason = f"unrecognised record ({exc})"
            summary.reject(reason)
            rejects.append(reject(source, reason, line))
            return
        summary.parsed += 1
        if kind != "post":
            summary.notices[kind] += 1
            return
        for suffix, row in found:
            summary.posts += 1
            if not settings.keep_handles:
                row = privacy.pseudonymise_row(row)  # the privacy step, before anything reads the row
            try:
                keep = settings.query is None or settings.query.matches(row, settings.match)
            except (ValueError, TypeError, AttributeError) as exc:
                reason = f"unusable record ({type(exc).__name__}: {exc})"
                summary.reject(reason)
                rejects.append(reject(source + suffix, reason, line))
                continue
            if not keep:
                continue
            summary.matched += 1
            row["source"] = source + suffix
            rows.append(row)

    def process(data: bytes) -> None:
        nonlocal number
        if prefilter is None:
            lines = data.split(b"\n")
            count, picked = len(lines), enumerate(lines)
        else:
            count, picked = prefilter.scan(data)
        summary.lines += count
        for index, line in picked:
            handle(number + index + 1, line)
        number += count

    rest, number, seen = b"", 0, 0
    pending: list[bytes] = []
    pending_size = 0
    try:
        for chunk, consumed in read_chunks(unit, settings.chunk):
            if progress is not None:
                progress(consumed - seen)
            seen = consumed
            pending.append(chunk)
            pending_size += len(chunk)
            if pending_size < settings.chunk:
                continue
            data = rest + b"".join(pending)
            pending, pending_size = [], 0
            cut = data.rfind(b"\n")
            if cut < 0:
                rest = data
                continue
            rest = data[cut + 1:]
            process(data[:cut])
    except READ_ERRORS as exc:
        broken = f"truncated or corrupt compressed file ({type(exc).__name__}: {exc})"
    else:
        broken = None
    data = rest + b"".join(pending)  # the lines decoded before any cut are all kept
    cut = data.rfind(b"\n")
    if cut >= 0:
        process(data[:cut])
        data = data[cut + 1:]
    if data:
        summary.lines += 1
        if prefilter is None or prefilter.scan(data)[1]:
            handle(number + 1, data)
        number += 1
    if broken:
        summary.reject(broken)
        rejects.append(reject(f"{unit.label}:{number + 1}", broken, ""))
    summary.bytes = seen
    good, bad = schema.validate_posts(rows)
    for reason in bad["reason"]:
        summary.reject(reason)
    summary.matched -= len(bad)
    rejects_df = pd.concat([pd.DataFrame(rejects, columns=list(schema.REJECT_COLUMNS)), bad],
                           ignore_index=True)
    return UnitResult(good, rejects_df, summary)
