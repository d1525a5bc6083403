"""Figure of notebook 02 (collect): hashtags that travel with the campaign's seed tags."""

from __future__ import annotations

import pandas as pd

from analysis.plots.style import COLORS_LANG, figure_function, new_figure


@figure_function
def hashtag_figure(table: pd.DataFrame, by: str = "pmi", title: str | None = None):
    """Horizontal bar chart of a hashtag ranking (:func:`analysis.collect.expand.rank_cooccurring`),
    coloured by script; the data is the ranking drawn.

    Arabic tags are drawn as text: matplotlib shapes them right-to-left itself.
    """
    fig, ax = new_figure(height=max(2.5, 0.32 * len(table) + 1.2))
    shown = table.iloc[::-1]
    colours = {"arabic": COLORS_LANG["ar"], "latin": COLORS_LANG["fr"]}
    ax.barh(["#" + t for t in shown["hashtag"]], shown[by],
            color=[colours[s] for s in shown["script"]])
    for script, colour in colours.items():
        ax.bar(0, 0, color=colour, label=f"{script} script")
    ax.legend(loc="lower right", frameon=False)
    ax.set_xlabel("PMI with the seed set (bits)" if by == "pmi" else "lift over chance")
    ax.set_title(title or "Hashtags co-occurring with the seed set")
    return fig, table
