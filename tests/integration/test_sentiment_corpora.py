"""The sentiment commands on the real corpora (``../shared/corpora`` in CI).

The shipped model's scores are not asserted here: it learnt from the train and dev
rows, so dev scores would flatter it. `benchmarks/sentiment.py` measures it against
the reference by cross-validation and leave-one-corpus-out, and
`tests/integration/test_shipped_models.py` checks the committed file is a rebuild.
"""

from __future__ import annotations

import json

import pytest

from analysis import datasets
from analysis.cli import main

pytestmark = [pytest.mark.corpora]


@pytest.mark.parametrize("model", ["lexicon", "default"])
def test_evaluate_cli_on_a_real_dev_file(corpora, capsys, model):
    path = corpora / "xlmt_french" / "dev.tsv"
    assert main(["sentiment", "evaluate", str(path), "--model", model, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["n"] == len(datasets.read_tsv(path)) and report["posts_per_s"] > 0
    assert set(report["per_lang"]) == {"fr"}
