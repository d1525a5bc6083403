"""Tables and figures for notebook 03-languages: language mix, code-switching, confusion."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.langid.model import LABELS
from analysis.plots import COLORS_LANG, LANG_NAMES, figure_function, new_figure


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


@figure_function
def plot_language_mix(mix: pd.DataFrame, model: str):
    """Horizontal bars: share of posts per language."""
    fig, ax = new_figure(width=7.0, height=3.4)
    rows = mix.iloc[::-1]
    ax.barh(rows["language"], rows["share"] * 100, color=[COLORS_LANG[k] for k in rows["label"]])
    for y, (share, posts) in enumerate(zip(rows["share"], rows["posts"])):
        ax.text(share * 100 + 0.5, y, f"{posts}", va="center", fontsize=8)
    ax.set_xlabel(f"% of posts (language identifier: {model})")
    ax.set_xlim(0, max(100 * rows["share"].max() * 1.15, 1))
    return fig


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


@figure_function
def plot_confusion(confusion: pd.DataFrame, model: str):
    """Heatmap of the long confusion table (shading = share of the gold row)."""
    golds = list(dict.fromkeys(confusion["gold"]))
    grid = confusion.pivot(index="gold", columns="predicted", values="share").reindex(
        index=golds, columns=list(LABELS))
    counts = confusion.pivot(index="gold", columns="predicted", values="posts").reindex(
        index=golds, columns=list(LABELS))
    fig, ax = new_figure(width=7.0, height=1.2 + 0.6 * len(golds))
    ax.imshow(grid.to_numpy(dtype=float), cmap="Greys", vmin=0, vmax=1, aspect="auto")
    for i in range(len(golds)):
        for j in range(len(LABELS)):
            value = int(counts.iat[i, j])
            ax.text(j, i, str(value), ha="center", va="center", fontsize=8,
                    color="white" if grid.iat[i, j] > 0.5 else "black")
    ax.set_xticks(range(len(LABELS)), list(LABELS))
    ax.set_yticks(range(len(golds)), golds)
    ax.set_xlabel(f"predicted ({model})")
    ax.set_ylabel("corpus tag")
    ax.grid(False)
    return fig
