"""scikit-learn conformance of the custom estimators.

``DomainMixture`` takes numeric (sparse) features and passes every check.
``TokenNormaliser``, ``LexiconFeatures`` and ``LexiconScorer`` take *text*: the
checks listed in ``NUMERIC_INPUT_CHECKS`` feed them numeric arrays (or numeric
labels to the scorer, whose label set is fixed), which a text-only estimator
cannot accept, so they are declared as expected failures with that reason. The
API checks that remain (parameters, cloning, tags, repr, init) must pass, and
the text-input tests below cover the behaviours the numeric checks would have.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.utils.estimator_checks import parametrize_with_checks

from analysis.sentiment.features import LexiconFeatures
from analysis.sentiment.mixture import DomainMixture
from analysis.sentiment.scorer import LexiconScorer
from analysis.sentiment.tokens import TokenNormaliser

NUMERIC_INPUT_CHECKS = (
    "check_complex_data", "check_dict_unchanged", "check_dont_overwrite_parameters",
    "check_dtype_object", "check_estimator_sparse_array", "check_estimator_sparse_matrix",
    "check_estimator_sparse_tag", "check_estimators_dtypes",
    "check_estimators_empty_data_messages", "check_estimators_fit_returns_self",
    "check_estimators_nan_inf", "check_estimators_overwrite_params", "check_estimators_pickle",
    "check_f_contiguous_array_estimator", "check_fit1d", "check_fit2d_1sample",
    "check_fit2d_1feature", "check_fit2d_predict1d", "check_fit_check_is_fitted",
    "check_fit_idempotent", "check_fit_score_takes_y", "check_methods_sample_order_invariance",
    "check_methods_subset_invariance", "check_n_features_in",
    "check_n_features_in_after_fitting", "check_pipeline_consistency",
    "check_positive_only_tag_during_fit", "check_readonly_memmap_input",
    "check_transformer_data_not_an_array", "check_transformer_general",
    "check_transformer_preserve_dtypes", "check_transformers_unfitted_stateless",
    # classifier checks with numeric labels: the scorer's labels are the three sentiments
    "check_classifier_data_not_an_array", "check_classifiers_classes",
    "check_classifiers_one_label", "check_classifiers_regression_target",
    "check_classifiers_train", "check_supervised_y_2d",
)


#: Checks that happen to pass for one kind of text estimator (they only test errors).
PASSING_ANYWAY = {LexiconScorer: {"check_fit1d"},
                  TokenNormaliser: {"check_fit2d_1feature"},
                  LexiconFeatures: {"check_fit2d_1feature"}}


def _expected_failures(estimator):
    if isinstance(estimator, DomainMixture):
        return {}
    skip = PASSING_ANYWAY.get(type(estimator), set())
    return {name: "text-only estimator: the check feeds numeric arrays or numeric labels"
            for name in NUMERIC_INPUT_CHECKS if name not in skip}


@parametrize_with_checks(
    [TokenNormaliser(), LexiconFeatures(), LexiconScorer(), DomainMixture()],
    expected_failed_checks=_expected_failures)
def test_sklearn_contract(estimator, check):
    check(estimator)


TEXTS = ["zwin bzaf", "machi zwin", "ماعجبنيش", "très bien", "lyoum", "😡"]


@pytest.mark.parametrize("estimator", [TokenNormaliser(), LexiconFeatures()])
def test_text_transformers_fit_returns_self_and_are_order_invariant(estimator):
    fitted = clone(estimator)
    assert fitted.fit(TEXTS) is fitted
    forward = fitted.transform(TEXTS)
    backward = fitted.transform(TEXTS[::-1])
    as_array = (lambda m: m.toarray()) if hasattr(forward, "toarray") else np.asarray
    assert (as_array(forward) == as_array(backward)[::-1]).all()


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


def test_domain_mixture_weights_experts_by_the_gate():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 4))
    domains = np.where(X[:, 0] > 0, "a", "b")
    # Domain a: label follows feature 1; domain b: the opposite.
    y = np.where((X[:, 1] > 0) == (domains == "a"), "positive", "negative")
    model = DomainMixture(min_rows=10).fit(X, y, domains=domains)
    assert (model.predict(X) == y).mean() > 0.9
    assert model.gate_proba(X).shape == (200, 2)
