"""Training on the real corpora (``../shared/corpora`` in CI) against the issue's dev targets.

The reference macro-F1 figures are those published in issue 5 (measured with the
reference pipeline of ``analysis.sentiment.models.reference_pipeline``);
``benchmarks/sentiment.py`` re-measures them side by side. Targets: +4 points on
xlmt_arabic, xlmt_french, AfriSenti Arabizi and mac, no loss on myc.
"""

from __future__ import annotations

import json

import pytest

from analysis import datasets
from analysis.cli import main
from analysis.sentiment.models import build_pipeline, fit_pipeline
from analysis.sentiment.train import score_on_dev

pytestmark = [pytest.mark.corpora, pytest.mark.slow]

REFERENCE = {"xlmt_arabic": 0.600, "xlmt_french": 0.587, "afrisenti_ary_latn": 0.491,
             "mac": 0.692, "myc": 0.937}
GAIN = {"xlmt_arabic": 0.04, "xlmt_french": 0.04, "afrisenti_ary_latn": 0.04, "mac": 0.04,
        "myc": 0.0}
#: CI trains the shipped configuration itself (about 80 s on one core).
CI_CONFIG = "default"


@pytest.fixture(scope="module")
def trained(corpora):
    train = datasets.load_split("train", corpora)
    model = fit_pipeline(build_pipeline(CI_CONFIG), train["text"], train["label"],
                         train["source"])
    dev = datasets.load_split("dev", corpora)
    return model, score_on_dev(model, dev)


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_dev_target_holds(trained, name):
    _, reports = trained
    target = REFERENCE[name] + GAIN[name]
    assert reports[name]["macro_f1"] >= target, (
        f"{name}: macro-F1 {reports[name]['macro_f1']:.3f} < target {target:.3f}")


def test_evaluate_cli_on_a_real_dev_file(corpora, capsys):
    path = corpora / "xlmt_french" / "dev.tsv"
    assert main(["sentiment", "evaluate", str(path), "--model", "lexicon", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["n"] == len(datasets.read_tsv(path)) and report["posts_per_s"] > 0
