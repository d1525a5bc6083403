"""The trained model: hashed features, experts, compact and reproducible files."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.model_files import canonical_skops
from analysis.sentiment.hashed import HashedSentiment, dequantise, quantise
from analysis.sentiment.persist import load_model, save_model

FRENCH = ["c'est super", "vraiment génial merci", "c'est nul", "quelle honte vraiment",
          "réunion demain à 10h", "le match commence"]
FRENCH_LABELS = ["positive", "positive", "negative", "negative", "neutral", "neutral"]


def _fit(tiny_train, **params):
    texts = tiny_train.text.tolist() + FRENCH * 4
    labels = tiny_train.label.tolist() + FRENCH_LABELS * 4
    langs = tiny_train.lang.tolist() + ["fr"] * len(FRENCH) * 4
    domains = tiny_train.source.tolist() + ["french"] * len(FRENCH) * 4
    return HashedSentiment(n_bits=16, **params).fit(texts, labels, domains=domains, langs=langs)


def test_probabilities_are_a_distribution_over_the_classes(tiny_train):
    model = _fit(tiny_train)
    proba = model.predict_proba(["zwin bzaf", "c'est nul", "", "🤷"])
    assert proba.shape == (4, 3) and np.allclose(proba.sum(axis=1), 1.0)
    assert list(model.classes_) == ["negative", "neutral", "positive"]


def test_learns_the_training_labels(tiny_train):
    model = _fit(tiny_train)
    assert (model.predict(tiny_train.text) == tiny_train.label).mean() > 0.9


def test_a_french_expert_and_its_gate_are_learnt_from_the_language_tags(tiny_train):
    model = _fit(tiny_train)
    assert [e["lang"] for e in model.experts_] == ["fr"]
    without = _fit(tiny_train, experts=())
    assert without.experts_ == []
    # the expert changes what the model says about French posts
    assert not np.allclose(model.predict_proba(FRENCH), without.predict_proba(FRENCH))


def test_no_expert_without_language_tags(tiny_train):
    model = HashedSentiment(n_bits=16).fit(tiny_train.text, tiny_train.label)
    assert model.experts_ == []


def test_batch_size_does_not_change_predictions(tiny_train):
    model = _fit(tiny_train)
    texts = tiny_train.text.tolist()[:17]
    small = model.set_params(batch_size=3).predict_proba(texts)
    large = model.set_params(batch_size=1000).predict_proba(texts)
    assert np.allclose(small, large)


def test_weights_are_stored_as_int8_codes_and_a_float16_idf(tiny_train):
    model = _fit(tiny_train)
    assert model.coef_["codes"].dtype == np.int8 and model.idf_.dtype == np.float16
    assert model.experts_[0]["weights"]["codes"].dtype == np.int8


def test_quantised_weights_keep_small_and_large_weights_close():
    weights = np.array([[1e-4, -3e-3, 0.02, -0.5, 4.0, 0.0]])
    restored = dequantise(*quantise(weights))
    assert restored[0, -1] == 0.0
    scale = 4.0
    # half a code step in the square-root domain, mapped back: the worst case
    bound = scale * (np.sqrt(np.abs(weights) / scale) / 127 + 1 / (4 * 127 ** 2))
    assert np.all(np.abs(restored - weights) <= bound)
    large = np.abs(weights) >= 0.5
    assert np.all(np.abs(restored - weights)[large] <= 0.01 * np.abs(weights)[large])


def test_round_trip_through_skops_gives_the_same_probabilities(tiny_train, tmp_path):
    model = _fit(tiny_train)
    loaded = load_model(save_model(model, tmp_path / "m.skops"))
    texts = ["zwin bzaf", "ماعجبنيش", "c'est nul", "something unseen 🤷"]
    assert np.array_equal(loaded.predict_proba(texts), model.predict_proba(texts))


def test_the_same_training_gives_the_same_file_bytes(tiny_train):
    assert canonical_skops(_fit(tiny_train)) == canonical_skops(_fit(tiny_train))


def test_refuses_a_single_label(tiny_train):
    with pytest.raises(ValueError, match="two labels"):
        HashedSentiment(n_bits=16).fit(["a", "b"], ["positive", "positive"])


def test_refuses_misaligned_language_tags(tiny_train):
    with pytest.raises(ValueError, match="langs has 1 entries"):
        HashedSentiment(n_bits=16).fit(["a", "b"], ["positive", "negative"], langs=["fr"])
