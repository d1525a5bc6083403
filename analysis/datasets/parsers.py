"""Parsers for the raw upstream formats of the public corpora.

Each parser takes the raw bytes of the upstream file(s) exactly as downloaded and
returns a DataFrame with ``text`` and ``label`` (in ``positive/negative/neutral``,
or ``mixed`` for MAC, which the normaliser drops) plus any upstream column the
normaliser needs (MAC's ``class``). Parsers never clean text; that is
:mod:`analysis.datasets.clean`'s job. Errors name the file and the line.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

#: XLM-T label files hold 0/1/2 (README of cardiffnlp/xlm-t).
XLMT_LABELS = {"0": "negative", "1": "neutral", "2": "positive"}
#: MYC labels are 1 / -1 (binary corpus).
MYC_LABELS = {"1": "positive", "-1": "negative"}
THREE_CLASSES = ("positive", "negative", "neutral")


class ParseError(ValueError):
    """An upstream file is not in the expected format (message names file and line)."""


def _decode(raw: bytes, name: str, encoding: str = "utf-8") -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ParseError(f"{name}: not valid {encoding} at byte {exc.start}") from exc


def parse_afrisenti(raw: bytes, name: str = "afrisenti.tsv") -> pd.DataFrame:
    """AfriSenti ``data/<lang>/<split>.tsv``: header ``tweet<TAB>label`` (an ``ID``
    column, present in other releases, is accepted and ignored). Fields are not
    quoted: a ``"`` is part of the text.

    Examples
    --------
    >>> parse_afrisenti(b"tweet\\tlabel\\nzwin bzaf\\tpositive\\n").to_dict("records")
    [{'text': 'zwin bzaf', 'label': 'positive'}]
    """
    lines = _decode(raw, name).lstrip("\ufeff").splitlines()
    if not lines:
        raise ParseError(f"{name}: empty file")
    header = lines[0].split("\t")
    if "tweet" not in header or "label" not in header:
        raise ParseError(f"{name}:1: expected columns 'tweet' and 'label', got {header}")
    i_text, i_label = header.index("tweet"), header.index("label")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != len(header):
            raise ParseError(f"{name}:{number}: {len(fields)} fields, expected {len(header)}")
        label = fields[i_label].strip().lower()
        if label not in THREE_CLASSES:
            raise ParseError(f"{name}:{number}: unknown label {label!r}")
        rows.append({"text": fields[i_text], "label": label})
    return pd.DataFrame(rows, columns=["text", "label"])


def parse_xlmt(text_raw: bytes, labels_raw: bytes, name: str = "xlmt") -> pd.DataFrame:
    """XLM-T ``<split>_text.txt`` + ``<split>_labels.txt``: one tweet / one label
    (0 negative, 1 neutral, 2 positive) per line, aligned by line number.

    Examples
    --------
    >>> parse_xlmt("super\\nnul\\n".encode(), b"2\\n0\\n").label.tolist()
    ['positive', 'negative']
    """
    texts = _decode(text_raw, f"{name}_text.txt").split("\n")
    labels = _decode(labels_raw, f"{name}_labels.txt").split("\n")
    # A final newline leaves one empty string at the end of each list.
    if texts and texts[-1] == "":
        texts.pop()
    if labels and labels[-1] == "":
        labels.pop()
    if len(texts) != len(labels):
        raise ParseError(f"{name}: {len(texts)} texts but {len(labels)} labels")
    rows = []
    for number, (text, label) in enumerate(zip(texts, labels, strict=True), start=1):
        key = label.strip()
        if key not in XLMT_LABELS:
            raise ParseError(f"{name}_labels.txt:{number}: unknown label {label!r}")
        rows.append({"text": text, "label": XLMT_LABELS[key]})
    return pd.DataFrame(rows, columns=["text", "label"])


def parse_mac(raw: bytes, name: str = "MAC corpus.csv") -> pd.DataFrame:
    """MAC ``MAC corpus.csv``: comma CSV with header ``tweets,type,class``; ``type``
    is the label (``mixed`` included), ``class`` is standard/dialectal.

    Examples
    --------
    >>> parse_mac("tweets,type,class\\nزوين,positive,dialectal\\n".encode()).iloc[0].tolist()
    ['زوين', 'positive', 'dialectal']
    """
    reader = csv.reader(io.StringIO(_decode(raw, name).lstrip("\ufeff")))
    header = next(reader, None)
    if header is None or [h.strip() for h in header[:3]] != ["tweets", "type", "class"]:
        raise ParseError(f"{name}:1: expected header tweets,type,class, got {header}")
    rows = []
    for number, fields in enumerate(reader, start=2):
        if not fields:
            continue
        if len(fields) < 3:
            raise ParseError(f"{name}:{number}: {len(fields)} fields, expected 3")
        label = fields[1].strip().lower()
        if label not in (*THREE_CLASSES, "mixed"):
            raise ParseError(f"{name}:{number}: unknown label {label!r}")
        rows.append({"text": fields[0], "label": label, "class": fields[2].strip().lower()})
    return pd.DataFrame(rows, columns=["text", "label", "class"])


def _pick(header: list[str], candidates: tuple[str, ...], name: str, what: str) -> int:
    lowered = [h.strip().lower() for h in header]
    for candidate in candidates:
        if candidate in lowered:
            return lowered.index(candidate)
    raise ParseError(f"{name}:1: no {what} column among {header} (looked for {candidates})")


def parse_myc(raw: bytes, name: str = "DATA_CLEANED.csv") -> pd.DataFrame:
    """MYC ``DATA_CLEANED.csv``: UTF-16 CSV (BOM), one comment and its polarity
    (``1`` / ``-1``) per row.

    The column names were not verifiable offline, so the text and label columns
    are found by name (``sentence``/``comment``/``text``… and
    ``polarity``/``label``/``sentiment``…); a file without them is refused.

    Examples
    --------
    >>> parse_myc("sentence,polarity\\nwa3r,1\\n".encode("utf-16")).to_dict("records")
    [{'text': 'wa3r', 'label': 'positive'}]
    """
    if not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError(f"{name}: expected UTF-16 with a byte-order mark")
    reader = csv.reader(io.StringIO(_decode(raw, name, "utf-16")))
    header = next(reader, None) or []
    i_text = _pick(header, ("sentence", "comment", "comments", "text", "tweet"), name, "text")
    i_label = _pick(header, ("polarity", "label", "sentiment", "class"), name, "label")
    rows = []
    for number, fields in enumerate(reader, start=2):
        if not fields:
            continue
        if len(fields) <= max(i_text, i_label):
            raise ParseError(f"{name}:{number}: {len(fields)} fields, expected {len(header)}")
        key = fields[i_label].strip().replace(".0", "")
        if key not in MYC_LABELS:
            raise ParseError(f"{name}:{number}: unknown label {fields[i_label]!r}")
        rows.append({"text": fields[i_text], "label": MYC_LABELS[key]})
    return pd.DataFrame(rows, columns=["text", "label"])
