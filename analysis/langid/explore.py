"""Tables for notebook 03-languages: language mix, code-switching, confusion.

Their figures are drawn by :mod:`analysis.plots.languages`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.plots.style import LANG_NAMES
from analysis.schema import LANGS as LABELS


def language_mix(identified: pd.DataFrame) -> pd.DataFrame:
    """Posts and share per label, every label listed (0 when absent), in LABELS order.

    ``identified`` is the output of :func:`analysis.langid.identify` (its ``lang`` column).

    >>> language_mix(pd.DataFrame({"lang": ["fr", "ary", "ary"]}))[["label", "posts"]].values.tolist()
    [['fr', 1], ['ar', 0], ['ary', 2], ['ary_latn', 0], ['en', 0], ['other', 0]]
    """
    counts = identified["lang"].value_counts().reindex(list(LABELS), fill_value=0)
    total = max(int(counts.sum()), 1)
    return pd.DataFrame({"label": list(LABELS), "language": [LANG_NAMES[k] for k in LABELS],
                         "posts": counts.to_numpy().astype(int),
                         "share": (counts.to_numpy() / total).round(4)})


def code_switch_examples(identified: pd.DataFrame, n: int = 8) -> pd.DataFrame:
    """Up to ``n`` code-switched posts of an identified post table, with their labels and
    script shares (most evenly mixed scripts first)."""
    from analysis.text.script import script_shares

    mixed = identified[identified["code_switched"].astype(bool)].copy()
    shares = [script_shares(t) for t in mixed["text"].fillna("")]
    mixed["arabic_share"] = [a for a, _ in shares]
    mixed["latin_share"] = [lat for _, lat in shares]
    mixed["balance"] = np.minimum(mixed["arabic_share"], mixed["latin_share"])
    mixed = mixed.sort_values(["balance", "text"], ascending=[False, True]).head(n)
    return mixed[["text", "lang", "switch_labels", "arabic_share", "latin_share"]]


def confusion_long(gold, predicted) -> pd.DataFrame:
    """Long confusion table (gold, predicted, posts, share of the gold row).

    >>> confusion_long(["fr", "fr", "ary"], ["fr", "ary_latn", "ary"]).query("posts > 0").values.tolist()
    [['fr', 'fr', 1, 0.5], ['fr', 'ary_latn', 1, 0.5], ['ary', 'ary', 1, 1.0]]
    """
    gold, predicted = np.asarray(gold, dtype=object), np.asarray(predicted, dtype=object)
    golds = [g for g in LABELS if g in set(gold)]
    rows = []
    for g in golds:
        in_row = gold == g
        for p in LABELS:
            count = int((in_row & (predicted == p)).sum())
            rows.append((g, p, count, round(count / max(int(in_row.sum()), 1), 4)))
    return pd.DataFrame(rows, columns=["gold", "predicted", "posts", "share"])
