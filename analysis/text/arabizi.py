"""Arabizi (Darija in Latin script): one spelling per word, optional Arabic script.

Arabizi writers spell one word many ways: ``bzaf``/``bezzaf``/``bzzaaf``,
``chno``/``shno``/``xno``, ``khouya``/``khuya``. :func:`normalise_arabizi` maps the
common variants to one form, word by word, and keeps the digit letters
(2 ء, 3 ع, 5 خ, 7 ح, 8 غ, 9 ق) as they are. :func:`arabizi_to_arabic` then
optionally transliterates to Arabic script with plain character rules (no
dictionary), so Darija written in both scripts can share features.

Both only touch Latin words that contain a letter: pure numbers (``2016``),
Arabic words and special tokens (``<url>``) pass through unchanged. They do not
know which words are French: apply them to posts identified as ``ary_latn``.
The measured accuracy on a hand-checked word list is in
``data/langid/README.md``.
"""

from __future__ import annotations

import regex

# A Latin-script word holding at least one letter (digits inside are letters here).
_WORD = regex.compile(r"(?<![\w<:])(?=[\w']*[a-z\u00e0-\u00ff])[a-z0-9\u00e0-\u00ff']+(?![\w>])")
_TOKEN = regex.compile(r"<[^<>\s]+>")

_ACCENTS = str.maketrans("àâäáãéèêëíìîïóòôöúùûüçñ", "aaaaaeeeeiiiioooouuuucn")
# Spelling variants -> canonical spelling. Order matters: the vowel digraphs go
# before doubled letters are collapsed (``oo`` is u, not o).
_VOWEL_DIGRAPHS = (("oo", "u"), ("ou", "u"), ("ee", "i"), ("sh", "ch"), ("x", "ch"), ("dj", "j"))
_DOUBLE = regex.compile(r"([a-z])\1+")
_I_BEFORE_VOWEL = regex.compile(r"(?<=[b-df-hj-np-tv-z])i(?=[aeou])")  # mzian -> mzyan


def _canonical_word(word: str) -> str:
    word = word.translate(_ACCENTS)
    for old, new in _VOWEL_DIGRAPHS:
        word = word.replace(old, new)
    word = _DOUBLE.sub(r"\1", word)
    return _I_BEFORE_VOWEL.sub("y", word)


def _outside_tokens(text: str, func) -> str:
    """Apply ``func`` to the pieces of ``text`` between special tokens."""
    if "<" not in text:
        return func(text)
    pieces, start = [], 0
    for match in _TOKEN.finditer(text):
        pieces.append(func(text[start:match.start()]))
        pieces.append(match.group())
        start = match.end()
    pieces.append(func(text[start:]))
    return "".join(pieces)


def normalise_arabizi(text: str) -> str:
    """Map common Arabizi spellings to one form (casefolded, accents dropped).

    ``sh``/``x`` -> ``ch``; ``ou``/``oo`` -> ``u``; ``ee`` -> ``i``; ``dj`` -> ``j``;
    doubled letters -> one; ``i`` before a vowel after a consonant -> ``y``.

    Examples
    --------
    >>> normalise_arabizi("Bezzaaf shno XNO khouya mzian 2016 <url>")
    'bezaf chno chno khuya mzyan 2016 <url>'
    """
    def words(piece: str) -> str:
        return _WORD.sub(lambda m: _canonical_word(m.group()), piece)

    return _outside_tokens(text.casefold(), words)


# Transliteration of canonical Arabizi (the output of _canonical_word).
_DIGRAPHS = (("ch", "ش"), ("kh", "خ"), ("gh", "غ"))
_LETTERS = str.maketrans({
    "a": "ا", "b": "ب", "c": "ك", "d": "د", "e": None, "f": "ف", "g": "ك", "h": "ه",
    "i": "ي", "j": "ج", "k": "ك", "l": "ل", "m": "م", "n": "ن", "o": "و", "p": "ب",
    "q": "ق", "r": "ر", "s": "س", "t": "ت", "u": "و", "v": "ف", "w": "و", "y": "ي",
    "z": "ز", "'": None,
    "2": "ء", "3": "ع", "5": "خ", "7": "ح", "8": "غ", "9": "ق",
})


def _transliterate_word(word: str) -> str:
    word = _canonical_word(word)
    for latin, arabic in _DIGRAPHS:
        word = word.replace(latin, arabic)
    # A schwa "e" is not written in Arabic script, except as the whole word's vowel.
    out = word.translate(_LETTERS)
    return out or word


def arabizi_to_arabic(text: str) -> str:
    """Transliterate Arabizi words to Arabic script by character rules.

    Vowels: ``a`` -> ا, ``i``/``y`` -> ي, ``u``/``o``/``w`` -> و, ``e`` (schwa) dropped;
    ``g`` -> ك as most Moroccan keyboards write it. Rules only, so short vowels that
    Arabic script leaves unwritten (``salam`` -> سالام, not سلام) come out wrong;
    see the measured accuracy in ``data/langid/README.md``.

    Examples
    --------
    >>> arabizi_to_arabic("wach bghiti chi 7aja mn 3ndi 2016")
    'واش بغيتي شي حاجا من عندي 2016'
    """
    def words(piece: str) -> str:
        return _WORD.sub(lambda m: _transliterate_word(m.group()), piece)

    return _outside_tokens(text.casefold(), words)
