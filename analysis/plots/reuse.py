"""What a newsroom reuses of a figure: the series as drawn, a wide table, and alt text.

:func:`extract` reads a finished matplotlib figure back into plain series (lines, points,
bars, shaded spans, heat maps) in data units, with dates as local times and categories
as the words on the axis. The interactive version (:mod:`analysis.plots.interactive`),
the Datawrapper-ready table (:func:`wide_table`) and the alt text (:func:`alt_text`) are
all made from it, so they show exactly what the picture shows, in the same language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import matplotlib.colors as mcolors
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.collections import PathCollection
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation

from analysis import i18n

LOCAL_TZ = "Africa/Casablanca"


@dataclass
class Series:
    """One thing drawn on a panel, in data units (dates as local ``Timestamp``)."""

    panel: int
    kind: str  # "line", "points", "bar", "span_x", "span_y", "heatmap"
    label: str
    x: list
    y: list
    colour: str = "#333333"
    base: list | None = None
    width: list | None = None
    orientation: str = "v"
    hollow: bool = False
    z: list | None = None
    opacity: float = 1.0


@dataclass
class Panel:
    """One matplotlib axes: its words, scales and category ticks."""

    row: int
    col: int
    title: str = ""
    xlabel: str = ""
    ylabel: str = ""
    x_dates: bool = False
    x_ticks: tuple[list, list] | None = None  # category positions and their words
    y_ticks: tuple[list, list] | None = None
    xlim: tuple | None = None
    ylim: tuple | None = None
    notes: list = field(default_factory=list)  # (x, y, text) annotations in data units


@dataclass
class Drawing:
    rows: int
    cols: int
    panels: list[Panel]
    series: list[Series]


def _hex(colour) -> str:
    try:
        return mcolors.to_hex(colour)
    except (ValueError, TypeError):
        arr = np.asarray(colour)
        return mcolors.to_hex(arr[0]) if arr.ndim == 2 and len(arr) else "#333333"


def _is_dates(axis) -> bool:
    return isinstance(axis.get_major_locator(), mdates.DateLocator)


def _to_x(values, dates: bool) -> list:
    values = np.asarray(values, dtype=float)
    if not dates:
        return [None if not np.isfinite(v) else float(v) for v in values]
    tz = ZoneInfo(LOCAL_TZ)
    return [None if not np.isfinite(v) else pd.Timestamp(mdates.num2date(v, tz=tz)) for v in values]


def _to_y(values) -> list:
    values = np.ma.filled(np.ma.asarray(values, dtype=float), np.nan)
    return [None if not np.isfinite(v) else float(v) for v in values]


def _category_ticks(axis) -> tuple[list, list] | None:
    """Tick positions and words when the axis shows categories (words, not numbers)."""
    labels = [t.get_text() for t in axis.get_ticklabels()]
    locs = list(axis.get_ticklocs())
    if labels and any(any(c.isalpha() for c in t) for t in labels) and not _is_dates(axis):
        return [float(v) for v in locs], labels
    return None


def _legend_names(ax, fig) -> dict:
    """Colour (and marker) → the legend's word for it, for artists drawn without a label."""
    names = {}
    legends = [ax.get_legend()] + list(fig.legends)
    for legend in legends:
        if legend is None:
            continue
        for handle, text in zip(legend.legend_handles, legend.get_texts()):
            if isinstance(handle, Line2D):
                names.setdefault(_hex(handle.get_color()), text.get_text())
            elif hasattr(handle, "get_facecolor"):
                names.setdefault(_hex(handle.get_facecolor()), text.get_text())
    return names


def _label(artist, names, colour) -> str:
    label = artist.get_label() or ""
    if label.startswith("_"):
        label = names.get(colour, "")
    return label


