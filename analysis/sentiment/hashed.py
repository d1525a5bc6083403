"""The trained sentiment model: hashed n-grams, NB-weighted one-vs-rest logistic
regressions, and experts (French, MAC) behind learnt gates.

Why this shape (each choice measured under repeated cross-validation and
leave-one-corpus-out with ``benchmarks/sentiment.py``; what did not help is tabled in
``models/sentiment.md``):

* **Hashed features** (:mod:`analysis.text.hashing`): character 1-5-grams inside
  words, words and word pairs, folded into ``2**n_bits`` columns, TF-IDF weighted.
  The model holds weights for integer columns only, never a string of its training
  data, so it can be committed; and a post never seen before costs no dictionary
  look-up per n-gram.
* **NB weighting** (``nb``): each one-vs-rest classifier sees its features scaled by
  their log-count ratio between the class and the rest (Wang & Manning 2012). The
  scaling is folded into the stored weights, so prediction is a plain linear model.
* **Corpus model** (``corpus_copies``): for posts of a corpus it was trained on (the
  corpus id given to ``predict_proba(texts, domains=…)``, as ``sentiment evaluate``
  does from the ``source`` column), half the probability comes from a second model
  with a weight copy and a prior per corpus (Daume 2007), so each corpus's own usage
  and label balance is learnt apart. Posts of any other domain (a user's archive, the
  held-out corpus of leave-one-corpus-out) get the pooled model only.
* **Experts** (``experts``): an expert trained on the rows of one language tag or one
  corpus alone speaks for the posts a gate (an L1 logistic regression, "is this that
  language / corpus?") assigns to it: ``p = g * p_expert + (1 - g) * p_before``,
  expert after expert. MAC's pre-cleaned Moroccan tweets are unlike every other
  corpus: its expert is worth about 2.5 points on MAC (and costs about 1 on MYC). The
  French expert was meant to keep 2,000 French tweets from being drowned by 60,000
  Arabic ones; once corpora are balanced it adds nothing measurable (ablations table).
* **Each corpus's own labels** (``label_balance="corpus"``, ``corpus_labels``): the
  pooled model gives each label of a corpus the same weight inside that corpus, and
  learns a label only from corpora that use it. Without this, ASTD's and AfriSenti's
  neutral mass and MYC's missing neutral were learnt as traits of their kinds of post
  ("Arabizi is never neutral": with AfriSenti left out of training, its Arabizi posts,
  half of them neutral, were almost never called neutral).
* **Emoji-free copies for the pooled model** (``emoji_free_copies``,
  ``emoji_free_scope="pooled"``): every training post with emoji (18,600 of them, three
  quarters MYC's) is learnt a second time with its emoji removed. Where an emoji decides
  the label, the words beside it otherwise learn little, and a domain without emoji
  (MAC, a user's archive with few) is left with weak word weights. The copies teach the
  pooled model only, which speaks for new domains; the corpus model and the experts
  learn each corpus with its emoji habits, so known corpora (MYC above all) keep them.
  Leave-one-corpus-out improved on all three held-out corpora, and cross-validation
  did not move (``models/sentiment.md``); with the copies in every part, MYC lost
  about 1.7 points.
* **Corpus balance** (``corpus_power``): each training corpus weighs
  ``(n_largest / n_corpus) ** corpus_power`` per row, so small corpora (French, XLM-T
  Arabic, AJGT) count.
* **Compact weights**: int8 weights (square-law companded, :func:`quantise`) on the
  columns a table uses, and a float16 idf.

The estimator follows the scikit-learn contract on raw texts: ``fit(texts, labels,
domains=None, langs=None)``; ``predict_proba`` columns follow ``classes_``.
"""

from __future__ import annotations

import numpy as np
import regex
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize
from sklearn.utils.multiclass import unique_labels
from sklearn.utils.validation import check_is_fitted

