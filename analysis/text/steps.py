"""The normalisation steps, one plain function per step, and :func:`normalise`.

Every step is a pure ``str -> str`` function built on precompiled regular
expressions or ``str.translate`` (no per-character Python loops), so a whole post
is normalised in a few microseconds. :func:`normalise` chains them in the order
listed in :mod:`analysis.text`.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import re

import emoji as emoji_lib
import regex
from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

from analysis.text.arabizi import normalise_arabizi, arabizi_to_arabic

URL_TOKEN = "<url>"
USER_TOKEN = "<user>"
HASHTAG_TOKEN = "<hashtag>"
LAUGH_TOKEN = "<laugh>"
EMOJI_TOKEN = "<emoji>"
EMPTY_TOKEN = "<empty>"
#: Tokens :func:`normalise` may insert; all match :data:`TOKEN_RE` and survive
#: :func:`tokenize` whole.
SPECIAL_TOKENS = (URL_TOKEN, USER_TOKEN, HASHTAG_TOKEN, LAUGH_TOKEN, EMOJI_TOKEN, EMPTY_TOKEN,
                  "<emoji_pos>", "<emoji_neg>", "<emoji_neu>")
TOKEN_RE = re.compile(r"<(?:url|user|hashtag|laugh|empty|emoji(?:_pos|_neg|_neu|:[^<>\s]+)?)>")

# --- invisible marks ---------------------------------------------------------------
# Bidi controls (LRM, RLM, ALM, embeddings, isolates), zero-width space/non-joiner,
# word joiner, BOM and soft hyphen carry no meaning but split words and n-grams.
_INVISIBLE = re.compile("[\u200b\u200c\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069"
                        "\u061c\ufeff\u00ad]")
# The zero-width joiner glues emoji sequences (👨‍💻) together: keep it there only.
_EMOJI_CHAR = r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]"
_STRAY_ZWJ = regex.compile(rf"(?<!{_EMOJI_CHAR})\u200d|\u200d(?!\p{{Extended_Pictographic}})")
_SPACES = re.compile(r"\s+")


def strip_invisible(text: str) -> str:
    """Remove bidi controls and zero-width marks (keeping emoji ZWJ sequences).

    >>> strip_invisible("\\u200fسلام\\u200e ok\\u200b!")
    'سلام ok!'
    """
    text = _INVISIBLE.sub("", text)
    if "\u200d" in text:
        text = _STRAY_ZWJ.sub("", text)
    return text


def normalise_unicode(text: str) -> str:
    """NFKC through ``camel_tools.utils.normalize.normalize_unicode``.

    camel-tools additionally expands the two Arabic ligatures ﷼ and ﷽, through a
    character mapper that costs ~9 µs per post; it is only called when one of them
    is present, otherwise plain NFKC (what camel-tools does next) is used.

    >>> normalise_unicode("ﻣﺮﺣﺒﺎ")  # Arabic presentation forms -> base letters
    'مرحبا'
    """
    if "\ufdfc" in text or "\ufdfd" in text:
        return normalize_unicode(text)
    return unicodedata.normalize("NFKC", text)


# --- URLs, mentions, hashtags ------------------------------------------------------
# Plain ``re`` wherever no Unicode property is needed: it is 3-10x faster than
# ``regex`` on these patterns.
_URL_RE = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\bhttps?\b",  # a bare "http": what XLM-T left of its URLs
    re.IGNORECASE,
)
# Scheme-less links (bit.ly/x, inwi.ma/offre): only searched when "/" occurs,
# because trying this pattern at every word start is costly.
_DOMAIN_RE = re.compile(r"\b[\w.-]+\.(?:com|ma|fr|net|org|ly|be|co|me|io|tv|info)/\S*",
                        re.IGNORECASE)
MENTION_RE = re.compile(r"(?<![\w@])@\w+")
_HASHTAG_RE = re.compile(r"(?<![\w#&])#(\w+)")
_CAMEL_SPLIT = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})")


def _replace(pattern: re.Pattern, how: str, token: str, text: str, step: str,
             marker: str = "") -> str:
    """Keep, tokenise or remove ``pattern``; skip the regex when ``marker`` is absent."""
    if how not in ("keep", "token", "remove"):
        raise ValueError(f"{step}={how!r}: expected 'keep', 'token' or 'remove'")
    if how == "keep" or (marker and marker not in text):
        return text
    if how == "token":
        return pattern.sub(f" {token} ", text)
    if how == "remove":
        return pattern.sub(" ", text)
    raise ValueError(f"{step}={how!r}: expected 'keep', 'token' or 'remove'")


def _has_url_marker(text: str) -> bool:
    # Substring tests cost ~50 ns; the case-insensitive regex ~5 us per post.
    return "http" in text or "www" in text or "HTTP" in text or "WWW" in text or "Http" in text


def replace_urls(text: str, how: str = "token") -> str:
    """URLs: ``keep``, ``token`` (``<url>``) or ``remove``.

    >>> replace_urls("voir https://t.co/x1 et www.inwi.ma")
    'voir  <url>  et  <url> '
    """
    if _has_url_marker(text):
        text = _replace(_URL_RE, how, URL_TOKEN, text, "urls")
    return _replace(_DOMAIN_RE, how, URL_TOKEN, text, "urls", marker="/")


def replace_mentions(text: str, how: str = "token") -> str:
    """@mentions: ``keep``, ``token`` (``<user>``) or ``remove``.

    >>> replace_mentions("@IAM_maroc chof had l3iba")
    ' <user>  chof had l3iba'
    """
    return _replace(MENTION_RE, how, USER_TOKEN, text, "mentions", marker="@")


def _split_hashtag(match: regex.Match) -> str:
    words = _CAMEL_SPLIT.sub(" ", match.group(1)).replace("_", " ")
    return f" {words} "


def replace_hashtags(text: str, how: str = "keep") -> str:
    """Hashtags: ``keep``, ``token`` (``<hashtag>``), ``remove`` or ``split`` into words.

    ``split`` drops ``#`` and cuts at underscores and lower-to-upper case changes
    (never at digits, which are letters in Arabizi).

    >>> replace_hashtags("#OpeUnlike #مقاطعة_اتصالات #3ayqin", "split").split()
    ['Ope', 'Unlike', 'مقاطعة', 'اتصالات', '3ayqin']
    """
    if how == "split":
        return _HASHTAG_RE.sub(_split_hashtag, text) if "#" in text else text
    return _replace(_HASHTAG_RE, how, HASHTAG_TOKEN, text, "hashtags", marker="#")


def remove_special_tokens(text: str) -> str:
    """Special tokens (:data:`TOKEN_RE`: ``<url>``, ``<user>``, ``<emoji_pos>``…) become a
    space: for text that an earlier normalisation, or a corpus's own preprocessing, has
    already tokenised, when the tokens carry nothing for the task (language ID).

    >>> remove_special_tokens("<user> salam <url>")
    '  salam  '
    """
    return TOKEN_RE.sub(" ", text) if "<" in text else text


# --- emoji -------------------------------------------------------------------------
# One emoji "cluster": a pictograph with its variation selector and skin tone, any
# ZWJ-joined continuation, a keycap sequence, or a pair of regional indicators (flag).
_EMOJI_RE = regex.compile(
    r"[\U0001F1E6-\U0001F1FF]{2}"
    r"|[0-9#*]\uFE0F?\u20E3"
    r"|\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]*"
    r"(?:\u200d\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]*)*"
)
# Polarity of the commonest emoji in Moroccan social media, set by hand for this
# project (positive: joy, love, approval; negative: anger, sadness, disgust). Every
# other emoji is neutral. The laughing faces are positive here as in their surface
# meaning; sarcasm is the sentiment model's problem, not the normaliser's.
_POSITIVE = set(
    "😂🤣😀😃😄😁😆😅😊😇🙂😉😍🥰😘😗😙😚😋😛😜😝🤗🤩😎🥳👍👏🙌👌💪🙏✌❤🧡💛💚💙💜🤍🖤💕💞"
    "💓💗💖💘💝♥🌹🌷🌸💐✨🎉🎊🔥💯✅🏆🥇👑😻😺☺"
)
_NEGATIVE = set(
    "😢😭😞😔😟😕🙁☹😣😖😫😩😤😠😡🤬👎💔🤮🤢😒🙄😑😐😬😰😨😱😓😥😪🤦🤷🖕💩☠💀"
    "😿😾❌🚫⛔🤡🐍🐷"
)


def _base_char(cluster: str) -> str:
    return cluster[0]


@lru_cache(maxsize=4096)
def emoji_name(cluster: str) -> str:
    """The CLDR short name of an emoji cluster, as the ``emoji`` package spells it.

    >>> emoji_name("😂")
    'face_with_tears_of_joy'
    """
    data = emoji_lib.EMOJI_DATA.get(cluster) or emoji_lib.EMOJI_DATA.get(cluster.replace("\ufe0f", ""))
    if data is None:
        data = emoji_lib.EMOJI_DATA.get(_base_char(cluster))
    if data is None:
        return "emoji"
    return data["en"].strip(":").casefold()


def emoji_polarity(cluster: str) -> str:
    """``pos``, ``neg`` or ``neu`` for one emoji cluster (hand-set table).

    >>> emoji_polarity("😡"), emoji_polarity("👍🏽"), emoji_polarity("🚗")
    ('neg', 'pos', 'neu')
    """
    base = _base_char(cluster)
    if base in _POSITIVE:
        return "pos"
    if base in _NEGATIVE:
        return "neg"
    return "neu"


def replace_emoji(text: str, how: str = "keep") -> str:
    """Emoji: ``keep``, ``name`` (``<emoji:face_with_tears_of_joy>``), ``polarity``
    (``<emoji_pos>``/``<emoji_neg>``/``<emoji_neu>``), ``token`` (``<emoji>``) or ``remove``.

    >>> replace_emoji("top 😂👍", "polarity")
    'top  <emoji_pos>  <emoji_pos> '
    >>> replace_emoji("🇲🇦", "name")
    ' <emoji:morocco> '
    """
    if how == "keep":
        return text
    if how == "name":
        return _EMOJI_RE.sub(lambda m: f" <emoji:{emoji_name(m.group())}> ", text)
    if how == "polarity":
        return _EMOJI_RE.sub(lambda m: f" <emoji_{emoji_polarity(m.group())}> ", text)
    if how == "token":
        return _EMOJI_RE.sub(f" {EMOJI_TOKEN} ", text)
    if how == "remove":
        return _EMOJI_RE.sub(" ", text)
    raise ValueError(f"emoji={how!r}: expected 'keep', 'name', 'polarity', 'token' or 'remove'")


def has_emoji(text: str) -> bool:
    """Whether ``text`` holds at least one emoji.

    >>> has_emoji("ok 👍"), has_emoji("ok")
    (True, False)
    """
    return _EMOJI_RE.search(text) is not None


# --- laughter and elongation -------------------------------------------------------
# Latin: hhhh, hahaha, hihi, hehe, xD, lol, mdr/ptdr; Arabic: ههههه, هاهاها, خخخخ.
_LAUGH_RE = re.compile(
    r"(?<![\w<])(?:"
    r"(?:[hx]*(?:ha|he|hi|ah|eh)){2,}h*|h{2,}(?:a+h*)*|a*(?:ha){2,}h*"
    r"|l+o+l+(?:o+l+)*|p+t+d+r+|m+d+r+|x+d+"
    r"|ه{3,}|(?:ها){2,}ه*|(?:هه+[اي]?){2,}|خ{3,}"
    r")(?![\w>])",
    re.IGNORECASE,
)
# Three or more of one character -> two (Latin, digits, punctuation, emoji); Arabic
# letters -> one, because Arabic writes doubled consonants with shadda, so a run of a
# letter is always elongation (بزااااف -> بزاف), whereas Latin "ll", "ss" are real.
_RUN = re.compile(r"([^\s\d])\1{2,}")


def _shorten_run(match: re.Match) -> str:
    char = match.group(1)
    return char if "\u0621" <= char <= "\u06d3" else char + char


def replace_laughter(text: str) -> str:
    """Laughter (``hhhh``, ``hahaha``, ``mdr``, ``lol``, ``ههههه``) becomes ``<laugh>``.

    >>> replace_laughter("wa hhhhhh ههههه mdrrr")
    'wa <laugh> <laugh> <laugh>'
    """
    return _LAUGH_RE.sub(LAUGH_TOKEN, text)


def reduce_elongation(text: str) -> str:
    """Cut character runs: Arabic letters to one, anything else (not digits) to two.

    >>> reduce_elongation("bzaaaaaf!!!! بزااااف")
    'bzaaf!! بزاف'
    """
    return _RUN.sub(_shorten_run, text)


# --- Arabic and Latin script normalisation -----------------------------------------
_ARABIC_EXTRA = str.maketrans({
    "\u06a9": "\u0643",  # keheh -> kaf (Persian keyboards)
    "\u06cc": "\u064a",  # Farsi yeh -> yeh
    "\u06c1": "\u0647",  # heh goal -> heh
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits -> 0-9
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Eastern Arabic-Indic digits
})
_HAS_ARABIC = re.compile(r"[\u0600-\u06ff]")
_HAS_EXTRA = re.compile(r"[\u06a9\u06cc\u06c1\u0660-\u0669\u06f0-\u06f9]")


def normalise_arabic(text: str) -> str:
    """Arabic orthography through ``camel_tools.utils``: alef variants to bare alef,
    alef maksura to yeh, teh marbuta to heh, diacritics removed (``dediac_ar``), plus
    tatweel removed, Persian kaf/yeh unified and Arabic-Indic digits made ASCII.

    >>> normalise_arabic("إِنَّ المدرسةَ كبيــرة على ١٠")
    'ان المدرسه كبيره علي 10'
    """
    if not _HAS_ARABIC.search(text):
        return text
    text = dediac_ar(text)
    text = normalize_alef_ar(text)
    text = normalize_alef_maksura_ar(text)
    text = normalize_teh_marbuta_ar(text).replace("\u0640", "")  # tatweel: pure elongation
    # str.translate costs ~5 us per post; only pay it when a character to map is there.
    return text.translate(_ARABIC_EXTRA) if _HAS_EXTRA.search(text) else text


# Typographic apostrophes and quotes (French "l’opérateur") folded to ASCII.
_LATIN_PUNCT = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'",
                              "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"'})
_COMBINING = regex.compile(r"\p{Mn}+")
_LATIN_HOW = (True, False, "casefold", "ascii")


def normalise_latin(text: str, how: bool | str = True) -> str:
    """Latin script: ``True``/``"casefold"`` casefolds and unifies apostrophes (French
    accents kept: they are a strong cue of French); ``"ascii"`` also strips accents
    (``é`` -> ``e``); ``False`` does nothing.

    >>> normalise_latin("L’Opérateur BLOQUE")
    "l'opérateur bloque"
    >>> normalise_latin("L’Opérateur", "ascii")
    "l'operateur"
    """
    if how is False:
        return text
    if how not in _LATIN_HOW:
        raise ValueError(f"latin={how!r}: expected one of {_LATIN_HOW}")
    text = text.translate(_LATIN_PUNCT).casefold()
    if how == "ascii":
        # Decompose, drop combining marks, recompose: Arabic has no combining marks
        # left after normalise_arabic, so this only touches Latin accents there.
        text = unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", text)))
    return text


def collapse_spaces(text: str) -> str:
    """Runs of whitespace become one space; ends are stripped.

    >>> collapse_spaces("  a \\t b\\n")
    'a b'
    """
    return _SPACES.sub(" ", text).strip()


_ARABIZI_HOW = (False, True, "latin", "arabic")


def normalise(text: str, *, urls: str = "token", mentions: str = "token",
              hashtags: str = "keep", emoji: str = "keep", elongation: bool = True,
              laughter: bool = True, arabic: bool = True, latin: bool | str = True,
              arabizi: bool | str = False) -> str:
    """Normalise one post; see :mod:`analysis.text` for the steps and keywords.

    Deterministic; a non-empty post never becomes empty: if every character was an
    emoji (removed) or mark, ``<emoji>`` or ``<empty>`` is returned instead.

    Examples
    --------
    >>> normalise("@inwi Bzaaaaf 3lik hhhhh 😂 https://t.co/x")
    '<user> bzaaf 3lik <laugh> 😂 <url>'
    >>> normalise("وااااش هادشي معقوووول؟", arabic=True)
    'واش هادشي معقول؟'
    >>> normalise("😡😡", emoji="remove")
    '<emoji>'
    >>> normalise("chno bghiti a khouya", arabizi="arabic")
    'شنو بغيتي ا خويا'
    """
    if not isinstance(text, str):
        raise TypeError(f"normalise expects a str, got {type(text).__name__}")
    if arabizi not in _ARABIZI_HOW:
        raise ValueError(f"arabizi={arabizi!r}: expected one of {_ARABIZI_HOW}")
    original = text
    text = normalise_unicode(strip_invisible(text))
    text = replace_urls(text, urls)
    text = replace_mentions(text, mentions)
    text = replace_hashtags(text, hashtags)
    text = replace_emoji(text, emoji)
    if laughter:
        text = replace_laughter(text)
    if elongation:
        text = reduce_elongation(text)
    if arabic:
        text = normalise_arabic(text)
    text = normalise_latin(text, latin)
    if arabizi:
        text = normalise_arabizi(text)
        if arabizi == "arabic":
            text = arabizi_to_arabic(text)
    text = collapse_spaces(text)
    if not text and original.strip():
        return EMOJI_TOKEN if has_emoji(original) else EMPTY_TOKEN
    return text


def tokenize(text: str) -> list[str]:
    """Words and punctuation through ``camel_tools.tokenizers.word.simple_word_tokenize``,
    keeping the special tokens (``<url>``, ``<emoji:...>``…) whole.

    >>> tokenize("salam <user>, 3afak!")
    ['salam', '<user>', ',', '3afak', '!']
    """
    tokens: list[str] = []
    start = 0
    for match in TOKEN_RE.finditer(text):
        tokens.extend(simple_word_tokenize(text[start:match.start()]))
        tokens.append(match.group())
        start = match.end()
    tokens.extend(simple_word_tokenize(text[start:]))
    return tokens
