"""Finding texts that another set already holds: held-out texts and earlier corpora.

The corpora README removes a row from the four Arabic tweet corpora
(``arsarcasm_v2``, ``astd``, ``arsas``, ``ajgt``) when its text matches a held-out
text or a row of an earlier corpus, with a test stricter than the loose key alone.
A row matches when any of these agree:

* its loose key (:func:`analysis.datasets.clean.loose_key`);
* its *strict key*: the loose key after deleting ``http…``/``www.`` tokens,
  ``@mentions`` and ``RT`` (XLM-T texts carry a literal ``http`` and ``@user``, so
  the same tweet differs there only);
* the first :data:`PREFIX` characters of the strict key (truncated tweets ending
  in "…" against their full text).

A :class:`TextIndex` holds the keys of a set of texts, never the texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.datasets.clean import loose_key
from analysis.datasets.local import read_tsv

#: Length of the strict-key prefix that identifies a truncated tweet.
PREFIX = 40

_LINK_TOKEN = re.compile(r"(?<!\w)(?:https?\S*|www\.\S*)", re.IGNORECASE)
_MENTION = re.compile(r"@\w+")
_RETWEET = re.compile(r"\bRT\b")


def strict_key(text: str) -> str:
    """The loose key of ``text`` without links, mentions and ``RT``.

    Examples
    --------
    >>> strict_key("RT @user: Bravo les gars http") == strict_key("bravo les gars https://t.co/x")
    True
    """
    return loose_key(_RETWEET.sub(" ", _MENTION.sub(" ", _LINK_TOKEN.sub(" ", text))))


class TextIndex:
    """The keys of a set of texts, to test other texts against them.

    Examples
    --------
    >>> index = TextIndex(["Le service est nul, je résilie demain matin sans faute !!!"])
    >>> index.matches("le service est NUL je resilie demain matin sans faute")
    False
    >>> index.matches("Le service est nul, je résilie demain matin sans faute… http://t.co/x")
    True
    >>> len(index)
    1
    """

    def __init__(self, texts: Iterable[str] = ()):
        self._loose: set[str] = set()
        self._strict: set[str] = set()
        self._prefix: set[str] = set()
        self._size = 0
        self.add(texts)

    def add(self, texts: Iterable[str]) -> TextIndex:
        """Add texts (only their keys are kept); return ``self``."""
        for text in texts:
            loose, strict = loose_key(text), strict_key(text)
            if not loose and not strict:
                continue  # an emoji-only or empty text would match every other one
            self._size += 1
            if loose:
                self._loose.add(loose)
            if strict:
                self._strict.add(strict)
                if len(strict) >= PREFIX:
                    self._prefix.add(strict[:PREFIX])
        return self

    def update(self, other: TextIndex) -> TextIndex:
        """Add every key of ``other``; return ``self``."""
        self._loose |= other._loose
        self._strict |= other._strict
        self._prefix |= other._prefix
        self._size += len(other)
        return self

    def __len__(self) -> int:
        return self._size

    def matches(self, text: str) -> bool:
        """Whether ``text`` matches any indexed text (see the module docstring)."""
        loose = loose_key(text)
        if loose and loose in self._loose:
            return True
        strict = strict_key(text)
        if not strict:
            return False
        return strict in self._strict or (
            len(strict) >= PREFIX and strict[:PREFIX] in self._prefix)

    def mask(self, texts: pd.Series) -> pd.Series:
        """Boolean Series: which of ``texts`` match."""
        return texts.map(self.matches).astype(bool)


def drop_matching(rows: pd.DataFrame, index: TextIndex | None) -> pd.DataFrame:
    """``rows`` without those whose ``text`` matches ``index`` (all kept if it is None)."""
    if index is None or len(index) == 0 or rows.empty:
        return rows
    return rows[~index.mask(rows["text"])].reset_index(drop=True)


def read_held_out(path) -> list[str]:
    """Texts of a held-out file: one text per line (XLM-T's ``test_text.txt`` format).

    A file in the shared TSV schema (header starting with ``text<TAB>``) is read by
    its ``text`` column instead. Empty lines are skipped.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not valid UTF-8 at byte {exc.start}") from None
    if raw.lstrip("\ufeff").startswith("text\t"):
        return read_tsv(path)["text"].tolist()
    return [line for line in raw.lstrip("\ufeff").split("\n") if line.strip()]
