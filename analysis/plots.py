"""House style and figure output.

One colour per operator, per language and per sentiment, used by every chart.
:func:`save_figure` writes ``figures/NAME.png`` (200 dpi), ``NAME.svg``, ``NAME.csv``
(exactly the data drawn) and ``NAME.json`` (caption, source, notebook, function) that
the report index is built from. It stamps a source line and the generation date on the
figure, and a SIMULATED banner on figures drawn from simulated data.

Arabic labels need nothing special: matplotlib ≥ 3.11 shapes Arabic and lays it out
right-to-left itself (arabic-reshaper/python-bidi would now reverse it).
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import json
import textwrap
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless: notebooks under papermill and CI have no display

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analysis import __version__, paths  # noqa: E402
from analysis.io import atomic_write, write_csv  # noqa: E402

# Okabe-Ito / Paul Tol colours: distinguishable with the common colour-vision deficiencies.
COLORS_OPERATOR = {"maroc_telecom": "#0072B2", "inwi": "#CC79A7", "meditel": "#E69F00"}
OPERATOR_NAMES = {"maroc_telecom": "Maroc Telecom", "inwi": "Inwi", "meditel": "Meditel"}
COLORS_LANG = {
    "fr": "#4477AA",
    "ar": "#228833",
    "ary": "#CCBB44",
    "ary_latn": "#EE6677",
    "en": "#66CCEE",
    "other": "#BBBBBB",
}
LANG_NAMES = {
    "fr": "French",
    "ar": "MSA",
    "ary": "Darija (Arabic script)",
    "ary_latn": "Darija (Latin script)",
    "en": "English",
    "other": "Other",
}
COLORS_SENTIMENT = {"positive": "#1B9E77", "negative": "#D95F02", "neutral": "#8C8C8C"}
COLORS_EVENT_TYPE = {
    "block": "#B2182B",
    "unblock": "#1A9850",
    "regulation": "#5E3C99",
    "legal": "#8073AC",
    "campaign": "#E08214",
    "petition": "#FDB863",
    "statement": "#4D4D4D",
    "media": "#878787",
    "personnel": "#2166AC",
    "context": "#92C5DE",
}
SIMULATED_LABEL = "SIMULATED DATA: not real observations"

HOUSE_STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "font.family": "DejaVu Sans",  # ships with matplotlib and covers Arabic script
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#E5E5E5",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "svg.hashsalt": "opeunlike",  # stable SVG ids across runs
    "svg.fonttype": "none",  # text stays editable text for journalists
}


def use_house_style() -> None:
    """Apply the house style to matplotlib's global settings."""
    plt.rcParams.update(HOUSE_STYLE)


def new_figure(nrows: int = 1, ncols: int = 1, width: float = 7.0, height: float = 4.2, **kw):
    """A figure in the house style, sized to stay readable at 600 px wide.

    Returns ``(fig, axes)`` like :func:`matplotlib.pyplot.subplots`.
    """
    use_house_style()
    kw.setdefault("layout", "constrained")
    return plt.subplots(nrows, ncols, figsize=(width, height), **kw)


def _stamp(fig: Figure, source: str, simulated: bool) -> None:
    today = os.environ.get("OPEUNLIKE_STAMP_DATE") or dt.date.today().isoformat()
    text = f"Source: {source}\nMade with opeunlike {__version__} on {today}"
    fig.text(0.0, -0.01, text, ha="left", va="top", fontsize=7.5, color="#555555",
             transform=fig.transFigure)
    if simulated:
        fig.text(0.5, 1.0, SIMULATED_LABEL, ha="center", va="bottom", fontsize=11,
                 fontweight="bold", color="#B2182B", transform=fig.transFigure)
        for ax in fig.axes:
            ax.text(0.5, 0.5, "SIMULATED", transform=ax.transAxes, ha="center", va="center",
                    fontsize=28, color="#B2182B", alpha=0.12, rotation=20, zorder=0)


def _caller_notebook() -> str | None:
    # The report runner exports the notebook being executed, so figures know their origin.
    return os.environ.get("OPEUNLIKE_NOTEBOOK")


