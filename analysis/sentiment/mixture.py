"""A domain mixture of linear experts: one classifier per training corpus, mixed by
a gate that recognises, from the text alone, which corpus a post resembles.

Why: the corpora differ far more by domain than by label (pre-cleaned MAC
tweets, Gulf/Egyptian SemEval tweets, French DEFT tweets, YouTube comments whose
labels follow emoji, Arabizi tweets). One pooled model lets the largest corpus
(MYC, half the rows) set the weights for everyone, so that "😂 = positive" leaks
into French and MSA. Here each expert learns its own corpus, and the gate's
probabilities decide how much each expert speaks for a new post; a post unlike
every corpus gets a blend instead of one corpus' habits.

The gate and the experts see only the text features: the ``domains`` given to
:meth:`DomainMixture.fit` are the training rows' corpus ids, never an input at
prediction time.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.utils.multiclass import unique_labels
from sklearn.utils.validation import check_is_fitted, validate_data


class DomainMixture(ClassifierMixin, BaseEstimator):
    """Experts per domain mixed by a domain gate.

    Parameters
    ----------
    expert : classifier with ``predict_proba``, default ``LogisticRegression(C=3,
        class_weight="balanced")``
        Cloned once per domain.
    gate : classifier with ``predict_proba``, default ``LogisticRegression(C=10)``
        Learns domain from features.
    other_weight : float, default 0.0
        Sample weight of the other domains' rows in each expert (0 = own rows only).
    incomplete_other_weight : float, default 0.05
        The same for an expert whose domain lacks some label (a binary corpus with no
        neutral): with a little of the other domains' data it can still say
        "neutral" when the gate sends it a post from elsewhere. Chosen on dev: with
        0, AfriSenti's mostly neutral Arabizi rows that the gate sent to the binary
        MYC expert could never be neutral.
    min_rows : int, default 50
        Domains with fewer training rows are folded into the pooled expert.

    Attributes
    ----------
    classes_ : ndarray of labels
    domains_ : ndarray of domain ids, in the gate's column order
    experts_ : list of fitted experts, one per domain
    gate_ : fitted gate (``None`` when there is a single domain)

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1, 0], [2, 0], [0, 1], [0, 2], [1, 1], [2, 2]], dtype=float)
    >>> y = np.array(["positive", "negative", "positive", "negative", "neutral", "neutral"])
    >>> model = DomainMixture(min_rows=2).fit(X, y, domains=["a", "a", "b", "b", "a", "b"])
    >>> model.predict_proba(X).shape, list(model.domains_)
    ((6, 3), ['a', 'b'])
    """

    def __init__(self, expert=None, gate=None, *, other_weight=0.0,
                 incomplete_other_weight=0.05, min_rows=50):
        self.expert = expert
        self.gate = gate
        self.other_weight = other_weight
        self.incomplete_other_weight = incomplete_other_weight
        self.min_rows = min_rows

    def _expert(self):
        if self.expert is None:
            return LogisticRegression(C=3, class_weight="balanced", max_iter=3000)
        return clone(self.expert)

    def fit(self, X, y, domains=None):
        X, y = validate_data(self, X, y, accept_sparse="csr", dtype=None)
        self.classes_ = unique_labels(y)
        y = np.asarray(y)
        if domains is None:
            domains = np.zeros(len(y), dtype=object)
        domains = np.asarray(domains, dtype=object)
        if len(domains) != len(y):
            raise ValueError(f"domains has {len(domains)} entries for {len(y)} rows")
        counts = {d: int((domains == d).sum()) for d in np.unique(domains)}
        small = [d for d, n in counts.items() if n < self.min_rows]
        if small:
            domains = np.where(np.isin(domains, small), "_pooled", domains)
        self.domains_ = np.unique(domains)
        if len(self.domains_) == 1:
            self.gate_ = None
        else:
            gate = self.gate if self.gate is not None else LogisticRegression(C=10, max_iter=3000)
            self.gate_ = clone(gate).fit(X, domains)
            self.domains_ = np.asarray(self.gate_.classes_, dtype=object)
        self.experts_ = []
        for domain in self.domains_:
            own = domains == domain
            other = float(self.other_weight)
            if set(self.classes_) - set(y[own]):
                other = max(other, float(self.incomplete_other_weight))
            weight = np.where(own, 1.0, other)
            keep = weight > 0
            if len(np.unique(y[keep])) < 2:  # a one-label domain cannot train an expert
                keep, weight = np.ones(len(y), dtype=bool), np.ones(len(y))
            self.experts_.append(
                self._expert().fit(X[keep], y[keep], sample_weight=weight[keep]))
        return self

    def _expert_proba(self, expert, X) -> np.ndarray:
        """Expert probabilities expanded to all of ``classes_`` (missing classes get 0)."""
        proba = expert.predict_proba(X)
        out = np.zeros((X.shape[0], len(self.classes_)))
        index = {c: i for i, c in enumerate(self.classes_)}
        for j, label in enumerate(expert.classes_):
            out[:, index[label]] = proba[:, j]
        return out

    def gate_proba(self, X) -> np.ndarray:
        """How much each domain's expert speaks for each row (columns: ``domains_``)."""
        check_is_fitted(self, "experts_")
        X = validate_data(self, X, accept_sparse="csr", reset=False, dtype=None)
        if self.gate_ is None:
            return np.ones((X.shape[0], 1))
        return self.gate_.predict_proba(X)

    def predict_proba(self, X) -> np.ndarray:
        weights = self.gate_proba(X)
        X = validate_data(self, X, accept_sparse="csr", reset=False, dtype=None)
        proba = np.zeros((X.shape[0], len(self.classes_)))
        for k, expert in enumerate(self.experts_):
            proba += weights[:, [k]] * self._expert_proba(expert, X)
        return proba / proba.sum(axis=1, keepdims=True)

    def predict(self, X) -> np.ndarray:
        check_is_fitted(self, "experts_")
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags
