"""The JSON-lines formats the collector reads, as registered reader objects.

Each :class:`LineFormat` names its ``records(obj, keep_handles) -> (kind, rows)``
function directly (no module-path strings), so a typo fails at import and a new
format is one entry in :data:`LINE_FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from analysis.collect import snscrape_jsonl, stream_grab, twarc


@dataclass(frozen=True)
class LineFormat:
    """One JSON-lines source: its name on the command line and its record reader."""

    name: str
    records: Callable[[Any, bool], tuple[str, list]]
    description: str


LINE_FORMATS: dict[str, LineFormat] = {f.name: f for f in (
    LineFormat("stream-grab", stream_grab.records, "Twitter API v1.1 JSON (Stream Grab archives)"),
    LineFormat("twarc", twarc.records, "twarc2 v2 pages or flattened JSONL"),
    LineFormat("snscrape-jsonl", snscrape_jsonl.records, "snscrape --jsonl output"),
)}


def line_format(name: str) -> LineFormat:
    """The registered format ``name``; an unknown name lists the known ones.

    >>> line_format("twarc").records is twarc.records
    True
    """
    if name not in LINE_FORMATS:
        raise ValueError(f"unknown format {name!r}; known: {', '.join(LINE_FORMATS)}")
    return LINE_FORMATS[name]