def save_figure(
    fig: Figure,
    name: str,
    data: pd.DataFrame,
    source: str,
    caption: str,
    *,
    title: str | None = None,
    notebook: str | None = None,
    simulated: bool = False,
    made_by: str | None = None,
    folder: Path | None = None,
    skipped: str | None = None,
) -> dict[str, Path]:
    """Write ``NAME.png``, ``NAME.svg``, ``NAME.csv`` and ``NAME.json``; return their paths.

    Parameters
    ----------
    fig : the figure to save (from a figure function of the package).
    name : file stem, e.g. ``"timeline"``.
    data : exactly the data drawn; written as CSV, with no index, so journalists can
        redraw the chart. Keep it deterministic: two runs must give identical bytes.
    source : the source line stamped on the figure (e.g. "data/reference, 48 press reports").
    caption : one or two sentences for the figure index.
    title : optional headline set as the figure's title; say the finding, not the method.
    notebook : notebook that made the figure (defaults to the one the report runs).
    simulated : stamps a SIMULATED banner and watermark, and adds ``_SIMULATED`` to the
        file names when ``name`` lacks it; the index flags it too. Use it for every figure
        drawn from simulated or project-written demo data.
    made_by : the package function that drew the figure (defaults to the figure's label).
    skipped : the reason the analysis behind the figure was not run (the figure is then a
        "not enough data" panel from :func:`not_enough_data_figure`); the index says so.
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError("save_figure needs the plotted data as a DataFrame, to write NAME.csv")
    folder = paths.ensure(Path(folder) if folder else paths.figures_dir())
    if simulated and "SIMULATED" not in name:
        name = f"{name}_SIMULATED"  # the file name must say it too, not only the picture
    if title:
        if "\n" not in title:  # a long headline wraps instead of widening the figure
            title = "\n".join(textwrap.wrap(title, 78))
        fig.suptitle(title, x=0.0, ha="left", fontsize=13, fontweight="bold")
    _stamp(fig, source, simulated)
    out = {ext: folder / f"{name}.{ext}" for ext in ("png", "svg", "csv", "json")}
    # No timestamps in file metadata, so reruns only differ where the data differ.
    fig.savefig(out["png"], bbox_inches="tight", metadata={"Software": None})
    fig.savefig(out["svg"], bbox_inches="tight", metadata={"Date": None, "Creator": None})
    write_csv(data, out["csv"])  # atomic, spreadsheet formulas neutralised
    meta = {
        "name": name,
        "title": title or (fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""),
        "caption": caption,
        "source": source,
        "notebook": notebook or _caller_notebook(),
        "made_by": made_by or fig.get_label() or _calling_function(),
        "simulated": simulated,
        "files": {ext: p.name for ext, p in out.items()},
    }
    if skipped:
        meta["skipped"] = skipped
    atomic_write(out["json"], json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    return out


def _calling_function() -> str:
    frame = inspect.stack()[2]
    module = inspect.getmodule(frame.frame)
    return f"{module.__name__ if module else '?'}.{frame.function}"


def figure_function(func):
    """Decorator for figure functions: labels the returned figure with the function's
    dotted name, so :func:`save_figure` and the report index can say who drew it."""

    @functools.wraps(func)
    def inner(*args, **kwargs):
        fig = func(*args, **kwargs)
        fig.set_label(f"{func.__module__}.{func.__qualname__}")
        return fig

    return inner


@figure_function
def not_enough_data_figure(what: str, reason: str):
    """A panel that says an analysis was not run, and why (drawn instead of a crash)."""
    import textwrap

    fig, ax = new_figure(1, 1, width=7.0, height=2.2)
    ax.axis("off")
    ax.text(0.5, 0.62, f"{what}: not enough data", ha="center", va="center", fontsize=13,
            fontweight="bold", color="#555555", transform=ax.transAxes)
    ax.text(0.5, 0.3, textwrap.fill(reason, 80), ha="center", va="center", fontsize=10,
            color="#555555", transform=ax.transAxes)
    return fig
