"""``create_analyzer``: model choice, predictions, and the DataFrame path."""

from __future__ import annotations

import pandas as pd
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


def test_predict_returns_label_three_probabilities_and_language():
    [pred] = create_analyzer("lexicon").predict(["zwin bzaf"])
    assert pred.label == "positive"
    assert set(pred.probas) == {"positive", "negative", "neutral"}
    assert sum(pred.probas.values()) == pytest.approx(1.0)
    assert isinstance(pred.lang, str) and pred.lang


def test_predict_frame_adds_columns_and_keeps_rows_and_index():
    frame = pd.DataFrame({"text": ["zwin bzaf", None, "khayb"], "post_id": ["a", "b", "c"]},
                         index=[10, 20, 30])
    out = create_analyzer("lexicon").predict_frame(frame, progress=False, batch_size=2)
    assert list(out.index) == [10, 20, 30] and list(out.post_id) == ["a", "b", "c"]
    assert {"sentiment", "p_positive", "p_negative", "p_neutral", "sentiment_lang",
            "sentiment_model"} <= set(out.columns)
    assert out.loc[20, "sentiment"] == "neutral"  # a missing text is kept, not dropped
    assert (out.sentiment_model == "lexicon").all()


def test_predict_frame_names_the_missing_text_column():
    with pytest.raises(KeyError, match="no 'body' column"):
        create_analyzer("lexicon").predict_frame(pd.DataFrame({"text": ["x"]}),
                                                 text_column="body", progress=False)


def test_unknown_model_file_is_a_clear_error(no_default_model):
    with pytest.raises(FileNotFoundError, match="no such model file"):
        create_analyzer("does-not-exist")
