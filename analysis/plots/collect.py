"""Figure of notebook 02 (collect): hashtags that travel with the campaign's seed tags."""

from __future__ import annotations

import pandas as pd

from analysis import i18n
from analysis.plots.style import COLORS_LANG, figure_function, legend_below, new_figure, words


@figure_function
def hashtag_figure(table: pd.DataFrame, by: str = "pmi", title: str | None = None,
                   seeds=("OpeUnlike",), lang: str = "en"):
    """A hashtag ranking (:func:`analysis.collect.expand.rank_cooccurring`), coloured by
    script; the data is the ranking drawn.

    Ranked by lift (``lift``/``lift_low``), each tag is a dot at its lift with a line
    for its 95 % interval, on an axis that says in plain words what lift means; by
    ``pmi``, a bar per tag. Arabic tags are drawn as text: matplotlib shapes them
    right-to-left itself.
    """
    fig, ax = new_figure(height=max(2.5, 0.32 * len(table) + 1.6))
    shown = table.iloc[::-1].reset_index(drop=True)
    colours = {"arabic": COLORS_LANG["ar"], "latin": COLORS_LANG["fr"]}
    labels = ["#" + t for t in shown["hashtag"]]
    seed_text = ", ".join("#" + s for s in seeds)
    if by in ("lift", "lift_low") and "lift_low" in shown:
        for y, row in shown.iterrows():
            colour = colours[row["script"]]
            ax.plot([row["lift_low"], row["lift_high"]], [y, y], color=colour, lw=2, alpha=0.5)
            ax.plot(row["lift"], y, "o", color=colour, ms=6)
        ax.axvline(1, color="#777777", lw=0.8, ls=":")
        ax.set_xlim(left=0)
        ax.set_xlabel(words("collect.axis_lift", lang, seeds=seed_text))
    else:
        ax.barh(range(len(shown)), shown[by], color=[colours[s] for s in shown["script"]])
        ax.set_xlabel(words("collect.axis_pmi", lang, seeds=seed_text))
    ax.set_yticks(range(len(shown)), labels)
    ax.set_ylim(-0.6, len(shown) - 0.4)
    for script, colour in colours.items():
        ax.plot([], [], "s", color=colour, label=words(f"collect.script_{script}", lang))
    legend_below(ax, ncols=2)
    if title:
        ax.set_title(title, fontsize=9, loc="right" if i18n.is_rtl(lang) else "left")
    return fig, table
