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


#: ArSarcasm-v2 ``sentiment`` column (README of iabufarha/ArSarcasm-v2).
ARSARCASM_LABELS = {"POS": "positive", "NEG": "negative", "NEU": "neutral"}
#: ASTD ``Tweets.txt``: ``OBJ`` is objective (neutral); ``NEUTRAL`` is what the ASTD
#: paper calls subjective-mixed, kept as ``mixed`` so that the normaliser can use it
#: for de-duplication and then drop it.
ASTD_LABELS = {"POS": "positive", "NEG": "negative", "OBJ": "neutral", "NEUTRAL": "mixed"}
#: ArSAS sentiment classes (``Mixed`` is dropped by the normaliser, after de-duplication).
ARSAS_LABELS = {"Positive": "positive", "Negative": "negative", "Neutral": "neutral",
                "Mixed": "mixed"}
#: AJGT ``Sentiment`` column (binary corpus).
AJGT_LABELS = {"Positive": "positive", "Negative": "negative"}


def parse_arsarcasm(raw: bytes, name: str = "training_data.csv") -> pd.DataFrame:
    """ArSarcasm-v2 ``{training,testing}_data.csv``: comma CSV with header
    ``tweet,sarcasm,sentiment,dialect``. The sarcasm flag and dialect are not kept.
    Many tweets are wrapped in tripled quotes upstream, so after CSV parsing they
    still start and end with a ``"``: the normaliser strips that debris.

    Examples
    --------
    >>> tripled = '"' * 3
    >>> raw = f"tweet,sarcasm,sentiment,dialect\\n{tripled}يا سلام{tripled},FALSE,POS,msa\\n"
    >>> parse_arsarcasm(raw.encode()).to_dict("records")
    [{'text': '"يا سلام"', 'label': 'positive'}]
    """
    reader = csv.reader(io.StringIO(_decode(raw, name).lstrip("\ufeff")))
    header = [h.strip().lower() for h in next(reader, None) or []]
    if "tweet" not in header or "sentiment" not in header:
        raise ParseError(f"{name}:1: expected columns 'tweet' and 'sentiment', got {header}")
    i_text, i_label = header.index("tweet"), header.index("sentiment")
    rows = []
    for fields in reader:
        if not fields:
            continue
        if len(fields) != len(header):
            # reader.line_num: a quoted tweet may span lines, so count physical lines.
            raise ParseError(f"{name}:{reader.line_num}: {len(fields)} fields, "
                             f"expected {len(header)}")
        label = fields[i_label].strip().upper()
        if label not in ARSARCASM_LABELS:
            raise ParseError(f"{name}:{reader.line_num}: unknown sentiment {fields[i_label]!r}")
        rows.append({"text": fields[i_text], "label": ARSARCASM_LABELS[label]})
    return pd.DataFrame(rows, columns=["text", "label"])


def parse_text_tab_label(raw: bytes, labels: dict[str, str],
                         name: str = "tweets.txt") -> pd.DataFrame:
    """One ``text<TAB>LABEL`` per line, no header, no quoting (ASTD ``Tweets.txt``,
    the ArSAS copy's ``ArSAS-{train,test}.txt``). The label is after the *last* tab;
    a ``"`` is part of the text, as upstream serves it.

    Examples
    --------
    >>> parse_text_tab_label("زوين\\tPOS\\n".encode(), ASTD_LABELS).to_dict("records")
    [{'text': 'زوين', 'label': 'positive'}]
    """
    rows = []
    for number, line in enumerate(_decode(raw, name).lstrip("\ufeff").split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        if "\t" not in line:
            raise ParseError(f"{name}:{number}: no tab between text and label")
        text, label = line.rsplit("\t", 1)
        if label.strip() not in labels:
            raise ParseError(f"{name}:{number}: unknown label {label!r} "
                             f"(expected one of {sorted(labels)})")
        rows.append({"text": text, "label": labels[label.strip()]})
    return pd.DataFrame(rows, columns=["text", "label"])


def parse_ajgt(raw: bytes, name: str = "AJGT.xlsx") -> pd.DataFrame:
    """AJGT ``AJGT.xlsx``: one sheet with a header row ``ID, Feed, Sentiment``;
    ``Sentiment`` is ``Positive`` or ``Negative``. Read with the standard library
    (:mod:`analysis.datasets.xlsx`); the columns are found by name.
    """
    from analysis.datasets.xlsx import XlsxError, read_rows

    try:
        table = read_rows(raw, name)
    except XlsxError as exc:
        raise ParseError(str(exc)) from None
    if not table:
        raise ParseError(f"{name}: empty sheet")
    _, header = table[0]
    i_text = _pick(header, ("feed", "tweet", "text"), name, "text")
    i_label = _pick(header, ("sentiment", "label"), name, "label")
    rows = []
    for number, cells in table[1:]:
        text = cells[i_text] if i_text < len(cells) else ""
        label = cells[i_label].strip() if i_label < len(cells) else ""
        if label not in AJGT_LABELS:
            raise ParseError(f"{name}: row {number}: unknown sentiment {label!r}")
        rows.append({"text": text, "label": AJGT_LABELS[label]})
    return pd.DataFrame(rows, columns=["text", "label"])
