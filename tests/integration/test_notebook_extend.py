"""Notebook 04's "extend the classifier" section runs with and without the corpora,
and says which data it used."""

from __future__ import annotations

import json

import pytest

from analysis import notebooks, paths

pytestmark = [pytest.mark.notebooks, pytest.mark.slow]
NOTEBOOK = paths.NOTEBOOKS / "04-sentiment.py"


def _printed(executed) -> str:
    cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
    texts = []
    for cell in cells:
        for output in cell.get("outputs", []):
            texts.append("".join(output.get("text", "")))
            texts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(texts)


def test_extend_section_runs_on_the_team_sample_without_corpora(tmp_path, monkeypatch):
    monkeypatch.delenv("OPEUNLIKE_CORPORA", raising=False)
    if paths.corpora_dir() is not None:
        pytest.skip(f"corpora found in {paths.corpora_dir()}: the sample path is not taken")
    printed = _printed(notebooks.execute(NOTEBOOK, output_dir=tmp_path, cwd=tmp_path))
    assert "extending the classifier on the team's small sample" in printed
    assert "opeunlike data fetch" in printed
    assert "plus an Arabizi expert" in printed and "ary_latn" in printed  # the score table


@pytest.mark.corpora
def test_extend_section_uses_the_corpora_when_they_are_set(corpora, tmp_path, monkeypatch):
    monkeypatch.setenv("OPEUNLIKE_CORPORA", str(corpora.resolve()))
    executed = notebooks.execute(NOTEBOOK, parameters={"max_train_rows": 1500},
                                 output_dir=tmp_path, cwd=tmp_path)
    printed = _printed(executed)
    assert f"Extending the classifier on the labelled corpora in {corpora.resolve()}" in printed
    assert "team's small sample" not in printed
    assert "xlmt_french" in printed  # scored per corpus
