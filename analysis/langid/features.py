"""Fast text features for language identification.

A post is cut at whitespace into raw tokens. Everything else is worked out once per
*distinct* raw token and memoised: casefold, elongation, Arabic orthography
(:func:`analysis.text.normalise_arabic`), the words inside it, their character
n-grams, their Arabic/Latin/other letter counts and their cue labels
(:mod:`analysis.langid.cues`). A batch of posts then becomes a sparse
(posts x distinct tokens) count matrix, multiplied by the memoised
(tokens x features) rows. Posts repeat words constantly, so this is ~10x faster
than scikit-learn's ``char_wb`` analyzer, which regenerates every n-gram of every
word of every post in Python.

:class:`WordNgramVectorizer` gives the ``char_wb`` features (n-grams inside
space-padded words) plus the word itself and its cue label, TF-IDF weighted.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import chain

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.preprocessing import normalize as l2_normalize
from sklearn.utils.validation import check_is_fitted

from analysis.langid.cues import CUE_LABELS, token_cue
from analysis.text import (
    as_texts,
    letter_counts,
    normalise_arabic,
    reduce_elongation,
    strip_invisible,
)

_URL_OR_MENTION = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|ma|fr|net|org|ly|be|co|me|io|tv)/\S*"
    r"|\bhttps?\b|(?<![\w@])@\w+|<(?:url|user|hashtag|laugh|emoji[^<>\s]*|empty)>",
    re.IGNORECASE,
)
#: Words: runs of letters and digits, with an inner apostrophe (c'est, j'ai).
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_MAX_WORD = 30  # longer "words" (glued text, hashes) only contribute their first 30 chars
#: Columns of :meth:`WordNgramVectorizer.token_stats`: letter counts, then cue counts.
STATS = ("arabic_letters", "latin_letters", "other_letters") + tuple(f"cue_{c}" for c in CUE_LABELS)


def prepare(text: str) -> str:
    """Whole-post clean-up before tokens: invisible marks, NFKC, URLs and mentions.

    >>> prepare("@inwi Wach\\u200f BZAAAAF?? https://t.co/x")
    '  Wach BZAAAAF??  '
    """
    text = unicodedata.normalize("NFKC", strip_invisible(text))
    if "@" in text or "/" in text or "<" in text or "http" in text.lower():
        text = _URL_OR_MENTION.sub(" ", text)
    return text


def token_words(raw: str) -> list[str]:
    """The normalised words inside one whitespace-delimited raw token.

    >>> token_words("BZAAAAF??"), token_words("مزيااان!!"), token_words("c'est-à-dire")
    (['bzaaf'], ['مزيان'], ["c'est", 'à', 'dire'])
    """
    return WORD.findall(normalise_arabic(reduce_elongation(raw.casefold())))


class WordNgramVectorizer(TransformerMixin, BaseEstimator):
    """TF-IDF of in-word character n-grams, words and word cue labels.

    Parameters
    ----------
    ngram_range : tuple (min_n, max_n)
        Character n-gram sizes inside `` word `` (padded with spaces, as ``char_wb``).
    min_df : int
        Keep features seen in at least this many training documents.
    words : bool
        Add the whole word as a feature.
    cues : bool
        Add the word's cue label (``cue|ary``, ``cue|fr``…) as a feature.
    sublinear_tf : bool
        Use ``1 + log(tf)``.

    Examples
    --------
    >>> vec = WordNgramVectorizer(ngram_range=(2, 3), min_df=1).fit(["wach nta", "c'est bien"])
    >>> X = vec.transform(["Wach bien"])
    >>> X.shape[0], round(float(X.multiply(X).sum()), 6)
    (1, 1.0)
    """

    def __init__(self, ngram_range=(1, 4), min_df=2, words=True, cues=True, sublinear_tf=True):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.words = words
        self.cues = cues
        self.sublinear_tf = sublinear_tf

    # -- one word, one raw token ----------------------------------------------------
    def _grams(self, word: str, cue: str | None) -> list[str]:
        lo, hi = self.ngram_range
        padded = f" {word[:_MAX_WORD]} "
        size = len(padded)
        grams = [padded[i:i + n] for n in range(lo, hi + 1) for i in range(size - n + 1)]
        if self.words:
            grams.append("w|" + word)
        if self.cues and cue is not None:
            grams.append("cue|" + cue)
        return grams

    @staticmethod
    def _word_stats(word: str, cue: str | None) -> tuple:
        cues = [0] * len(CUE_LABELS)
        if cue is not None:
            cues[CUE_LABELS.index(cue)] = 1
        return (*letter_counts(word), *cues)

    def _memo(self) -> tuple[dict, dict]:
        # raw token -> entry and word -> entry, entry = (feature columns, stats row):
        # caches shared across calls, not learned state (dropped when saving, rebuilt
        # on demand, capped in size).
        memo = self.__dict__.setdefault("_memo_", ({}, {}))
        if len(memo[0]) + len(memo[1]) > 1_000_000:
            memo[0].clear()
            memo[1].clear()
        return memo

    def _add_words(self, words: list[str], words_memo: dict) -> None:
        """Memoise the entries of new words, looking all their n-grams up at once."""
        cues = [token_cue(w) for w in words]
        grams = [self._grams(w, c) for w, c in zip(words, cues)]
        index = self.__dict__.get("_gram_index_")
        if index is None and hasattr(self, "vocabulary_"):
            # A hash index looks a whole batch of n-grams up in C, not one by one.
            index = self.__dict__["_gram_index_"] = pd.Index(
                np.array(sorted(self.vocabulary_, key=self.vocabulary_.get), dtype=object),
                dtype=object)
        if index is not None and words:
            flat = index.get_indexer(np.array(list(chain.from_iterable(grams)), dtype=object))
            bounds = np.cumsum([len(g) for g in grams])[:-1]
            cols = [c[c >= 0] for c in np.split(flat, bounds)]
        else:
            cols = [np.zeros(0, dtype=np.int64)] * len(words)
        for word, cue, word_cols in zip(words, cues, cols):
            words_memo[word] = (word_cols, self._word_stats(word, cue))

    def _raw_entry(self, words: list[str], words_memo: dict) -> tuple[np.ndarray, np.ndarray]:
        if len(words) == 1:
            return words_memo[words[0]]
        if not words:
            return np.zeros(0, dtype=np.int64), (0,) * len(STATS)
        entries = [words_memo[w] for w in words]
        return (np.concatenate([e[0] for e in entries]),
                tuple(map(sum, zip(*(e[1] for e in entries)))))

    # -- batches --------------------------------------------------------------------
    @staticmethod
    def _doc_token_matrix(docs: list[str]) -> tuple[sp.csr_matrix, list[str]]:
        """(documents x distinct raw tokens) counts, and the tokens in column order."""
        index: dict[str, int] = {}
        indices: list[int] = []
        indptr = [0]
        for doc in docs:
            for token in doc.split():
                j = index.get(token)
                if j is None:
                    j = index[token] = len(index)
                indices.append(j)
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float64)
        matrix = sp.csr_matrix((data, np.asarray(indices, dtype=np.int64), indptr),
                               shape=(len(docs), len(index)))
        return matrix, list(index)

    @staticmethod
    def _rows_matrix(rows: list[np.ndarray], n_features: int) -> sp.csr_matrix:
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        indptr = np.concatenate([[0], np.cumsum(lengths)])
        indices = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        data = np.ones(len(indices), dtype=np.float64)
        return sp.csr_matrix((data, indices, indptr), shape=(len(rows), n_features))

    def _weight(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        counts = counts.tocsr()
        counts.sum_duplicates()
        if self.sublinear_tf:
            np.log(counts.data, out=counts.data)
            counts.data += 1.0
        counts.data *= self.idf_[counts.indices]
        return l2_normalize(counts, copy=False)

    def fit(self, X, y=None):
        docs = [prepare(t) for t in as_texts(X)]
        doc_tokens, tokens = self._doc_token_matrix(docs)
        gram_index: dict[str, int] = {}
        rows = [np.fromiter((gram_index.setdefault(g, len(gram_index))
                             for word in token_words(t) for g in self._grams(word, token_cue(word))),
                            dtype=np.int64) for t in tokens]
        counts = doc_tokens @ self._rows_matrix(rows, len(gram_index))
        df = np.diff((counts > 0).tocsc().indptr)
        keep = np.flatnonzero(df >= self.min_df)
        if keep.size == 0:
            raise ValueError("no feature reaches min_df; lower min_df or give more text")
        names = np.array(list(gram_index), dtype=object)[keep]
        self.vocabulary_ = {name: i for i, name in enumerate(names)}
        self.idf_ = np.log((1 + len(docs)) / (1 + df[keep])) + 1.0
        self.__dict__.pop("_memo_", None)
        self.__dict__.pop("_gram_index_", None)
        return self

    def transform_with_stats(self, X) -> tuple[sp.csr_matrix, np.ndarray]:
        """TF-IDF features and the per-post :data:`STATS` counts in one pass.

        Works unfitted too (then the feature matrix has no column): the rule-based
        identifier only needs the counts.
        """
        docs = [prepare(t) for t in as_texts(X)]
        doc_tokens, tokens = self._doc_token_matrix(docs)
        raw_memo, words_memo = self._memo()
        new_raw = {t: token_words(t) for t in tokens if t not in raw_memo}
        new_words = {w for ws in new_raw.values() for w in ws if w not in words_memo}
        self._add_words(sorted(new_words), words_memo)
        for raw, words in new_raw.items():
            raw_memo[raw] = self._raw_entry(words, words_memo)
        cols, stats = [], []
        for token in tokens:
            entry = raw_memo[token]
            cols.append(entry[0])
            stats.append(entry[1])
        stat_rows = np.array(stats, dtype=np.float64).reshape(len(stats), len(STATS))
        doc_stats = np.asarray(doc_tokens @ stat_rows).reshape(len(docs), len(STATS))
        if not hasattr(self, "vocabulary_"):
            return sp.csr_matrix((len(docs), 0)), doc_stats
        counts = doc_tokens @ self._rows_matrix(cols, len(self.vocabulary_))
        return self._weight(counts), doc_stats

    def transform(self, X):
        check_is_fitted(self, "vocabulary_")
        return self.transform_with_stats(X)[0]

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "vocabulary_")
        return np.array(sorted(self.vocabulary_, key=self.vocabulary_.get), dtype=object)

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_memo_", None)
        state.pop("_gram_index_", None)
        return state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        return tags
