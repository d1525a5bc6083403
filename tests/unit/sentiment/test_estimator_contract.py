"""scikit-learn conformance of the custom estimators.

``HashedSentiment`` and ``LexiconScorer`` take *text*: the checks that cannot apply to
them are listed once, with reasons, in :mod:`tests.support.sklearn_checks`. The API
checks that remain (parameters, cloning, tags, repr, init) must pass, and the
text-input tests below cover the behaviours the numeric checks would have.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.utils.estimator_checks import parametrize_with_checks

from analysis.sentiment.hashed import HashedSentiment
from analysis.sentiment.scorer import LexiconScorer
from tests.support.sklearn_checks import expected_failures

@pytest.mark.slow  # hundreds of generic checks: in `make test`, not in `make test-fast`
@parametrize_with_checks(
    [LexiconScorer(), HashedSentiment(n_bits=12)],
    expected_failed_checks=expected_failures)
def test_sklearn_contract(estimator, check):
    check(estimator)


TEXTS = ["zwin bzaf", "machi zwin", "ماعجبنيش", "très bien", "lyoum", "😡"]


def test_hashed_sentiment_fit_returns_self_and_is_order_invariant():
    labels = ["positive", "negative", "negative", "positive", "neutral", "negative"]
    model = clone(HashedSentiment(n_bits=12))
    assert model.fit(TEXTS, labels) is model
    assert np.allclose(model.predict_proba(TEXTS), model.predict_proba(TEXTS[::-1])[::-1])


def test_lexicon_scorer_probabilities_sum_to_one_in_classes_order():
    model = LexiconScorer().fit(TEXTS, ["positive", "negative", "negative", "positive",
                                        "neutral", "negative"])
    proba = model.predict_proba(TEXTS)
    assert np.allclose(proba.sum(axis=1), 1)
    assert model.predict(TEXTS).tolist() == model.classes_[proba.argmax(axis=1)].tolist()


def test_lexicon_scorer_refuses_labels_outside_the_three_sentiments():
    with pytest.raises(ValueError, match="unknown labels"):
        LexiconScorer().fit(TEXTS[:2], ["good", "bad"])


def test_lexicon_scorer_refuses_to_predict_before_fit():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        LexiconScorer().predict(TEXTS)