def extract(fig: Figure, redraw: bool = True) -> Drawing:
    """The series, spans and words of every panel of ``fig`` (``redraw=False`` when it was
    just drawn in its final layout)."""
    if redraw:
        fig.canvas.draw()  # tick labels and legend texts exist only once drawn
    panels, series = [], []
    rows = cols = 1
    for index, ax in enumerate(fig.axes):
        spec = ax.get_subplotspec()
        if spec is not None:
            grid = spec.get_gridspec()
            rows, cols = grid.nrows, grid.ncols
            row, col = spec.rowspan.start, spec.colspan.start
        else:
            row, col = index, 0
        if not ax.axison:
            panels.append(Panel(row, col, notes=[(None, None, t.get_text()) for t in ax.texts
                                                 if t.get_text().strip()]))
            continue
        x_dates = _is_dates(ax.xaxis)
        names = _legend_names(ax, fig)
        panel = Panel(row, col, ax.get_title() or ax.get_title("right") or ax.get_title("left"),
                      ax.get_xlabel(), ax.get_ylabel(), x_dates,
                      _category_ticks(ax.xaxis), _category_ticks(ax.yaxis),
                      tuple(_to_x(ax.get_xlim(), x_dates)), tuple(float(v) for v in ax.get_ylim()))
        panels.append(panel)
        _lines(ax, index, names, x_dates, series)
        _points(ax, index, names, x_dates, series)
        _bars(ax, index, x_dates, series)
        _spans(ax, index, names, x_dates, series)
        for image in ax.images:
            z = np.ma.filled(np.ma.asarray(image.get_array(), dtype=float), np.nan)
            series.append(Series(index, "heatmap", "", [], [], z=z.tolist()))
        for text in ax.texts:
            if isinstance(text, Annotation) and text.xycoords == "data" and text.get_text().strip():
                x, y = text.xy
                panel.notes.append((_to_x([_num(x)], x_dates)[0], float(y), text.get_text()))
    return Drawing(rows, cols, panels, series)


def _num(x) -> float:
    if isinstance(x, (pd.Timestamp, np.datetime64)) or hasattr(x, "year"):
        return float(mdates.date2num(x))
    return float(x)


def _lines(ax, index, names, x_dates, out):
    groups: dict = {}
    for line in ax.get_lines():
        if not line.get_visible() or not line.get_transform().contains_branch(ax.transData):
            continue
        xy = line.get_xydata()
        if not len(xy):
            continue
        colour = _hex(line.get_color())
        marker = line.get_marker() not in (None, "None", "", " ")
        kind = "points" if marker and line.get_linestyle() in ("None", "", " ") else "line"
        label = _label(line, names, colour)
        hollow = _hex(line.get_markerfacecolor()) == "#ffffff" if marker else False
        key = (label, colour, kind, hollow)
        group = groups.setdefault(key, Series(index, kind, label, [], [], colour, hollow=hollow))
        if group.x and kind == "line":
            group.x.append(None)
            group.y.append(None)  # a gap between two separate lines of one series
        group.x += _to_x(xy[:, 0], x_dates)
        group.y += _to_y(xy[:, 1])
    out += groups.values()


def _points(ax, index, names, x_dates, out):
    """Scatter points, one series per colour: a colour per event type becomes one named
    series each, as the legend names them."""
    for coll in ax.collections:
        if not isinstance(coll, PathCollection) or not len(coll.get_offsets()):
            continue
        offsets = np.ma.filled(np.ma.asarray(coll.get_offsets(), dtype=float), np.nan)
        faces = coll.get_facecolors()
        edges = coll.get_edgecolors()
        hollow = len(faces) > 0 and all(_hex(f) == "#ffffff" for f in faces)
        paint = edges if hollow and len(edges) else faces
        colours = [_hex(paint[i % len(paint)]) if len(paint) else "#333333" for i in range(len(offsets))]
        for colour in dict.fromkeys(colours):
            rows = [i for i, c in enumerate(colours) if c == colour]
            label = _label(coll, names, colour) if len(set(colours)) == 1 else names.get(colour, "")
            out.append(Series(index, "points", label, _to_x(offsets[rows, 0], x_dates),
                              _to_y(offsets[rows, 1]), colour, hollow=hollow))


