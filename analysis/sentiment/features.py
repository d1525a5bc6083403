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

from collections import Counter

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

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


class CharTfidf(TransformerMixin, BaseEstimator):
    """TF-IDF of ``char_wb`` n-grams, computed from a per-token cache of column indices.

    Same weighting as ``TfidfVectorizer(analyzer="char_wb", sublinear_tf=True)``
    (smooth idf, L2 rows), but each distinct token is cut and looked up once; a
    post then costs one dictionary look-up per token instead of one per n-gram,
    which is what makes the whole pipeline fast enough for streams of posts.
    ``max_features`` keeps the n-grams found in the most documents.

    Examples
    --------
    >>> X = CharTfidf(ngram_range=(2, 3), min_df=1).fit_transform(["zwin bzaf", "zwin"])
    >>> X.shape[0], round(float((X[1].toarray() ** 2).sum()), 6)
    (2, 1.0)
    """

    def __init__(self, *, ngram_range=(1, 5), min_df=2, max_features=None, sublinear_tf=True):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf

    def fit(self, X, y=None):
        texts = as_texts(X)
        cutter = CharNgrams(self.ngram_range)
        df: Counter = Counter()
        for text in texts:
            df.update(set(cutter(text)))
        kept = [(term, n) for term, n in df.items() if n >= self.min_df]
        if self.max_features is not None and len(kept) > self.max_features:
            kept.sort(key=lambda item: (-item[1], item[0]))
            kept = kept[:self.max_features]
        kept.sort()
        if not kept:
            raise ValueError("empty vocabulary: no n-gram reaches min_df")
        # terms_ (a fixed-width string array) is what is saved; vocabulary_ is rebuilt
        # from it on load, because skops writes a 150,000-entry dict as ~130 MB of JSON.
        self.terms_ = np.array([term for term, _ in kept], dtype=str)
        self.vocabulary_ = {term: index for index, (term, _) in enumerate(kept)}
        counts = np.array([n for _, n in kept], dtype=float)
        self.idf_ = np.log((1 + len(texts)) / (1 + counts)) + 1.0
        self._memo = {}
        return self

    def _indices(self, token: str) -> np.ndarray:
        memo = self.__dict__.setdefault("_memo", {})
        found = memo.get(token)
        if found is None:
            if len(memo) >= 500_000:
                memo.clear()
            vocabulary = self.vocabulary_
            grams = CharNgrams(self.ngram_range)._cut(token)
            found = memo[token] = np.array(
                [vocabulary[g] for g in grams if g in vocabulary], dtype=np.int32)
        return found

    def transform(self, X):
        check_is_fitted(self, "vocabulary_")
        texts = as_texts(X)
        pieces, lengths = [], np.zeros(len(texts), dtype=np.int64)
        for row, text in enumerate(texts):
            for token in text.split(" "):
                if token:
                    found = self._indices(token)
                    pieces.append(found)
                    lengths[row] += len(found)
        cols = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int32)
        rows = np.repeat(np.arange(len(texts)), lengths)
        matrix = sp.csr_matrix((np.ones(len(cols)), (rows, cols)),
                               shape=(len(texts), len(self.vocabulary_)))
        matrix.sum_duplicates()
        if self.sublinear_tf:
            np.log(matrix.data, out=matrix.data)
            matrix.data += 1.0
        matrix.data *= self.idf_[matrix.indices]
        return normalize(matrix, copy=False)

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "vocabulary_")
        names = np.empty(len(self.vocabulary_), dtype=object)
        for term, index in self.vocabulary_.items():
            names[index] = term
        return names

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("_memo", None)  # a speed-up only, rebuilt on demand
        if "terms_" in state:
            state.pop("vocabulary_", None)  # rebuilt from terms_ in __setstate__
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        if "terms_" in state:
            self.vocabulary_ = {str(term): index for index, term in enumerate(self.terms_)}

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        return tags


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
