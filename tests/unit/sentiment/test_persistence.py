"""skops round-trip of the pipelines and the refusal of untrusted types."""

from __future__ import annotations

import numpy as np
import pytest
import skops.io as sio

from analysis.sentiment.models import build_pipeline, fit_pipeline
from analysis.sentiment.persist import UntrustedModelError, load_model, save_model
from analysis.sentiment.scorer import LexiconScorer


@pytest.mark.parametrize("config", ["light", "default"])
def test_trained_pipeline_round_trips_through_skops(tiny_train, tmp_path, config):
    pipe = fit_pipeline(build_pipeline(config), tiny_train.text, tiny_train.label,
                        tiny_train.source)
    path = save_model(pipe, tmp_path / "m.skops", {"config": config})
    loaded = load_model(path)
    texts = ["zwin bzaf", "ماعجبنيش", "réunion demain", "something unseen 🤷"]
    assert np.allclose(loaded.predict_proba(texts), pipe.predict_proba(texts))
    assert list(loaded.classes_) == list(pipe.classes_)


def test_lexicon_scorer_round_trips_through_skops(tmp_path):
    model = LexiconScorer(sharpness=5.0).fit(None)
    loaded = load_model(save_model(model, tmp_path / "lex.skops"))
    assert loaded.sharpness == 5.0
    assert np.allclose(loaded.predict_proba(["zwin"]), model.predict_proba(["zwin"]))


def test_model_file_is_not_a_pickle(tiny_train, tmp_path):
    path = save_model(LexiconScorer().fit(None), tmp_path / "lex.skops")
    assert path.read_bytes()[:2] == b"PK"  # a zip archive of JSON schema + arrays


def test_loading_refuses_foreign_types(tmp_path):
    from collections import Counter

    path = tmp_path / "foreign.skops"
    sio.dump({"payload": Counter("abc")}, path)
    with pytest.raises(UntrustedModelError, match="Counter"):
        load_model(path)
