"""Figures of notebook 03 (languages): the language mix and the dev confusion matrix.

The tables come from :mod:`analysis.langid.explore`; each function returns
``(Figure, data)`` with the table it drew.
"""

from __future__ import annotations

import pandas as pd

from analysis import i18n, model_words
from analysis.plots.style import (
    COLORS_LANG,
    LocalNumberFormatter,
    figure_function,
    lang_name,
    new_figure,
    words,
)
from analysis.schema import LANGS


@figure_function
def language_mix_figure(mix: pd.DataFrame, model: str, lang: str = "en"):
    """Horizontal bars: share of posts per language (:func:`analysis.langid.explore.language_mix`);
    each bar says its share and, in words, its number of posts."""
    fig, ax = new_figure(width=7.0, height=3.4)
    rows = mix.iloc[::-1]
    ax.barh([lang_name(k, lang) for k in rows["label"]], rows["share"] * 100,
            color=[COLORS_LANG[k] for k in rows["label"]])
    for y, (share, posts) in enumerate(zip(rows["share"], rows["posts"])):
        ax.text(share * 100 + 0.8, y, words("languages.bar_label", lang,
                                             share=i18n.percent_text(share, lang),
                                             posts=i18n.number_text(posts, lang)),
                va="center", fontsize=8)
    ax.set_xlabel(words("languages.axis_share", lang, model=model_words.language_kind(model, lang)))
    ax.xaxis.set_major_formatter(LocalNumberFormatter(lang))
    ax.set_xlim(0, max(100 * rows["share"].max() * 1.35, 1))
    ax.grid(axis="y", visible=False)
    return fig, mix


@figure_function
def confusion_figure(confusion: pd.DataFrame, model: str, lang: str = "en"):
    """Heatmap of the long confusion table (shading = share of the gold row), from
    :func:`analysis.langid.explore.confusion_long`."""
    golds = list(dict.fromkeys(confusion["gold"]))
    grid = confusion.pivot(index="gold", columns="predicted", values="share").reindex(
        index=golds, columns=list(LANGS))
    counts = confusion.pivot(index="gold", columns="predicted", values="posts").reindex(
        index=golds, columns=list(LANGS))
    fig, ax = new_figure(width=7.0, height=1.6 + 0.6 * len(golds))
    ax.imshow(grid.to_numpy(dtype=float), cmap="Greys", vmin=0, vmax=1, aspect="auto")
    for i in range(len(golds)):
        for j in range(len(LANGS)):
            value = int(counts.iat[i, j])
            ax.text(j, i, i18n.number_text(value, lang), ha="center", va="center", fontsize=8,
                    color="white" if grid.iat[i, j] > 0.5 else "black")
    short = lambda code: words(f"languages.short.{code}", lang) if code in LANGS else code  # noqa: E731
    ax.set_xticks(range(len(LANGS)), [short(k) for k in LANGS])
    ax.set_yticks(range(len(golds)), [short(k) for k in golds])
    ax.set_xlabel(words("languages.axis_predicted", lang, model=model_words.language_kind(model, lang)))
    ax.set_ylabel(words("languages.axis_gold", lang))
    ax.grid(False)
    return fig, confusion
