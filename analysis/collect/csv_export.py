"""CSV exports (CrowdTangle, Meta Content Library, any column map) into post rows.

Encoding and delimiter are detected, not assumed: BOMs first (UTF-8, UTF-16 as
Excel writes it), then strict UTF-8, then charset-normalizer (which recognises
cp1256 Arabic). A row with the wrong number of fields or an unusable value is
rejected with ``file:line`` and the reason; the rows around it are kept.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import yaml
from charset_normalizer import from_bytes

from analysis import paths, privacy, schema
from analysis.collect.counts import parse_count
from analysis.collect.matching import hashtags_in_text
from analysis.collect.rows import CollectResult, Summary, empty_rejects, person, post_row, reject
from analysis.io import atomic_write, write_posts

PRESETS_FILE = paths.CONFIG / "csv_presets.yml"
BATCH_ROWS = 50_000  # rows validated and written at once: memory stays flat at any size
SAMPLE_BYTES = 4 << 20  # bytes read to detect the encoding and the delimiter
_UNDECODED = re.compile("[\udc80-\udcff]")
_TZ_ABBREVIATIONS = {"UTC": "+00:00", "GMT": "+00:00", "WET": "+00:00", "WEST": "+01:00",
                     "CET": "+01:00", "CEST": "+02:00", "EST": "-05:00", "EDT": "-04:00",
                     "CST": "-06:00", "CDT": "-05:00", "PST": "-08:00", "PDT": "-07:00"}


def detect_encoding(data: bytes) -> str:
    """Encoding of an export's bytes.

    >>> detect_encoding("a,b\\n".encode("utf-8-sig")), detect_encoding("a,b\\n".encode("utf-16"))
    ('utf-8-sig', 'utf-16')
    >>> detect_encoding("é,ü\\n".encode("utf-8"))
    'utf-8'
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # A UTF-8 file with a few damaged bytes stays UTF-8: the damaged rows are rejected
    # by the reader, instead of the whole file being read in a wrong code page.
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= max(1, lenient.count("\n") // 100) and _mostly_multibyte(data):
        return "utf-8"
    # charset-normalizer ranks legacy code pages on statistics that short exports
    # do not have (cp1256 Arabic often comes out as cp1251 Cyrillic). Our sources are
    # Moroccan: among the encodings that decode the bytes, prefer the one whose text
    # is Latin or Arabic script.
    candidates = [m.encoding for m in from_bytes(data)] + ["cp1256", "cp1252"]
    scored = []
    for rank, encoding in enumerate(dict.fromkeys(candidates)):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((-_expected_script_share(text), rank, encoding))
    if not scored:
        raise ValueError("could not detect the text encoding")
    return min(scored)[2]


def _mostly_multibyte(data: bytes) -> bool:
    """Whether the non-ASCII bytes mostly form valid UTF-8 sequences."""
    valid = len(data.decode("utf-8", errors="ignore").encode("utf-8"))
    non_ascii = sum(1 for b in data if b >= 0x80)
    return non_ascii > 0 and (non_ascii - (len(data) - valid)) / non_ascii > 0.9


def _expected_script_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    ok = sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f"
             or "\u0600" <= c <= "\u06ff")
    return ok / len(letters)


def detect_delimiter(sample: str) -> str:
    """The field delimiter of a CSV sample (``,``, ``;``, tab or ``|``).

    >>> detect_delimiter("a;b;c\\n1;2;3\\n"), detect_delimiter("a\\tb\\n1\\t2\\n")
    (';', '\\t')
    """
    header = sample.split("\n", 1)[0]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
        if sniffed in header:
            return sniffed
    except csv.Error:
        pass
    # the sniffer gives up on quoted multi-line cells: count candidates in the header
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def load_preset(preset: str = "generic", columns: str | Path | None = None) -> dict[str, Any]:
    """A column map: a named preset of ``csv_presets.yml`` or a YAML file (``--columns``)."""
    if columns is not None:
        return yaml.safe_load(Path(columns).read_text(encoding="utf-8"))
    presets = yaml.safe_load(PRESETS_FILE.read_text(encoding="utf-8"))
    if preset not in presets:
        raise ValueError(f"unknown CSV preset {preset!r}; known: {', '.join(presets)}")
    return presets[preset]


