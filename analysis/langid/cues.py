"""Word cue lists for Darija, MSA, Arabizi, French, English and Spanish.

The lists live in ``data/langid/cues_<label>.txt`` (one word per line, ``#``
comments) and were written for this project, not extracted from any corpus. Words
are normalised the way :func:`analysis.langid.features.prepare` normalises posts
(casefold, Arabic orthography, Arabizi spellings for the Arabizi list), so a cue
matches whatever spelling variant the post uses.

Two rules complement the lists:

* a Latin word that mixes letters with a digit letter (``3la``, ``m3ak``, ``7ta``)
  is an Arabizi cue;
* an Arabic word of the negation circumfix ``ما…ش`` (``ماعرفتش``, ``مابغيتش``) is a
  Darija cue.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import regex

from analysis import paths
from analysis.text import normalise_arabic, normalise_arabizi

#: :data:`analysis.schema.LANGS` in priority order: a word listed under two labels keeps
#: the first (Darija before MSA, Arabizi before French).
CUE_LABELS = ("ary", "ar", "ary_latn", "fr", "en", "other")
CUE_DIR = paths.DATA / "langid"

# An Arabizi digit letter: one of 2 3 5 7 8 9 standing alone between letters or at a
# word edge, in a word of at least two letters ("3la", "m3ak", "s7a7"), but not
# numbers with units or codes ("12v", "300w", "8h30", "we300").
_DIGIT_LETTER = regex.compile(r"^(?=(?:.*[a-z]){2})(?!.*\d\d)[a-z']*[235789][a-z0-9']*$")
_NEGATION = regex.compile(r"^ما[\u0621-\u064a]{2,}ش$")
_RULE_CANDIDATE = re.compile(r"[235789]|^ما", re.MULTILINE)


def _read_list(path) -> list[str]:
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line)
    return words


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, str]:
    """``{normalised word: label}`` from every ``cues_<label>.txt``.

    A word listed under two labels keeps the first in :data:`CUE_LABELS` order
    (Darija before MSA, Arabizi before French), which favours the Moroccan reading.
    """
    lexicon: dict[str, str] = {}
    for label in CUE_LABELS:
        path = CUE_DIR / f"cues_{label}.txt"
        if not path.is_file():
            continue
        for word in _read_list(path):
            word = normalise_arabic(word.casefold())
            forms = {word}
            if label == "ary_latn":
                forms.add(normalise_arabizi(word))
            for form in forms:
                lexicon.setdefault(form, label)
    return lexicon


def token_cue(token: str) -> str | None:
    """The cue label of one normalised token, or ``None``.

    >>> token_cue("ديال"), token_cue("الذي"), token_cue("m3ak"), token_cue("merci")
    ('ary', 'ar', 'ary_latn', 'fr')
    >>> token_cue("مابغيتش"), token_cue("2016"), token_cue("300w"), token_cue("s7a7")
    ('ary', None, None, 'ary_latn')
    """
    label = cue_lexicon().get(token)
    if label is not None:
        return label
    if _DIGIT_LETTER.match(token):
        return "ary_latn"
    if _NEGATION.match(token):
        return "ary"
    return None


def token_cues(tokens: list[str]) -> list[str | None]:
    """:func:`token_cue` of many tokens (words: no whitespace inside): one dictionary
    pass, the rule regexes only where they can match (a digit letter, or a word
    starting with ``ما``).

    >>> token_cues(["ديال", "m3ak", "merci", "مابغيتش", "xyz"])
    ['ary', 'ary_latn', 'fr', 'ary', None]
    """
    cues = list(map(cue_lexicon().get, tokens))
    # Only tokens with a digit letter or starting with ما can match a rule: find them
    # with one regex pass over the tokens joined by newlines.
    joined = "\n".join(tokens)
    if not _RULE_CANDIDATE.search(joined):
        return cues
    starts = np.cumsum([0] + [len(t) + 1 for t in tokens])
    lines = np.searchsorted(starts, [m.start() for m in _RULE_CANDIDATE.finditer(joined)],
                            side="right") - 1
    for i in np.unique(lines).tolist():
        if cues[i] is None:
            cues[i] = token_cue(tokens[i])
    return cues
