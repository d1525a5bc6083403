"""Every figure of the project: the house style and one module per notebook topic.

* :mod:`~analysis.plots.style`: colours, :func:`new_figure`, the :func:`figure_function`
  decorator (records which function drew a figure) and :func:`save_figure` (PNG, SVG,
  the CSV of exactly the data drawn, the interactive page and the index metadata);
* :mod:`~analysis.plots.checks`: what a graphics desk checks (text overlaps, wasted
  canvas, legends over data, axes without words), run on every saved figure;
* :mod:`~analysis.plots.reuse` and :mod:`~analysis.plots.interactive`: the series read
  back from a figure, the Datawrapper-ready table, the alt text and the Plotly page;
* :mod:`~analysis.plots.timeline` (notebook 01), :mod:`~analysis.plots.collect` (02),
  :mod:`~analysis.plots.languages` (03), :mod:`~analysis.plots.sentiment` (04),
  :mod:`~analysis.plots.campaign` (05), :mod:`~analysis.plots.events` (06).

Every figure function returns ``(Figure, data)``; pass the pair to :func:`save_figure`.
The tables behind a figure are computed by the stage that owns them (``langid``,
``sentiment``, ``timeseries``, ``likes``, ``correlate``, ``reference``); the figure
modules only draw.
"""

from analysis.plots.style import (
    COLORS_EVENT_TYPE,
    COLORS_LANG,
    COLORS_OPERATOR,
    COLORS_SENTIMENT,
    HOUSE_STYLE,
    LANG_NAMES,
    LOCAL_TZ,
    OPERATOR_NAMES,
    SIMULATED_LABEL,
    Drawn,
    decorate,
    figure_function,
    new_figure,
    not_enough_data_figure,
    save_figure,
    use_house_style,
)

__all__ = ["COLORS_EVENT_TYPE", "COLORS_LANG", "COLORS_OPERATOR", "COLORS_SENTIMENT",
           "Drawn", "HOUSE_STYLE", "decorate", "LANG_NAMES", "LOCAL_TZ", "OPERATOR_NAMES", "SIMULATED_LABEL",
           "figure_function", "new_figure", "not_enough_data_figure", "save_figure",
           "use_house_style"]