def _time(value: str, naive_tz: str) -> str:
    text = (value or "").strip()
    match = re.fullmatch(r"(.+?)\s+([A-Z]{3,4})", text)
    if match and match.group(2) in _TZ_ABBREVIATIONS:
        return f"{match.group(1)}{_TZ_ABBREVIATIONS[match.group(2)]}"
    if text.isdigit():
        return text  # epoch seconds
    if text and not re.search(r"(Z|[+-]\d\d:?\d\d)$", text):
        return f"{text}{_TZ_ABBREVIATIONS.get(naive_tz, '+00:00')}"
    return text


def _count(value: str | None) -> int | None:
    return parse_count(value)


def _names(value: str | list[str] | None) -> list[str]:
    """A column-map entry as a list of column names (first present, non-empty wins)."""
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def check_columns(spec: dict[str, Any], header: list[str], path: Path) -> list[str]:
    """Refuse, up front, an export lacking a required mapped column; list absent optional ones.

    Required: the id, the creation time and at least one of the author columns.
    """
    missing = [c for c in (spec["id"], spec["created_at"]) if c not in header]
    authors = _names(spec.get("author"))
    if authors and not any(c in header for c in authors):
        missing.append(" or ".join(authors))
    if missing:
        raise ValueError(f"{path}: mapped columns not found: {', '.join(missing)} "
                         f"(the header has {len(header)} columns: {', '.join(header[:12])}"
                         f"{', …' if len(header) > 12 else ''})")
    optional = [c for key in ("text", "urls", "like_count", "repost_count", "lang")
                for c in _names(spec.get(key))]
    return [c for c in optional if c not in header]


def flatten(record: dict[str, str], spec: dict[str, Any], keep_handles: bool = False) -> dict:
    """One CSV record (column → text) as a post row, following the column map ``spec``.

    >>> spec = {"platform": "facebook", "id": "id", "created_at": "t", "author": "a",
    ...         "text": ["msg"], "like_count": "likes", "naive_tz": "UTC"}
    >>> row = flatten({"id": "12", "t": "2016-02-27 10:00:00", "a": "p", "msg": "#OpeUnlike",
    ...                "likes": "1,204"}, spec)
    >>> row["post_id"], row["created_at"], row["like_count"], row["hashtags"]
    ('facebook:12', '2016-02-27 10:00:00+00:00', 1204, ['OpeUnlike'])
    """
    native = (record.get(spec["id"]) or "").strip()
    if spec.get("id_pattern") and native:
        found = re.search(spec["id_pattern"], native)
        native = found.group(1) if found else native
    texts = [record.get(c) or "" for c in spec.get("text") or []]
    text = "\n\n".join(t for t in texts if t.strip())
    candidates = (_names(spec.get("author_handle")) if keep_handles else []) \
        + _names(spec.get("author"))
    author = next((record[c] for c in candidates if (record.get(c) or "").strip()), None)
    return post_row(
        spec.get("platform", "facebook"),
        native or None,
        created_at=_time(record.get(spec["created_at"], ""), spec.get("naive_tz", "UTC")),
        author_id=person(author),
        text=text,
        lang_declared=record.get(spec["lang"]) or None if spec.get("lang") else None,
        hashtags=hashtags_in_text(text),
        urls=[record[c] for c in spec.get("urls") or [] if (record.get(c) or "").strip()],
        like_count=_count(record.get(spec["like_count"])) if spec.get("like_count") else None,
        repost_count=_count(record.get(spec["repost_count"])) if spec.get("repost_count") else None,
    )


