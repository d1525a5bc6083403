"""Normalise parsed upstream rows to the shared TSV schema.

The steps follow the "Processing" section of the corpora README so that a fetched
copy matches the shared one as closely as can be done from the public files:
text clean-up, per-row script tag for Moroccan corpora, near-duplicate removal
with a loose key, and the deterministic 80/10/10 split for corpora without one.
The created ``test`` part is labelled here and never written (see
:mod:`analysis.datasets.builders`).

What cannot be reproduced from the public files alone: the removal of rows that
also occur in the held-out evaluation sets, which this project never downloads.
A user who has one can pass it to ``opeunlike data fetch --held-out FILE``.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata

import pandas as pd

_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ANCHOR = re.compile(r"<a\b[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
_SPACES = re.compile(r"\s+")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_MENTION = re.compile(r"@\w+")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alef, tatweel
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ئ": "ي", "ة": "ه",
                       "ؤ": "و"})
_REPEATS = re.compile(r"(.)\1+")


def clean_text(text: str, *, strip_quote_debris: bool = False,
               strip_trailing_marker: bool = False) -> str:
    """NFC, HTML breaks and anchors removed, entities unescaped, bidi marks and
    whitespace runs collapsed (the README's "Text" step).

    Examples
    --------
    >>> clean_text("merci<br>beaucoup &amp; <a href='x'>bravo</a>\\u200f  !")
    'merci beaucoup & bravo !'
    >>> clean_text('""zwin bzaf""', strip_quote_debris=True)
    'zwin bzaf'
    >>> clean_text("mabrouk'", strip_trailing_marker=True)
    'mabrouk'
    """
    text = unicodedata.normalize("NFC", text)
    text = _BR.sub(" ", text)
    text = _ANCHOR.sub(r"\1", text)
    text = html.unescape(text)
    text = _BIDI.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    if strip_quote_debris:
        text = text.replace('""', '"').strip('"').strip()
    if strip_trailing_marker and text[-1:] in ("'", ","):
        text = text[:-1].rstrip()
    return text


def script_lang(text: str) -> str | None:
    """``ary`` when Arabic letters outnumber Latin ones, ``ary_latn`` otherwise,
    ``None`` when the row has no letter at all (URLs and mentions ignored).

    Examples
    --------
    >>> script_lang("wa3r bzaf"), script_lang("زوين بزاف"), script_lang("😂 http://x.y")
    ('ary_latn', 'ary', None)
    """
    bare = _MENTION.sub(" ", _URL.sub(" ", text))
    arabic = len(_ARABIC_LETTER.findall(bare))
    latin = len(_LATIN_LETTER.findall(bare))
    if arabic == 0 and latin == 0:
        return None
    return "ary" if arabic > latin else "ary_latn"


def _is_key_character(char: str) -> bool:
    # Punctuation (P), separators (Z), controls/format (C) and combining marks (M:
    # harakat, Quranic marks, emoji variation selectors) are dropped; letters, digits
    # and symbols, emoji included, are kept: two posts that differ only by their
    # emoji are different posts (MYC's labels follow emoji).
    return unicodedata.category(char)[0] not in "PZCM"


def loose_key(text: str) -> str:
    """The key that identifies near-identical texts (for de-duplication and splits).

    NFKC (so Arabic presentation forms such as the lam-alef ligature become
    letters), casefold, URLs and @mentions removed, Arabic diacritics and tatweel
    removed, alef/yeh/teh-marbuta variants unified, punctuation, spaces and
    combining marks removed, repeated characters collapsed. This is the key the
    shared corpora were split with: ``tests/integration/test_datasets_corpora.py``
    checks that it reproduces their train/dev order.

    Examples
    --------
    >>> loose_key("Zwiiin bzaaf !!! http://t.co/x") == loose_key("zwin bzaf")
    True
    >>> loose_key("إنَّ") == loose_key("ان"), loose_key("ﻻ") == loose_key("لا")
    (True, True)
    >>> loose_key("zwin 😂") == loose_key("zwin 😢")
    False
    """
    text = _URL.sub(" ", unicodedata.normalize("NFKC", text).casefold())
    text = _MENTION.sub(" ", text)
    text = _DIACRITICS.sub("", text).translate(_ALEF)
    text = "".join(char for char in text if _is_key_character(char))
    return _REPEATS.sub(r"\1", text)


def deduplicate(rows: pd.DataFrame) -> pd.DataFrame:
    """Collapse rows with the same loose key; drop all of them if labels disagree."""
    keys = rows["text"].map(loose_key)
    rows = rows.assign(_key=keys)
    labels_per_key = rows.groupby("_key")["label"].nunique()
    conflicting = set(labels_per_key[labels_per_key > 1].index)
    kept = rows[~rows["_key"].isin(conflicting) & (rows["_key"] != "")]
    return kept.drop_duplicates("_key").drop(columns="_key").reset_index(drop=True)


def drop_seen(dev: pd.DataFrame, train: pd.DataFrame) -> pd.DataFrame:
    """Dev rows whose loose key occurs in train are dropped."""
    seen = set(train["text"].map(loose_key))
    return dev[~dev["text"].map(loose_key).isin(seen)].reset_index(drop=True)


def deterministic_split(rows: pd.DataFrame, corpus_id: str, seed: int = 2016) -> pd.Series:
    """80/10/10 train/dev/test, stratified by (label, lang), ordered by a hash.

    Within each stratum rows are ordered by ``sha256("<seed>|<corpus>|<loose key>")``
    and cut at ``round(0.8 n)`` and ``round(0.1 n)``, so the split does not depend
    on row order or on the machine.
    """
    split = pd.Series("train", index=rows.index, dtype=object)
    order = rows["text"].map(
        lambda t: hashlib.sha256(f"{seed}|{corpus_id}|{loose_key(t)}".encode()).hexdigest())
    for _, stratum in rows.groupby(["label", "lang"], sort=True):
        ranked = order[stratum.index].sort_values(kind="stable").index
        n_train, n_dev = round(0.8 * len(ranked)), round(0.1 * len(ranked))
        split[ranked[n_train:n_train + n_dev]] = "dev"
        split[ranked[n_train + n_dev:]] = "test"
    return split


def to_schema(rows: pd.DataFrame, corpus_id: str) -> pd.DataFrame:
    """Order the columns of the shared schema and tag the source."""
    rows = rows.assign(source=corpus_id)
    return rows[["text", "label", "lang", "source", "split"]].reset_index(drop=True)
