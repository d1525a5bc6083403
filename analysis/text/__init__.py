"""Text normalisation for Moroccan posts: French, MSA, Darija and Arabizi.

One entry point, :func:`normalise` (and :class:`TextNormaliser`, its scikit-learn
transformer with the same keywords), with one keyword per step in the pysentimiento
manner. The steps run in this order:

1. **invisible marks** (always): bidi controls (LRM, RLM, ALM, embeddings,
   isolates), zero-width space / non-joiner, word joiner, BOM and soft hyphen are
   removed; a zero-width joiner is kept only inside emoji sequences (👨‍💻).
2. **unicode** (always): NFKC through ``camel_tools.utils.normalize.normalize_unicode``
   (Arabic presentation forms and ligatures become base letters).
3. ``urls="token"``: ``keep`` | ``token`` (``<url>``) | ``remove``. A bare ``http``
   (what XLM-T left of its URLs) counts as a URL.
4. ``mentions="token"``: ``keep`` | ``token`` (``<user>``) | ``remove``.
5. ``hashtags="keep"``: ``keep`` | ``token`` (``<hashtag>``) | ``remove`` | ``split``
   (``#OpeUnlike`` -> ``Ope Unlike``, ``#مقاطعة_اتصالات`` -> ``مقاطعة اتصالات``).
6. ``emoji="keep"``: ``keep`` | ``name`` (``<emoji:face_with_tears_of_joy>``, CLDR
   name from the ``emoji`` package) | ``polarity`` (``<emoji_pos>``, ``<emoji_neg>``,
   ``<emoji_neu>`` from a small hand-set table) | ``token`` (``<emoji>``) | ``remove``.
7. ``laughter=True``: ``hhhh``, ``hahaha``, ``hihi``, ``lol``, ``mdr``, ``ptdr``, ``xD``,
   ``ههههه``, ``هاهاها``, ``خخخ`` -> ``<laugh>``.
8. ``elongation=True``: runs of 3+ Arabic letters -> one (``بزااااف`` -> ``بزاف``);
   runs of 3+ of any other non-digit character -> two (``bzaaaf`` -> ``bzaaf``,
   ``!!!!`` -> ``!!``). Digits are never touched (``2016``, ``1000``).
9. ``arabic=True``: through ``camel_tools.utils``: ``dediac_ar``, ``normalize_alef_ar``
   (أ إ آ ٱ -> ا), ``normalize_alef_maksura_ar`` (ى -> ي), ``normalize_teh_marbuta_ar``
   (ة -> ه); plus tatweel removed, Persian ک/ی -> ك/ي, Arabic-Indic digits -> 0-9.
10. ``latin=True``: ``True``/``"casefold"`` casefolds and folds typographic
    apostrophes and quotes (accents kept: French cue) | ``"ascii"`` also strips
    accents (``é`` -> ``e``) | ``False``.
11. ``arabizi=False``: ``True``/``"latin"`` maps Arabizi spellings to one form
    (:func:`normalise_arabizi`: ``sh``/``x`` -> ``ch``, ``ou`` -> ``u``, doubled
    letters -> one, digit letters kept) | ``"arabic"`` also transliterates to Arabic
    script (:func:`arabizi_to_arabic`). Use it on Arabizi posts only: it does not
    know which Latin words are French.
12. **spaces** (always): whitespace runs -> one space, ends stripped. A non-empty post
    never becomes ``""``: it becomes ``<emoji>`` (it held emoji) or ``<empty>``.

Special tokens all look like ``<name>`` (:data:`TOKEN_RE`); :func:`tokenize` keeps
them whole and splits the rest with ``camel_tools.tokenizers.word.simple_word_tokenize``.
:func:`script_shares` gives the shares of Arabic-script and Latin-script letters
(URLs, mentions and tokens ignored), the basis of the language identifier.

Every step is also a plain function (``strip_invisible``, ``normalise_unicode``,
``replace_urls``, ``replace_mentions``, ``replace_hashtags``, ``replace_emoji``,
``replace_laughter``, ``reduce_elongation``, ``normalise_arabic``, ``normalise_latin``,
``normalise_arabizi``, ``arabizi_to_arabic``, ``collapse_spaces``). All are
deterministic and built on precompiled regexes and ``str.translate``.

Examples
--------
>>> from analysis.text import normalise
>>> normalise("@Maroc_Telecom 3ayqiiin bikom hhhh 😡 #OpeUnlike", hashtags="split",
...           emoji="polarity")
'<user> 3ayqiin bikom <laugh> <emoji_neg> ope unlike'
"""

from analysis.text.arabizi import arabizi_to_arabic, normalise_arabizi
from analysis.text.steps import (
    EMOJI_TOKEN,
    EMPTY_TOKEN,
    HASHTAG_TOKEN,
    LAUGH_TOKEN,
    SPECIAL_TOKENS,
    TOKEN_RE,
    URL_TOKEN,
    USER_TOKEN,
    collapse_spaces,
    emoji_name,
    emoji_polarity,
    has_emoji,
    normalise,
    normalise_arabic,
    normalise_latin,
    normalise_unicode,
    reduce_elongation,
    remove_special_tokens,
    replace_emoji,
    replace_hashtags,
    replace_laughter,
    replace_mentions,
    replace_urls,
    strip_invisible,
    tokenize,
)
from analysis.text.script import letter_counts, script_shares
from analysis.text.transformers import ArabiziNormaliser, TextNormaliser, as_texts

__all__ = [
    "ArabiziNormaliser", "TextNormaliser", "as_texts", "arabizi_to_arabic", "normalise_arabizi",
    "EMOJI_TOKEN", "EMPTY_TOKEN", "HASHTAG_TOKEN", "LAUGH_TOKEN", "SPECIAL_TOKENS", "TOKEN_RE",
    "URL_TOKEN", "USER_TOKEN", "collapse_spaces", "emoji_name", "emoji_polarity", "has_emoji", "letter_counts",
    "normalise", "normalise_arabic", "normalise_latin", "normalise_unicode", "reduce_elongation",
    "remove_special_tokens",
    "replace_emoji", "replace_hashtags", "replace_laughter", "replace_mentions", "replace_urls",
    "script_shares", "strip_invisible", "tokenize",
]
