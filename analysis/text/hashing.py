"""Hashed character and word n-grams of a whole batch of posts, with no Python loop per n-gram.

Why hashing: a model built on it holds weights for integer buckets only, never a
vocabulary of strings, so it can ship with the project without carrying any corpus
text; and nothing is looked up in a dictionary per n-gram, which is what makes a
model fast the first time it sees a post ("cold").

How: the batch is joined into one string, casefolded, and its URLs and mentions
become ``<url>`` and ``<user>`` (three C-level passes). Everything else happens on
one array of code points:

* a character-class table drops Arabic diacritics, tatweel and invisible marks, and
  makes punctuation, symbols and emoji tokens of their own;
* runs of 3+ equal characters (digits excepted) keep two (``bzaaaaf`` -> ``bzaaf``);
* every token is padded with a space on each side, as scikit-learn's ``char_wb``;
* with ``S = cumsum(c[j] * M**j)`` (64-bit arithmetic that wraps, ``M`` odd) the
  polynomial hash of any window ``[i, i + n)`` is ``(S[i + n] - S[i]) * M**-i``, so
  every n-gram of every size, every word and every word pair is hashed in a few array
  operations. A mixing step spreads the hashes; the top ``n_bits`` bits are the column.

Letters are never merged (no alef, yeh or teh-marbuta folding): that folding cost MSA
accuracy when it was tried (``models/sentiment.md``). The hash depends only on the
characters, never on ``PYTHONHASHSEED`` or the platform, so a post gets the same
columns everywhere and models rebuild byte for byte.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from analysis.text.steps import strip_invisible

_M = np.uint64(0x100000001B3)  # odd, hence invertible modulo 2**64 (the FNV prime)
_M_INV = np.uint64(pow(int(_M), -1, 2**64))
_MIX = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xBF58476D1CE4E5B9)
#: Salts per kind, so a 3-gram, a word and a word pair with equal hashes differ.
_WORD_SALT = np.uint64(0xD6E8FEB86659FD93)
_PAIR_SALT = np.uint64(0xA0761D6478BD642F)
_PAIR_LEFT = np.uint64(0xE7037ED1A0B428DB)

# Patterns start with a literal so the regex engine only tries them where they can match.
_URL = re.compile(r"https?://\S+|www\.\S+|h(?<!\wh)ttps?\b")
_MENTION = re.compile(r"@(?<![\w@]@)\w+")

# Character classes of the code-point table.
WORD, SPACE, NEWLINE, SYMBOL, DROP = 0, 1, 2, 3, 4


@lru_cache(maxsize=1)
def char_classes() -> np.ndarray:
    """Class of every Basic Multilingual Plane code point (anything above is a symbol).

    ``WORD``: ``\\w`` characters plus ``'``, ``#``, ``<``, ``>`` (so ``c'est``,
    ``#opeunlike`` and ``<url>`` stay whole); ``SPACE``; ``NEWLINE`` (the post
    separator); ``DROP``: Arabic diacritics and tatweel; ``SYMBOL``: the rest
    (punctuation, emoji), each one a token of its own.
    """
    every = "".join(map(chr, range(0x10000)))
    table = np.full(0x10000, SYMBOL, dtype=np.int8)
    table[[m.start() for m in re.finditer(r"[\w'#<>]", every)]] = WORD
    table[[m.start() for m in re.finditer(r"\s", every)]] = SPACE
    table[ord("\n")] = NEWLINE
    table[[*range(0x064B, 0x0653), 0x0670, 0x0640]] = DROP
    table[0xD800:0xE000] = SYMBOL  # lone surrogates cannot be encoded; kept as symbols
    return table


def prepare_batch(texts: list[str]) -> str:
    """The string-level steps: posts joined by ``"\\n"``, invisible marks out,
    casefolded, ``<url>`` and ``<user>`` tokens.

    >>> prepare_batch(["RT @inwi: Voir https://t.co/x", "Ça\\nva"]).split("\\n")
    ['rt <user>: voir <url>', 'ça va']
    """
    joined = "\n".join(t.replace("\n", " ") for t in texts)
    joined = strip_invisible(joined).casefold()
    if "http" in joined or "www." in joined:
        joined = _URL.sub("<url>", joined)
    if "@" in joined:
        joined = _MENTION.sub("<user>", joined)
    return joined


def _codes(joined: str) -> np.ndarray:
    data = joined.encode("utf-32-le", errors="replace")
    return np.frombuffer(data, dtype=np.uint32).astype(np.int64)


def tokenise_batch(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(codes, token_len, token_doc)``: the code points of every token of the batch,
    concatenated, each token's length and the post it belongs to.

    >>> codes, lengths, docs = tokenise_batch(["Bzaaaaf!!", "", "ممـتاز 😂"])
    >>> "".join(map(chr, codes)), lengths.tolist(), docs.tolist()
    ('bzaaf!!ممتاز😂', [5, 1, 1, 5, 1], [0, 0, 0, 2, 2])
    """
    codes = _codes(prepare_batch(texts))
    table = char_classes()
    kind = np.where(codes < 0x10000, table[np.minimum(codes, 0xFFFF)], SYMBOL)
    keep = kind != DROP
    # elongation: a character equal to the two before it goes (digits and spaces kept)
    if len(codes) > 2:
        run = np.zeros(len(codes), dtype=bool)
        run[2:] = (codes[2:] == codes[1:-1]) & (codes[1:-1] == codes[:-2])
        run &= (kind == WORD) | (kind == SYMBOL)
        run &= ~((codes >= 48) & (codes <= 57))
        keep &= ~run
    codes, kind = codes[keep], kind[keep]
    doc = np.cumsum(kind == NEWLINE)
    in_token = (kind == WORD) | (kind == SYMBOL)
    previous_word = np.concatenate([[False], kind[:-1] == WORD])
    starts = in_token & ~((kind == WORD) & previous_word)
    token_id = np.cumsum(starts) - 1
    positions = np.flatnonzero(in_token)
    n_tokens = int(starts.sum())
    token_len = np.bincount(token_id[positions], minlength=n_tokens)
    token_doc = doc[np.flatnonzero(starts)]
    return codes[positions], token_len, token_doc


