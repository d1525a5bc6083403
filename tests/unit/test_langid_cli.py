"""``opeunlike langid identify|train|evaluate`` on the hand-written fixture."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from analysis.cli import main
from analysis.schema import LANGID_COLUMNS

SMALL = "text/langid_small.tsv"


def test_identify_refuses_a_table_with_gold_lang_unless_replace(fixtures_dir, tmp_path, capsys):
    out = tmp_path / "out.parquet"
    args = ["langid", "identify", str(fixtures_dir / SMALL), "-o", str(out), "--rules", "--no-progress"]
    assert main(args) == 2
    assert "already has column(s) lang" in capsys.readouterr().err and not out.exists()
    assert main(args + ["--replace"]) == 0
    frame = pd.read_parquet(out)
    assert len(frame) == 32 and set(LANGID_COLUMNS) <= set(frame.columns)


def test_identify_adds_exactly_the_stage_columns(tmp_path):
    src = tmp_path / "posts.parquet"
    pd.DataFrame({"post_id": ["x:1"], "text": ["wach nta mzyan"]}).to_parquet(src)
    out = tmp_path / "out.tsv"
    assert main(["langid", "identify", str(src), "-o", str(out), "--rules", "--no-progress"]) == 0
    frame = pd.read_csv(out, sep="\t")
    assert list(frame.columns) == ["post_id", "text", *LANGID_COLUMNS]
    assert frame["lang"].tolist() == ["ary_latn"]


def test_identify_old_positional_output_works_with_one_notice(tmp_path, capsys):
    src = tmp_path / "posts.parquet"
    pd.DataFrame({"text": ["wach nta mzyan"]}).to_parquet(src)
    assert main(["langid", "identify", str(src), str(tmp_path / "o.csv"), "--rules", "--quiet"]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if "deprecated" in line]
    assert len(notes) == 1 and "-o " in notes[0]


def test_identify_dash_writes_tsv_to_stdout(tmp_path, capsys):
    src = tmp_path / "posts.parquet"
    pd.DataFrame({"text": ["wach nta mzyan"]}).to_parquet(src)
    assert main(["langid", "identify", str(src), "-o", "-", "--rules", "--quiet"]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split("\t")[:2] == ["text", "lang"] and row.split("\t")[1] == "ary_latn"


def test_identify_missing_input_is_a_clean_error(tmp_path, capsys):
    assert main(["langid", "identify", str(tmp_path / "no.tsv"), "-o", str(tmp_path / "o.tsv")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_identify_without_text_column_names_the_columns(tmp_path, capsys):
    src = tmp_path / "posts.parquet"
    pd.DataFrame({"body": ["x"]}).to_parquet(src)
    assert main(["langid", "identify", str(src), "-o", str(tmp_path / "o.tsv"), "--rules"]) == 1
    assert "no column 'text'" in capsys.readouterr().err


def test_evaluate_json_prints_one_object_with_the_promised_keys(fixtures_dir, capsys):
    assert main(["langid", "evaluate", str(fixtures_dir / SMALL), "--json", "--rules"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == {"n", "macro_f1", "per_class", "confusion", "msa_vs_darija_macro_f1",
                            "posts_per_s"}
    assert payload["n"] == 32


def test_evaluate_text_report_shows_confusion(fixtures_dir, capsys):
    assert main(["langid", "evaluate", str(fixtures_dir / SMALL), "--rules"]) == 0
    assert "confusion (rows: gold, columns: predicted)" in capsys.readouterr().out


@pytest.mark.slow
def test_train_saves_a_model_that_evaluate_uses(fixtures_dir, tmp_path, capsys):
    corpora = tmp_path / "corpora" / "handwritten"
    corpora.mkdir(parents=True)
    shutil.copy(fixtures_dir / SMALL, corpora / "train.tsv")
    model = tmp_path / "langid.skops"
    assert main(["langid", "train", "--corpora", str(corpora.parent), "--out", str(model)]) == 0
    assert model.is_file()
    assert main(["langid", "evaluate", str(fixtures_dir / SMALL), "--model", str(model), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["macro_f1"] > 0.9


def test_train_without_corpora_is_a_clean_error(tmp_path, capsys):
    assert main(["langid", "train", "--corpora", str(tmp_path / "none")]) == 2
    assert "no labelled corpora" in capsys.readouterr().err
