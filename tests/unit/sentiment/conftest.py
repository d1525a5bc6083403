"""A tiny invented training set (not from any corpus) for pipeline tests."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

_POS = ["zwin bzaf", "tbarkallah 3lik", "wa3r had chi", "merci beaucoup, super",
        "très bon service", "زوين بزاف", "الله يحفظك", "خدمة ممتازة", "bravo 👏", "top ❤"]
_NEG = ["khayb bzaf", "machi zwin", "ma3jbnich", "service nul, honte",
        "je n'aime pas", "خايب بزاف", "ماعجبنيش", "خدمة سيئة", "7chouma 😡", "arnaque totale"]
_NEU = ["lyoum ghadi nemchi", "réunion demain à 10h", "الاجتماع غدا", "chkon ja",
        "le match commence", "شكون جا", "fin kayn", "ça commence ce soir", "ghadi nchof", "غدا"]


def _rows():
    rows = []
    for i, (text, label) in enumerate(itertools.chain(
            ((t, "positive") for t in _POS), ((t, "negative") for t in _NEG),
            ((t, "neutral") for t in _NEU))):
        for suffix in ("", " !", " wlah"):
            rows.append({"text": text + suffix, "label": label,
                         "lang": "ary_latn", "source": "alpha" if i % 2 else "beta"})
    return pd.DataFrame(rows)


@pytest.fixture
def tiny_train() -> pd.DataFrame:
    return _rows()


@pytest.fixture
def tiny_corpora(tmp_path) -> str:
    """A corpora folder in the shared schema built from the invented rows."""
    rows = _rows()
    for source, part in rows.groupby("source"):
        folder = tmp_path / "corpora" / str(source)
        folder.mkdir(parents=True)
        part.assign(split="train").to_csv(folder / "train.tsv", sep="\t", index=False)
        part.iloc[::3].assign(split="dev").to_csv(folder / "dev.tsv", sep="\t", index=False)
    return str(tmp_path / "corpora")
