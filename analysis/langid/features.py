"""Fast text features for language identification.

A post is normalised once (:func:`prepare`) and cut into words (:func:`token_words`).
The features of a word (its character n-grams, the word itself, its cue label
from :mod:`analysis.langid.cues`) and its Arabic/Latin/other letter counts are
worked out once per *distinct* word: at fit time for every training word (stored
as a sparse words x features table, saved with the model), and once per batch for
the words unseen in training, with numpy on integer n-gram keys (no Python loop
over n-grams). A batch of posts then becomes a sparse (posts x words) count
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
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.preprocessing import normalize as l2_normalize
from sklearn.utils.validation import check_is_fitted

from analysis.langid.cues import CUE_LABELS, token_cue, token_cues
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


def _doc_words(text: str) -> list[str]:
    # A whitespace token of letters and digits only (str.isalnum: exactly the
    # characters of [^\W_]) is one word; only the others go through the regex, which
    # is several times slower per character.
    words = []
    for token in text.split():
        if token.isalnum():
            words.append(token)
        else:
            words.extend(WORD.findall(token))
    return words


def token_words(raw: str) -> list[str]:
    """The words of a prepared post (or of one of its whitespace-delimited tokens):
    the :data:`WORD` matches, cut to 30 characters.

    >>> token_words("bzaaf??"), token_words("c'est-à-dire"), token_words("😂")
    (['bzaaf'], ["c'est", 'à', 'dire'], [])
    """
    return [w[:_MAX_WORD] for w in _doc_words(raw)]


def _csr(rows: list[np.ndarray], n_features: int) -> sp.csr_matrix:
    """Rows of (possibly repeated) column ids -> CSR of counts."""
    lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    indices = np.concatenate(rows).astype(np.int64) if rows else np.zeros(0, dtype=np.int64)
    matrix = sp.csr_matrix((np.ones(len(indices)), indices, indptr),
                           shape=(len(rows), n_features))
    matrix.sum_duplicates()
    return matrix


def _script_table() -> np.ndarray:
    """Script class of every BMP code point, with the letter classes of
    :func:`analysis.text.letter_counts`: 0 Arabic, 1 Latin, 2 other letter, 3 none."""
    from analysis.text.steps import _ARABIC_LETTER, _LATIN_LETTER, _OTHER_LETTER

    table = np.full(0x10000, 3, dtype=np.int64)
    every = "".join(map(chr, range(0x10000)))
    for script, pattern in enumerate((_ARABIC_LETTER, _LATIN_LETTER, _OTHER_LETTER)):
        table[[m.start() for m in pattern.finditer(every)]] = script
    return table


#: Cue label -> its position in CUE_LABELS (no cue: -1).
_CUE_INDEX = {None: -1, **{label: i for i, label in enumerate(CUE_LABELS)}}
#: Script class per BMP code point (anything above counts as "none", as in letter_counts).
_SCRIPT_OF = _script_table()


def _encode(strings: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Code points of the concatenated strings and each string's length."""
    lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
    return np.frombuffer("".join(strings).encode("utf-32-le"), dtype=np.uint32), lengths


