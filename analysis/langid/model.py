"""The two identifiers: a trained script-gated linear model and a rule fallback.

Both are scikit-learn classifiers over raw texts with the same output: a
probability for each of :data:`LABELS`. Both first split each post by script, so
Arabic-script and Latin-script posts are never confused:

* ``a``, ``l``, ``o`` = shares of Arabic, Latin and other-script letters;
* ``P = a * P(ar, ary | text) + l * P(fr, ary_latn, en, other | text) + o * [other]``;
* the label is the most probable label *of the majority script* (``other`` when the
  post has no letter or mostly other scripts).

:class:`LanguageIdentifier` learns the two within-script distributions with one
logistic regression per script over :class:`WordNgramVectorizer` features.
:class:`RuleIdentifier` needs no training data: it counts cue words
(:mod:`analysis.langid.cues`) with a small prior.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from analysis.langid.cues import CUE_LABELS
from analysis.langid.features import STATS, WordNgramVectorizer
from analysis.schema import ARABIC_LANGS as ARABIC_LABELS
from analysis.schema import LANGS as LABELS  # output labels, in the column order of predict_proba
from analysis.schema import LATIN_LANGS as LATIN_LABELS
from analysis.text import as_texts

_ARABIC_COLS = [LABELS.index(lab) for lab in ARABIC_LABELS]
_LATIN_COLS = [LABELS.index(lab) for lab in LATIN_LABELS]
_OTHER_COL = LABELS.index("other")
_CUE_COL = {label: 3 + i for i, label in enumerate(CUE_LABELS)}

#: Rule fallback priors (pseudo-counts) when a post has few or no cue words:
#: Arabic script leans Darija and Latin script leans French/Arabizi, as in Moroccan posts.
RULE_PRIOR_ARABIC = {"ar": 0.45, "ary": 0.55}
RULE_PRIOR_LATIN = {"fr": 0.4, "ary_latn": 0.45, "en": 0.1, "other": 0.05}


def script_weights(stats: np.ndarray) -> np.ndarray:
    """(n, 3) shares of Arabic, Latin and other letters from the (n, STATS) counts.

    A post without any letter counts as all "other".
    """
    letters = stats[:, :3]
    total = letters.sum(axis=1, keepdims=True)
    shares = np.divide(letters, total, out=np.zeros_like(letters), where=total > 0)
    shares[total[:, 0] == 0, 2] = 1.0
    return shares


def combine(weights: np.ndarray, p_arabic: np.ndarray, p_latin: np.ndarray) -> np.ndarray:
    """Mix the within-script distributions by script shares into (n, len(LABELS))."""
    proba = np.zeros((len(weights), len(LABELS)))
    proba[:, _ARABIC_COLS] += weights[:, [0]] * p_arabic
    proba[:, _LATIN_COLS] += weights[:, [1]] * p_latin
    proba[:, _OTHER_COL] += weights[:, 2]
    return proba


def decide(weights: np.ndarray, proba: np.ndarray) -> np.ndarray:
    """Label = most probable label of the majority script (never across scripts)."""
    script = weights.argmax(axis=1)
    arabic = np.array(ARABIC_LABELS)[proba[:, _ARABIC_COLS].argmax(axis=1)]
    latin = np.array(LATIN_LABELS)[proba[:, _LATIN_COLS].argmax(axis=1)]
    return np.where(script == 0, arabic, np.where(script == 1, latin, "other")).astype(object)


class _ScriptGated(ClassifierMixin, BaseEstimator):
    """Shared predict/predict_proba on top of ``_within_script(X)``."""

    def _within_script(self, texts):  # pragma: no cover - implemented by subclasses
        raise NotImplementedError

    def predict_details(self, X) -> dict:
        """Probabilities, labels, script shares and per-post cue counts in one pass."""
        texts = as_texts(X)
        stats, p_arabic, p_latin = self._within_script(texts)
        weights = script_weights(stats)
        proba = combine(weights, p_arabic, p_latin)
        return {"proba": proba, "label": decide(weights, proba), "weights": weights,
                "stats": stats, "p_arabic": p_arabic, "p_latin": p_latin}

    def predict_proba(self, X) -> np.ndarray:
        """(n, 6) probabilities in the order of :data:`LABELS` (= ``classes_``)."""
        return self.predict_details(X)["proba"]

    def predict(self, X) -> np.ndarray:
        return self.predict_details(X)["label"]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        return tags


_RULES_VECTORIZER: list[WordNgramVectorizer] = []


def _rule_vectorizer() -> WordNgramVectorizer:
    # One unfitted vectorizer for the whole process, so its word memo is reused.
    if not _RULES_VECTORIZER:
        _RULES_VECTORIZER.append(WordNgramVectorizer())
    return _RULES_VECTORIZER[0]


class RuleIdentifier(_ScriptGated):
    """Cue-word and script rules; works without any training data.

    Within a script, ``P(label) ∝ cue words of that label + prior`` (priors
    :data:`RULE_PRIOR_ARABIC`, :data:`RULE_PRIOR_LATIN`). ``fit`` only records the
    classes, so the fallback is ready on a fresh clone.

    Examples
    --------
    >>> RuleIdentifier().fit(["x"], ["fr"]).predict(
    ...     ["c'est vraiment pas bien", "wach nta mzyan", "شنو بغيتي دابا", "لماذا هذا الذي"]).tolist()
    ['fr', 'ary_latn', 'ary', 'ar']
    """

    def fit(self, X=None, y=None):
        self.classes_ = np.array(LABELS, dtype=object)
        return self

    def _within_script(self, texts):
        check_is_fitted(self, "classes_")
        _, stats = _rule_vectorizer().transform_with_stats(texts)
        return stats, self._distribution(stats, RULE_PRIOR_ARABIC), \
            self._distribution(stats, RULE_PRIOR_LATIN)

    @staticmethod
    def _distribution(stats: np.ndarray, prior: dict) -> np.ndarray:
        scores = np.column_stack([stats[:, _CUE_COL[label]] + p for label, p in prior.items()])
        return scores / scores.sum(axis=1, keepdims=True)


class LanguageIdentifier(_ScriptGated):
    """Script-gated logistic regressions over char n-gram, word and cue features.

    Parameters
    ----------
    ngram_range : tuple
        Character n-gram sizes inside words (see :class:`WordNgramVectorizer`).
    min_df : int
        Minimum document frequency of a feature.
    C_arabic, C_latin : float
        Inverse regularisation of the Arabic-script (ar vs ary) and Latin-script
        (fr, ary_latn, en, other) logistic regressions.
    class_weight : dict, "balanced" or None
        Passed to both logistic regressions.
    n_bits : int
        Features are hashed into ``2**n_bits`` columns (see :class:`WordNgramVectorizer`).

    Attributes
    ----------
    vectorizer_ : WordNgramVectorizer
    arabic_model_, latin_model_ : LogisticRegression or None
        ``None`` when training held fewer than two labels of that script; the prior
        of :class:`RuleIdentifier` is then used for that script.
    classes_ : ndarray
        Always :data:`LABELS`, so probability columns are stable whatever labels
        the training data held.

    Examples
    --------
    >>> texts = ["wach nta mzyan", "c'est pas bien", "chno bghiti", "merci pour tout"] * 3
    >>> model = LanguageIdentifier(min_df=1).fit(texts, ["ary_latn", "fr"] * 6)
    >>> model.predict(["bghiti wach", "c'est tout"]).tolist()
    ['ary_latn', 'fr']
    """

    def __init__(self, ngram_range=(1, 4), min_df=2, C_arabic=10.0, C_latin=10.0,
                 class_weight=None, n_bits=18):
        self.ngram_range = ngram_range
        self.n_bits = n_bits
        self.min_df = min_df
        self.C_arabic = C_arabic
        self.C_latin = C_latin
        self.class_weight = class_weight

    def fit(self, X, y, sample_weight=None):
        texts = as_texts(X)
        y = np.asarray(y, dtype=object)
        if len(y) != len(texts):
            raise ValueError(f"X has {len(texts)} texts but y has {len(y)} labels")
        unknown = sorted(set(y) - set(LABELS))
        if unknown:
            raise ValueError(f"unknown labels {unknown}; expected a subset of {LABELS}")
        weight = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, float)
        self.vectorizer_ = WordNgramVectorizer(ngram_range=self.ngram_range, min_df=self.min_df,
                                               n_bits=self.n_bits)
        features, _ = self.vectorizer_.fit(texts).transform_with_stats(texts)
        self.arabic_model_ = self._fit_side(features, y, weight, ARABIC_LABELS, self.C_arabic)
        self.latin_model_ = self._fit_side(features, y, weight, LATIN_LABELS, self.C_latin)
        self.classes_ = np.array(LABELS, dtype=object)
        return self

    def _fit_side(self, features, y, weight, labels, C):
        rows = np.isin(y, labels)
        if len(set(y[rows])) < 2:
            return None
        model = LogisticRegression(C=C, max_iter=2000, class_weight=self.class_weight)
        model.fit(features[rows], y[rows], sample_weight=weight[rows])
        # float16 weights: a quarter of the file, and the same labels (checked in tests)
        model.coef_ = model.coef_.astype(np.float16)
        # lbfgs's last digits vary between runs (1e-11 seen on the intercepts), which would
        # break the byte-for-byte rebuild: keep float32's precision, far above that noise
        model.intercept_ = model.intercept_.astype(np.float32).astype(np.float64)
        return model

    @staticmethod
    def _side_proba(model, features, labels, prior) -> np.ndarray:
        n = features.shape[0]
        if n == 0:  # an empty batch (every post filtered out): sklearn refuses 0 rows
            return np.zeros((0, len(labels)))
        if model is None:
            return np.tile([prior[label] for label in labels], (n, 1))
        out = np.zeros((n, len(labels)))
        out[:, [labels.index(c) for c in model.classes_]] = model.predict_proba(features)
        return out

    def _within_script(self, texts):
        check_is_fitted(self, "vectorizer_")
        features, stats = self.vectorizer_.transform_with_stats(texts)
        return (stats,
                self._side_proba(self.arabic_model_, features, ARABIC_LABELS, RULE_PRIOR_ARABIC),
                self._side_proba(self.latin_model_, features, LATIN_LABELS, RULE_PRIOR_LATIN))


def details_frame(details: dict, model_name: str, index=None) -> pd.DataFrame:
    """The table :func:`analysis.langid.identify` returns, from ``predict_details``."""
    from analysis.langid.codeswitch import switch_labels  # local: avoids an import cycle

    proba, weights = details["proba"], details["weights"]
    frame = pd.DataFrame({"label": details["label"]}, index=index)
    for i, label in enumerate(LABELS):
        frame[f"p_{label}"] = proba[:, i]
    frame["arabic_share"] = weights[:, 0]
    frame["latin_share"] = weights[:, 1]
    switches = switch_labels(details)
    frame["code_switched"] = [len(s) > 1 for s in switches]
    frame["switch_labels"] = ["+".join(s) for s in switches]
    frame["model"] = model_name
    return frame


__all__ = ["LABELS", "ARABIC_LABELS", "LATIN_LABELS", "STATS", "LanguageIdentifier",
           "RuleIdentifier", "combine", "decide", "details_frame", "script_weights"]
