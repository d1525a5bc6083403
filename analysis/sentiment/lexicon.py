"""The polarity lexicon and its VADER-like scoring rules.

Resources live in ``data/lexicons/`` (see its README): polarity lists per variety
(``fr``, ``ar``, ``ary``, ``ary_latn``, ``emoji``; scores -3..+3), negators,
intensifiers and sarcasm cues. Entries and texts go through the same
:class:`~analysis.sentiment.tokens.TokenCache` normalisation, so a lexicon entry
matches every spelling the normaliser folds together.

Rules, after Hutto & Gilbert (2014, VADER), adapted to the four varieties:

* **negation** flips and damps a valence (x -0.74) when a negator occurs in the
  three tokens before it (``pas``, ``jamais``, ``لا``, ``ليس``, ``ماشي``, ``machi``,
  ``ma``…), inside an open French ``ne … pas`` scope (``je n'aime pas``: the verb sits
  between the two parts), or when the word itself is wrapped in the Darija
  circumfix ``ma…ch`` / ``ما…ش`` (``ma3jbnich``, ``ماعجبنيش``; verb prefixes ``ka-``,
  ``kan-``, ``كي``… are tried too). A circumfix also negates the next two words
  (``makaynch mochkil``).
* **intensifiers** scale a valence by +-0.293 per booster; Darija and Arabic
  put them after the word (``zwin bzaf``, ``جميل جدا``), French before
  (``très bien``), so both sides are looked at.
* **contrast** (``mais``, ``لكن``, ``walakin``…): what follows weighs 1.5, what
  precedes 0.5.
* **exclamation** marks add emphasis (up to four).
* **sarcasm**: a strong cue (``🙄``, ``z3ma``, ``يا سلام``) turns a positive reading
  negative; a weak cue (``😂``, ``hhhh``) does so only when the text also holds a
  negative item (laughing at something bad).

Valences are summed and squashed to a ``compound`` score in [-1, 1] as in VADER.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from analysis import paths
from analysis.sentiment.tokens import TokenCache

POLARITY_FILES = ("fr", "ar", "ary", "ary_latn", "emoji")
NEGATION_SCALAR = -0.74  # VADER's N_SCALAR
BOOSTER = 0.293  # VADER's B_INCR
ALPHA = 15.0  # VADER's normalisation constant
WINDOW = 3
CONTRAST = frozenset({"mais", "pourtant", "cependant", "لكن", "ولكن", "لاكن", "walakin",
                      "walakine", "walakini", "lakin", "lakine", "but"})
#: Darija verb prefixes tried when a circumfix-negated stem is not found as is.
VERB_PREFIXES = ("كن", "كت", "كي", "كا", "تي", "تن", "kan", "kat", "kay", "ka", "ta", "ti")
ARABIC_PREFIXES = ("وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل")
ARABIC_SUFFIXES = ("ا", "ين", "ون", "ات", "ه")  # tanween alef, plurals, teh marbuta (as ه)
_LATIN_WORD = regex.compile(r"^[a-z0-9\u00e0-\u00ff']+$")
_DOUBLE = regex.compile(r"([a-z])\1+")


@dataclass
class Lexicon:
    """Every resource the scorer needs, keyed by normalised token(s)."""

    words: dict[str, float] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], float] = field(default_factory=dict)
    negators: set[str] = field(default_factory=set)
    openers: set[str] = field(default_factory=set)  # French "ne"/"n'": scope until pas/plus…
    circumfixes: list[tuple[str, str]] = field(default_factory=list)
    boosters: dict[str, float] = field(default_factory=dict)
    sarcasm: dict[tuple[str, ...], int] = field(default_factory=dict)
    cache: TokenCache = field(default_factory=TokenCache)
    phrase_starts: set[str] = field(default_factory=set)  # speed: skip phrase look-ups
    info: dict[str, tuple] = field(default_factory=dict)  # speed: per-token look-up memo
    sarcasm_starts: set[str] = field(default_factory=set)
    sarcasm_by_start: dict[str, list] = field(default_factory=dict)


    def __len__(self) -> int:
        return (len(self.words) + len(self.phrases) + len(self.negators) + len(self.openers)
                + len(self.circumfixes) + len(self.boosters) + len(self.sarcasm))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for number, row in enumerate(rows, start=2):
        if None in row.values() or None in row:
            raise ValueError(f"{path}:{number}: wrong number of fields")
    return rows


def load_lexicon(folder: str | Path | None = None) -> Lexicon:
    """Read ``data/lexicons/`` (or ``folder``) into a :class:`Lexicon`."""
    folder = Path(folder) if folder else paths.LEXICONS
    lex = Lexicon()
    norm = lex.cache.tokens
    for name in POLARITY_FILES:
        for row in _rows(folder / f"{name}.tsv"):
            toks = tuple(norm(row["term"]))
            if not toks:
                continue
            if len(toks) == 1:
                lex.words[toks[0]] = float(row["score"])
            else:
                lex.phrases[toks] = float(row["score"])
    for row in _rows(folder / "negators.tsv"):
        if row["kind"] == "circumfix":
            prefix, suffix = row["term"].split("…")
            lex.circumfixes.append((prefix, suffix))
            continue
        first = norm(row["term"])[0]  # "n'" -> "n"
        (lex.openers if row["kind"] == "open" else lex.negators).add(first)
    for row in _rows(folder / "intensifiers.tsv"):
        lex.boosters[" ".join(norm(row["term"]))] = float(row["increment"])
    for row in _rows(folder / "sarcasm.tsv"):
        lex.sarcasm[tuple(norm(row["term"]))] = int(row["strength"])
    # Longest circumfix first so "ما…ش" wins over "م…ش".
    lex.circumfixes.sort(key=lambda pair: -len(pair[0]))
    lex.phrase_starts = {p[0] for p in lex.phrases}
    for cue, strength in lex.sarcasm.items():
        lex.sarcasm_by_start.setdefault(cue[0], []).append((cue, strength))
    lex.sarcasm_starts = set(lex.sarcasm_by_start)
    return lex


@lru_cache(maxsize=4)
def default_lexicon(folder: str | None = None) -> Lexicon:
    """The shipped lexicon, loaded once per process."""
    return load_lexicon(folder)


def _lookup(lex: Lexicon, token: str) -> float | None:
    """Valence of one token, trying Arabic clitics and Latin doubled letters."""
    found = lex.words.get(token)
    if found is not None:
        return found
    if _LATIN_WORD.match(token):
        return lex.words.get(_DOUBLE.sub(r"\1", token))
    stems = [token] + [token[len(p):] for p in ARABIC_PREFIXES
                       if token.startswith(p) and len(token) - len(p) >= 2]
    for stem in stems:
        found = lex.words.get(stem)
        if found is not None:
            return found
        for suffix in ARABIC_SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 2:
                found = lex.words.get(stem[:-len(suffix)])
                if found is not None:
                    return found
    return None


def _circumfix_stem(lex: Lexicon, token: str) -> float | None:
    """Valence of the stem of ``ma3jbnich`` / ``ماعجبنيش``, or None if not a negated known word."""
    for prefix, suffix in lex.circumfixes:
        if token.startswith(prefix) and token.endswith(suffix) and \
                len(token) > len(prefix) + len(suffix) + 1:
            stem = token[len(prefix):len(token) - len(suffix)]
            candidates = [stem] + [stem[len(p):] for p in VERB_PREFIXES
                                   if stem.startswith(p) and len(stem) - len(p) >= 2]
            for candidate in candidates:
                found = _lookup(lex, candidate)
                if found is not None:
                    return found
    return None


def _is_circumfix(lex: Lexicon, token: str) -> bool:
    return any(token.startswith(p) and token.endswith(s) and len(token) > len(p) + len(s) + 1
               for p, s in lex.circumfixes)


def _token_info(lex: Lexicon, tok: str) -> tuple[float | None, bool, bool]:
    """``(valence, negated_by_circumfix, opens_circumfix_scope)`` of one token, memoised."""
    found = lex.info.get(tok)
    if found is not None:
        return found
    valence, negated = _lookup(lex, tok), False
    if valence is None:
        stem = _circumfix_stem(lex, tok)
        if stem is not None:
            valence, negated = stem, True
        elif tok[-2:] in ("ch", "sh") or tok.endswith("ش"):
            # split circumfix: "ma 3jbnich", "ما عجبنيش" (negated by the "ma" before it)
            valence = _lookup(lex, tok[:-1] if tok.endswith("ش") else tok[:-2])
    info = (valence, negated, valence is None and _is_circumfix(lex, tok))
    if len(lex.info) < 1_000_000:
        lex.info[tok] = info
    return info


@dataclass
class Score:
    """Scores of one text (VADER's compound and proportions, plus rule counts)."""

    compound: float = 0.0
    pos: float = 0.0
    neg: float = 0.0
    neu: float = 1.0
    n_items: int = 0
    n_negated: int = 0
    sarcasm: int = 0


def score_tokens(tokens: list[str], lex: Lexicon) -> Score:
    """Apply the rules to already-normalised tokens (see the module docstring)."""
    valences: list[float] = []
    boosters, negators, memo = lex.boosters, lex.negators, lex.info
    booster_at = [boosters.get(t, 0.0) for t in tokens]
    has_boosters = any(booster_at)
    negator_at = [t in negators for t in tokens]
    # One memoised look-up per token up front (the loop below then only reads lists).
    infos = [memo.get(t) or _token_info(lex, t) for t in tokens]
    phrase_starts, openers = lex.phrase_starts, lex.openers
    negated = 0
    open_scope = False  # inside French "ne … pas"
    after_circumfix = 0
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        valence, span = None, 1
        for length in ((4, 3, 2) if tok in phrase_starts else ()):
            if i + length <= n and tuple(tokens[i:i + length]) in lex.phrases:
                valence, span = lex.phrases[tuple(tokens[i:i + length])], length
                break
        is_negated = opens_scope = False
        if valence is None:
            valence, is_negated, opens_scope = infos[i]
        if tok in openers:
            open_scope = True
        if valence is None:
            if opens_scope:
                after_circumfix = 3
            valences.append(0.0)
            if tok in ("pas", "plus", "jamais", "rien"):
                open_scope = False
            after_circumfix = max(0, after_circumfix - 1) if not negator_at[i] else 3
            i += 1
            continue
        start = max(0, i - WINDOW)
        if has_boosters:
            boost = sum(booster_at[j] * (1 - 0.05 * (i - 1 - j)) for j in range(start, i))
            boost += sum(booster_at[i + span:i + span + 2])
            if boost:
                valence += math.copysign(boost, valence)
        if is_negated or open_scope or after_circumfix > 0 or any(negator_at[start:i]):
            valence *= NEGATION_SCALAR
            negated += 1
        valences.append(valence)
        valences.extend([0.0] * (span - 1))
        after_circumfix = max(0, after_circumfix - 1)
        i += span
    if not CONTRAST.isdisjoint(tokens):
        k = next(k for k, tok in enumerate(tokens) if tok in CONTRAST)
        valences = [v * 0.5 for v in valences[:k]] + [v * 1.5 for v in valences[k:]]
    total = sum(valences)
    if total:
        total += math.copysign(min(tokens.count("!"), 4) * 0.292, total)
    sarcasm = 0
    for first in lex.sarcasm_starts.intersection(tokens):
        for cue, strength in lex.sarcasm_by_start[first]:
            if strength > sarcasm and _contains(tokens, cue):
                sarcasm = strength
    has_negative = any(v < 0 for v in valences)
    if total > 0 and (sarcasm >= 2 or (sarcasm == 1 and has_negative)):
        total = -0.5 * total
    compound = total / math.sqrt(total * total + ALPHA) if total else 0.0
    pos = sum(v + 1 for v in valences if v > 0)
    neg = sum(1 - v for v in valences if v < 0)
    neu = sum(1 for v in valences if v == 0)
    whole = (pos + neg + neu) or 1.0
    return Score(compound=compound, pos=pos / whole, neg=neg / whole, neu=neu / whole,
                 n_items=sum(1 for v in valences if v != 0), n_negated=negated, sarcasm=sarcasm)


def _contains(tokens: list[str], cue: tuple[str, ...]) -> bool:
    if len(cue) == 1:
        return cue[0] in tokens
    return any(tuple(tokens[i:i + len(cue)]) == cue for i in range(len(tokens) - len(cue) + 1))


def score_text(text: str, lex: Lexicon | None = None) -> Score:
    """Score one raw text.

    Examples
    --------
    >>> score_text("zwin bzaf").compound > score_text("zwin").compound > 0
    True
    >>> score_text("ma3jbnich").compound < 0 < score_text("3jbni").compound
    True
    >>> score_text("je n'aime pas ce film").compound < 0
    True
    """
    lex = lex or default_lexicon()
    return score_tokens(lex.cache.tokens(text), lex)