def _bars(ax, index, x_dates, out):
    for container in ax.containers:
        if not isinstance(container, BarContainer) or not len(container.patches):
            continue
        rects = container.patches
        horizontal = container.orientation == "horizontal"
        label = container.get_label() or ""
        if label.startswith("_"):
            label = ""
        colour = _hex(rects[0].get_facecolor())
        if horizontal:
            y = [r.get_y() + r.get_height() / 2 for r in rects]
            out.append(Series(index, "bar", label, [r.get_width() for r in rects], y, colour,
                              base=[r.get_x() for r in rects], width=[r.get_height() for r in rects],
                              orientation="h"))
        else:
            # a time bin is named by its start (the bars are drawn from it); a category by its centre
            x = [r.get_x() + (0 if x_dates else r.get_width() / 2) for r in rects]
            width = [r.get_width() for r in rects]
            if x_dates:
                width = [w * 86_400_000 for w in width]  # plotly wants milliseconds on a date axis
            out.append(Series(index, "bar", label, _to_x(x, x_dates), [r.get_height() for r in rects],
                              colour, base=[r.get_y() for r in rects], width=width))


def _spans(ax, index, names, x_dates, out):
    for patch in ax.patches:
        if not isinstance(patch, Rectangle) or patch.get_transform().contains_branch(ax.transData):
            continue
        colour = _hex(patch.get_facecolor())
        label = _label(patch, names, colour)
        opacity = patch.get_alpha() if patch.get_alpha() is not None else 1.0
        if patch.get_transform().contains_branch(ax.get_xaxis_transform()):  # axvspan
            x0 = patch.get_x()
            out.append(Series(index, "span_x", label, _to_x([_num(x0), _num(x0) + patch.get_width()], x_dates),
                              [], colour, opacity=opacity))
        elif patch.get_transform().contains_branch(ax.get_yaxis_transform()):  # axhspan
            y0 = patch.get_y()
            out.append(Series(index, "span_y", label, [], [y0, y0 + patch.get_height()], colour,
                              opacity=opacity))


# --------------------------------------------------------------------------- wide table
def category_word(value, ticks) -> str | float | None:
    """The tick word nearest to ``value`` on a category axis (``ticks`` = (locations,
    words)), or ``value`` itself when no tick is within half a step."""
    if value is None or ticks is None:
        return value
    locs, words = ticks
    i = int(np.argmin([abs(value - loc) for loc in locs])) if locs else None
    return words[i] if i is not None and abs(value - locs[i]) < 0.5 else value


def _iso(value) -> str:
    stamp = pd.Timestamp(value)
    if stamp.hour == stamp.minute == stamp.second == 0:
        return stamp.strftime("%Y-%m-%d")
    return stamp.isoformat()


