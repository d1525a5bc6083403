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

import functools
import re
import unicodedata

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import regex

from analysis.collect.matching import normalise_text, normalise_token, squeeze

# Code points the matcher deletes that are common enough inside real tags to be
# allowed between the letters of a term: Arabic diacritics and tatweel, Latin combining
# accents, and the everyday default-ignorables (ZWSP/ZWNJ/ZWJ, bidi marks and
# isolates, word joiner, variation selectors, BOM, soft hyphen, Arabic letter mark).
_NOISE_CODES = sorted(
    set(range(0x064B, 0x0653)) | {0x0670, 0x0640, 0x00AD, 0x061C, 0xFEFF}
    | set(range(0x0300, 0x0370)) | set(range(0x200B, 0x2010)) | set(range(0x202A, 0x202F))
    | set(range(0x2060, 0x2070)) | set(range(0xFE00, 0xFE10)))


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


def _trie_pattern(sequences: list[tuple[int, ...]], atom) -> str:
    """A compact RE2 pattern matching exactly ``sequences`` (prefix-free tuples of atoms).

    Sequences are put in a trie; siblings whose subtrees render alike merge into one
    character class, so ``\\u0300``-``\\u036f`` becomes ``\\u03[0-6][0-9a-f]``.
    ``atom(value)`` renders one atom for a class (a byte or a character).
    """
    trie: dict = {}
    for seq in sequences:
        node = trie
        for value in seq:
            node = node.setdefault(value, {})

    def render(node: dict) -> str:
        if not node:
            return ""
        by_tail: dict[str, list[int]] = {}
        for value, child in node.items():
            by_tail.setdefault(render(child), []).append(value)
        alternatives = [_class(values, atom) + tail for tail, values in sorted(by_tail.items())]
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return render(trie)


def _class(values: list[int], atom) -> str:
    values = sorted(set(values))
    if len(values) == 1:
        return atom(values[0])
    ranges, start = [], values[0]
    for prev, cur in zip(values, values[1:] + [None]):
        if cur is None or cur != prev + 1:
            ranges.append(atom(start) if start == prev else f"{atom(start)}-{atom(prev)}")
            if cur is not None:
                start = cur
    return "[" + "".join(ranges) + "]"


def _byte_atom(value: int) -> str:
    return f"\\x{value:02x}"


def _char_atom(value: int) -> str:
    ch = chr(value)
    return "\\\\" if ch == "\\" else ch


def _escape_units(code: int) -> str:
    """How JSON writes ``code`` escaped, lower-cased (a surrogate pair above the BMP)."""
    if code < 0x10000:
        return "\\u%04x" % code
    code -= 0x10000
    return "\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))


def _any_of(codes: list[int]) -> str:
    """RE2 pattern (Latin-1 mode, byte-wise) for ``codes`` as raw UTF-8 or lower-cased escapes."""
    raw = _trie_pattern([tuple(chr(c).encode("utf-8")) for c in codes], _byte_atom)
    escaped = _trie_pattern([tuple(map(ord, _escape_units(c))) for c in codes], _char_atom)
    return f"(?:{raw}|{escaped})"


# Between letters: underscores and the common deleted code points, raw or escaped.
_NOISE = "(?:_|" + _any_of(_NOISE_CODES)[3:-1] + ")*"


# Everything but the blocks NFKC and the matcher leave alone (CJK ideographs, Hangul
# syllables, the unassigned planes 3-13 bar the tags block, private use): scanning them
# would cost most of a second per process for nothing.
_SCANNED_RANGES = ((0x80, 0x3400), (0x4DC0, 0x4E00), (0xA000, 0xAC00), (0xD7A4, 0x20000),
                   (0x2F800, 0x2FA20), (0xE0000, 0xE1000))


@functools.lru_cache(maxsize=1)
def _normalised_specials() -> tuple[tuple[int, str], ...]:
    """``(code, comparison key)`` of every code point the matcher rewrites beyond case.

    Fullwidth and mathematical letters, presentation forms, ligatures, superscripts,
    combining marks of any script, default-ignorables: what NFKC and the matcher's
    other steps change. Computed once per process (under a second).
    """
    ignorable = regex.compile(r"\p{Default_Ignorable_Code_Point}")
    out = []
    for code in (c for start, stop in _SCANNED_RANGES for c in range(start, stop)):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        category = unicodedata.category(ch)
        if (unicodedata.is_normalized("NFKC", ch) and category not in ("Mn", "Mc", "Me", "Cf")
                and not unicodedata.decomposition(ch) and ch.casefold() == ch
                and not ignorable.match(ch)):
            continue
        out.append((code, squeeze(normalise_text(ch))))
    return tuple(out)


def rare_codes(terms: list[str]) -> list[int]:
    """Code points whose mere presence makes a line a candidate for ``terms``.

    Those the matcher deletes (outside :data:`_NOISE_CODES`) or rewrites into a letter
    of a term (outside the letter variants :func:`term_pattern` already spells out).
    They are rare in real posts, so a line holding one costs a JSON parse at most.
    """
    letters = set("".join(terms))
    spelled = {c for key in letters for c in _GROUPS.get(key, ())}
    noise = set(_NOISE_CODES)
    return [code for code, key in _normalised_specials()
            if code not in noise and chr(code) not in spelled
            and (key == "" or letters & set(key))]


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
        alternatives = [term_pattern(t) for t in self.terms]
        rare = rare_codes(self.terms)
        if rare:
            alternatives.append(_any_of(rare))
        self.pattern = "(?:" + "|".join(alternatives) + ")"

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
