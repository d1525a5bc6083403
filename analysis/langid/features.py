"""Fast text features for language identification.

A post is normalised once (:func:`prepare`) and cut at whitespace. The features
of a word (its character n-grams, the word itself, its cue label from
:mod:`analysis.langid.cues`) and its Arabic/Latin/other letter counts are worked
out once per *distinct* word: at fit time for every training word (stored as a
sparse words x features table, saved with the model), and once per batch for
unseen words. A batch of posts then becomes a sparse (posts x words) count
matrix multiplied by the (words x features) table. Posts repeat words
constantly, so this is several times faster than scikit-learn's ``char_wb``
analyzer, which regenerates every n-gram of every word of every post in Python.

:class:`WordNgramVectorizer` gives the ``char_wb`` features (n-grams inside
space-padded words) plus the word itself and its cue label, TF-IDF weighted.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import chain, repeat

import numpy as np
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
#: Columns of the per-post counts of :meth:`WordNgramVectorizer.transform_with_stats`:
#: letters per script, then distinct cue words per label.
STATS = ("arabic_letters", "latin_letters", "other_letters") + tuple(f"cue_{c}" for c in CUE_LABELS)


_HASHTAG = re.compile(r"(?<![\w#&])#\w+")
_LETTER = re.compile(r"[^\W\d_]")


def prepare(text: str) -> str:
    """Normalise one post for language identification: invisible marks, NFKC, URLs
    and mentions out, hashtags out (campaign tags such as ``#OpeUnlike`` would make
    every Arabic post look half Latin) unless the post is nothing but hashtags,
    casefold, elongation, Arabic orthography.

    >>> prepare("@inwi Wach\u200f BZAAAAF?? https://t.co/x إنّه #OpeUnlike")
    '  wach bzaaf??   انه  '
    >>> prepare("#OpeUnlike #VoIP")
    '#opeunlike #voip'
    """
    text = unicodedata.normalize("NFKC", strip_invisible(text))
    if "@" in text or "/" in text or "<" in text or "http" in text or "HTTP" in text:
        text = _URL_OR_MENTION.sub(" ", text)
    if "#" in text:
        without = _HASHTAG.sub(" ", text)
        if _LETTER.search(without):
            text = without
    return normalise_arabic(reduce_elongation(text.casefold()))


def token_words(raw: str) -> list[str]:
    """The words inside one whitespace-delimited token of a prepared post.

    >>> token_words("bzaaf??"), token_words("c'est-à-dire"), token_words("😂")
    (['bzaaf'], ["c'est", 'à', 'dire'], [])
    """
    return [w[:_MAX_WORD] for w in WORD.findall(raw)]


def _csr(rows: list[np.ndarray], n_features: int) -> sp.csr_matrix:
    """Rows of (possibly repeated) column ids -> CSR of counts."""
    lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    indices = np.concatenate(rows).astype(np.int64) if rows else np.zeros(0, dtype=np.int64)
    matrix = sp.csr_matrix((np.ones(len(indices)), indices, indptr),
                           shape=(len(rows), n_features))
    matrix.sum_duplicates()
    return matrix


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

    Attributes
    ----------
    feature_names_ : ndarray of str
        The kept features (``vocabulary_`` maps them to columns).
    idf_ : ndarray
    words_ : ndarray of str
        Every distinct training word.
    word_features_ : scipy.sparse.csr_matrix
        (words x features) counts of each training word's features.
    word_stats_ : ndarray
        (words x :data:`STATS`) letter and cue counts of each training word.

    Examples
    --------
    >>> vec = WordNgramVectorizer(ngram_range=(2, 3), min_df=1).fit(["wach nta", "c'est bien"])
    >>> X = vec.transform(["Wach bien", "zzz"])
    >>> X.shape[0], round(float(X[0].multiply(X[0]).sum()), 6), X[1].nnz
    (2, 1.0, 0)
    """

    def __init__(self, ngram_range=(1, 4), min_df=2, words=True, cues=True, sublinear_tf=True):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.words = words
        self.cues = cues
        self.sublinear_tf = sublinear_tf

    # -- one word ---------------------------------------------------------------------
    def _grams(self, word: str, cue: str | None) -> list[str]:
        lo, hi = self.ngram_range
        padded = f" {word} "
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

    # -- caches (never saved: see __getstate__) -------------------------------------
    def _cache(self) -> dict:
        cache = self.__dict__.get("_cache_")
        if cache is None:
            words = getattr(self, "words_", np.zeros(0, dtype=str))
            names = getattr(self, "feature_names_", None)
            cache = self.__dict__["_cache_"] = {
                "word_index": {w: i for i, w in enumerate(words.tolist())},
                "gram_index": None if names is None else dict(zip(names.tolist(), range(len(names)))),
                "raw": {},  # raw token -> word ids (known < len(words_) <= extra)
                "extra": [],  # (feature columns, stats) of words unseen in training
            }
        if len(cache["extra"]) > 300_000 or len(cache["raw"]) > 1_000_000:
            cache["raw"].clear()
            cache["extra"].clear()
        return cache

    def _extra_entries(self, words: list[str], cache: dict) -> list[tuple]:
        cues = [token_cue(w) for w in words]
        stats = [self._word_stats(w, c) for w, c in zip(words, cues)]
        index = cache["gram_index"]
        if index is None:
            return [(np.zeros(0, dtype=np.int64), st) for st in stats]
        # One C-level map over every n-gram of the batch, then cut back into words.
        grams = [self._grams(w, c) for w, c in zip(words, cues)]
        flat = np.fromiter(map(index.get, chain.from_iterable(grams), repeat(-1)), dtype=np.int64)
        cuts = np.cumsum([len(g) for g in grams])[:-1]
        return [(cols[cols >= 0], st) for cols, st in zip(np.split(flat, cuts), stats)]

    def _raw_word_ids(self, raws: list[str], cache: dict) -> list[tuple]:
        word_index, raw_memo, extra = cache["word_index"], cache["raw"], cache["extra"]
        known = len(word_index)
        new_raw = {r: token_words(r) for r in raws if r not in raw_memo}
        if new_raw:
            unseen = sorted({w for ws in new_raw.values() for w in ws if w not in word_index})
            start = known + len(extra)
            extra.extend(self._extra_entries(unseen, cache))
            new_ids = {w: start + i for i, w in enumerate(unseen)}
            for raw, words in new_raw.items():
                raw_memo[raw] = tuple(word_index.get(w, new_ids.get(w)) for w in words)
        return [raw_memo[r] for r in raws]

    def _word_tables(self, ids: np.ndarray, cache: dict) -> tuple[sp.csr_matrix, np.ndarray]:
        """(features, stats) rows of the sorted word ids ``ids``."""
        known = len(cache["word_index"])
        n_features = len(getattr(self, "feature_names_", ()))
        cut = int(np.searchsorted(ids, known))
        parts, stats = [], []
        if cut:
            parts.append(self.word_features_[ids[:cut]])
            stats.append(self.word_stats_[ids[:cut]])
        if cut < len(ids):
            entries = [cache["extra"][i - known] for i in ids[cut:]]
            parts.append(_csr([e[0] for e in entries], n_features))
            stats.append(np.array([e[1] for e in entries], dtype=np.float64))
        if not parts:
            return sp.csr_matrix((0, n_features)), np.zeros((0, len(STATS)))
        return sp.vstack(parts, format="csr"), np.vstack(stats)

    # -- batches --------------------------------------------------------------------
    @staticmethod
    def _doc_raw_matrix(docs: list[str]) -> tuple[sp.csr_matrix, list[str]]:
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
        matrix = sp.csr_matrix((np.ones(len(indices)), np.asarray(indices, dtype=np.int64), indptr),
                               shape=(len(docs), len(index)))
        return matrix, list(index)

    def _doc_word_matrix(self, docs: list[str], cache: dict):
        """(documents x batch words) counts and the sorted word ids of the columns."""
        doc_raw, raws = self._doc_raw_matrix(docs)
        raw_ids = self._raw_word_ids(raws, cache)
        flat = np.fromiter(chain.from_iterable(raw_ids), dtype=np.int64)
        ids, inverse = np.unique(flat, return_inverse=True)
        lengths = np.fromiter((len(r) for r in raw_ids), dtype=np.int64, count=len(raw_ids))
        indptr = np.concatenate([[0], np.cumsum(lengths)])
        raw_word = sp.csr_matrix((np.ones(len(flat)), inverse.astype(np.int64), indptr),
                                 shape=(len(raws), len(ids)))
        return (doc_raw @ raw_word).tocsr(), ids

    def _weight(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        counts = counts.tocsr()
        counts.sum_duplicates()
        if self.sublinear_tf:
            np.log(counts.data, out=counts.data)
            counts.data += 1.0
        counts.data *= self.idf_[counts.indices]
        return l2_normalize(counts, copy=False)

    def fit(self, X, y=None):
        for attr in ("feature_names_", "idf_", "words_", "word_features_", "word_stats_"):
            self.__dict__.pop(attr, None)
        self.__dict__.pop("_cache_", None)
        docs = [prepare(t) for t in as_texts(X)]
        doc_raw, raws = self._doc_raw_matrix(docs)
        word_index: dict[str, int] = {}
        raw_rows = [np.array([word_index.setdefault(w, len(word_index)) for w in token_words(r)],
                             dtype=np.int64) for r in raws]
        doc_word = doc_raw @ _csr(raw_rows, len(word_index))
        words = list(word_index)
        cues = [token_cue(w) for w in words]
        gram_index: dict[str, int] = {}
        word_rows = [np.array([gram_index.setdefault(g, len(gram_index)) for g in self._grams(w, c)],
                              dtype=np.int64) for w, c in zip(words, cues)]
        word_grams = _csr(word_rows, len(gram_index))
        df = np.diff((doc_word @ word_grams > 0).tocsc().indptr)
        keep = np.flatnonzero(df >= self.min_df)
        if keep.size == 0:
            raise ValueError("no feature reaches min_df; lower min_df or give more text")
        self.feature_names_ = np.array(list(gram_index), dtype=str)[keep]
        self.idf_ = np.log((1 + len(docs)) / (1 + df[keep])) + 1.0
        self.words_ = np.array(words, dtype=str)
        self.word_features_ = word_grams[:, keep].tocsr()
        self.word_stats_ = np.array([self._word_stats(w, c) for w, c in zip(words, cues)],
                                    dtype=np.float64).reshape(len(words), len(STATS))
        return self

    @property
    def vocabulary_(self) -> dict:
        """``{feature: column}`` (built from ``feature_names_`` on first use)."""
        check_is_fitted(self, "feature_names_")
        return {name: i for i, name in enumerate(self.feature_names_.tolist())}

    def transform_with_stats(self, X) -> tuple[sp.csr_matrix, np.ndarray]:
        """TF-IDF features and the per-post :data:`STATS` counts in one pass.

        Works unfitted too (then the feature matrix has no column): the rule-based
        identifier only needs the counts.
        """
        docs = [prepare(t) for t in as_texts(X)]
        cache = self._cache()
        doc_word, ids = self._doc_word_matrix(docs, cache)
        features, stats = self._word_tables(ids, cache)
        doc_stats = np.asarray(doc_word @ stats).reshape(len(docs), len(STATS))
        # Cue columns count *distinct* cue words: a repeated word is one piece of evidence.
        present = doc_word.copy()
        present.data[:] = 1.0
        doc_stats[:, 3:] = np.asarray(present @ stats[:, 3:]).reshape(len(docs), len(STATS) - 3)
        if not hasattr(self, "feature_names_"):
            return sp.csr_matrix((len(docs), 0)), doc_stats
        return self._weight(doc_word @ features), doc_stats

    def transform(self, X):
        check_is_fitted(self, "feature_names_")
        return self.transform_with_stats(X)[0]

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "feature_names_")
        return self.feature_names_.astype(object)

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_cache_", None)
        return state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        return tags
