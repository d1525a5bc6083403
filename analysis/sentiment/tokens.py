"""Token-level memoisation of :mod:`analysis.text` normalisation.

Why this exists: ``analysis.text.normalise`` + ``tokenize`` run at roughly
7,000-10,000 posts/s on one core, which alone would cap the whole classifier
below the 10,000 posts/s target. Every normalisation step is local to a
whitespace-separated token (URLs, mentions, emoji, laughter, elongation, Arabic
letter variants, case), and tokens repeat a lot, so normalising each distinct
raw token once and remembering the result gives the same output far faster.
Nothing here re-implements a step: every token goes through ``analysis.text``.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from analysis.text import normalise, tokenize
from analysis.text.transformers import as_texts

#: Normalisation used by every sentiment model unless told otherwise.
DEFAULT_NORMALISATION = {"urls": "token", "mentions": "token", "hashtags": "split",
                         "emoji": "keep", "laughter": True, "elongation": True,
                         "arabic": True, "latin": True}


class TokenCache:
    """``raw token -> tuple of normalised tokens``, filled on first sight.

    The cache is bounded (``max_size`` distinct raw tokens) so a long stream of
    posts cannot grow memory without limit; when full it is simply cleared.

    Examples
    --------
    >>> cache = TokenCache()
    >>> cache.tokens("Zwiiin BZAAAF 😂 @inwi")
    ['zwiin', 'bzaaf', '😂', '<user>']
    """

    def __init__(self, max_size: int = 500_000, **normalisation):
        self.normalisation = {**DEFAULT_NORMALISATION, **normalisation}
        self.max_size = max_size
        self._memo: dict[str, tuple[str, ...]] = {}

    def _normalise_token(self, raw: str) -> tuple[str, ...]:
        text = normalise(raw, **self.normalisation)
        # normalise() never returns "" for a non-empty input; <empty> carries no signal here.
        return tuple(t for t in tokenize(text) if t != "<empty>")

    def tokens(self, text: str) -> list[str]:
        """Normalised tokens of one text."""
        memo = self._memo
        out: list[str] = []
        for raw in text.split():
            found = memo.get(raw)
            if found is None:
                if len(memo) >= self.max_size:
                    memo.clear()
                found = memo[raw] = self._normalise_token(raw)
            out.extend(found)
        return out

    def __getstate__(self):
        # The memo is a pure speed-up: never persist it with a model.
        return {"normalisation": self.normalisation, "max_size": self.max_size}

    def __setstate__(self, state):
        self.normalisation = state["normalisation"]
        self.max_size = state["max_size"]
        self._memo = {}


class TokenNormaliser(TransformerMixin, BaseEstimator):
    """Texts -> normalised texts (tokens joined by one space), via :class:`TokenCache`.

    The first step of every trained sentiment pipeline. Its keywords are those
    of :func:`analysis.text.normalise`; ``None`` keeps the sentiment default.

    Examples
    --------
    >>> TokenNormaliser().fit_transform(["Je n'aime PAS!!!", "زوييين"]).tolist()
    ["je n ' aime pas ! !", 'زوين']
    """

    def __init__(self, *, urls=None, mentions=None, hashtags=None, emoji=None,
                 laughter=None, elongation=None, arabic=None, latin=None, arabizi=None):
        self.urls = urls
        self.mentions = mentions
        self.hashtags = hashtags
        self.emoji = emoji
        self.laughter = laughter
        self.elongation = elongation
        self.arabic = arabic
        self.latin = latin
        self.arabizi = arabizi

    def _cache(self) -> TokenCache:
        chosen = {k: v for k, v in self.get_params().items() if v is not None}
        key = tuple(sorted(chosen.items()))
        # A plain attribute, not a learned one: rebuilt whenever parameters change.
        if getattr(self, "_cache_key", None) != key:
            self._token_cache = TokenCache(**chosen)
            self._cache_key = key
        return self._token_cache

    def fit(self, X, y=None):
        as_texts(X)
        return self

    def transform(self, X):
        cache = self._cache()
        return np.array([" ".join(cache.tokens(t)) for t in as_texts(X)], dtype=object)

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("_token_cache", None)
        state.pop("_cache_key", None)
        return state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.requires_fit = False
        return tags
