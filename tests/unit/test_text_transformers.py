"""TextNormaliser and ArabiziNormaliser follow the scikit-learn contract."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.utils.estimator_checks import parametrize_with_checks

from analysis.text import ArabiziNormaliser, TextNormaliser, normalise
from tests.support.sklearn_checks import expected_failures


@pytest.mark.slow  # hundreds of generic checks: in `make test`, not in `make test-fast`
@parametrize_with_checks([TextNormaliser(), ArabiziNormaliser()],
                         expected_failed_checks=expected_failures)
def test_sklearn_contract(estimator, check):
    check(estimator)


def test_text_normaliser_matches_the_function():
    texts = ["@inwi Bzaaaf 😂", "إنّه جميل"]
    got = TextNormaliser(emoji="name").fit_transform(texts)
    assert got.tolist() == [normalise(t, emoji="name") for t in texts]


def test_text_normaliser_accepts_a_series_with_missing_values():
    got = TextNormaliser().fit_transform(pd.Series(["ok", None]))
    assert got.tolist() == ["ok", ""]


def test_text_normaliser_accepts_one_column_matrix():
    got = TextNormaliser().fit_transform(np.array([["A"], ["B"]], dtype=object))
    assert got.tolist() == ["a", "b"]


def test_text_normaliser_rejects_several_columns():
    with pytest.raises(ValueError, match="one column"):
        TextNormaliser().fit_transform(np.array([["a", "b"]], dtype=object))


def test_fit_returns_self_and_clone_keeps_params():
    model = TextNormaliser(hashtags="split")
    assert model.fit(["x"]) is model
    assert clone(model).get_params()["hashtags"] == "split"


def test_arabizi_normaliser_transliterates_on_request():
    assert ArabiziNormaliser(transliterate=True).fit_transform(["wach"]).tolist() == ["واش"]