def wide_table(drawing: Drawing) -> pd.DataFrame:
    """Datawrapper-ready: one row per x value (ISO dates, category words), one column per
    series named as the legend names it (panel title first when there are several
    panels); shaded spans and heat maps are left out, ids never appear."""
    columns = {}
    several = len([p for p in drawing.panels if p.title or p.ylabel or p.xlabel]) > 1
    drawn = [s for s in drawing.series if s.kind in ("line", "points", "bar", "heatmap")]
    if not drawn:
        return pd.DataFrame({"note": ["this figure draws no series (see the caption)"]})
    # one table, one kind of row key: the panels whose x is of the first series' kind
    # (a chart mixing a time panel and a category panel ships the first; the full CSV has all)
    first_panel = drawing.panels[drawn[0].panel]
    shape = (first_panel.x_dates, drawn[0].orientation)
    for s in drawn:
        panel = drawing.panels[s.panel]
        if s.kind == "heatmap":
            return _heatmap_table(s, panel)
        if (panel.x_dates, s.orientation) != shape:
            continue
        if s.orientation == "h":
            keys = [category_word(v, panel.y_ticks) for v in s.y]
            values = s.x
        else:
            keys = [category_word(v, panel.x_ticks) for v in s.x]
            values = [category_word(v, panel.y_ticks) for v in s.y] if panel.y_ticks else s.y
        if panel.x_dates and s.orientation != "h":
            keys = [None if k is None else _iso(k) for k in keys]
        name = s.label or (panel.xlabel if s.orientation == "h" else panel.ylabel).replace("\n", " ") or "value"
        if several:
            name = f"{(panel.title or panel.ylabel).replace(chr(10), ' ')}: {name}"
        while name in columns:
            name += " (2)"
        pairs = [(k, v) for k, v in zip(keys, values) if k is not None]
        if not pairs:
            continue
        col = pd.Series([v for _, v in pairs], index=[k for k, _ in pairs],
                        dtype=object if panel.y_ticks and s.orientation != "h" else float)
        columns[name] = col.groupby(level=0, sort=False).first()
    if not columns:  # every series empty (a window with no data): nothing to redraw
        return pd.DataFrame({"note": ["this figure draws no series (see the caption)"]})
    table = pd.concat(columns, axis=1, sort=False)
    same = [p for p in drawing.panels if p.x_dates == shape[0] and (p.xlabel or p.ylabel)]
    key = next((p.ylabel if shape[1] == "h" else p.xlabel for p in same
                if (p.ylabel if shape[1] == "h" else p.xlabel)), "") or ("date" if shape[0] else "category")
    table = table.apply(lambda c: c.round(6) if c.dtype.kind == "f" else c)
    if all(isinstance(k, str) and k[:4].isdigit() for k in table.index):
        table = table.sort_index()  # ISO dates sort as text
    return table.rename_axis(key.replace("\n", " ")).reset_index()


def _heatmap_table(s: Series, panel: Panel) -> pd.DataFrame:
    rows = panel.y_ticks[1] if panel.y_ticks else list(range(len(s.z)))
    cols = panel.x_ticks[1] if panel.x_ticks else list(range(len(s.z[0])))
    table = pd.DataFrame(s.z, columns=cols[: len(s.z[0])])
    table.insert(0, panel.ylabel or "row", rows[: len(s.z)])
    return table


# --------------------------------------------------------------------------- alt text
def alt_text(drawing: Drawing, title: str, lang: str = "en", most: int = 4) -> str:
    """A sentence or few for screen readers: the headline, then the key numbers of the
    largest series (highest and lowest value and where), written in ``lang``."""
    title = " ".join((title or "").split())
    parts = [title.rstrip(".") + "." if title else ""]
    table = wide_table(drawing)
    if "note" in table.columns and len(table.columns) == 1:
        notes = [n for p in drawing.panels for _, _, n in p.notes]
        return " ".join(parts + [" ".join(" ".join(n.split()) for n in notes)]).strip()
    key = table.columns[0]
    values = table.columns[1:]
    parts.append(i18n.t("reuse.alt_summary", lang, n=i18n.number_text(len(values), lang),
                        rows=i18n.number_text(len(table), lang), key=key))
    ranked = sorted(values, key=lambda c: -table[c].notna().sum())[:most]
    for col in ranked:
        column = pd.to_numeric(table[col], errors="coerce")
        if column.notna().sum() == 0:
            continue
        hi, lo = column.idxmax(), column.idxmin()
        parts.append(i18n.t("reuse.alt_series", lang, label=col,
                            high=_number(column[hi], lang), high_at=_where(table[key][hi], lang),
                            low=_number(column[lo], lang), low_at=_where(table[key][lo], lang)))
    return " ".join(p for p in parts if p)


def _number(value: float, lang: str) -> str:
    decimals = 0 if abs(value) >= 10 or float(value).is_integer() else 2
    return i18n.number_text(value, lang, decimals)


def _where(key, lang: str) -> str:
    if isinstance(key, str) and len(key) >= 10 and key[:4].isdigit() and key[4] == "-":
        stamp = pd.Timestamp(key)
        day = i18n.date_text(stamp, lang)
        return day if len(key) == 10 else f"{day} {stamp:%H:%M}"
    if isinstance(key, float):
        return _number(key, lang)
    return str(key)
