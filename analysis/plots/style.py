"""House style and figure output, shared by every figure module of :mod:`analysis.plots`.

One colour per operator, per language and per sentiment, used by every chart. A figure
function is decorated with :func:`figure_function` and returns ``(Figure, data)``:
the figure and exactly the table it drew. :func:`save_figure` takes that pair and writes ``figures/NAME.png`` (200 dpi), ``NAME.svg``, ``NAME.csv``
(exactly the data drawn) and ``NAME.json`` (caption, source, notebook, function) that
the report index is built from. It stamps a source line and the generation date on the
figure, and a SIMULATED banner on figures drawn from simulated data.

Arabic labels need nothing special: matplotlib ≥ 3.11 shapes Arabic and lays it out
right-to-left itself (arabic-reshaper/python-bidi would now reverse it).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import textwrap
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
#: Colours for pages a campaign file does not colour (Okabe-Ito, after the operators').
SPARE_COLOURS = ("#009E73", "#D55E00", "#56B4E9", "#F0E442", "#000000")
#: Times on every chart are Moroccan local time.
LOCAL_TZ = "Africa/Casablanca"
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


#: What a figure function returns: the figure and exactly the data drawn.
Drawn = tuple[Figure, pd.DataFrame]


def figure_function(func):
    """Decorator of every figure function: it must return ``(Figure, data)``.

    The figure is labelled with the function's dotted name, which :func:`save_figure`
    records as ``made_by`` (the report index shows it); ``data`` must be a DataFrame,
    the table :func:`save_figure` writes as the figure's CSV.
    """

    @functools.wraps(func)
    def inner(*args, **kwargs) -> Drawn:
        result = func(*args, **kwargs)
        if not (isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], Figure)
                and isinstance(result[1], pd.DataFrame)):
            raise TypeError(f"{func.__qualname__} must return (Figure, DataFrame of the data drawn)")
        fig, data = result
        fig.set_label(f"{func.__module__}.{func.__qualname__}")
        return fig, data

    return inner


def save_figure(
    drawn: Drawn,
    name: str,
    source: str,
    caption: str,
    *,
    title: str | None = None,
    notebook: str | None = None,
    simulated: bool = False,
    folder: Path | None = None,
    skipped: str | None = None,
) -> dict[str, Path]:
    """Write ``NAME.png``, ``NAME.svg``, ``NAME.csv`` and ``NAME.json``; return their paths.

    Parameters
    ----------
    drawn : ``(Figure, data)`` as a :func:`figure_function` returns it; ``data`` is
        written as the CSV, with no index, so journalists can redraw the chart.
    name : file stem, e.g. ``"timeline"``.
    source : the source line stamped on the figure (e.g. "data/reference, 48 press reports").
    caption : one or two sentences for the figure index.
    title : optional headline set as the figure's title; say the finding, not the method.
    notebook : notebook that made the figure (defaults to the one the report runs).
    simulated : stamps a SIMULATED banner and watermark, and adds ``_SIMULATED`` to the
        file names when ``name`` lacks it; the index flags it too. Use it for every figure
        drawn from simulated or project-written demo data.
    skipped : the reason the analysis behind the figure was not run (the figure is then a
        "not enough data" panel from :func:`not_enough_data_figure`); the index says so.
    """
    fig, data = drawn
    made_by = fig.get_label()
    if not made_by:
        raise ValueError(f"{name}: the figure was not drawn by a @figure_function, so nothing "
                         "says which function made it")
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
        "made_by": made_by,
        "simulated": simulated,
        "files": {ext: p.name for ext, p in out.items()},
    }
    if skipped:
        meta["skipped"] = skipped
    atomic_write(out["json"], json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    return out


def page_colour(page: str, colours: dict | None = None) -> str:
    """A page's colour: the campaign file's, an operator's, or a spare one."""
    colours = {**COLORS_OPERATOR, **(colours or {})}
    return colours.get(page) or SPARE_COLOURS[sum(map(ord, page)) % len(SPARE_COLOURS)]


def page_name(page: str, names: dict | None = None) -> str:
    """A page's display name: the campaign file's, an operator's, or its id."""
    return {**OPERATOR_NAMES, **(names or {})}.get(page, page)


def local_times(index) -> pd.DatetimeIndex:
    """UTC times as Moroccan local time, for the x axis."""
    return pd.DatetimeIndex(index).tz_convert(LOCAL_TZ)


def date_axis(ax, span: pd.Timedelta) -> None:
    """Day ticks for spans up to ten days, month ticks beyond (local time)."""
    import matplotlib.dates as mdates

    if span <= pd.Timedelta(days=10):
        ax.xaxis.set_major_locator(mdates.DayLocator(tz=LOCAL_TZ))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%a %d %b", tz=LOCAL_TZ))
    else:
        ax.xaxis.set_major_locator(mdates.MonthLocator(tz=LOCAL_TZ))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b", tz=LOCAL_TZ))


@figure_function
def not_enough_data_figure(what: str, reason: str):
    """A panel that says an analysis was not run, and why (drawn instead of a crash).

    Its data is the one row it shows: the analysis and the reason.
    """
    fig, ax = new_figure(1, 1, width=7.0, height=2.2)
    ax.axis("off")
    ax.text(0.5, 0.62, f"{what}: not enough data", ha="center", va="center", fontsize=13,
            fontweight="bold", color="#555555", transform=ax.transAxes)
    ax.text(0.5, 0.3, textwrap.fill(reason, 80), ha="center", va="center", fontsize=10,
            color="#555555", transform=ax.transAxes)
    return fig, pd.DataFrame({"analysis": [what], "not_run_because": [reason]})
