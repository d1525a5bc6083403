"""The team's labelled sample: schema, balance, split rule, and no corpus text in it."""

from __future__ import annotations

import hashlib

import pytest

from analysis.datasets import load_split, load_team_sample, loose_key, script_lang
from analysis.datasets.overlap import TextIndex


def test_team_sample_is_balanced_over_languages_and_labels():
    sample = load_team_sample()
    cells = sample.groupby(["lang", "label"]).size()
    assert len(cells) == 12 and cells.min() == cells.max() == 17
    assert set(sample.source) == {"team_sample"}
    assert sample.text.map(loose_key).is_unique


def test_team_sample_split_follows_the_hash_rule_of_its_data_card():
    sample = load_team_sample()
    for _, cell in sample.groupby(["lang", "label"]):
        ranked = cell.assign(rank=cell.text.map(
            lambda t: hashlib.sha256(f"2016|team_sample|{loose_key(t)}".encode()).hexdigest())
        ).sort_values("rank")
        n_train = round(0.8 * len(cell))
        assert ranked.split.tolist() == ["train"] * n_train + ["dev"] * (len(cell) - n_train)
    assert len(load_team_sample("train")) == 168 and len(load_team_sample("dev")) == 36


def test_team_sample_darija_tags_agree_with_the_script_rule():
    sample = load_team_sample()
    moroccan = sample[sample.lang.isin(["ary", "ary_latn"])]
    assert (moroccan.text.map(script_lang) == moroccan.lang).all()
    assert moroccan[moroccan.lang == "ary_latn"].text.str.contains("[379]").mean() > 0.5


def test_team_sample_refuses_an_unknown_split():
    with pytest.raises(ValueError, match="split must be one of"):
        load_team_sample("test")


@pytest.mark.corpora
def test_team_sample_holds_no_corpus_text(corpora):
    index = TextIndex()
    for split in ("train", "dev"):
        index.add(load_split(split, corpora)["text"])
    sample = load_team_sample()
    assert not index.mask(sample.text).any()
