"""Train on the corpora's train splits and check the issue's dev targets.

Targets (issues 4 and 9): F1 >= 0.99 for fr and ary_latn, Arabic and Latin scripts
never confused, MAC MSA-vs-Darija at least the reference's (the 0.90 goal was withdrawn
in issue 9: MAC's tags cannot support it; `benchmarks/langid.py --mac-cv` compares the
two by cross-validation). The fr target is not reached (0.989, see models/langid.md):
that assertion is a strict xfail, so the suite flags the day it passes. Speed is a
benchmark figure, not a test.
"""

from __future__ import annotations


import numpy as np
import pytest

from analysis import datasets
from analysis.langid import evaluate_identifier, identify_texts, train_identifier
from analysis.langid.training import language_tagged

pytestmark = [pytest.mark.corpora, pytest.mark.slow]


@pytest.fixture(scope="module")
def trained_on_corpora(corpora):
    return train_identifier(corpora, save=False)


@pytest.fixture(scope="module")
def dev(corpora):
    # the sentiment-only corpora tag every row "ar" whatever its language: not scored here
    return language_tagged(datasets.load_split("dev", corpora))


@pytest.fixture(scope="module")
def result(trained_on_corpora, dev):
    return evaluate_identifier(dev, model=trained_on_corpora)


def test_arabizi_f1_reaches_target(result):
    assert result["per_class"]["ary_latn"]["f1"] >= 0.99


@pytest.mark.xfail(strict=True, reason="dev F1 for fr is 0.989: of the 5 false fr, 3 are MYC "
                   "comments wholly in French and 2 mostly French, tagged ary_latn by script; "
                   "see models/langid.md")
def test_french_f1_reaches_target(result):
    assert result["per_class"]["fr"]["f1"] >= 0.99


def test_scripts_are_never_confused(trained_on_corpora, dev):
    predicted = identify_texts(dev["text"], model=trained_on_corpora)["label"].to_numpy()
    arabic_gold = dev["lang"].isin(["ar", "ary"]).to_numpy()
    latin_pred = np.isin(predicted, ["fr", "ary_latn", "en"])
    assert not (arabic_gold & latin_pred).any()
    assert not (~arabic_gold & np.isin(predicted, ["ar", "ary"])).any()


def test_msa_vs_darija_is_at_least_the_reference(result):
    assert result["msa_vs_darija_macro_f1"] >= 0.83  # reference model: 0.829 on the same dev
