"""Figures of notebook 04 (sentiment): sentiment by language and the dev confusion matrices.

The tables come from :mod:`analysis.sentiment.explore`; each function returns
``(Figure, data)`` with the table it drew.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.plots.style import COLORS_SENTIMENT, figure_function, new_figure
from analysis.sentiment.explore import ORDER


@figure_function
def share_by_language_figure(shares: pd.DataFrame, model_description: str):
    """Stacked horizontal bars: share of each sentiment per language (n in the label),
    from :func:`analysis.sentiment.explore.share_by_language`."""
    fig, ax = new_figure(height=0.6 * max(shares["lang"].nunique(), 2) + 1.6)
    langs = list(dict.fromkeys(shares["lang"]))
    left = np.zeros(len(langs))
    for sentiment in ORDER:
        part = shares[shares["sentiment"] == sentiment].set_index("lang").reindex(langs)
        ax.barh(langs, part["share"], left=left, color=COLORS_SENTIMENT[sentiment],
                label=sentiment)
        left += part["share"].to_numpy()
    totals = shares.groupby("lang")["posts"].sum().reindex(langs)
    ax.set_yticks(range(len(langs)), [f"{lang} (n={n})" for lang, n in totals.items()])
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of posts")
    ax.legend(ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.18), frameon=False)
    ax.set_title(model_description, fontsize=9, loc="left")
    return fig, shares


@figure_function
def confusions_figure(table: pd.DataFrame, model_description: str):
    """One row-normalised confusion matrix per dev slice
    (:func:`analysis.sentiment.explore.confusion_table`)."""
    slices = list(dict.fromkeys(table["slice"]))
    fig, axes = new_figure(1, len(slices), width=2.3 * len(slices) + 0.6, height=2.9)
    axes = np.atleast_1d(axes)
    for ax, name in zip(axes, slices, strict=True):
        part = table[table["slice"] == name].pivot(index="gold", columns="predicted",
                                                   values="rows").reindex(index=ORDER,
                                                                          columns=ORDER)
        share = part.div(part.sum(axis=1).replace(0, np.nan), axis=0).fillna(0)
        ax.imshow(share.to_numpy(), cmap="Greys", vmin=0, vmax=1)
        for i in range(3):
            for j in range(3):
                ax.text(j, i, int(part.iloc[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if share.iloc[i, j] > 0.5 else "black")
        ax.set_xticks(range(3), [s[:3] for s in ORDER])
        ax.set_yticks(range(3), [s[:3] for s in ORDER])
        ax.set_title(name, fontsize=9)
        ax.set_xlabel("predicted")
    axes[0].set_ylabel("gold")
    fig.suptitle(model_description, fontsize=9, x=0.0, ha="left")
    return fig, table
