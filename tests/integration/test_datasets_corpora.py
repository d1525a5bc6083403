"""The registry's cleaning rules against the shared corpora (``../shared/corpora`` in CI).

The upstream files cannot be downloaded here, but the shared copies were split by
the same rule the registry uses (README, "Splits"): within each (label, lang)
stratum, rows ordered by ``sha256("2016|<corpus>|<loose key>")``, cut at 80 % and
90 %. So in every stratum all train rows must sort before all dev rows, which
checks that :func:`analysis.datasets.loose_key` is the key the copies were made with.
"""

from __future__ import annotations

import hashlib

import pytest

from analysis.datasets import loose_key, read_tsv

pytestmark = pytest.mark.corpora

#: Corpora the shared copies split with the 80/10/10 hash rule (the others keep
#: their official splits).
HASH_SPLIT = ("mac", "myc", "arsarcasm_v2", "astd", "arsas", "ajgt")


def _misordered(corpus_dir, corpus_id) -> tuple[int, int]:
    """Rows on the wrong side of their stratum's train/dev cut, and rows in all."""
    train = read_tsv(corpus_dir / corpus_id / "train.tsv")
    dev = read_tsv(corpus_dir / corpus_id / "dev.tsv")

    def rank(text):
        return hashlib.sha256(f"2016|{corpus_id}|{loose_key(text)}".encode()).hexdigest()

    wrong = 0
    for (label, lang), part in train.groupby(["label", "lang"]):
        held = dev[(dev.label == label) & (dev.lang == lang)]
        ordered = sorted([(rank(t), "train") for t in part.text] +
                         [(rank(t), "dev") for t in held.text])
        wrong += sum(split == "dev" for _, split in ordered[:len(part)])
    return wrong, len(train) + len(dev)


@pytest.mark.parametrize("corpus_id", HASH_SPLIT)
def test_loose_key_reproduces_the_shared_split_order(corpora, corpus_id):
    if not (corpora / corpus_id / "train.tsv").is_file():
        pytest.skip(f"{corpus_id} is not in {corpora}")
    wrong, total = _misordered(corpora, corpus_id)
    # One ArSAS row (of 16,884) sorts on the wrong side: its key differs in a detail
    # the README does not describe. Before the key kept emoji and removed mentions,
    # most MYC rows did.
    assert wrong <= max(1, total // 5000), f"{wrong} of {total} rows out of split order"


def test_shared_copies_hold_only_the_documented_labels_and_tags(corpora):
    for corpus_id in ("arsarcasm_v2", "astd", "arsas", "ajgt"):
        if not (corpora / corpus_id).is_dir():
            continue
        for split in ("train", "dev"):
            rows = read_tsv(corpora / corpus_id / f"{split}.tsv")
            assert set(rows.lang) == {"ar"} and set(rows.source) == {corpus_id}
            assert set(rows.label) <= {"positive", "negative", "neutral"}
