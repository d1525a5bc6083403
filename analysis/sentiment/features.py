"""Feature steps for the trained sentiment pipelines.

Inputs are the outputs of :class:`~analysis.sentiment.tokens.TokenNormaliser`:
normalised tokens joined by single spaces, so every step here splits on
``" "`` and never re-normalises.

* :class:`CharNgrams`: a memoised ``char_wb`` analyzer for ``TfidfVectorizer``
  (scikit-learn's own builds every n-gram of every post in Python, the slowest part
  of the reference model; here each distinct token is cut once).
* :class:`LexiconFeatures`: the lexicon scorer's outputs as nine dense columns
  (compound, proportions, counts, negation and sarcasm flags), so the linear model
  can learn how far to trust the hand-written rules on each corpus.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin

from analysis.sentiment.lexicon import default_lexicon, load_lexicon, score_tokens
from analysis.text.transformers import as_texts


class CharNgrams:
    """``char_wb`` n-grams of space-separated tokens, cut once per distinct token.

    Equivalent to scikit-learn's ``analyzer="char_wb"`` on text whose tokens are
    separated by single spaces (each token padded with one space on each side).

    Examples
    --------
    >>> CharNgrams((2, 3))("zwin")
    [' z', 'zw', 'wi', 'in', 'n ', ' zw', 'zwi', 'win', 'in ']
    """

    def __init__(self, ngram_range: tuple[int, int] = (2, 5), max_cache: int = 500_000):
        self.ngram_range = tuple(ngram_range)
        self.max_cache = max_cache
        self._memo: dict[str, list[str]] = {}

    def _cut(self, token: str) -> list[str]:
        padded = f" {token} "
        low, high = self.ngram_range
        grams = []
        for n in range(low, high + 1):
            if n > len(padded):
                break
            grams.extend(padded[i:i + n] for i in range(len(padded) - n + 1))
        return grams

    def __call__(self, doc: str) -> list[str]:
        memo = self._memo
        out: list[str] = []
        for token in doc.split(" "):
            if not token:
                continue
            grams = memo.get(token)
            if grams is None:
                if len(memo) >= self.max_cache:
                    memo.clear()
                grams = memo[token] = self._cut(token)
            out.extend(grams)
        return out

    def __getstate__(self):
        return {"ngram_range": self.ngram_range, "max_cache": self.max_cache}

    def __setstate__(self, state):
        self.ngram_range = tuple(state["ngram_range"])
        self.max_cache = state["max_cache"]
        self._memo = {}

    def __eq__(self, other):
        return isinstance(other, CharNgrams) and other.ngram_range == self.ngram_range

    def __hash__(self):
        return hash(self.ngram_range)

    def __repr__(self):
        return f"CharNgrams(ngram_range={self.ngram_range})"


LEXICON_FEATURES = ("compound", "pos", "neg", "neu", "items_share", "negated", "sarcasm",
                    "is_pos", "is_neg")


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """The lexicon scorer as nine numeric columns (see :data:`LEXICON_FEATURES`).

    ``weight`` scales every column, so the step can be made to count more or less
    next to thousands of TF-IDF columns without touching the classifier.

    Examples
    --------
    >>> X = LexiconFeatures().fit_transform(["zwin bzaf", "khayb"]).toarray()
    >>> X.shape, bool(X[0, 0] > 0 > X[1, 0])
    ((2, 9), True)
    """

    def __init__(self, *, lexicon_dir=None, weight=1.0):
        self.lexicon_dir = lexicon_dir
        self.weight = weight

    def _lexicon(self):
        return load_lexicon(self.lexicon_dir) if self.lexicon_dir else default_lexicon()

    def fit(self, X, y=None):
        as_texts(X)
        return self

    def transform(self, X):
        lex = self._lexicon()
        rows = []
        for text in as_texts(X):
            tokens = [t for t in text.split(" ") if t]
            s = score_tokens(tokens, lex)
            rows.append((s.compound, s.pos, s.neg, s.neu, s.n_items / max(len(tokens), 1),
                         float(s.n_negated > 0), s.sarcasm / 2.0,
                         float(s.compound >= 0.05), float(s.compound <= -0.05)))
        dense = np.asarray(rows, dtype=float).reshape(-1, len(LEXICON_FEATURES))
        return sp.csr_matrix(dense * self.weight)

    def get_feature_names_out(self, input_features=None):
        return np.array([f"lexicon__{name}" for name in LEXICON_FEATURES], dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.requires_fit = False
        return tags
