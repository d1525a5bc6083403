"""Fast text features for language identification, hashed so a model holds no text.

A post is normalised once (:func:`prepare`) and cut into words (:func:`token_words`).
The features of a word (its character n-grams, the word itself, its cue label from
:mod:`analysis.langid.cues`) and its Arabic/Latin/other letter counts are worked out
once per *distinct* word of a batch, with numpy (:func:`analysis.text.hashing.string_columns`
hashes every n-gram of every word in a few array operations). A batch of posts then
becomes a sparse (posts x words) count matrix multiplied by the (words x features)
table. Posts repeat words constantly, so this is several times faster than
scikit-learn's ``char_wb`` analyzer, which regenerates every n-gram of every word of
every post in Python.

Features are hashed into ``2**n_bits`` columns: a trained identifier stores an idf and
weights per column, never a word or n-gram of its training data, so it can ship with
the project.
"""

from __future__ import annotations

import re
from itertools import chain

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.preprocessing import normalize as l2_normalize
from sklearn.utils.validation import check_is_fitted

from analysis.langid.cues import CUE_LABELS, token_cues
from analysis.text import (
    as_texts,
    normalise_arabic,
    normalise_unicode,
    reduce_elongation,
    remove_special_tokens,
    replace_hashtags,
    replace_mentions,
    replace_urls,
    strip_invisible,
)
from analysis.text.hashing import exact_log, log_counts, string_columns

#: Words: runs of letters and digits, with an inner apostrophe (c'est, j'ai).
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_MAX_WORD = 30  # longer "words" (glued text, hashes) only contribute their first 30 chars
#: Columns of the per-post counts of :meth:`WordNgramVectorizer.transform_with_stats`:
#: letters per script, then distinct cue words per label.
STATS = ("arabic_letters", "latin_letters", "other_letters") + tuple(f"cue_{c}" for c in CUE_LABELS)


_LETTER = re.compile(r"[^\W\d_]")


def prepare(text: str) -> str:
    """Normalise one post for language identification with the shared steps of
    :mod:`analysis.text`: invisible marks, NFKC, URLs, mentions and special tokens
    out, hashtags out (campaign tags such as ``#OpeUnlike`` would make every Arabic
    post look half Latin) unless the post is nothing but hashtags, casefold,
    elongation, Arabic orthography.

    Casefolding is plain ``str.casefold``, as for the cue lists, not
    :func:`~analysis.text.normalise_latin`: its folding of typographic apostrophes
    (``l’`` -> ``l'``) was measured to cost one French dev post (F1 fr 0.989 -> 0.987;
    ``models/langid.md``).

    >>> prepare("@inwi Wach\u200f BZAAAAF?? https://t.co/x إنّه #OpeUnlike")
    '  wach bzaaf??   انه  '
    >>> prepare("#OpeUnlike #VoIP")
    '#opeunlike #voip'
    >>> prepare("L’opérateur <user>")
    'l’opérateur  '
    """
    text = normalise_unicode(strip_invisible(text))
    text = replace_mentions(replace_urls(text, "remove"), "remove")
    text = remove_special_tokens(text)
    if "#" in text:
        without = replace_hashtags(text, "remove")
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


def _script_table() -> np.ndarray:
    """Script class of every BMP code point, with the letter classes of
    :func:`analysis.text.letter_counts`: 0 Arabic, 1 Latin, 2 other letter, 3 none."""
    from analysis.text.script import ARABIC_LETTER, LATIN_LETTER, OTHER_LETTER

    table = np.full(0x10000, 3, dtype=np.int64)
    every = "".join(map(chr, range(0x10000)))
    for script, pattern in enumerate((ARABIC_LETTER, LATIN_LETTER, OTHER_LETTER)):
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


