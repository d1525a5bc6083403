"""The lexicon scorer as a scikit-learn classifier: the offline default model.

It needs no training data: :meth:`LexiconScorer.fit` only records the label set
(the three sentiments when ``y`` is ``None``). Probabilities come from the
lexicon's compound score ``c`` through a softmax over
``(-s c, s (w - |c|), s c)`` for negative, neutral and positive, so a text with
no lexicon item is neutral with probability ``1 / (1 + 2 e^{-s w})`` and one clear
positive word (``c`` about 0.46) is positive with probability about 0.9.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from analysis.schema import SENTIMENTS
from analysis.sentiment.lexicon import default_lexicon, load_lexicon, score_tokens
from analysis.text.transformers import as_texts


class LexiconScorer(ClassifierMixin, BaseEstimator):
    """VADER-like lexicon classifier for French, MSA, Darija and Arabizi.

    Parameters
    ----------
    sharpness : float
        ``s`` above: how fast probabilities saturate as ``|c|`` grows.
    neutral_width : float
        ``w`` above: compound scores with ``|c| < w / 2`` lean neutral.
    lexicon_dir : str or None
        Folder of lexicon TSVs (default ``data/lexicons``).

    Examples
    --------
    >>> model = LexiconScorer().fit(None)
    >>> model.predict(["zwin bzaf", "machi zwin", "lyoum l7ad"]).tolist()
    ['positive', 'negative', 'neutral']
    """

    def __init__(self, *, sharpness=8.0, neutral_width=0.25, lexicon_dir=None):
        self.sharpness = sharpness
        self.neutral_width = neutral_width
        self.lexicon_dir = lexicon_dir

    def _lexicon(self):
        return load_lexicon(self.lexicon_dir) if self.lexicon_dir else default_lexicon()

    def fit(self, X, y=None):
        """Record the label set; nothing is learned from ``X``."""
        if y is None:
            self.classes_ = np.array(sorted(SENTIMENTS), dtype=object)
        else:
            labels = sorted(set(np.asarray(y, dtype=object).tolist()))
            unknown = set(labels) - set(SENTIMENTS)
            if unknown:
                raise ValueError(f"unknown labels {sorted(unknown)}; expected {SENTIMENTS}")
            self.classes_ = np.array(labels, dtype=object)
        return self

    def compound(self, X) -> np.ndarray:
        """The lexicon's compound score of each text, in [-1, 1]."""
        lex = self._lexicon()
        return np.array([score_tokens(lex.cache.tokens(t), lex).compound for t in as_texts(X)])

    def predict_proba(self, X) -> np.ndarray:
        check_is_fitted(self, "classes_")
        c = self.compound(X)
        s, w = self.sharpness, self.neutral_width
        logits = {"negative": -s * c, "neutral": s * (w - np.abs(c)), "positive": s * c}
        z = np.column_stack([logits[label] for label in self.classes_])
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)

    def predict(self, X) -> np.ndarray:
        check_is_fitted(self, "classes_")
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.target_tags.required = False
        return tags
