"""CSV exports (CrowdTangle, Meta Content Library, any column map) into post rows.

Encoding and delimiter are detected, not assumed: BOMs first (UTF-8, UTF-16 as
Excel writes it), then strict UTF-8, then charset-normalizer (which recognises
cp1256 Arabic). A row with the wrong number of fields or an unusable value is
rejected with ``file:line`` and the reason; the rows around it are kept.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from charset_normalizer import from_bytes

from analysis import paths, privacy, schema
from analysis.collect.counts import parse_count
from analysis.collect.matching import hashtags_in_text
from analysis.collect.rows import (CollectResult, Summary, drop_duplicates, empty_rejects,
                                   person, post_row, reject)
from analysis.collect.text import scrub_handles

PRESETS_FILE = paths.CONFIG / "csv_presets.yml"
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
    author_col = spec.get("author_handle") if keep_handles else spec.get("author")
    author = record.get(author_col or spec.get("author") or "")
    return post_row(
        spec.get("platform", "facebook"),
        native or None,
        created_at=_time(record.get(spec["created_at"], ""), spec.get("naive_tz", "UTC")),
        author_id=person(author, keep_handles),
        text=scrub_handles(text, keep_handles),
        lang_declared=record.get(spec["lang"]) or None if spec.get("lang") else None,
        hashtags=hashtags_in_text(text),
        urls=[record[c] for c in spec.get("urls") or [] if (record.get(c) or "").strip()],
        like_count=_count(record.get(spec["like_count"])) if spec.get("like_count") else None,
        repost_count=_count(record.get(spec["repost_count"])) if spec.get("repost_count") else None,
    )


def collect_csv(path: str | Path, preset: str = "generic", columns: str | Path | None = None,
                keep_handles: bool = False) -> CollectResult:
    """Read one export into the canonical post table (with rejects and summary)."""
    with privacy.using_key(privacy.key_for_inputs([path])):
        return _collect_csv(Path(path), preset, columns, keep_handles)


def _collect_csv(path: Path, preset: str, columns: str | Path | None,
                 keep_handles: bool) -> CollectResult:
    spec = load_preset(preset, columns)
    data = path.read_bytes()
    summary = Summary(files=1, units=1, bytes=len(data))
    rejects = []
    encoding = detect_encoding(data)
    text = data.decode(encoding, errors="replace")
    summary.notices[f"encoding {encoding}"] += 1
    delimiter = detect_delimiter(text[:65536])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        return CollectResult(schema.empty_posts(), empty_rejects(), summary)
    missing = [c for c in (spec["id"], spec["created_at"]) if c not in header]
    if missing:
        raise ValueError(f"{path}: columns {missing} not found; header is {header}")
    rows = []
    for record_fields in reader:
        line = reader.line_num
        source = f"{path}:{line}"
        summary.lines += 1
        if not any(f.strip() for f in record_fields):
            continue
        if len(record_fields) != len(header):
            reason = f"wrong number of fields ({len(record_fields)} instead of {len(header)})"
            summary.reject(reason)
            rejects.append(reject(source, reason, delimiter.join(record_fields)))
            continue
        record = dict(zip(header, record_fields))
        if any("\ufffd" in f for f in record_fields):
            reason = f"undecodable bytes for {encoding}"
            summary.reject(reason)
            rejects.append(reject(source, reason, record))
            continue
        try:
            row = flatten(record, spec, keep_handles)
        except (ValueError, KeyError) as exc:
            reason = f"unusable value ({exc})"
            summary.reject(reason)
            rejects.append(reject(source, reason, record))
            continue
        summary.parsed += 1
        row["source"] = source
        rows.append(row)
    good, bad = schema.validate_posts(rows)
    for reason in bad["reason"]:
        summary.reject(reason)
    summary.posts = summary.matched = len(rows)
    good, conflicts, summary.duplicates = drop_duplicates(good, ["post_id"], ["text"])
    if len(conflicts):
        summary.reject("conflicting duplicate", len(conflicts))
    summary.written = len(good)
    all_rejects = pd.concat([empty_rejects(), pd.DataFrame(rejects), bad, conflicts],
                            ignore_index=True)
    return CollectResult(good, all_rejects, summary)
