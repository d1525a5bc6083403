"""What kind of file is this? A look at the first bytes, so a wrong input gets the right command.

:func:`sniff` names the format of a file or folder from its first record (Twitter
v1.1 / Stream Grab, twarc2, snscrape JSONL, CrowdTangle or Meta CSV, tracker CSV,
post or like table in Parquet). :func:`advice` turns a format into the sentence a
user needs ("this looks like a CrowdTangle CSV: use `opeunlike collect csv --preset
crowdtangle`"). Collectors call it when a whole input yields nothing.

>>> FORMATS["crowdtangle-csv"].command
'opeunlike collect csv --preset crowdtangle FILE -o posts.parquet'
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Format:
    label: str  # "a CrowdTangle CSV"
    command: str  # the command that reads it


FORMATS = {
    "stream-grab": Format("Twitter v1.1 JSON lines (Stream Grab)",
                          "opeunlike collect archive FILE -o posts.parquet"),
    "twarc": Format("twarc2 output", "opeunlike collect twarc FILE -o posts.parquet"),
    "snscrape-jsonl": Format("snscrape JSONL", "opeunlike collect snscrape-jsonl FILE -o posts.parquet"),
    "crowdtangle-csv": Format("a CrowdTangle CSV",
                              "opeunlike collect csv --preset crowdtangle FILE -o posts.parquet"),
    "meta-csv": Format("a Meta Content Library CSV",
                       "opeunlike collect csv --preset meta-content-library FILE -o posts.parquet"),
    "tracker-csv": Format("a like tracker CSV (timestamp, page, likes)",
                          "opeunlike likes import FILE -o likes.parquet (or pass it as --likes)"),
    "post-table": Format("a post table (Parquet)", "pass it as --posts"),
    "like-table": Format("a like table (Parquet)", "pass it as --likes"),
    "csv": Format("a CSV of unknown columns",
                  "opeunlike collect csv --preset generic --columns MAP.yml FILE -o posts.parquet"),
    "empty": Format("an empty file", ""),
    "unknown": Format("no format opeunlike reads", ""),
}


def _head_bytes(path: Path, n: int = 65536) -> bytes:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        return _head_bytes(files[0], n) if files else b""
    name = path.name.lower()
    try:
        if name.endswith(".bz2"):
            with bz2.open(path, "rb") as fh:
                return fh.read(n)
        if name.endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                return fh.read(n)
        if name.endswith(".tar") or tarfile.is_tarfile(path):
            with tarfile.open(path) as tar:
                for member in tar:
                    if member.isfile():
                        fh = tar.extractfile(member)
                        data = fh.read(n) if fh else b""
                        if member.name.endswith(".bz2"):
                            data = bz2.BZ2Decompressor().decompress(data)
                        return data[:n]
            return b""
    except (OSError, EOFError, tarfile.TarError, ValueError):
        return b""
    with open(path, "rb") as fh:
        return fh.read(n)


def _json_kind(record: dict) -> str:
    if "delete" in record or "limit" in record or ("id_str" in record and "user" in record):
        return "stream-grab"
    if "data" in record and isinstance(record.get("data"), list) or "author_id" in record:
        return "twarc"
    if "_type" in record or ("rawContent" in record or "renderedContent" in record):
        return "snscrape-jsonl"
    return "unknown"


def _csv_kind(text: str) -> str:
    try:
        header = next(csv.reader(io.StringIO(text)))
    except (StopIteration, csv.Error):
        return "unknown"
    cols = {h.strip().lower() for h in header}
    if {"post created", "url"} <= cols:
        return "crowdtangle-csv"
    if {"creation_time", "post_owner.id"} <= cols:
        return "meta-csv"
    if "page" in cols and "likes" in cols:
        return "tracker-csv"
    return "csv"


def sniff(path: str | Path) -> str:
    """The format key (in :data:`FORMATS`) of a file or folder, from its first record."""
    path = Path(path)
    if path.suffix == ".parquet":
        try:
            import pyarrow.parquet as pq

            names = set(pq.read_schema(path).names)
        except Exception:  # noqa: BLE001 - any unreadable file is "unknown"
            return "unknown"
        if {"post_id", "created_at", "text"} <= names:
            return "post-table"
        if {"page", "observed_at", "likes"} <= names:
            return "like-table"
        return "unknown"
    head = _head_bytes(path)
    if not head.strip():
        return "empty"
    text = head.decode("utf-8-sig", errors="replace")
    first = next((line for line in text.splitlines() if line.strip()), "")
    if first.lstrip().startswith(("{", "[")):
        try:
            record = json.loads(first)
        except json.JSONDecodeError:
            try:
                record = json.loads(text)
            except json.JSONDecodeError:
                return "unknown"
        if isinstance(record, list):
            record = record[0] if record and isinstance(record[0], dict) else {}
        return _json_kind(record)
    if "," in first or ";" in first or "\t" in first:
        return _csv_kind(text)
    return "unknown"


def advice(path: str | Path, expected: str) -> str:
    """One sentence: what ``path`` looks like and the command that fits, given what was expected.

    ``expected`` is a format key or a plain description of what the command reads.
    """
    kind = sniff(path)
    wanted = FORMATS[expected].label if expected in FORMATS else expected
    fmt = FORMATS[kind]
    if kind in ("unknown", "empty", "csv") or not fmt.command:
        return f"expected {wanted}; this looks like {fmt.label}"
    return f"expected {wanted}; this looks like {fmt.label}: use `{fmt.command.replace('FILE', str(path))}`"
