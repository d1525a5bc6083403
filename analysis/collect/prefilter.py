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

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from analysis.collect.matching import normalise_token

_DIACRITICS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670", "\u0640"]
# Raw decomposed accents (rare: Twitter stores NFC) limited to the ones French uses;
# escaped ones are covered by a range in the pattern.
_COMBINING_LATIN = [chr(c) for c in (0x0300, 0x0301, 0x0302, 0x0303, 0x0308, 0x0327)]


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


# Any escaped Latin-1/Extended-A letter (\u00c0-\u017f): one superset class stands for
# the accented forms of every Latin letter, which keeps the pattern (compiled by Arrow
# on every call) small.
_ESCAPED_ACCENTED = "\\\\u0(?:0[c-f]|1[0-7])[0-9a-f]"


def _char_pattern(ch: str) -> str:
    forms = _GROUPS.get(ch, {ch})
    alts = set()
    for form in forms:
        if form.isascii():
            alts.add(re.escape(form.lower()))
            if form.isalpha():
                alts.add(_ESCAPED_ACCENTED)
        else:
            alts.add(re.escape(form))
            if not ch.isascii():
                alts.add(_escaped(form))
    return "(?:" + "|".join(sorted(alts)) + ")+"


# Between letters: underscores, tatweel, Arabic diacritics, Latin combining accents,
# raw or escaped. Written compactly: the pattern is compiled once per chunk.
_NOISE = "(?:_|\\\\u06(?:4[b-f]|5[0-2]|70|40)|\\\\u03[0-6][0-9a-f]|" + "|".join(
    sorted(re.escape(c) for c in _DIACRITICS + _COMBINING_LATIN)) + ")*"


def term_pattern(term: str) -> str:
    """RE2 pattern (on lower-cased raw bytes) for one normalised term."""
    return _NOISE.join(_char_pattern(ch) for ch in term)


class Prefilter:
    """Selects the lines of a raw chunk that may hold one of ``terms``.

    Examples
    --------
    >>> pf = Prefilter(["opeunlike", "مقاطعه"])
    >>> arabic = b'{"text":"\\\\u0645\\\\u0642\\\\u0627\\\\u0637\\\\u0639\\\\u0629"}'
    >>> chunk = b'{"text":"#Ope_UNLIIKE"}\\n{"text":"hello"}\\n' + arabic
    >>> pf.candidates(chunk)
    [0, 2]
    """

    def __init__(self, terms: list[str]):
        if not terms:
            raise ValueError("a prefilter needs at least one term")
        self.terms = list(terms)
        self.pattern = "(?:" + "|".join(term_pattern(t) for t in self.terms) + ")"

    def candidates(self, chunk: bytes) -> list[int]:
        """Indices of the lines of ``chunk`` (split on ``\\n``) that may match."""
        return [i for i, _ in self.scan(chunk)[1]]

    def scan(self, chunk: bytes, block: int = 64) -> tuple[int, list[tuple[int, bytes]]]:
        """``(number_of_lines, [(index, line), …])`` for the candidate lines of ``chunk``.

        Two passes, both zero-copy views over the lower-cased chunk: first blocks of
        ``block`` lines (few regex calls, most blocks hold no candidate), then only the
        lines of the blocks that hit. Arrow compiles the pattern on every call, so
        callers pass large chunks (megabytes) to amortise it.
        """
        lowered = chunk.lower()
        newlines = np.flatnonzero(np.frombuffer(lowered, np.uint8) == 10)
        n_lines = len(newlines) + 1
        starts = np.concatenate(([0], newlines + 1)).astype(np.int64)
        ends = np.concatenate((newlines, [len(lowered)])).astype(np.int64)
        buffer = pa.py_buffer(lowered)
        block_offsets = np.concatenate((starts[::block], [len(lowered)])).astype(np.int64)
        blocks = pa.Array.from_buffers(pa.large_binary(), len(block_offsets) - 1,
                                       [None, pa.py_buffer(block_offsets), buffer])
        hit_blocks = pc.indices_nonzero(pc.match_substring_regex(blocks, pattern=self.pattern))
        hit_blocks = hit_blocks.to_numpy().astype(np.int64)
        if not len(hit_blocks):
            return n_lines, []
        index = (hit_blocks[:, None] * block + np.arange(block)[None, :]).ravel()
        index = index[index < n_lines]
        pieces = [lowered[starts[i]:ends[i]] for i in index]
        mask = pc.match_substring_regex(pa.array(pieces, pa.binary()), pattern=self.pattern)
        picked = index[mask.to_numpy(zero_copy_only=False)]
        return n_lines, [(int(i), chunk[starts[i]:ends[i]]) for i in picked]


def describe_variants(ch: str) -> list[str]:
    """The spelling variants a letter stands for in the prefilter (for documentation)."""
    return sorted(_GROUPS.get(ch, {ch}), key=lambda c: unicodedata.name(c, c))
