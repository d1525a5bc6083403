"""The evaluation protocol and the report's shape."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.sentiment.evaluate import LABELS, decide, evaluate, evaluate_predictions, is_binary


def _data(labels, langs=None):
    n = len(labels)
    return pd.DataFrame({"text": [f"t{i}" for i in range(n)], "label": labels,
                         "lang": langs or ["ary"] * n, "source": "x", "split": "dev"})


def test_binary_file_never_gets_a_neutral_prediction():
    proba = np.array([[0.15, 0.8, 0.05], [0.3, 0.6, 0.1]])  # neutral likeliest everywhere
    report = evaluate_predictions(_data(["positive", "negative"]), proba, LABELS)
    assert report["binary_protocol"] is True
    assert "neutral" not in report["confusion"]["labels"]
    assert report["accuracy"] == 0.5  # both predicted negative; only the 2nd is right


def test_binary_protocol_picks_the_likelier_of_positive_and_negative():
    pred = decide(np.array([[0.2, 0.7, 0.1], [0.1, 0.5, 0.4]]), LABELS, binary=True)
    assert pred.tolist() == ["negative", "positive"]


def test_three_class_file_keeps_neutral_predictions():
    proba = np.array([[0.1, 0.8, 0.1], [0.7, 0.2, 0.1]])
    report = evaluate_predictions(_data(["neutral", "negative"]), proba, LABELS)
    assert report["binary_protocol"] is False and report["accuracy"] == 1.0


def test_protocol_is_decided_per_file_not_per_row():
    assert is_binary(["positive", "negative", "positive"])
    assert not is_binary(["positive", "negative", "neutral"])


def test_report_has_per_language_metrics_and_confusion_matrix():
    proba = np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    report = evaluate_predictions(_data(["positive", "negative", "negative"],
                                        ["fr", "fr", "ar"]), proba, LABELS, seconds=0.5)
    assert set(report["per_lang"]) == {"fr", "ar"}
    assert report["per_lang"]["fr"]["accuracy"] == 1.0 and report["per_lang"]["ar"]["n"] == 1
    assert report["confusion"]["matrix"] == [[1, 1], [0, 1]]  # labels negative, positive
    assert report["posts_per_s"] == 6.0


def test_macro_f1_is_the_unweighted_mean_over_classes():
    proba = np.array([[0, 0, 1], [0, 0, 1], [0, 0, 1], [1, 0, 0]], dtype=float)
    report = evaluate_predictions(_data(["positive", "positive", "positive", "positive"][:3]
                                        + ["negative"]), proba, LABELS)
    assert report["macro_f1"] == pytest.approx(1.0)


def test_evaluate_gives_the_model_raw_text_only():
    seen = []

    class Spy:
        classes_ = np.array(LABELS)

        def predict_proba(self, texts):
            seen.extend(texts)
            return np.tile([0.2, 0.3, 0.5], (len(texts), 1))

    data = _data(["positive", "neutral"])
    evaluate(Spy(), data)
    assert seen == data["text"].tolist()


def test_evaluate_tells_a_domain_aware_model_the_corpus_unless_asked_not_to():
    seen = []

    class DomainSpy:
        classes_ = np.array(LABELS)

        def predict_proba(self, texts, domains=None):
            seen.append(None if domains is None else list(domains))
            return np.tile([0.2, 0.3, 0.5], (len(texts), 1))

    data = _data(["positive", "neutral"]).assign(source=["mac", "myc"])
    assert evaluate(DomainSpy(), data)["domains"] is True
    assert evaluate(DomainSpy(), data, use_domains=False)["domains"] is False
    assert seen == [["mac", "myc"], None]


def test_more_repetitions_of_the_same_seed_begin_with_the_same_folds():
    # benchmarks/sentiment.py reuses the first folds of a longer cached run
    from analysis.sentiment.protocol import cv_splits

    frame = pd.DataFrame({"source": ["a"] * 20 + ["b"] * 12,
                          "label": ["positive", "negative", "neutral", "positive"] * 8})
    short, long = cv_splits(frame, repeats=2, folds=2), cv_splits(frame, repeats=5, folds=2)
    assert all(np.array_equal(s[1], l[1]) for s, l in zip(short, long[:4], strict=True))


def test_target_verdicts_follow_the_measured_gains_and_name_the_weakest_corpus():
    from analysis.sentiment.protocol import target_verdicts

    summary = pd.DataFrame({"corpus": ["mac", "myc", "xlmt_french", "mean of corpora"],
                            "delta_points": [5.0, 0.5, 3.0, 3.6]})
    loco_ours = pd.DataFrame({"corpus": ["mac", "afrisenti_ary"], "macro_f1": [0.614, 0.40]})
    loco_ref = pd.DataFrame({"corpus": ["mac", "afrisenti_ary"], "macro_f1": [0.590, 0.35]})
    verdicts = target_verdicts(summary, loco_ours, loco_ref).set_index("target")
    assert verdicts["met"].to_dict() == {
        "cross-validation: mean of corpora": True, "cross-validation: mac": True,
        "cross-validation: xlmt_french": True,
        "cross-validation: no corpus below the reference": True,
        "leave-one-corpus-out: mac": False, "leave-one-corpus-out: afrisenti_ary": True}
    assert verdicts.loc["leave-one-corpus-out: mac", "points"] == pytest.approx(2.4)
    assert verdicts.loc["cross-validation: no corpus below the reference", "detail"] == \
        "lowest: myc"

    summary.loc[1, "delta_points"] = -0.1  # one corpus below the reference fails the target
    assert not target_verdicts(summary).set_index("target").loc[
        "cross-validation: no corpus below the reference", "met"]
