"""Figures of notebook 03 (languages): the language mix and the dev confusion matrix.

The tables come from :mod:`analysis.langid.explore`; each function returns
``(Figure, data)`` with the table it drew.
"""

from __future__ import annotations

import pandas as pd

from analysis.plots.style import COLORS_LANG, figure_function, new_figure
from analysis.schema import LANGS


@figure_function
def language_mix_figure(mix: pd.DataFrame, model: str):
    """Horizontal bars: share of posts per language (:func:`analysis.langid.explore.language_mix`)."""
    fig, ax = new_figure(width=7.0, height=3.4)
    rows = mix.iloc[::-1]
    ax.barh(rows["language"], rows["share"] * 100, color=[COLORS_LANG[k] for k in rows["label"]])
    for y, (share, posts) in enumerate(zip(rows["share"], rows["posts"])):
        ax.text(share * 100 + 0.5, y, f"{posts}", va="center", fontsize=8)
    ax.set_xlabel(f"% of posts (language identifier: {model})")
    ax.set_xlim(0, max(100 * rows["share"].max() * 1.15, 1))
    return fig, mix


@figure_function
def confusion_figure(confusion: pd.DataFrame, model: str):
    """Heatmap of the long confusion table (shading = share of the gold row), from
    :func:`analysis.langid.explore.confusion_long`."""
    golds = list(dict.fromkeys(confusion["gold"]))
    grid = confusion.pivot(index="gold", columns="predicted", values="share").reindex(
        index=golds, columns=list(LANGS))
    counts = confusion.pivot(index="gold", columns="predicted", values="posts").reindex(
        index=golds, columns=list(LANGS))
    fig, ax = new_figure(width=7.0, height=1.2 + 0.6 * len(golds))
    ax.imshow(grid.to_numpy(dtype=float), cmap="Greys", vmin=0, vmax=1, aspect="auto")
    for i in range(len(golds)):
        for j in range(len(LANGS)):
            value = int(counts.iat[i, j])
            ax.text(j, i, str(value), ha="center", va="center", fontsize=8,
                    color="white" if grid.iat[i, j] > 0.5 else "black")
    ax.set_xticks(range(len(LANGS)), list(LANGS))
    ax.set_yticks(range(len(golds)), golds)
    ax.set_xlabel(f"predicted ({model})")
    ax.set_ylabel("corpus tag")
    ax.grid(False)
    return fig, confusion