def collect_csv(path: str | Path, preset: str = "generic", columns: str | Path | None = None,
                keep_handles: bool = False, out: str | Path | None = None,
                batch_rows: int = BATCH_ROWS) -> CollectResult:
    """Read one export into the canonical post table (with rejects and summary).

    The file is streamed in batches of ``batch_rows`` rows, so memory does not grow
    with its size when ``out`` is given: the posts then go straight to that Parquet
    file (atomically) and ``result.posts`` is an empty table (read ``out`` back with
    :func:`analysis.schema.read_posts`). Without ``out`` the posts are returned.
    """
    with privacy.using_key(privacy.key_for_inputs([path])):
        return _collect_csv(Path(path), preset, columns, keep_handles, out, batch_rows)


def _sample(path: Path, size: int = SAMPLE_BYTES) -> bytes:
    with open(path, "rb") as fh:
        data = fh.read(size)
    if len(data) == size:  # do not let a multi-byte character cut at the end look invalid
        cut = data.rfind(b"\n")
        data = data[:cut + 1] if cut > 0 else data
    return data


def _collect_csv(path: Path, preset: str, columns: str | Path | None, keep_handles: bool,
                 out: str | Path | None, batch_rows: int) -> CollectResult:
    spec = load_preset(preset, columns)
    summary = Summary(files=1, units=1, bytes=path.stat().st_size)
    rejects: list[dict[str, str]] = []
    sample = _sample(path)
    encoding = detect_encoding(sample)
    summary.notices[f"encoding {encoding}"] += 1
    # surrogateescape: undecodable bytes become lone surrogates, so a row is rejected
    # for bad bytes only, never for a literal U+FFFD it really holds
    text_sample = sample.decode(encoding, errors="surrogateescape")
    delimiter = detect_delimiter(text_sample[:65536])
    sink = _PostSink(out)
    with open(path, "r", encoding=encoding, errors="surrogateescape", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            raise ValueError(f"{path}: unreadable CSV header ({exc})") from None
        if header is None:
            return sink.finish(rejects, summary)
        for absent in check_columns(spec, header, path):
            summary.notices[f"absent column {absent}"] += 1
        batch: list[dict[str, Any]] = []
        while True:
            try:
                record_fields = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:  # a NUL byte or a field over the size limit
                reason = f"unreadable CSV row ({exc})"
                summary.lines += 1
                summary.reject(reason)
                rejects.append(reject(f"{path}:{reader.line_num}", reason, ""))
                continue
            row = _row(record_fields, header, spec, keep_handles, delimiter, encoding,
                       f"{path}:{reader.line_num}", summary, rejects)
            if row is not None:
                batch.append(row)
            if len(batch) >= batch_rows:
                sink.add(batch, summary, rejects)
                batch = []
        sink.add(batch, summary, rejects)
    return sink.finish(rejects, summary)


def _row(fields: list[str], header: list[str], spec: dict[str, Any], keep_handles: bool,
         delimiter: str, encoding: str, source: str, summary: Summary,
         rejects: list[dict[str, str]]) -> dict[str, Any] | None:
    """The post row of one CSV record, or ``None`` (skipped blank line or reject)."""
    summary.lines += 1
    if not any(f.strip() for f in fields):
        return None
    if len(fields) != len(header):
        reason = f"wrong number of fields ({len(fields)} instead of {len(header)})"
        summary.reject(reason)
        rejects.append(reject(source, reason, delimiter.join(fields)))
        return None
    record = dict(zip(header, fields))
    if any(_UNDECODED.search(f) for f in fields):
        reason = f"undecodable bytes for {encoding}"
        summary.reject(reason)
        rejects.append(reject(source, reason, schema.encodable(json.dumps(
            record, ensure_ascii=False)).replace("\\udc", "\\x")))
        return None
    try:
        row = flatten(record, spec, keep_handles)
        if not keep_handles:
            row = privacy.pseudonymise_row(row)
    except (ValueError, KeyError) as exc:
        reason = f"unusable value ({exc})"
        summary.reject(reason)
        rejects.append(reject(source, reason, record))
        return None
    summary.parsed += 1
    row["source"] = source
    return row


class _PostSink:
    """Validates batches, drops repeats across batches, and keeps or streams the posts.

    Repeats are found on 64-bit hashes of the post id and text held in sorted numpy
    arrays (24 bytes a post instead of a Python dict of strings), so a million-row
    export stays far below the memory goal.
    """

    def __init__(self, out: str | Path | None):
        self.out = Path(out) if out is not None else None
        self.tables: list[pd.DataFrame] = []
        self.ids = np.empty(0, np.uint64)  # sorted hashes of kept post ids
        self.texts = np.empty(0, np.uint64)  # hash of the kept text, aligned with ids
        self.sources = np.empty(0, np.int64)  # line of the kept row, aligned with ids
        self.writer = None
        self.tmp: Path | None = None
        self.written = 0

    def add(self, rows: list[dict[str, Any]], summary: Summary,
            rejects: list[dict[str, str]]) -> None:
        if not rows:
            return
        summary.posts += len(rows)
        good, bad = schema.validate_posts(rows)
        for reason in bad["reason"]:
            summary.reject(reason)
        rejects.extend(bad.to_dict("records"))
        if not len(good):
            return
        ids = pd.util.hash_array(good["post_id"].to_numpy(dtype=object))
        texts = pd.util.hash_array(good["text"].to_numpy(dtype=object))
        prefix, _, _ = good["source"].iloc[0].rpartition(":")
        lines = good["source"].str.rpartition(":")[2].astype(np.int64).to_numpy()
        n = len(good)
        at = np.minimum(np.searchsorted(self.ids, ids), max(len(self.ids) - 1, 0))
        earlier = (self.ids[at] == ids) if len(self.ids) else np.zeros(n, bool)
        first = pd.Series(np.arange(n)).groupby(ids).transform("first").to_numpy()
        keep = ~earlier & (first == np.arange(n))
        for i in np.flatnonzero(~keep):
            kept_text, kept_line = ((self.texts[at[i]], self.sources[at[i]]) if earlier[i]
                                    else (texts[first[i]], lines[first[i]]))
            if kept_text == texts[i]:
                summary.duplicates += 1
                continue
            post_id = good["post_id"].iat[i]
            reason = (f"conflicting duplicate (post_id={post_id} already kept from "
                      f"{prefix}:{kept_line}, with other text)")
            summary.reject(reason)
            rejects.append(reject(good["source"].iat[i], reason,
                                  {"post_id": post_id, "text": good["text"].iat[i]}))
        order = np.argsort(np.concatenate([self.ids, ids[keep]]), kind="stable")
        self.ids = np.concatenate([self.ids, ids[keep]])[order]
        self.texts = np.concatenate([self.texts, texts[keep]])[order]
        self.sources = np.concatenate([self.sources, lines[keep]])[order]
        good = good[keep].reset_index(drop=True)
        self.written += len(good)
        if self.out is None:
            self.tables.append(good)
            return
        table = pa.Table.from_pandas(good, schema=schema.post_arrow_schema(),
                                     preserve_index=False)
        if self.writer is None:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{self.out.name}.", suffix=".tmp",
                                        dir=self.out.parent)
            os.close(fd)
            self.tmp = Path(name)
            self.writer = pq.ParquetWriter(self.tmp, schema.post_arrow_schema())
        self.writer.write_table(table)

    def finish(self, rejects: list[dict[str, str]], summary: Summary) -> CollectResult:
        summary.matched = summary.posts
        summary.written = self.written
        all_rejects = pd.concat([empty_rejects(), pd.DataFrame(rejects)], ignore_index=True)
        if self.out is None:
            posts = pd.concat(self.tables, ignore_index=True) if self.tables else None
            return CollectResult(posts if posts is not None and len(posts)
                                 else schema.empty_posts(), all_rejects, summary)
        if self.writer is None:
            write_posts(schema.empty_posts(), self.out)
        else:
            self.writer.close()
            atomic_write(self.out, lambda tmp: os.replace(self.tmp, tmp))
        return CollectResult(schema.empty_posts(), all_rejects, summary)
