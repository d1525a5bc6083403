"""Figures of notebook 04 (sentiment): sentiment by language and the dev confusion matrices.

The tables come from :mod:`analysis.sentiment.explore`; each function returns
``(Figure, data)`` with the table it drew. Which model labelled the posts belongs in
the source line (``save_figure(source=…)``), not on the chart.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import i18n
from analysis.plots.style import (
    COLORS_SENTIMENT,
    figure_function,
    lang_name,
    legend_below,
    new_figure,
    words,
)
from analysis.sentiment.explore import ORDER


def _percent_axis(axis, lang):
    import matplotlib.ticker as mticker

    axis.set_major_formatter(mticker.FuncFormatter(lambda v, _: i18n.percent_text(v, lang)))


@figure_function
def share_by_language_figure(shares: pd.DataFrame, lang: str = "en"):
    """Stacked horizontal bars: share of each sentiment per language, the languages
    named in words with their number of posts, from
    :func:`analysis.sentiment.explore.share_by_language`."""
    fig, ax = new_figure(height=0.6 * max(shares["lang"].nunique(), 2) + 1.9)
    langs = list(dict.fromkeys(shares["lang"]))
    left = np.zeros(len(langs))
    for sentiment in ORDER:
        part = shares[shares["sentiment"] == sentiment].set_index("lang").reindex(langs)
        ax.barh(range(len(langs)), part["share"].fillna(0), left=left,
                color=COLORS_SENTIMENT[sentiment], label=words(f"sentiment.name.{sentiment}", lang))
        left += part["share"].fillna(0).to_numpy()
    totals = shares.groupby("lang")["posts"].sum().reindex(langs)
    ax.set_yticks(range(len(langs)), [words("sentiment.lang_n", lang, name=lang_name(code, lang),
                                            n=i18n.number_text(n, lang))
                                      for code, n in totals.items()])
    ax.set_xlim(0, 1)
    _percent_axis(ax.xaxis, lang)
    ax.set_xlabel(words("sentiment.axis_share", lang))
    ax.grid(axis="y", visible=False)
    legend_below(ax, ncols=3, fontsize=9)
    return fig, shares


@figure_function
def confusions_figure(table: pd.DataFrame, lang: str = "en"):
    """One row-normalised confusion matrix per dev slice
    (:func:`analysis.sentiment.explore.confusion_table`); the model belongs in the source line."""
    slices = list(dict.fromkeys(table["slice"]))
    fig, axes = new_figure(1, len(slices), width=max(2.3 * len(slices) + 0.6, 6.0), height=3.4)
    axes = np.atleast_1d(axes)
    short = [words(f"sentiment.short.{s}", lang) for s in ORDER]
    for ax, name in zip(axes, slices, strict=True):
        part = table[table["slice"] == name].pivot(index="gold", columns="predicted",
                                                   values="rows").reindex(index=ORDER,
                                                                          columns=ORDER)
        share = part.div(part.sum(axis=1).replace(0, np.nan), axis=0).fillna(0)
        ax.imshow(share.to_numpy(), cmap="Greys", vmin=0, vmax=1)
        for i in range(3):
            for j in range(3):
                ax.text(j, i, i18n.number_text(part.iloc[i, j], lang), ha="center", va="center",
                        fontsize=8, color="white" if share.iloc[i, j] > 0.5 else "black")
        ax.set_xticks(range(3), short)
        ax.set_yticks(range(3), short)
        ax.set_title(name, fontsize=9)
        ax.set_xlabel(words("sentiment.axis_predicted", lang))
        ax.set_ylabel(words("sentiment.axis_gold", lang))
        ax.grid(False)
    return fig, table