def _mix(h: np.ndarray, n_bits: int) -> np.ndarray:
    """Spread a 64-bit hash and keep its top ``n_bits`` bits (a column index)."""
    h = h ^ (h >> np.uint64(31))
    h = h * _MIX2
    h = h ^ (h >> np.uint64(29))
    h = h * _MIX
    return (h >> np.uint64(64 - n_bits)).astype(np.int64)


def _powers(n: int, base: np.uint64) -> np.ndarray:
    """``base ** 0 .. base ** (n - 1)`` modulo 2**64."""
    out = np.full(n, base, dtype=np.uint64)
    if n:
        out[0] = 1
    with np.errstate(over="ignore"):
        return np.cumprod(out, dtype=np.uint64)


def token_columns(codes: np.ndarray, token_len: np.ndarray, *, char_range=(1, 5),
                  word: bool = True, n_bits: int = 20):
    """Hashed columns of each token's ``char_wb`` n-grams (and of the token itself).

    ``codes`` holds the code points of the tokens, concatenated; ``token_len`` their
    lengths. Returns ``(token, column, word_hash)``: the token each n-gram comes from,
    its column, and the 64-bit hash of every whole token (for word pairs).
    """
    n_tokens = len(token_len)
    # the padded layout " tok1  tok2 ": every token between two spaces
    padded_start = np.zeros(n_tokens, dtype=np.int64)
    np.cumsum(token_len[:-1] + 2, out=padded_start[1:])
    size = int(padded_start[-1] + token_len[-1] + 2) if n_tokens else 0
    padded = np.full(size, ord(" "), dtype=np.uint64)
    owner_of_char = np.repeat(np.arange(n_tokens), token_len)
    offset = np.arange(len(codes)) - np.repeat(np.cumsum(token_len) - token_len, token_len)
    padded[padded_start[owner_of_char] + 1 + offset] = codes
    with np.errstate(over="ignore"):
        inverse = _powers(size + 1, _M_INV)
        prefix = np.zeros(size + 1, dtype=np.uint64)
        np.cumsum(padded * _powers(size, _M), dtype=np.uint64, out=prefix[1:])

        def window_hash(start, n):
            return (prefix[start + n] - prefix[start]) * inverse[start]

        tokens, cols = [], []
        if char_range is not None:
            owner = np.repeat(np.arange(n_tokens), token_len + 2)
            room = (padded_start + token_len + 2)[owner] - np.arange(size)
            for n in range(char_range[0], char_range[1] + 1):
                starts = np.flatnonzero(room >= n)
                cols.append(_mix(window_hash(starts, n) + np.uint64(n) * _MIX, n_bits))
                tokens.append(owner[starts])
        word_hash = window_hash(padded_start + 1, token_len)
        if word:
            cols.append(_mix(word_hash + _WORD_SALT, n_bits))
            tokens.append(np.arange(n_tokens))
    if not cols:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), word_hash
    return np.concatenate(tokens), np.concatenate(cols), word_hash


