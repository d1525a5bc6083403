"""Cheap raw-byte prefilter: find candidate lines before any JSON parsing.

Raw archive lines are lower-cased (ASCII only, which also lower-cases the hex digits
of ``\\uXXXX`` escapes) and searched with one RE2 regular expression through
``pyarrow.compute``. The expression is built so that every post the matcher
(:mod:`analysis.collect.matching`) can accept passes it: each letter of a normalised
term may appear as any of its spelling variants (Latin accents; Arabic alef, alef
maksura, teh marbuta), raw UTF-8 or ``\\u``-escaped as Twitter writes non-ASCII
text, repeated (elongation) and followed by underscores, tatweel or diacritics.
False positives only cost a JSON parse; false negatives would lose posts.
"""

from __future__ import annotations

import re
import unicodedata

import pyarrow as pa
import pyarrow.compute as pc

from analysis.collect.matching import normalise_token

_DIACRITICS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670", "\u0640"]
_COMBINING_LATIN = [chr(c) for c in range(0x0300, 0x0370)]


def _escaped(ch: str) -> str:
    return "\\\\u%04x" % ord(ch)


def _variants() -> dict[str, set[str]]:
    """Every character (Latin-1/Extended-A, Arabic block) grouped by its normalised key."""
    groups: dict[str, set[str]] = {}
    for code in list(range(0x41, 0x5B)) + list(range(0xC0, 0x180)) + list(range(0x0621, 0x064B)) \
            + [0x0671]:
        ch = chr(code)
        key = normalise_token(ch)
        if len(key) == 1:
            groups.setdefault(key, {key}).add(ch)
    return groups


_GROUPS = _variants()


def _char_pattern(ch: str) -> str:
    forms = _GROUPS.get(ch, {ch})
    alts = set()
    for form in forms:
        if form.isascii():
            alts.add(re.escape(form.lower()))
        else:
            alts.add(re.escape(form))
            alts.add(_escaped(form))
    return "(?:" + "|".join(sorted(alts)) + ")+"


_NOISE = "(?:_|" + "|".join(
    sorted({re.escape(c) for c in _DIACRITICS + _COMBINING_LATIN} | {_escaped(c) for c in _DIACRITICS}
           | {"\\\\u03[0-6][0-9a-f]"})
) + ")*"


def term_pattern(term: str) -> str:
    """RE2 pattern (on lower-cased raw bytes) for one normalised term."""
    return _NOISE.join(_char_pattern(ch) for ch in term)


class Prefilter:
    """Selects the lines of a raw chunk that may hold one of ``terms``.

    Examples
    --------
    >>> pf = Prefilter(["opeunlike", "مقاطعه"])
    >>> chunk = b'{"text":"#Ope_UNLIIKE"}\\n{"text":"hello"}\\n{"text":"\\\\u0645\\\\u0642\\\\u0627\\\\u0637\\\\u0639\\\\u0629"}'
    >>> pf.candidates(chunk)
    [0, 2]
    """

    def __init__(self, terms: list[str]):
        if not terms:
            raise ValueError("a prefilter needs at least one term")
        self.terms = list(terms)
        self.pattern = "(?:" + "|".join(term_pattern(t) for t in self.terms) + ")"

    def any(self, lowered: bytes) -> bool:
        array = pa.array([lowered], pa.binary())
        return bool(pc.match_substring_regex(array, pattern=self.pattern)[0].as_py())

    def candidates(self, chunk: bytes) -> list[int]:
        """Indices of the lines of ``chunk`` (split on ``\\n``) that may match."""
        lowered = chunk.lower()
        if not self.any(lowered):  # most chunks of a real archive stop here
            return []
        lines = pa.array(lowered.split(b"\n"), pa.binary())
        mask = pc.match_substring_regex(lines, pattern=self.pattern)
        return [i for i, hit in enumerate(mask.to_pylist()) if hit]


def describe_variants(ch: str) -> list[str]:
    """The spelling variants a letter stands for in the prefilter (for documentation)."""
    return sorted(_GROUPS.get(ch, {ch}), key=lambda c: unicodedata.name(c, c))
