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
import warnings
from pathlib import Path
from zoneinfo import ZoneInfo

import matplotlib

matplotlib.use("Agg")  # headless: notebooks under papermill and CI have no display

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker as mticker  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analysis import __version__, i18n, paths  # noqa: E402
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
    "statement": "#01665E",  # not grey: grey means "not significant" and placebo bands
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
    "axes.axisbelow": True,  # gridlines behind bars and points, never over them
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


def _stamp(fig: Figure, source: str, simulated: bool, lang: str = "en") -> list:
    """The source line, the date, and (simulated data) the banner and watermark; the texts
    that must wrap to the figure's width are returned."""
    today = os.environ.get("OPEUNLIKE_STAMP_DATE") or dt.date.today().isoformat()
    x, ha = _text_anchor(lang)
    made = i18n.t("figures.common.made_with", lang, version=__version__,
                  date=i18n.date_text(today, lang))
    footer = fig.text(x, -0.01, i18n.t("figures.common.source", lang, source=source) + "\n" + made,
                      ha=ha, va="top", fontsize=7.5, color="#555555", transform=fig.transFigure)
    footer.set_gid("footer")
    if simulated:
        banner = fig.text(0.5, 1.0, i18n.t("figures.common.simulated_banner", lang), ha="center",
                          va="bottom", fontsize=11, fontweight="bold", color="#B2182B",
                          transform=fig.transFigure)
        banner.set_gid("banner")
        for ax in fig.axes:
            if not ax.axison:
                continue
            mark = ax.text(0.5, 0.5, "SIMULATED", transform=ax.transAxes, ha="center", va="center",
                           fontsize=28, color="#B2182B", alpha=0.12, rotation=20, zorder=0)
            mark.set_gid("watermark")  # meant to sit under the data: the text checks skip it
    return [footer]


def _text_anchor(lang: str) -> tuple[float, str]:
    """Where headlines and footers start: the left edge, or the right one in Arabic."""
    return (1.0, "right") if i18n.is_rtl(lang) else (0.0, "left")


def wrap_to_width(fig: Figure, texts, width_fraction: float = 0.98) -> None:
    """Re-wrap each text artist so it is no wider than the figure: a long source line or
    headline wraps instead of widening the saved canvas."""
    renderer = fig.canvas.get_renderer()
    limit = fig.bbox.width * width_fraction
    for text in texts:
        paragraphs = text.get_text().split("\n")
        longest = max(len(p) for p in paragraphs)
        width = longest
        while width > 12:
            text.set_text("\n".join(textwrap.fill(p, width) if p else p for p in paragraphs))
            measured = text.get_window_extent(renderer).width
            if measured <= limit:
                break
            width = max(12, min(width - 1, int(width * limit / measured)))


#: gid of labels a figure can do without (event names): dropped when they would touch text.
OPTIONAL_LABEL = "optional-label"


def drop_colliding_labels(fig: Figure) -> list[str]:
    """Remove each optional label that touches another text in the final layout (those
    placed first win); return the texts removed. The data behind them stay in the CSV."""
    from analysis.plots.checks import visible_texts

    renderer = fig.canvas.get_renderer()
    dropped = []
    for text in [t for t in visible_texts(fig) if t.get_gid() == OPTIONAL_LABEL]:
        box = text.get_window_extent(renderer)
        others = [o for o in visible_texts(fig) if o is not text]
        if any(box.overlaps(o.get_window_extent(renderer)) for o in others):
            dropped.append(text.get_text())
            text.remove()
    return dropped