def string_columns(strings: list[str], *, char_range=(1, 5), word: bool = True,
                   n_bits: int = 20) -> sp.csr_matrix:
    """(strings x 2**n_bits) counts of each string's hashed n-grams, the string taken as
    one token as it is (no normalisation). The same string always gets the same columns
    as the same token inside :func:`hashed_counts`.

    >>> X = string_columns(["zwin", "zwin"], char_range=(2, 3), n_bits=16)
    >>> (X[0] != X[1]).nnz, int(X[0].sum())
    (0, 10)
    """
    width = 1 << n_bits
    if not strings:
        return sp.csr_matrix((0, width), dtype=np.float32)
    token_len = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
    codes = _codes("".join(strings))
    token, col, _ = token_columns(codes, token_len, char_range=char_range, word=word,
                                  n_bits=n_bits)
    return _grouped(token, col, len(strings), width)


def _grouped(row: np.ndarray, col: np.ndarray, n_rows: int, width: int) -> sp.csr_matrix:
    """CSR counts from (row, column) pairs; each family of pairs is already in row order,
    so a stable sort only merges sorted runs."""
    order = np.argsort(row, kind="stable")
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=n_rows), out=indptr[1:])
    return sp.csr_matrix((np.ones(len(col), dtype=np.float32), col[order], indptr),
                         shape=(n_rows, width))


def _summed(row: np.ndarray, col: np.ndarray, n_rows: int, width: int) -> sp.csr_matrix:
    """CSR counts from (row, column) pairs in canonical form: each row's columns sorted
    and each present once with its count. One sort of ``row * width + col`` does both
    the row grouping and the duplicate summing, which otherwise cost a stable argsort
    and then scipy's ``sum_duplicates`` (its own per-row sort): about a third of the
    time of scoring a cold post."""
    key = np.sort(row.astype(np.int64) * width + col)
    first = np.ones(len(key), dtype=bool)
    np.not_equal(key[1:], key[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    counts = np.diff(starts, append=len(key)).astype(np.float32)
    key = key[starts]
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(key // width, minlength=n_rows), out=indptr[1:])
    matrix = sp.csr_matrix((counts, (key % width).astype(np.int32), indptr),
                           shape=(n_rows, width))
    matrix.has_canonical_format = True
    return matrix


def hashed_counts(texts, *, char_range=(1, 5), word_range=(1, 2),
                  n_bits: int = 20) -> sp.csr_matrix:
    """(posts x 2**n_bits) counts of hashed ``char_wb`` n-grams, words and word pairs.

    ``char_range=None`` or ``word_range=None`` leaves that family out. The matrix is in
    canonical form: a row holds each of its columns once, sorted, with its count.

    Examples
    --------
    >>> X = hashed_counts(["zwin bzaf", "zwin"], char_range=(2, 3), word_range=(1, 2), n_bits=18)
    >>> X.shape, int(X[1].sum()), int(X[0].sum())
    ((2, 262144), 10, 21)
    """
    texts = list(texts)
    n_docs, width = len(texts), 1 << n_bits
    codes, token_len, token_doc = tokenise_batch(texts)
    if len(token_len) == 0:
        return sp.csr_matrix((n_docs, width), dtype=np.float32)
    words = word_range is not None and word_range[0] <= 1
    token, col, word_hash = token_columns(codes, token_len, char_range=char_range, word=words,
                                          n_bits=n_bits)
    rows, cols = [token_doc[token]], [col]
    if word_range is not None and word_range[1] >= 2:
        pair = np.flatnonzero(token_doc[1:] == token_doc[:-1])
        with np.errstate(over="ignore"):
            pair_hash = word_hash[pair] * _PAIR_LEFT + word_hash[pair + 1] + _PAIR_SALT
        cols.append(_mix(pair_hash, n_bits))
        rows.append(token_doc[pair])
    return _summed(np.concatenate(rows), np.concatenate(cols), n_docs, width)


# numpy picks its log kernel by the CPU (AVX-512 or not), and the kernels differ in the
# last bit: a model trained on one machine would not rebuild byte for byte on another.
# The trained models therefore take logarithms from the C library, one value at a time
# (the same on every x86-64 machine with the same libm), and a term count's from a table.
_LOG_COUNTS = np.array([0.0] + [math.log(i) for i in range(1, 4096)])


def exact_log(values) -> np.ndarray:
    """``log`` of each value through the C library, not numpy's CPU-dependent kernels."""
    values = np.asarray(values, dtype=np.float64)
    return np.fromiter(map(math.log, values.ravel()), dtype=np.float64,
                       count=values.size).reshape(values.shape)


def log_counts(counts: np.ndarray) -> np.ndarray:
    """``log`` of positive whole counts: from the table, the rare larger ones exactly."""
    whole = counts.astype(np.int64)
    small = whole < len(_LOG_COUNTS)
    out = _LOG_COUNTS[np.where(small, whole, 0)]
    if not small.all():
        out[~small] = exact_log(counts[~small])
    return out
