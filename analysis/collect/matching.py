"""Which posts belong to a query: hashtag normalisation and whole-token matching.

A query (a preset in ``analysis/config/queries.yml`` or a YAML file of the same shape)
holds hashtags and keywords. Both sides are reduced to a comparison key by
:func:`normalise_token`, so spelling variants meet while different words stay apart:
``#OPEUNLIKE``, ``#Ope_Unlike`` and ``#OpeUnliiike`` match ``OpeUnlike``;
``#OpeUnlikeable`` does not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import regex
import yaml
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

from analysis import paths

MatchMode = Literal["hashtags", "keywords", "both"]
MATCH_MODES = ("hashtags", "keywords", "both")
QUERIES_FILE = paths.CONFIG / "queries.yml"

TATWEEL = "\u0640"
_REPEATS = re.compile(r"(.)\1+", re.DOTALL)
_WORD = re.compile(r"\w+")
# A tag runs over letters, digits, underscores, combining marks and default-ignorable
# code points (ZWNJ/ZWJ inside a Persian-style or emoji-laced tag): a reader sees one tag.
HASH_SIGNS = "#＃﹟"
_HASHTAG = regex.compile(r"[#＃﹟]([\w\p{Mn}\p{Mc}\p{Default_Ignorable_Code_Point}]+)")
_IGNORABLE = regex.compile(r"\p{Default_Ignorable_Code_Point}+")
# Arabic proclitics that glue onto a keyword ("و" + "ال" + "مقاطعة"); longest first.
_CLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")


def normalise_text(text: str) -> str:
    """Casefold and unify Arabic letter variants; keeps word boundaries and underscores.

    Compatibility forms become plain letters (NFKC: fullwidth ＯＰＥ, mathematical 𝐎,
    Arabic presentation forms), default-ignorable code points (ZWNJ, ZWJ, variation
    selectors, bidi marks) go, alef forms (أ إ آ ٱ) become ا, alef maksura ى becomes ي,
    teh marbuta ة becomes ه, tatweel and diacritics go, Latin accents go.

    Examples
    --------
    >>> normalise_text("Méditel مُقَاطَعَــة إنوي")
    'meditel مقاطعه انوي'
    >>> normalise_text("ＯｐｅＵｎｌｉｋｅ 𝐎𝐩𝐞 Ope\u200cUn\u200dlike")
    'opeunlike ope opeunlike'
    """
    text = _IGNORABLE.sub("", unicodedata.normalize("NFKC", text)).casefold()
    text = dediac_ar(text).replace(TATWEEL, "")
    text = normalize_alef_ar(text)
    text = normalize_alef_maksura_ar(text)
    text = normalize_teh_marbuta_ar(text)
    # Latin accents: decompose and drop combining marks (Arabic ones are already gone).
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", text)


def squeeze(token: str) -> str:
    """Remove underscores and collapse letter repetitions (elongation).

    >>> squeeze("ope_unliiike"), squeeze("boycott")
    ('opeunlike', 'boycot')
    """
    return _REPEATS.sub(r"\1", token.replace("_", ""))


def normalise_token(token: str) -> str:
    """The comparison key of a hashtag or word: :func:`normalise_text` then :func:`squeeze`.

    Examples
    --------
    >>> normalise_token("#Ope_UnLiiike") == normalise_token("opeunlike")
    True
    >>> normalise_token("OpeUnlikeable") == normalise_token("OpeUnlike")
    False
    >>> normalise_token("مقاطعـــة") == normalise_token("مقاطعه")
    True
    >>> normalise_token("أنوي") == normalise_token("إنوي") == normalise_token("انوي")
    True
    """
    return squeeze(normalise_text(token.lstrip(HASH_SIGNS)))


def tokens(text: str) -> list[str]:
    """Comparison keys of the whole words of ``text`` (hashtags count as words).

    >>> tokens("Boycott #OpeUnlike! مقاطعة_اتصالات")
    ['boycot', 'opeunlike', 'مقاطعهاتصالات']
    """
    return [squeeze(w) for w in _WORD.findall(normalise_text(text or ""))]


def hashtags_in_text(text: str) -> list[str]:
    """Hashtags written in ``text``, as written (without '#').

    >>> hashtags_in_text("Yes #OpeUnlike #مقاطعة_اتصالات_المغرب.")
    ['OpeUnlike', 'مقاطعة_اتصالات_المغرب']
    """
    return _HASHTAG.findall(text or "")


def _is_arabic(key: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in key)


@dataclass(frozen=True)
class Query:
    """Hashtags and keywords of one query, as written and as comparison keys."""

    name: str
    hashtags: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    hashtag_keys: frozenset[str] = field(init=False)
    keyword_keys: tuple[tuple[str, ...], ...] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "hashtag_keys",
                           frozenset(normalise_token(h) for h in self.hashtags))
        keys = (tuple(tokens(k)) for k in self.keywords)
        object.__setattr__(self, "keyword_keys", tuple(dict.fromkeys(k for k in keys if k)))

    # ----------------------------------------------------------------- matching
    def matching_hashtags(self, hashtags: list[str], text: str = "") -> list[str]:
        """Hashtags of a post (entities plus those in the text) that are in the query."""
        seen = list(dict.fromkeys(list(hashtags) + hashtags_in_text(text)))
        return [h for h in seen if normalise_token(h) in self.hashtag_keys]

    def matching_keywords(self, text: str) -> list[str]:
        """Keywords of the query found as whole tokens (or token sequences) in ``text``."""
        words = tokens(text)
        found = []
        for key in self.keyword_keys:
            n = len(key)
            for i in range(len(words) - n + 1):
                first = words[i]
                if _strip_clitic_equal(first, key[0]) and tuple(words[i + 1:i + n]) == key[1:]:
                    found.append(" ".join(key))
                    break
        return found

    def matches(self, row: dict[str, Any], mode: MatchMode = "both") -> bool:
        """Whether a post row (``text`` and ``hashtags``) belongs to the query.

        Examples
        --------
        >>> q = Query("t", hashtags=("OpeUnlike",), keywords=("maroc telecom",))
        >>> q.matches({"text": "so #OPE_UNLIKE", "hashtags": []}, "hashtags")
        True
        >>> q.matches({"text": "#OpeUnlikeable", "hashtags": ["OpeUnlikeable"]})
        False
        >>> q.matches({"text": "chez Maroc Télécom", "hashtags": []}, "keywords")
        True
        """
        if mode not in MATCH_MODES:
            raise ValueError(f"match mode must be one of {MATCH_MODES}, got {mode!r}")
        text = row.get("text") or ""
        if mode in ("hashtags", "both") and self.matching_hashtags(row.get("hashtags") or [], text):
            return True
        return mode in ("keywords", "both") and bool(self.matching_keywords(text))

    # ----------------------------------------------------------------- prefilter terms
    def prefilter_terms(self, mode: MatchMode = "both") -> list[str]:
        """Normalised strings one of which every matching post must contain.

        Hashtag keys, and for keywords the longest word of each keyword (a post
        holding the whole keyword holds that word).
        """
        terms: set[str] = set()
        if mode in ("hashtags", "both"):
            terms |= set(self.hashtag_keys)
        if mode in ("keywords", "both"):
            terms |= {max(key, key=len) for key in self.keyword_keys}
        # A term that contains a shorter term adds nothing to a substring prefilter.
        kept = sorted((t for t in terms if t), key=len)
        minimal: list[str] = []
        for term in kept:
            if not any(short in term for short in minimal):
                minimal.append(term)
        return sorted(minimal)


def _strip_clitic_equal(word: str, key: str) -> bool:
    if word == key:
        return True
    if not _is_arabic(key):
        return False
    return any(word.startswith(c) and word[len(c):] == key for c in _CLITICS)


def load_presets(path: str | Path = QUERIES_FILE) -> dict[str, Query]:
    """All presets of a queries file."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    presets = data.get("presets", data)
    return {
        name: Query(name, tuple(spec.get("hashtags") or ()), tuple(spec.get("keywords") or ()))
        for name, spec in presets.items()
    }


def load_query(query: str | Query | None = "opeunlike") -> Query | None:
    """A preset name from ``queries.yml``, a path to a YAML file with one query, or ``None``.

    ``None`` (or ``"all"``) means no filtering: every post is kept.

    >>> "OpeUnlike" in load_query("opeunlike").hashtags
    True
    """
    if query is None or isinstance(query, Query):
        return query
    if query == "all":
        return None
    path = Path(query)
    if path.suffix in (".yml", ".yaml") and path.is_file():
        presets = load_presets(path)
        if len(presets) != 1:
            raise ValueError(f"{path}: expected one query, found {sorted(presets)}")
        return next(iter(presets.values()))
    presets = load_presets()
    if query not in presets:
        raise ValueError(f"unknown query preset {query!r}; known: {', '.join(sorted(presets))}")
    return presets[query]