def decorate(fig: Figure, source: str, *, title: str | None = None, simulated: bool = False,
             lang: str = "en") -> Figure:
    """Headline, source line, date and SIMULATED marks, numbers written for ``lang``, and
    every long text wrapped to the figure's width. :func:`save_figure` calls it; the
    checks of :mod:`analysis.plots.checks` look at the figure after it."""
    i18n.check_lang(lang)
    localise_numbers(fig, lang)
    wrapped = _stamp(fig, source, simulated, lang)
    if title:
        x, ha = _text_anchor(lang)
        wrapped.append(fig.suptitle(title, x=x, ha=ha, fontsize=13, fontweight="bold"))
    fig.canvas.draw()  # lay out first: the width to wrap to is the drawn figure's
    wrap_to_width(fig, wrapped)
    fig.canvas.draw()
    if drop_colliding_labels(fig):
        fig.canvas.draw()  # the layout without them, which the checks and the files see
    return fig


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
    lang: str = "en",
) -> dict[str, Path]:
    """Write ``NAME.png``, ``NAME.svg``, ``NAME.csv`` (the data drawn), ``NAME.html`` (the
    interactive version), ``NAME.datawrapper.csv`` (wide, for redrawing) and ``NAME.json``
    (caption, alt text, sources, checks); return their paths. Other editions than English
    carry the language in the name: ``timeline.fr.png``.

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
    lang : the edition (``en``, ``fr`` or ``ar``) of the stamps and number formats; the
        figure function must have drawn its own words in the same language.
    """
    fig, data = drawn
    made_by = fig.get_label()
    if not made_by:
        raise ValueError(f"{name}: the figure was not drawn by a @figure_function, so nothing "
                         "says which function made it")
    folder = paths.ensure(Path(folder) if folder else paths.figures_dir())
    if simulated and "SIMULATED" not in name:
        name = f"{name}_SIMULATED"  # the file name must say it too, not only the picture
    stem = name + i18n.file_suffix(lang)
    decorate(fig, source, title=title, simulated=simulated, lang=lang)
    from analysis.plots import checks, interactive, reuse

    # decorate() left the figure drawn in its final layout: the checks and the extraction
    # only read it (two draws fewer per figure)
    problems = checks.problems(fig, redraw=False)
    for problem in problems:
        warnings.warn(f"{stem}: {problem}", stacklevel=2)
    drawing = reuse.extract(fig, redraw=False)
    out = {ext: folder / f"{stem}.{ext}" for ext in ("png", "svg", "csv", "json")}
    out["html"] = folder / f"{stem}.html"
    out["datawrapper"] = folder / f"{stem}.datawrapper.csv"
    # No timestamps in file metadata, so reruns only differ where the data differ.
    fig.savefig(out["png"], bbox_inches="tight", metadata={"Software": None})
    fig.savefig(out["svg"], bbox_inches="tight", metadata={"Date": None, "Creator": None})
    write_csv(data, out["csv"])  # atomic, spreadsheet formulas neutralised
    write_csv(reuse.wide_table(drawing), out["datawrapper"])
    shown_title = title or (fig.get_suptitle() if hasattr(fig, "get_suptitle") else "")
    interactive.write_html(drawing, out["html"], title=shown_title, source=source,
                           simulated=simulated, lang=lang)
    meta = {
        "name": name,
        "lang": lang,
        "title": shown_title,
        "caption": caption,
        "alt": reuse.alt_text(drawing, shown_title, lang),
        "source": source,
        "notebook": notebook or _caller_notebook(),
        "made_by": made_by,
        "simulated": simulated,
        "problems": problems,
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


def page_name(page: str, names: dict | None = None, lang: str = "en") -> str:
    """A page's display name: the campaign file's, an operator's in ``lang``, or its id."""
    known = {p: i18n.t(f"names.page.{p}", lang) for p in COLORS_OPERATOR}
    return {**known, **(names or {})}.get(page, page)


def lang_name(code: str, lang: str = "en") -> str:
    """A language label (``ary_latn``) as readers say it, in the edition's language."""
    return i18n.t(f"names.lang.{code}", lang)


def legend_below(ax, handles=None, labels=None, **kw):
    """A legend under the panel, below its tick labels and axis label: a key the data never
    hide behind. Its place is set in inches from the axes, so it stays put whatever the
    resolution the figure is saved at (constrained layout makes room for it)."""
    from matplotlib.transforms import ScaledTranslation

    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    drop = (ax.get_window_extent(renderer).y0 - ax.get_tightbbox(renderer).y0) / fig.dpi + 0.08
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    kw.setdefault("fontsize", 8)
    return ax.legend(handles, labels if labels is not None else [h.get_label() for h in handles],
                     loc="upper center", bbox_to_anchor=(0.5, 0.0),
                     bbox_transform=ax.transAxes + ScaledTranslation(0, -drop, fig.dpi_scale_trans), **kw)


def words(key: str, lang: str = "en", /, **values) -> str:
    """A figure string of the catalogue (``figures.KEY``) in ``lang``."""
    return i18n.t(f"figures.{key}", lang, **values)


def step_text(step: pd.Timedelta, lang: str = "en") -> str:
    """A bin as the axis says it: "10 min", "hour", "2 days"."""
    minutes = int(step / pd.Timedelta(minutes=1))
    if minutes % 1440 == 0:
        days = minutes // 1440
        return words("common.step_day", lang) if days == 1 else words("common.step_days", lang, n=days)
    if minutes % 60 == 0:
        hours = minutes // 60
        return words("common.step_hour", lang) if hours == 1 else words("common.step_hours", lang, n=hours)
    return words("common.step_minutes", lang, n=minutes)


def local_times(index) -> pd.DatetimeIndex:
    """UTC times as Moroccan local time, for the x axis."""
    return pd.DatetimeIndex(index).tz_convert(LOCAL_TZ)


class LocalDateFormatter(mticker.Formatter):
    """Date ticks in the edition's words (CLDR ``pattern``, local time). The first tick
    and each change of ``context`` (the year for month ticks; month and year for day
    ticks) add it on a second line, so a reader always knows which year it is and the
    ticks stay narrow ("sam. 27" over "févr. 2016")."""

    def __init__(self, lang: str = "en", pattern: str = "MMM", context: str = "y"):
        self.lang, self.pattern, self.context = lang, pattern, context

    def _dates(self, values):
        tz = ZoneInfo(LOCAL_TZ)
        return [mdates.num2date(v, tz=tz) for v in values]

    def _label(self, date, with_context: bool) -> str:
        text = i18n.date_text(date, self.lang, self.pattern)
        return f"{text}\n{i18n.date_text(date, self.lang, self.context)}" if with_context else text

    def format_ticks(self, values):
        dates = self._dates(values)
        key = lambda d: i18n.date_text(d, "en", self.context)  # noqa: E731 - what the context line says
        return [self._label(d, i == 0 or key(d) != key(dates[i - 1])) for i, d in enumerate(dates)]

    def __call__(self, x, pos=None):
        return self._label(self._dates([x])[0], True)


class LocalNumberFormatter(mticker.Formatter):
    """Numbers in the edition's signs ("100 000" in French), with the fewest decimals that
    tell the ticks apart; ``scale`` divides first and ``suffix`` follows ("k", " %")."""

    def __init__(self, lang: str = "en", scale: float = 1.0, suffix: str = ""):
        self.lang, self.scale, self.suffix = lang, scale, suffix
        self.decimals = 0

    def format_ticks(self, values):
        scaled = np.asarray(values, float) / self.scale
        self.decimals = next((d for d in range(5) if np.allclose(np.round(scaled, d), scaled,
                                                                 atol=1e-9)), 4)
        return [self(v) for v in values]

    def __call__(self, x, pos=None):
        return i18n.number_text(x / self.scale, self.lang, self.decimals) + self.suffix


def localise_numbers(fig: Figure, lang: str) -> None:
    """Give every plain linear number axis of ``fig`` the edition's number format."""
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is mticker.ScalarFormatter \
                    and axis.get_scale() == "linear":
                axis.set_major_formatter(LocalNumberFormatter(lang))


def date_axis(ax, span: pd.Timedelta, lang: str = "en") -> None:
    """Day ticks for spans up to ten days, month ticks beyond (local time, ``lang``'s words,
    the year on the first tick)."""
    if span <= pd.Timedelta(days=10):
        ax.xaxis.set_major_locator(mdates.DayLocator(tz=LOCAL_TZ))
        ax.xaxis.set_major_formatter(LocalDateFormatter(lang, "EEE d", "MMM y"))
    else:
        ax.xaxis.set_major_locator(mdates.MonthLocator(tz=LOCAL_TZ))
        ax.xaxis.set_major_formatter(LocalDateFormatter(lang, "MMM", "y"))


@figure_function
def not_enough_data_figure(what: str, reason: str, lang: str = "en"):
    """A panel that says an analysis was not run, and why (drawn instead of a crash).

    Its data is the one row it shows: the analysis and the reason.
    """
    fig, ax = new_figure(1, 1, width=7.0, height=2.2)
    ax.axis("off")
    ax.text(0.5, 0.62, words("skipped.title", lang, what=what), ha="center", va="center",
            fontsize=13, fontweight="bold", color="#555555", transform=ax.transAxes)
    ax.text(0.5, 0.3, textwrap.fill(reason, 80), ha="center", va="center", fontsize=10,
            color="#555555", transform=ax.transAxes)
    return fig, pd.DataFrame({"analysis": [what], "not_run_because": [reason]})