from analysis.text.arabizi import arabizi_to_arabic
from analysis.text.hashing import exact_log, hashed_counts, log_counts
from analysis.text.steps import has_emoji, replace_emoji
from analysis.text.transformers import as_texts


#: An expert needs at least this many training rows of its language; below, the pooled
#: model speaks for that language too.
MIN_EXPERT_ROWS = 20

#: A Latin word with an Arabizi digit letter next to a letter (3ndi, m3a, 7aja, 9ale):
#: the posts ``arabizi_view`` also reads in Arabic script. French and English rarely
#: write a digit inside a word, so they are left alone.
_ARABIZI_DIGIT = regex.compile(r"(?i)[a-z][2356789]|[2356789][a-z]")


def tfidf_rows(counts: sp.csr_matrix, idf: np.ndarray, sublinear_tf: bool = True) -> sp.csr_matrix:
    """``(1 + log tf) * idf`` (or ``tf * idf``), rows scaled to unit length."""
    counts.sum_duplicates()
    if sublinear_tf:
        counts.data[:] = log_counts(counts.data)
        counts.data += 1.0
    counts.data *= idf[counts.indices]
    if counts.shape[0] == 0:  # sklearn's normalize refuses an empty batch
        return counts
    return normalize(counts, copy=False)


def _within_corpus_class_balance(corpus: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per-row weights that give each label of a corpus the same total weight inside
    that corpus (the corpus's own total unchanged), so ASTD's neutral mass or MYC's
    missing neutral is not learnt as a prior.

    >>> _within_corpus_class_balance(np.array([0, 0, 0, 1]), np.array(["a", "a", "b", "a"]))
    array([0.75, 0.75, 1.5 , 1.  ])
    """
    key = corpus.astype(np.int64) * (1 << 20) + np.unique(y, return_inverse=True)[1]
    _, cell, cell_size = np.unique(key, return_inverse=True, return_counts=True)
    corpus_size = np.bincount(corpus)
    labels_in_corpus = np.bincount(np.unique(key) >> 20, minlength=len(corpus_size))
    return corpus_size[corpus] / (labels_in_corpus[corpus] * cell_size[cell])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # no overflow warning for large |z|


def quantise(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(int8 codes, per-row scale) of a (k, n) weight table, square-law companded.

    ``w ≈ sign(q) * scale * (|q| / 127) ** 2``: the many small weights keep a
    resolution of ``scale / 16129`` while the few large ones keep two significant
    digits. A quarter of float32's bytes; the effect on scores is measured in
    ``models/sentiment.md``.

    >>> codes, scale = quantise(np.array([[0.0, 0.5, -2.0]]))
    >>> codes.tolist(), [round(float(w), 2) for w in dequantise(codes, scale)[0]]
    ([[0, 64, -127]], [0.0, 0.51, -2.0])
    """
    weights = np.atleast_2d(np.asarray(weights, dtype=np.float64))
    scale = np.abs(weights).max(axis=1, initial=0.0)
    scale[scale == 0] = 1.0
    codes = np.rint(127 * np.sqrt(np.abs(weights) / scale[:, None])) * np.sign(weights)
    return codes.astype(np.int8), scale


def dequantise(codes: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """The float32 weights of :func:`quantise`'s codes: one look-up per code in a
    256-entry table per row (a model just loaded expands millions of codes)."""
    every = np.arange(-128, 128, dtype=np.int8)
    unit = np.sign(every).astype(np.float32) * (every.astype(np.float32) / 127) ** 2
    table = unit[None, :] * np.asarray(scale, dtype=np.float32)[:, None]
    codes = np.asarray(codes)
    return np.take_along_axis(table, codes.astype(np.intp) + 128, axis=1)


class _Packed:
    """A (k, width) weight table stored as a bitmask of the columns it uses, their int8
    codes (column-major, so one column's k codes sit together) and a scale per row."""

    @staticmethod
    def pack(weights: np.ndarray) -> dict:
        weights = np.atleast_2d(weights)
        used = np.any(weights != 0, axis=0)
        codes, scale = quantise(weights[:, used])
        return {"mask": np.packbits(used), "codes": np.ascontiguousarray(codes.T),
                "scale": scale}

    @staticmethod
    def dense(packed: dict, width: int, out: np.ndarray | None = None) -> np.ndarray:
        """(width, k) float32 weights: the table transposed, ready for ``rows @``
        (written into ``out``, zero-filled, when given)."""
        used = np.unpackbits(packed["mask"], count=width).view(bool)
        if out is None:
            out = np.zeros((width, packed["codes"].shape[1]), dtype=np.float32)
        out[used] = dequantise(packed["codes"].T, packed["scale"]).T
        return out


class HashedSentiment(ClassifierMixin, BaseEstimator):
    """Sentiment of raw posts from hashed character and word n-grams.

    Parameters
    ----------
    char_range : tuple (min_n, max_n) or None, default (1, 5)
        Character n-gram sizes inside space-padded words.
    word_range : tuple or None, default (1, 2)
        ``(1, 1)`` words only, ``(1, 2)`` words and word pairs.
    n_bits : int, default 19
        The features are folded into ``2**n_bits`` columns.
    C : float, default 10.0
        Inverse L2 regularisation of each one-vs-rest logistic regression.
    nb : bool, default True
        Scale features by their NB log-count ratio, per class.
    corpus_power : float, default 0.0
        Per-row weight ``(n_largest / n_corpus) ** corpus_power`` (0 = every row alike).
    label_balance : {"global", "corpus"}, default "global"
        How the pooled model balances labels: over all rows ("global": each label
        weighs the same in total) or inside each corpus ("corpus": each label of a
        corpus weighs the same inside it, so ASTD's neutral mass is not learnt as a
        property of its kind of post).
    corpus_labels : bool, default False
        Train the pooled model's regression for a label only on the corpora that use
        that label: a corpus labelled positive/negative only (MYC, AJGT) teaches
        nothing about neutrality, and would otherwise teach that its kind of post is
        never neutral.
    corpus_copies : bool, default False
        Also learn a corpus model (Daume's "frustratingly easy" domain adaptation): the
        features once shared and once more in a block of the row's own corpus, plus a
        prior per corpus, with each corpus's labels balanced inside it and no corpus
        balance. It speaks only for posts whose corpus ``predict_proba`` is told and
        the model was trained on; every other post gets the pooled model alone.
    corpus_scale : float, default 1.0
        Scale of the corpus blocks' features (smaller = corpus weights more regularised).
    corpus_blend : float, default 0.5
        Share of a known corpus's probability that comes from the corpus model.
    experts : tuple of str, default ("fr",)
        Who gets an expert and a gate: a language tag (the rows whose ``langs`` value it
        is) or a corpus id (the rows whose ``domains`` value it is).
    arabizi_view : bool, default False
        Also read each post written in Arabizi (a Latin word with a digit letter such
        as ``3ndi`` or ``7aja``) transliterated to Arabic script
        (:func:`analysis.text.arabizi.arabizi_to_arabic`), its n-grams added to the same
        columns: a second view meant to let Darija learnt from Arabic-script corpora
        speak for Arabizi.
    emoji_free_copies : float, default 0.0
        Weight of an extra training row, emoji removed, for each training post that
        has emoji (0 = none). The copies count as rows of their corpus. Where emoji
        decide a label (MYC follows them almost mechanically), the words beside them
        learn little; the copies make the words carry the label alone too, as they
        must in a corpus without emoji (MAC) or a user's archive with few.
    emoji_free_scope : {"all", "pooled"}, default "pooled"
        Which parts learn from the emoji-free copies: the pooled model alone (which
        speaks for new domains; the corpus model and the experts then learn each corpus
        with its emoji habits), or every part.
    C_expert : float, default 10.0
    C_gate : float, default 1.0
        Inverse L1 regularisation of the gates (sparser when smaller).
    batch_size : int, default 2000
        Posts featurised at a time (bounds memory; about the fastest size).

    Attributes
    ----------
    classes_ : ndarray of str
    idf_ : ndarray of float16, shape (2**n_bits,)
    coef_ : dict
        The (n_classes, 2**n_bits) weights, packed: ``mask`` (bits of the columns used),
        ``codes`` (int8, see :func:`quantise`) and ``scale`` (one per class).
    intercept_ : ndarray of float64, shape (n_classes,)
    experts_ : list of dict
        Per expert: ``lang`` (tag or corpus id), packed ``weights``, ``intercept``, and
        its gate's packed ``gate`` weights and ``gate_intercept``.
    corpora_ : ndarray of str
        The training corpus ids the corpus model knows (empty without ``corpus_copies``).
    corpus_shared_, corpus_weights_ : packed tables
        The corpus model's shared weights and one table per corpus in ``corpora_``.
    corpus_intercept_, corpus_bias_ : ndarray
        Its intercept (k,) and per-corpus priors (len(corpora_), k).

    Examples
    --------
    >>> texts = ["zwin bzaf", "khayb bzaf", "c'est super", "c'est nul", "3adi", "normal"] * 4
    >>> labels = ["positive", "negative"] * 6 + ["neutral"] * 12
    >>> model = HashedSentiment(n_bits=16).fit(texts, labels)
    >>> model.predict(["zwin", "nul"]).tolist()
    ['positive', 'negative']
    """

    def __init__(self, *, char_range=(1, 5), word_range=(1, 2), n_bits=19, C=10.0, nb=True,
                 corpus_power=0.0, label_balance="global", corpus_labels=False,
                 corpus_copies=False, corpus_scale=1.0, corpus_blend=0.5,
                 experts=("fr",), C_expert=10.0, C_gate=1.0, arabizi_view=False,
                 emoji_free_copies=0.0, emoji_free_scope="pooled", batch_size=2000):
        self.char_range = char_range
        self.word_range = word_range
        self.n_bits = n_bits
        self.C = C
        self.nb = nb
        self.corpus_power = corpus_power
        self.label_balance = label_balance
        self.corpus_labels = corpus_labels
        self.corpus_copies = corpus_copies
        self.corpus_scale = corpus_scale
        self.corpus_blend = corpus_blend
        self.experts = experts
        self.C_expert = C_expert
        self.C_gate = C_gate
        self.arabizi_view = arabizi_view
        self.emoji_free_copies = emoji_free_copies
        self.emoji_free_scope = emoji_free_scope
        self.batch_size = batch_size

    # -- features -----------------------------------------------------------------
    def _counts(self, texts: list[str]) -> sp.csr_matrix:
        """Hashed n-gram counts, ``batch_size`` posts at a time (bounds memory)."""
        step = max(int(self.batch_size), 1)
        parts = [self._batch_counts(texts[i:i + step]) for i in range(0, len(texts), step)]
        if not parts:
            return sp.csr_matrix((0, 1 << self.n_bits), dtype=np.float32)
        return sp.vstack(parts, format="csr")

    def _batch_counts(self, texts: list[str]) -> sp.csr_matrix:
        counts = hashed_counts(texts, char_range=self.char_range, word_range=self.word_range,
                               n_bits=self.n_bits)
        if not getattr(self, "arabizi_view", False):  # models saved before the option
            return counts
        arabizi = [i for i, text in enumerate(texts) if _ARABIZI_DIGIT.search(text)]
        if not arabizi:
            return counts
        seen = hashed_counts([arabizi_to_arabic(texts[i]) for i in arabizi],
                             char_range=self.char_range, word_range=self.word_range,
                             n_bits=self.n_bits)
        # each transliterated row added to its post's row, in the same columns
        place = sp.csr_matrix((np.ones(len(arabizi), dtype=np.float32),
                               (arabizi, np.arange(len(arabizi)))),
                              shape=(len(texts), len(arabizi)))
        return (counts + place @ seen).tocsr()

    # -- training -----------------------------------------------------------------
    def _one_vs_rest(self, X: sp.csr_matrix, y: np.ndarray, weight: np.ndarray, C: float,
                     copies: tuple[int, int] = (1, 0), class_weight="balanced",
                     learns_from: np.ndarray | None = None):
        """(coef (k, X columns), intercept (k,)) of NB-weighted one-vs-rest regressions.

        ``copies = (c, extra)``: X is ``c`` side-by-side copies of the hashed columns
        then ``extra`` indicator columns (see :meth:`_with_corpus_copies`); each copy is
        scaled by the NB ratios of the first, the indicators are not scaled.
        ``learns_from`` (k, n) bool: the rows each class's regression is trained on
        (all when None)."""
        n_copies, extra = copies
        width = (X.shape[1] - extra) // n_copies
        coef = np.zeros((len(self.classes_), X.shape[1]))
        intercept = np.zeros(len(self.classes_))
        present = X[:, :width].copy()
        present.data[:] = 1.0
        for j, label in enumerate(self.classes_):
            X_j, present_j, weight_j, y_j = X, present, weight, y
            if learns_from is not None and not learns_from[j].all():
                rows = learns_from[j]
                X_j, present_j, weight_j, y_j = X[rows], present[rows], weight[rows], y[rows]
            positive = y_j == label
            if not positive.any() or positive.all():
                intercept[j] = -30.0 if not positive.any() else 30.0
                continue
            scale = np.ones(width)
            if self.nb:
                p = 1.0 + np.asarray(present_j.T @ (weight_j * positive)).ravel()
                q = 1.0 + np.asarray(present_j.T @ (weight_j * ~positive)).ravel()
                scale = exact_log((p / p.sum()) / (q / q.sum()))
            scale = np.concatenate([np.tile(scale, n_copies), np.ones(extra)])
            model = LogisticRegression(C=C, solver="liblinear", dual=True, max_iter=1000,
                                       class_weight=class_weight, random_state=2016)
            model.fit(X_j @ sp.diags(scale), positive, sample_weight=weight_j)
            coef[j] = model.coef_[0] * scale
            intercept[j] = model.intercept_[0]
        return coef, intercept

    def fit(self, X, y, domains=None, langs=None, sample_weight=None):
        if y is None:
            raise ValueError("HashedSentiment requires y to be passed, but the target y is None")
        texts = as_texts(X)
        y = np.asarray(y, dtype=object)
        if len(y) != len(texts):
            raise ValueError(f"X has {len(texts)} texts but y has {len(y)} labels")
        self.classes_ = unique_labels(y)
        if len(self.classes_) < 2:
            raise ValueError(f"need at least two labels to train, got {list(self.classes_)}")
        if self.label_balance not in ("global", "corpus"):
            raise ValueError(f"label_balance must be 'global' or 'corpus', "
                             f"got {self.label_balance!r}")
        for name, values in (("domains", domains), ("langs", langs)):
            if values is not None and len(values) != len(y):
                raise ValueError(f"{name} has {len(values)} entries for {len(y)} rows")
        domains = (np.zeros(len(y), dtype=object) if domains is None
                   else np.asarray(domains, dtype=object))
        if self.emoji_free_scope not in ("all", "pooled"):
            raise ValueError(f"emoji_free_scope must be 'all' or 'pooled', "
                             f"got {self.emoji_free_scope!r}")
        original = (len(texts), sample_weight)
        if self.emoji_free_copies:
            texts, y, domains, langs, sample_weight = self._with_emoji_free_copies(
                texts, y, domains, langs, sample_weight)
        counts = self._counts(texts)
        counts.sum_duplicates()
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        # The idf a row sees is the stored float16 one, in training as at prediction.
        self.idf_ = (exact_log((1 + len(texts)) / (1 + df)) + 1.0).astype(np.float16)
        features = tfidf_rows(counts, self.idf_.astype(np.float32))
        corpora, index, sizes = np.unique(domains, return_inverse=True, return_counts=True)
        # one power per corpus, through the C library (see exact_log)
        weight = np.array([(sizes.max() / size) ** float(self.corpus_power)
                           for size in sizes.tolist()])[index]
        class_weight = "balanced"
        if self.label_balance == "corpus":
            weight = weight * _within_corpus_class_balance(index, y)
            class_weight = None
        if sample_weight is not None:
            weight = weight * np.asarray(sample_weight, dtype=float)
        learns_from = None
        if self.corpus_labels:
            # has[c, j]: corpus c uses label j. A corpus without a neutral label (MYC,
            # AJGT) is no evidence that its posts are "not neutral".
            has = np.zeros((len(corpora), len(self.classes_)), dtype=bool)
            has[index, np.searchsorted(self.classes_, y)] = True
            learns_from = has[index].T
        coef, intercept = self._one_vs_rest(features, y, weight / weight.mean(), self.C,
                                            class_weight=class_weight, learns_from=learns_from)
        self.coef_ = _Packed.pack(coef)
        self.intercept_ = intercept
        if self.emoji_free_scope == "pooled" and len(y) > original[0]:
            # the copies were for the pooled model: the corpus model and the experts
            # learn each corpus as it is, emoji habits included
            n, sample_weight = original
            features, y, domains, index = features[:n], y[:n], domains[:n], index[:n]
            langs = None if langs is None else np.asarray(langs, dtype=object)[:n]
        self._fit_corpus_model(features, y, corpora, index, sample_weight)
        self.experts_ = []
        langs = np.full(len(y), None, dtype=object) if langs is None else \
            np.asarray(langs, dtype=object)
        for lang in self.experts or ():
            own = (langs == lang) | (domains == lang)
            if own.sum() < MIN_EXPERT_ROWS or len(np.unique(y[own])) < 2 or own.all():
                continue  # too little to learn an expert from: the pooled model speaks
            e_coef, e_intercept = self._one_vs_rest(features[own], y[own], np.ones(own.sum()),
                                                    self.C_expert)
            gate = LogisticRegression(C=self.C_gate, solver="liblinear", l1_ratio=1.0,
                                      max_iter=1000, random_state=2016).fit(features, own)
            self.experts_.append({
                "lang": str(lang), "weights": _Packed.pack(e_coef), "intercept": e_intercept,
                "gate": _Packed.pack(gate.coef_), "gate_intercept": float(gate.intercept_[0])})
        return self

    def _with_emoji_free_copies(self, texts, y, domains, langs, sample_weight):
        """The training rows plus, for each post with emoji, a copy without them,
        weighted ``emoji_free_copies`` (see the parameter)."""
        with_emoji = np.array([i for i, text in enumerate(texts) if has_emoji(text)],
                              dtype=np.intp)
        if not len(with_emoji):
            return texts, y, domains, langs, sample_weight
        rows = np.concatenate([np.arange(len(texts)), with_emoji])
        copies = [replace_emoji(texts[i], "remove") for i in with_emoji.tolist()]
        weight = np.ones(len(texts)) if sample_weight is None else \
            np.asarray(sample_weight, dtype=float)
        weight = np.concatenate([weight, weight[with_emoji] * float(self.emoji_free_copies)])
        langs = None if langs is None else np.asarray(langs, dtype=object)[rows]
        return texts + copies, y[rows], domains[rows], langs, weight

    def _fit_corpus_model(self, features, y, corpora, index, sample_weight) -> None:
        """The second model, for posts of a training corpus: shared weights, a copy per
        corpus and a prior per corpus, each corpus's labels balanced inside it (so ASTD's
        neutral mass or MYC's missing neutral is learnt as that corpus's, not as
        everyone's). What it adds: the "no corpus model" row of
        ``benchmarks/sentiment_ablations.py``."""
        k = len(self.classes_)
        self.corpora_ = np.asarray(corpora).astype(str) if self.corpus_copies and \
            len(corpora) > 1 else np.array([], dtype=str)
        if not len(self.corpora_):
            self.corpus_shared_, self.corpus_intercept_ = _Packed.pack(np.zeros((k, 1))), np.zeros(k)
            self.corpus_weights_, self.corpus_bias_ = [], np.zeros((0, k))
            return
        weight = _within_corpus_class_balance(index, y)
        if sample_weight is not None:
            weight = weight * np.asarray(sample_weight, dtype=float)
        count, width = len(self.corpora_), features.shape[1]
        coef, self.corpus_intercept_ = self._one_vs_rest(
            self._with_corpus_copies(features, index), y, weight / weight.mean(), self.C,
            copies=(1 + count, count), class_weight=None)
        self.corpus_shared_ = _Packed.pack(coef[:, :width])
        self.corpus_weights_ = [
            _Packed.pack(coef[:, width * (1 + i):width * (2 + i)] * self.corpus_scale)
            for i in range(count)]
        self.corpus_bias_ = coef[:, -count:].T.copy()

    def _with_corpus_copies(self, features: sp.csr_matrix, corpus: np.ndarray) -> sp.csr_matrix:
        """``[shared | a copy per corpus | corpus indicators]`` (Daume 2007): a row's
        features appear in the shared block and again in its own corpus's block, so
        what all corpora agree on is learnt once and each corpus's own usage (and
        label prior) is learnt apart, without bleeding into the shared weights."""
        n, width = features.shape
        count = len(self.corpora_)
        own = sp.csr_matrix((features.data * self.corpus_scale,
                             features.indices + np.repeat(corpus * width,
                                                          np.diff(features.indptr)),
                             features.indptr), shape=(n, width * count))
        indicator = sp.csr_matrix((np.ones(n), corpus, np.arange(n + 1)), shape=(n, count))
        return sp.hstack([features, own, indicator], format="csr")

    # -- prediction ---------------------------------------------------------------
    def _dense(self) -> dict:
        """All weight tables side by side as one float32 (width, k) matrix, built once per
        loaded model (never saved): one sparse product per batch scores everything."""
        cache = self.__dict__.get("_dense_")
        if cache is None:
            width = 1 << self.n_bits
            tables = [_Packed.dense(self.coef_, width)]
            for expert in self.experts_:
                tables += [_Packed.dense(expert["weights"], width),
                           _Packed.dense(expert["gate"], width)]
            if len(self.corpora_):  # the corpus model's shared weights, last
                tables.append(_Packed.dense(self.corpus_shared_, width))
            cache = self.__dict__["_dense_"] = {
                "idf": self.idf_.astype(np.float32), "weights": np.hstack(tables)}
        return cache

    def pooled_weights(self, columns) -> np.ndarray:
        """(len(columns), n_classes) weights of the pooled model on those columns."""
        check_is_fitted(self, "coef_")
        return self._dense()["weights"][np.asarray(columns), :len(self.classes_)]

    @staticmethod
    def _ovr_proba(scores: np.ndarray) -> np.ndarray:
        proba = _sigmoid(scores)
        total = proba.sum(axis=1, keepdims=True)
        return np.divide(proba, total, out=np.full_like(proba, 1.0 / proba.shape[1]),
                         where=total > 0)

    def _corpus_rows(self, domains, n: int) -> np.ndarray:
        """Index into ``corpora_`` of each row's corpus; -1 for unknown or none."""
        if domains is None or not len(self.corpora_):
            return np.full(n, -1)
        domains = np.asarray(domains, dtype=object).astype(str)
        if len(domains) != n:
            raise ValueError(f"domains has {len(domains)} entries for {n} texts")
        at = np.searchsorted(self.corpora_, domains)
        at = np.minimum(at, len(self.corpora_) - 1)
        return np.where(self.corpora_[at] == domains, at, -1)

    def _corpus_stack(self, needed) -> np.ndarray:
        """(len(corpora_) * width, k) float32: corpus ``i``'s own weights in rows
        ``i * width`` onwards, so one product scores a batch of posts of any mix of
        corpora (a row's columns shifted into its corpus's block). A block is filled the
        first time a post of that corpus is scored; the others stay untouched zero
        pages."""
        width = 1 << self.n_bits
        cache = self.__dict__.get("_corpus_stack_")
        if cache is None:
            cache = self.__dict__["_corpus_stack_"] = {
                "table": np.zeros((len(self.corpora_) * width, len(self.classes_)),
                                  dtype=np.float32), "filled": set()}
        for i in set(map(int, needed)) - cache["filled"]:
            _Packed.dense(self.corpus_weights_[i], width,
                          out=cache["table"][i * width:(i + 1) * width])
            cache["filled"].add(i)
        return cache["table"]

    def _corpus_proba(self, rows: sp.csr_matrix, shared: np.ndarray,
                      corpus: np.ndarray) -> np.ndarray:
        """The corpus model's probabilities for ``rows``, whose corpus indices are
        ``corpus`` and whose scores on the corpus model's shared weights are ``shared``."""
        width = 1 << self.n_bits
        table = self._corpus_stack(np.unique(corpus))
        shift = np.repeat(corpus.astype(np.int64) * width, np.diff(rows.indptr))
        shifted = sp.csr_matrix((rows.data, rows.indices + shift, rows.indptr),
                                shape=(rows.shape[0], table.shape[0]))
        return self._ovr_proba(shifted @ table + shared + self.corpus_intercept_
                               + self.corpus_bias_[corpus])

    def predict_proba(self, X, domains=None) -> np.ndarray:
        """Class probabilities.

        ``domains`` (optional): one corpus id per text. A text of a corpus the model was
        trained on gets ``corpus_blend`` of its probability from the corpus model (what
        that corpus's own labels taught it). Any other text, or every text without
        ``domains``, gets the pooled model alone: the guess for a domain never seen,
        such as a user's archive."""
        check_is_fitted(self, "coef_")
        texts = as_texts(X)
        corpus = self._corpus_rows(domains, len(texts))
        dense = self._dense()
        out = np.zeros((len(texts), len(self.classes_)))
        step = max(int(self.batch_size), 1)
        for start in range(0, len(texts), step):
            rows = tfidf_rows(self._counts(texts[start:start + step]), dense["idf"])
            scores = rows @ dense["weights"]
            k = len(self.classes_)
            proba = self._ovr_proba(scores[:, :k] + self.intercept_)
            # A chain: each expert takes its gate's share of what came before, so an
            # expert listed later overrides an earlier one on the posts it claims.
            for i, expert in enumerate(self.experts_):
                at = k + i * (k + 1)
                g = _sigmoid(scores[:, at + k:at + k + 1] + expert["gate_intercept"])
                expert_proba = self._ovr_proba(scores[:, at:at + k] + expert["intercept"])
                proba = g * expert_proba + (1 - g) * proba
            batch_corpus = corpus[start:start + step]
            known = batch_corpus >= 0
            if known.any():
                shared = scores[:, -k:]
                if known.all():
                    own = self._corpus_proba(rows, shared, batch_corpus)
                else:
                    own = self._corpus_proba(rows[known], shared[known], batch_corpus[known])
                proba[known] = self.corpus_blend * own + (1 - self.corpus_blend) * proba[known]
            out[start:start + step] = proba
        return out

    def predict(self, X, domains=None) -> np.ndarray:
        check_is_fitted(self, "coef_")
        return self.classes_[self.predict_proba(X, domains=domains).argmax(axis=1)]

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_dense_", None)
        state.pop("_corpus_stack_", None)
        return state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        return tags
