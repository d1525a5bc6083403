"""``opeunlike sentiment classify|evaluate|train``."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import paths
from analysis.cli import main

EXPECTED_KEYS = {"n", "macro_f1", "weighted_f1", "accuracy", "per_lang", "confusion",
                 "posts_per_s"}


@pytest.fixture
def dev_tsv(tmp_path):
    path = tmp_path / "dev.tsv"
    pd.DataFrame({"text": ["zwin bzaf", "khayb bzaf", "lyoum l7ad", "très bien"],
                  "label": ["positive", "negative", "neutral", "positive"],
                  "lang": ["ary_latn", "ary_latn", "ary_latn", "fr"],
                  "source": "x", "split": "dev"}).to_csv(path, sep="\t", index=False)
    return path


@pytest.fixture(autouse=True)
def _no_trained_default(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "MODELS", tmp_path / "models")


def test_evaluate_json_prints_exactly_one_object_with_the_issue_keys(dev_tsv, capsys):
    assert main(["sentiment", "evaluate", str(dev_tsv), "--model", "lexicon", "--json"]) == 0
    out = capsys.readouterr().out.strip()
    report = json.loads(out)
    assert set(report) == EXPECTED_KEYS and len(out.splitlines()) == 1
    assert set(report["per_lang"]) == {"ary_latn", "fr"}
    assert set(report["per_lang"]["fr"]) == {"n", "macro_f1", "weighted_f1", "accuracy"}


def test_evaluate_text_report_names_the_model(dev_tsv, capsys):
    assert main(["sentiment", "evaluate", str(dev_tsv)]) == 0
    out = capsys.readouterr().out
    assert "lexicon scorer" in out and "macro-F1" in out and "posts per second" in out


def test_evaluate_missing_file_is_a_clean_error(tmp_path, capsys):
    assert main(["sentiment", "evaluate", str(tmp_path / "nope.tsv")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_classify_writes_the_table_with_sentiment_columns(tmp_path, capsys):
    source = tmp_path / "posts.csv"
    pd.DataFrame({"post_id": ["twitter:1", "twitter:2"],
                  "text": ["zwin bzaf", "khayb"]}).to_csv(source, index=False)
    target = tmp_path / "out.parquet"
    assert main(["sentiment", "classify", str(source), "-o", str(target), "--no-progress"]) == 0
    out = pd.read_parquet(target)
    assert out.sentiment.tolist() == ["positive", "negative"]
    assert "lexicon" in capsys.readouterr().err


def test_train_writes_model_metadata_and_card(tiny_corpora, tmp_path, capsys):
    out = tmp_path / "models" / "tiny.skops"
    assert main(["sentiment", "train", "--corpora", tiny_corpora, "--out", str(out),
                 "--config", "light"]) == 0
    assert out.is_file() and out.with_suffix(".json").is_file()
    card = out.with_suffix(".md").read_text(encoding="utf-8")
    assert "## Training data" in card and "## How it scores" in card and "## Known failure" in card
    assert "light" in card and "HashedSentiment(" in card
    assert main(["sentiment", "evaluate", str(tmp_path / "nope.tsv"), "--model", str(out)]) == 2
