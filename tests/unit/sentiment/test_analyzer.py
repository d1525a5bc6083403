"""``create_analyzer``: model choice, predictions, and the DataFrame path."""

from __future__ import annotations

import pytest

from analysis import paths
from analysis.sentiment import analyzer as analyzer_module
from analysis.sentiment import create_analyzer
from analysis.sentiment.models import build_pipeline, fit_pipeline
from analysis.sentiment.persist import save_model


@pytest.fixture
def no_default_model(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "MODELS", tmp_path / "models")
    return tmp_path / "models"


def test_default_falls_back_to_the_lexicon_scorer_without_a_trained_model(no_default_model):
    analyzer = create_analyzer("default")
    assert analyzer.kind == "lexicon" and analyzer.model_name == "lexicon"
    assert "lexicon" in analyzer.description


def test_default_uses_the_trained_model_when_present(no_default_model, tiny_train):
    pipe = fit_pipeline(build_pipeline("light"), tiny_train.text, tiny_train.label,
                        tiny_train.source, tiny_train.lang)
    save_model(pipe, no_default_model / "sentiment.skops")
    analyzer = create_analyzer("default")
    assert analyzer.kind == "trained" and analyzer.model_name == "sentiment"
    assert analyzer.path == analyzer_module.default_model_path()


def test_predict_returns_label_and_three_probabilities():
    [pred] = create_analyzer("lexicon").predict(["zwin bzaf"])
    assert pred.label == "positive"
    assert set(pred.probas) == {"positive", "negative", "neutral"}
    assert sum(pred.probas.values()) == pytest.approx(1.0)
