"""How well the Arabizi normaliser does on the hand-checked spelling list.

Kept apart from :mod:`analysis.text.arabizi` because it also needs
:func:`analysis.text.steps.normalise_arabic`, and ``steps`` builds on ``arabizi``.
"""

from __future__ import annotations

import csv
import difflib

from analysis import paths
from analysis.text.arabizi import arabizi_to_arabic, normalise_arabizi
from analysis.text.steps import normalise_arabic


def checked_accuracy(path=None) -> dict:
    """Accuracy on the hand-checked list ``data/langid/arabizi_checked.tsv``.

    Each row gives a spelling ``variant``, the ``reference`` spelling of the same
    word and its usual ``arabic`` spelling. Returns the number of rows, the share of
    variants that :func:`normalise_arabizi` maps to the same form as their reference
    (``spelling``), the share that :func:`arabizi_to_arabic` writes exactly as listed
    after :func:`analysis.text.normalise_arabic` on both sides (``arabic_exact``), and
    the mean character similarity of the latter (``arabic_similarity``, difflib ratio).
    """
    path = path or paths.DATA / "langid" / "arabizi_checked.tsv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    if not rows:
        raise ValueError(f"{path}: no rows")
    same = [normalise_arabizi(r["variant"]) == normalise_arabizi(r["reference"]) for r in rows]
    got = [normalise_arabic(arabizi_to_arabic(r["variant"])) for r in rows]
    want = [normalise_arabic(r["arabic"]) for r in rows]
    ratios = [difflib.SequenceMatcher(None, g, w).ratio() for g, w in zip(got, want)]
    return {"rows": len(rows),
            "spelling": round(sum(same) / len(rows), 3),
            "arabic_exact": round(sum(g == w for g, w in zip(got, want)) / len(rows), 3),
            "arabic_similarity": round(sum(ratios) / len(rows), 3)}
