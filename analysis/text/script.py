"""Which script a text is written in: the letter classes and each script's share.

The language identifier labels a post within the script that holds most of its letters,
so these three letter classes are the ground it stands on (its features read them too,
:mod:`analysis.langid.features`).
"""

from __future__ import annotations

import re

from analysis.text.steps import MENTION_RE, TOKEN_RE, replace_urls

#: Arabic-script letters (Arabic, Arabic Supplement and Extended-A, presentation forms).
ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f"
                           r"\u08a0-\u08ff\ufb50-\ufdfb\ufe70-\ufefc]")
#: Latin-script letters, accented ones included.
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
# Letters of other scripts (Greek, Cyrillic, Armenian, Hebrew, Indic, Thai, Georgian,
# Hangul, kana, CJK), by block: explicit ranges keep this ~3x faster than [^\W\d_].
OTHER_LETTER = re.compile(r"[\u0370-\u03ff\u0400-\u052f\u0531-\u0587\u05d0-\u05ea"
                           r"\u0900-\u0dff\u0e01-\u0eff\u10a0-\u10ff\u1100-\u11ff"
                           r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def letter_counts(text: str) -> tuple[int, int, int]:
    """Numbers of Arabic-script, Latin-script and other-script letters.

    >>> letter_counts("Ça va? واش 3la Привет")
    (3, 6, 6)
    """
    return (len(ARABIC_LETTER.findall(text)), len(LATIN_LETTER.findall(text)),
            len(OTHER_LETTER.findall(text)))


def script_shares(text: str) -> tuple[float, float]:
    """Shares of Arabic-script and Latin-script letters among all letters
    (:func:`letter_counts`).

    URLs, @mentions and special tokens are ignored (as in the corpora's script rule);
    a post with no letter gives ``(0.0, 0.0)``.

    >>> script_shares("mrhba مرحبا @inwi https://t.co/abc")
    (0.5, 0.5)
    >>> script_shares("😂 123")
    (0.0, 0.0)
    """
    text = replace_urls(text, "remove")
    if "@" in text:
        text = MENTION_RE.sub(" ", text)
    if "<" in text:
        text = TOKEN_RE.sub(" ", text)
    arabic, latin, other = letter_counts(text)
    letters = arabic + latin + other
    if not letters:
        return 0.0, 0.0
    return arabic / letters, latin / letters
