"""The scikit-learn checks that cannot apply to the project's text-only estimators.

One list for every test that runs ``parametrize_with_checks`` (text transformers,
language identifiers, sentiment models), so a reason is written once and a check that
starts passing is noticed: pytest runs with ``xfail_strict = true``, so an expected
failure that passes fails the run, and its entry here must go.

Each estimator takes **one column of texts**. Most generic checks feed numeric
matrices of several columns (``make_blobs``), sparse matrices, complex numbers, NaN or
inf, and assert on the error message scikit-learn's own ``check_array`` would give.
A text estimator refuses such input with its own clear message
("expected one column of text, got shape (n, k)"), or reads every cell as text.
The checks that do apply (cloning, ``get_params``/``set_params``, ``__init__`` storing
parameters only, tags, ``repr``, no attribute set before ``fit``) run and must pass,
and each test module covers the text-input behaviours the numeric checks would have.
"""

from __future__ import annotations

_NUMERIC_MATRIX = ("feeds a numeric matrix of several columns; a text estimator takes one "
                   "column of strings and refuses it with its own message")
_MESSAGE = ("asserts on scikit-learn's wording for numeric input (shape, empty array, "
            "negative values, sample weights); the text estimator refuses that input first, "
            "saying it expected one column of text")
_SPARSE = "feeds a sparse numeric matrix; texts are never sparse"
_TEXT_CELLS = ("expects complex numbers, NaN/inf or a 1-D array to be refused; every cell is "
               "read as text by design (a missing post is an empty text, a 1-D array of "
               "texts is the normal input)")

#: check name -> why it cannot apply to an estimator whose input is a list of texts
NOT_APPLICABLE: dict[str, str] = {
    **dict.fromkeys((
        "check_class_weight_classifiers", "check_classifier_data_not_an_array",
        "check_classifiers_classes", "check_classifiers_one_label",
        "check_classifiers_regression_target", "check_classifiers_train", "check_dict_unchanged",
        "check_dont_overwrite_parameters", "check_dtype_object", "check_estimators_dtypes",
        "check_estimators_fit_returns_self", "check_estimators_overwrite_params",
        "check_estimators_pickle", "check_estimators_unfitted",
        "check_f_contiguous_array_estimator", "check_fit2d_predict1d",
        "check_fit_check_is_fitted", "check_fit_idempotent", "check_fit_score_takes_y",
        "check_methods_sample_order_invariance", "check_methods_subset_invariance",
        "check_n_features_in", "check_n_features_in_after_fitting", "check_pipeline_consistency",
        "check_readonly_memmap_input", "check_sample_weight_equivalence_on_dense_data",
        "check_sample_weights_list", "check_sample_weights_not_an_array",
        "check_sample_weights_not_overwritten", "check_sample_weights_pandas_series",
        "check_sample_weights_shape", "check_supervised_y_2d",
        "check_transformer_data_not_an_array", "check_transformer_general",
        "check_transformer_preserve_dtypes", "check_transformers_unfitted_stateless",
    ), _NUMERIC_MATRIX),
    **dict.fromkeys((
        "check_all_zero_sample_weights_error", "check_classifiers_one_label_sample_weights",
        "check_estimators_empty_data_messages", "check_fit2d_1feature", "check_fit2d_1sample",
        "check_positive_only_tag_during_fit", "check_requires_y_none",
    ), _MESSAGE),
    **dict.fromkeys((
        "check_estimator_sparse_array", "check_estimator_sparse_matrix",
        "check_estimator_sparse_tag",
    ), _SPARSE),
    **dict.fromkeys((
        "check_complex_data", "check_estimators_nan_inf", "check_fit1d",
    ), _TEXT_CELLS),
    "check_supervised_y_no_nan": ("expects inf in y to be refused; the rule identifier "
                                  "learns nothing from y, so it never reads it"),
}

_RULES_IGNORE_X = "RuleIdentifier.fit learns nothing from X, so checks that only fit pass"
_ONE_TEXT_COLUMN = "a single numeric column is one column of text, which it accepts"
_CHECKS_FITTED_FIRST = "it checks that it is fitted before reading X"
_VALIDATES_Y_ITSELF = "it validates y before X, as the check expects"

#: estimator class name -> {check in NOT_APPLICABLE that it passes anyway: why}
PASSES_ANYWAY: dict[str, dict[str, str]] = {
    "TextNormaliser": {"check_fit2d_1feature": _ONE_TEXT_COLUMN},
    "ArabiziNormaliser": {"check_fit2d_1feature": _ONE_TEXT_COLUMN},
    "LanguageIdentifier": {
        "check_fit1d": "fitting on a 1-D array raises ValueError, as the check wants",
        "check_supervised_y_no_nan": _VALIDATES_Y_ITSELF,
    },
    "RuleIdentifier": dict.fromkeys((
        "check_classifiers_one_label_sample_weights", "check_dont_overwrite_parameters",
        "check_estimators_fit_returns_self", "check_estimators_overwrite_params",
        "check_fit2d_1feature", "check_fit2d_1sample", "check_fit_check_is_fitted",
        "check_positive_only_tag_during_fit", "check_readonly_memmap_input",
        "check_requires_y_none",
    ), _RULES_IGNORE_X),
    "LexiconScorer": {
        "check_classifiers_one_label_sample_weights": "fitting needs no data, so one label is fine",
        "check_estimators_unfitted": _CHECKS_FITTED_FIRST,
        "check_fit1d": "fitting on a 1-D array raises ValueError, as the check wants",
        "check_supervised_y_no_nan": _VALIDATES_Y_ITSELF,
    },
    "HashedSentiment": {
        "check_estimators_unfitted": _CHECKS_FITTED_FIRST,
        "check_fit1d": "fitting on a 1-D array raises ValueError, as the check wants",
        "check_requires_y_none": "it raises the message the check looks for when y is None",
        "check_supervised_y_no_nan": _VALIDATES_Y_ITSELF,
    },
}


def expected_failures(estimator) -> dict[str, str]:
    """``expected_failed_checks`` for ``parametrize_with_checks``: check -> reason."""
    passing = PASSES_ANYWAY.get(type(estimator).__name__, {})
    return {name: reason for name, reason in NOT_APPLICABLE.items() if name not in passing}