def _gram_table(names: list[str]) -> dict:
    """Integer keys of the n-gram features, for the vectorised unseen-word lookup.

    A character gets an id from 1 to len(alphabet) (its rank among the characters
    of the n-gram features) and an n-gram of up to four characters the key
    ``id0 | id1 << 16 | id2 << 32 | id3 << 48``; a character absent from every
    feature gets ``len(alphabet) + 1``, which no key holds. Word (``w|``) and cue
    (``cue|``) features hold ``|``, which no word does, so they are told apart by it.
    """
    grams = [i for i, name in enumerate(names) if "|" not in name]
    text = [names[i] for i in grams]
    codes, lengths = _encode(text)
    if len(codes) and (lengths.max() > 4 or len(np.unique(codes)) >= 0xFFFF):
        raise ValueError("n-gram keys need n <= 4 and fewer than 65,535 characters")
    alphabet = np.unique(codes)
    ids = (np.searchsorted(alphabet, codes) + 1).astype(np.uint64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    keys = np.zeros(len(text), dtype=np.uint64)
    for k in range(int(lengths.max()) if len(lengths) else 0):
        has = lengths > k
        keys[has] |= ids[starts[has] + k] << np.uint64(16 * k)
    # Character ids: a dense table for the Basic Multilingual Plane (every character
    # of a post maps in one indexing step), 0 = absent from every feature.
    char_ids = np.zeros(0x10000, dtype=np.uint64)
    bmp = alphabet < 0x10000
    char_ids[alphabet[bmp]] = np.flatnonzero(bmp).astype(np.uint64) + 1
    return {"alphabet": alphabet, "char_ids": char_ids,
            # a hash index: several times faster than a binary search over the keys
            "gram_keys": pd.Index(keys), "gram_columns": np.asarray(grams, dtype=np.int64),
            "cue_columns": {name[4:]: i for i, name in enumerate(names) if name.startswith("cue|")}}


class WordNgramVectorizer(TransformerMixin, BaseEstimator):
    """TF-IDF of in-word character n-grams, words and word cue labels.

    Parameters
    ----------
    ngram_range : tuple (min_n, max_n)
        Character n-gram sizes inside `` word `` (padded with spaces, as ``char_wb``);
        ``max_n`` at most 4 (n-grams are looked up as 64-bit integer keys).
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

    # -- lookup tables (never saved: see __getstate__) ------------------------------
    def _cache(self) -> dict:
        cache = self.__dict__.get("_cache_")
        if cache is None:
            words = getattr(self, "words_", np.zeros(0, dtype=str))
            names = getattr(self, "feature_names_", None)
            cache = self.__dict__["_cache_"] = {
                "word_index": {w: i for i, w in enumerate(words.tolist())},
                "n_features": 0 if names is None else len(names),
                **({} if names is None else _gram_table(names.tolist())),
            }
        return cache

    def _unseen_tables(self, words: list[str], cache: dict) -> tuple[sp.csr_matrix, np.ndarray]:
        """(features, stats) rows of words unseen in training, with no per-n-gram Python.

        The n-grams are integer keys (up to four 16-bit character ids, see
        :func:`_gram_table`) cut from one array of every padded word's characters and
        found in a hash index of the model's n-gram keys.
        """
        n_words, n_features = len(words), cache["n_features"]
        cues = token_cues(words)
        stats = np.zeros((n_words, len(STATS)))
        if not n_words:
            return sp.csr_matrix((0, n_features)), stats
        codes, lengths = _encode([f" {w} " for w in words])
        owner = np.repeat(np.arange(n_words), lengths)
        script = _SCRIPT_OF[np.minimum(codes, len(_SCRIPT_OF) - 1)]
        stats[:, :4] = np.bincount(owner * 4 + script, minlength=n_words * 4).reshape(n_words, 4)
        stats[:, 3:] = 0.0
        cue_of = np.fromiter(map(_CUE_INDEX.__getitem__, cues), dtype=np.int64, count=n_words)
        with_cue = np.flatnonzero(cue_of >= 0)
        stats[with_cue, 3 + cue_of[with_cue]] = 1.0
        if not n_features:
            return sp.csr_matrix((n_words, 0)), stats
        alphabet, keys, columns = cache["alphabet"], cache["gram_keys"], cache["gram_columns"]
        rows, cols = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        if len(keys):  # a model may have no n-gram feature at all (tiny training sets)
            ids = cache["char_ids"][np.minimum(codes, 0xFFFF)]
            if codes.max() > 0xFFFF:  # characters beyond the BMP (rare): binary search
                high = np.flatnonzero(codes > 0xFFFF)
                at = np.minimum(np.searchsorted(alphabet, codes[high]), len(alphabet) - 1)
                ids[high] = np.where(alphabet[at] == codes[high], at + 1, 0)
            ids[ids == 0] = len(alphabet) + 1  # absent from every feature: matches no key
            ends = np.cumsum(lengths)
            room = np.repeat(ends, lengths) - np.arange(len(codes))  # characters left in word
            lo, hi = self.ngram_range
            for n in range(lo, hi + 1):
                starts = np.flatnonzero(room >= n)
                key = ids[starts]
                for k in range(1, n):
                    key = key | (ids[starts + k] << np.uint64(16 * k))
                at = keys.get_indexer(key)
                hit = at >= 0
                rows.append(owner[starts[hit]])
                cols.append(columns[at[hit]])
        cue_column = np.array([cache["cue_columns"].get(label, -1) for label in CUE_LABELS],
                              dtype=np.int64)[cue_of[with_cue]]
        rows.append(with_cue[cue_column >= 0])
        cols.append(cue_column[cue_column >= 0])
        rows, cols = np.concatenate(rows), np.concatenate(cols)
        table = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_words, n_features))
        table.sum_duplicates()
        return table, stats

    # -- batches --------------------------------------------------------------------
    def _doc_word_tables(self, docs: list[str], cache: dict):
        """(documents x batch words) counts and the (features, stats) rows of those words.

        Each prepared post is cut into words (:func:`_doc_words`); the batch's distinct
        words are found with ``pandas.factorize`` (a C hash table) and looked up in
        the training words once.
        """
        per_doc = list(map(_doc_words, docs))
        lengths = np.fromiter(map(len, per_doc), dtype=np.int64, count=len(docs))
        flat = list(chain.from_iterable(per_doc))
        codes, distinct = pd.factorize(np.array(flat, dtype=object)) if flat else \
            (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object))
        distinct = distinct.tolist()
        if distinct and max(map(len, distinct)) > _MAX_WORD:
            distinct = [w[:_MAX_WORD] for w in distinct]
        known = np.fromiter(map(cache["word_index"].get, distinct, repeat(-1)),
                            dtype=np.int64, count=len(distinct))
        is_known = known >= 0
        order = np.concatenate([np.flatnonzero(is_known), np.flatnonzero(~is_known)])
        column = np.empty(len(distinct), dtype=np.int64)
        column[order] = np.arange(len(distinct))
        indptr = np.concatenate([[0], np.cumsum(lengths)])
        doc_word = sp.csr_matrix((np.ones(len(codes)), column[codes], indptr),
                                 shape=(len(docs), len(distinct)))
        doc_word.sum_duplicates()
        unseen_features, unseen_stats = self._unseen_tables(
            [distinct[i] for i in np.flatnonzero(~is_known)], cache)
        seen = known[is_known]
        if len(seen) and cache["n_features"]:
            features = sp.vstack([self.word_features_[seen], unseen_features], format="csr")
        else:
            features = sp.vstack([sp.csr_matrix((len(seen), cache["n_features"])),
                                  unseen_features], format="csr")
        stats = np.vstack([self.word_stats_[seen] if len(seen) else np.zeros((0, len(STATS))),
                           unseen_stats])
        return doc_word, features, stats

    def _weight(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        # ``counts`` is a sparse product, which holds no duplicate entries; its column
        # order does not matter below, so the costly sort of sum_duplicates is skipped.
        counts = counts.tocsr()
        if self.sublinear_tf:
            np.log(counts.data, out=counts.data)
            counts.data += 1.0
        counts.data *= self.idf_[counts.indices]
        return l2_normalize(counts, copy=False)

    def fit(self, X, y=None):
        if not 1 <= self.ngram_range[0] <= self.ngram_range[1] <= 4:
            raise ValueError(f"ngram_range must satisfy 1 <= min_n <= max_n <= 4, got {self.ngram_range}")
        for attr in ("feature_names_", "idf_", "words_", "word_features_", "word_stats_"):
            self.__dict__.pop(attr, None)
        self.__dict__.pop("_cache_", None)
        docs = [prepare(t) for t in as_texts(X)]
        word_index: dict[str, int] = {}
        doc_rows = [np.array([word_index.setdefault(w, len(word_index)) for w in token_words(d)],
                             dtype=np.int64) for d in docs]
        doc_word = _csr(doc_rows, len(word_index))
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
        doc_word, features, stats = self._doc_word_tables(docs, cache)
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