class WordNgramVectorizer(TransformerMixin, BaseEstimator):
    """TF-IDF of hashed in-word character n-grams, words and word cue labels.

    Parameters
    ----------
    ngram_range : tuple (min_n, max_n)
        Character n-gram sizes inside `` word `` (padded with spaces, as ``char_wb``).
    min_df : int
        Columns seen in fewer training documents get no idf weight (they stay zero).
    words : bool
        Add the whole word as a feature.
    cues : bool
        Add the word's cue label (``cue|ary``, ``cue|fr``…) as a feature.
    sublinear_tf : bool
        Use ``1 + log(tf)``.
    n_bits : int
        Features are hashed into ``2**n_bits`` columns.

    Attributes
    ----------
    idf_ : ndarray of float32, shape (2**n_bits,)
        Zero for columns below ``min_df``.

    Examples
    --------
    >>> vec = WordNgramVectorizer(ngram_range=(2, 3), min_df=1, n_bits=16).fit(
    ...     ["wach nta", "c'est bien"])
    >>> X = vec.transform(["Wach bien", "zzz"])
    >>> X.shape[0], round(float(X[0].multiply(X[0]).sum()), 6), X[1].nnz
    (2, 1.0, 0)
    """

    def __init__(self, ngram_range=(1, 4), min_df=2, words=True, cues=True, sublinear_tf=True,
                 n_bits=18):
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.words = words
        self.cues = cues
        self.sublinear_tf = sublinear_tf
        self.n_bits = n_bits

    def _grams(self, word: str, cue: str | None) -> list[str]:
        """The features of one word, as strings (the definition the hashing follows)."""
        lo, hi = self.ngram_range
        padded = f" {word} "
        size = len(padded)
        grams = [padded[i:i + n] for n in range(lo, hi + 1) for i in range(size - n + 1)]
        if self.words:
            grams.append("w|" + word)
        if self.cues and cue is not None:
            grams.append("cue|" + cue)
        return grams

    def _cue_columns(self) -> np.ndarray:
        """The column of each cue label's feature (hashed as the word ``cue|LABEL``,
        which no real word can be: words never hold ``|``)."""
        labels = [f"cue|{label}" for label in CUE_LABELS]
        table = string_columns(labels, char_range=None, word=True, n_bits=self.n_bits)
        return table.indices.astype(np.int64)

    def _word_tables(self, words: list[str], hashed: bool = True):
        """(features, stats) rows of distinct words, with no per-n-gram Python
        (features ``None`` when not ``hashed``: the rule identifier needs stats only)."""
        n_words, width = len(words), 1 << self.n_bits
        cues = token_cues(words)
        stats = np.zeros((n_words, len(STATS)))
        if not n_words:
            return sp.csr_matrix((0, width), dtype=np.float32), stats
        codes, lengths = _encode([f" {w} " for w in words])
        owner = np.repeat(np.arange(n_words), lengths)
        script = _SCRIPT_OF[np.minimum(codes, len(_SCRIPT_OF) - 1)]
        stats[:, :4] = np.bincount(owner * 4 + script, minlength=n_words * 4).reshape(n_words, 4)
        stats[:, 3:] = 0.0
        cue_of = np.fromiter(map(_CUE_INDEX.__getitem__, cues), dtype=np.int64, count=n_words)
        with_cue = np.flatnonzero(cue_of >= 0)
        stats[with_cue, 3 + cue_of[with_cue]] = 1.0
        if not hashed:
            return None, stats
        table = string_columns(words, char_range=tuple(self.ngram_range), word=self.words,
                               n_bits=self.n_bits)
        if self.cues and len(with_cue):
            cue_table = sp.csr_matrix(
                (np.ones(len(with_cue), dtype=np.float32),
                 (with_cue, self._cue_columns()[cue_of[with_cue]])), shape=(n_words, width))
            table = table + cue_table
        return table.tocsr(), stats

    def _doc_word_tables(self, docs: list[str], hashed: bool = True):
        """(documents x batch words) counts and the (features, stats) rows of those words.

        Each prepared post is cut into words (:func:`_doc_words`); the batch's distinct
        words are found with ``pandas.factorize`` (a C hash table).
        """
        per_doc = list(map(_doc_words, docs))
        lengths = np.fromiter(map(len, per_doc), dtype=np.int64, count=len(docs))
        flat = list(chain.from_iterable(per_doc))
        codes, distinct = pd.factorize(np.array(flat, dtype=object)) if flat else \
            (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object))
        distinct = distinct.tolist()
        if distinct and max(map(len, distinct)) > _MAX_WORD:
            distinct = [w[:_MAX_WORD] for w in distinct]
        indptr = np.concatenate([[0], np.cumsum(lengths)])
        doc_word = sp.csr_matrix((np.ones(len(codes)), codes, indptr),
                                 shape=(len(docs), len(distinct)))
        doc_word.sum_duplicates()
        features, stats = self._word_tables(distinct, hashed)
        return doc_word, features, stats

    def _weight(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        counts = counts.tocsr()
        counts.sum_duplicates()
        if self.sublinear_tf:
            counts.data[:] = log_counts(counts.data)  # the same on every CPU
            counts.data += 1.0
        counts.data *= self.idf_[counts.indices]
        counts.eliminate_zeros()
        if counts.shape[0] == 0:  # sklearn's normalize refuses an empty batch
            return counts
        return l2_normalize(counts, copy=False)

    def _counts_and_stats(self, docs: list[str], hashed: bool = True):
        """(posts x columns) counts (``None`` when not ``hashed``) and per-post stats."""
        doc_word, features, stats = self._doc_word_tables(docs, hashed)
        doc_stats = np.asarray(doc_word @ stats).reshape(len(docs), len(STATS))
        # Cue columns count *distinct* cue words: a repeated word is one piece of evidence.
        present = doc_word.copy()
        present.data[:] = 1.0
        doc_stats[:, 3:] = np.asarray(present @ stats[:, 3:]).reshape(len(docs), len(STATS) - 3)
        return (doc_word @ features).tocsr() if hashed else None, doc_stats

    def fit(self, X, y=None):
        if not 1 <= self.ngram_range[0] <= self.ngram_range[1]:
            raise ValueError(f"ngram_range must satisfy 1 <= min_n <= max_n, got {self.ngram_range}")
        docs = [prepare(t) for t in as_texts(X)]
        counts, _ = self._counts_and_stats(docs)
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        if not (df >= self.min_df).any():
            raise ValueError("no feature reaches min_df; lower min_df or give more text")
        idf = exact_log((1 + len(docs)) / (1 + df)) + 1.0
        self.idf_ = np.where(df >= self.min_df, idf, 0.0).astype(np.float32)
        return self

    def transform_with_stats(self, X) -> tuple[sp.csr_matrix, np.ndarray]:
        """TF-IDF features and the per-post :data:`STATS` counts in one pass.

        Works unfitted too (then the feature matrix has no column): the rule-based
        identifier only needs the counts.
        """
        docs = [prepare(t) for t in as_texts(X)]
        if not hasattr(self, "idf_"):
            return sp.csr_matrix((len(docs), 0)), self._counts_and_stats(docs, hashed=False)[1]
        counts, doc_stats = self._counts_and_stats(docs)
        return self._weight(counts), doc_stats

    def transform(self, X):
        check_is_fitted(self, "idf_")
        return self.transform_with_stats(X)[0]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        return tags
