"""What a graphics desk checks before it publishes a chart, as functions any test can call.

Each check takes a drawn figure (after :func:`analysis.plots.style.decorate`, so the
headline, source line and banner are there) and returns a list of problems in words,
empty when the figure passes:

* :func:`text_overlaps`: no two pieces of text (titles, labels, tick labels,
  annotations, legend entries, footer) touch;
* :func:`canvas_waste`: the drawn content fills at least 90 % of the saved width
  (a long footer wraps instead of widening the canvas);
* :func:`legend_covers`: a legend inside a plot covers no plotted point or bar;
* :func:`axis_words`: every axis says what it shows (a label, words as ticks, or
  dates with their year) and no axis uses a log scale the house style does not allow.

:func:`problems` runs them all; :func:`analysis.plots.save_figure` records the result
in the figure's JSON, and ``tests/unit/test_figure_checks.py`` runs them on every figure
in every language.
"""

from __future__ import annotations

import itertools
import re

import matplotlib.dates as mdates
import numpy as np
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

#: Share of the saved canvas width the drawn content must fill.
MIN_CONTENT_WIDTH = 0.90
#: Log scales the house style allows (figure label prefix → axes); none today.
LOG_SCALES_ALLOWED: tuple[str, ...] = ()
#: Texts meant to sit under or over other artists (the SIMULATED watermark).
_LAYERED = {"watermark"}
_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
_LETTER = re.compile(r"[^\W\d_]")


def _renderer(fig: Figure, redraw: bool = True):
    if redraw:
        fig.canvas.draw()
    return fig.canvas.get_renderer()


def _drawn_tick_labels(axis) -> list[Text]:
    """Tick labels matplotlib draws: ticks inside the view, visible, with text."""
    lo, hi = sorted(axis.get_view_interval())
    span = (hi - lo) or 1.0
    out = []
    for locs, ticks in ((axis.get_majorticklocs(), None), (axis.get_minorticklocs(), "minor")):
        ticks = axis.get_minor_ticks(len(locs)) if ticks else axis.get_major_ticks(len(locs))
        for loc, tick in zip(locs, ticks):
            if not (lo - 1e-9 * span <= loc <= hi + 1e-9 * span):
                continue
            for label in (tick.label1, tick.label2):
                if label.get_visible() and label.get_text().strip():
                    out.append(label)
    return out


def visible_texts(fig: Figure) -> list[Text]:
    """Every piece of text drawn on ``fig`` except the watermark."""
    texts = []
    tick_labels = set()
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for axis in (ax.xaxis, ax.yaxis):
            if ax.axison:
                drawn = _drawn_tick_labels(axis)
                texts += drawn
            tick_labels.update(id(t) for t in axis.get_ticklabels(which="both")
                               + [tk.label2 for tk in axis.get_major_ticks()])
    for text in fig.findobj(Text):
        if id(text) in tick_labels or not text.get_visible() or not text.get_text().strip():
            continue
        if text.get_gid() in _LAYERED:
            continue
        ax = text.axes
        if ax is not None and (not ax.get_visible() or not ax.axison
                               and text in (ax.xaxis.label, ax.yaxis.label)):
            continue  # an axes turned off draws no axis labels
        texts.append(text)
    return texts


def text_overlaps(fig: Figure, tolerance: float = 0.5, redraw: bool = True) -> list[str]:
    """Pairs of texts whose boxes intersect (by more than ``tolerance`` pixels)."""
    renderer = _renderer(fig, redraw)
    boxes = []
    for text in visible_texts(fig):
        box = text.get_window_extent(renderer)
        if box.width > 0 and box.height > 0:
            boxes.append((text, box.expanded(1, 1).padded(-tolerance)))
    found = []
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        if box_a.overlaps(box_b):
            found.append(f"text {a.get_text()!r} overlaps {b.get_text()!r}")
    return found


def _content_bbox(fig: Figure, renderer) -> Bbox | None:
    boxes = [ax.get_tightbbox(renderer) for ax in fig.axes if ax.get_visible()]
    boxes += [leg.get_window_extent(renderer) for leg in fig.legends]
    boxes = [b for b in boxes if b is not None and b.width > 0]
    return Bbox.union(boxes) if boxes else None


def canvas_waste(fig: Figure, minimum: float = MIN_CONTENT_WIDTH, redraw: bool = True) -> list[str]:
    """Whether the plots, their labels and legends fill ``minimum`` of the saved width
    (the saved canvas is the tight box around everything, footer and headline included)."""
    renderer = _renderer(fig, redraw)
    saved = fig.get_tightbbox(renderer)
    content = _content_bbox(fig, renderer)
    if content is None or saved.width <= 0:
        return []
    share = content.width / (saved.width * fig.dpi)  # tightbbox is in inches
    if share < minimum:
        return [f"drawn content fills {share:.0%} of the canvas width (needs {minimum:.0%})"]
    return []


def _data_points(ax) -> np.ndarray:
    """Display coordinates of every plotted point: line vertices and scatter offsets."""
    points = []
    for line in ax.get_lines():
        if not line.get_visible() or not line.get_transform().contains_branch(ax.transData):
            continue  # reference lines (axhline, axvline) span the axes: not data points
        xy = line.get_xydata()
        if len(xy):
            points.append(ax.transData.transform(_as_float(xy)))
    for coll in ax.collections:
        if isinstance(coll, PathCollection) and coll.get_visible():
            offsets = coll.get_offsets()
            if len(offsets):
                points.append(coll.get_offset_transform().transform(_as_float(offsets)))
    return np.concatenate(points) if points else np.empty((0, 2))


def _as_float(xy) -> np.ndarray:
    arr = np.ma.filled(np.ma.asarray(xy, dtype=float), np.nan)
    return arr[np.isfinite(arr).all(axis=1)]


def _bars(ax, renderer) -> list[Bbox]:
    return [p.get_window_extent(renderer) for p in ax.patches
            if isinstance(p, Rectangle) and p.get_visible() and p.get_transform().contains_branch(ax.transData)
            and p.get_width() and p.get_height()]


def legend_covers(fig: Figure, redraw: bool = True) -> list[str]:
    """Legends drawn over the plotting area that hide a point, a line vertex or a bar."""
    renderer = _renderer(fig, redraw)
    found = []
    for ax in fig.axes:
        legend = ax.get_legend()
        if not isinstance(legend, Legend) or not legend.get_visible():
            continue
        box = legend.get_window_extent(renderer)
        if not box.overlaps(ax.get_window_extent(renderer)):
            continue  # drawn beside the plot
        points = _data_points(ax)
        inside = ((points[:, 0] >= box.x0) & (points[:, 0] <= box.x1)
                  & (points[:, 1] >= box.y0) & (points[:, 1] <= box.y1)) if len(points) else []
        if np.any(inside):
            found.append(f"legend of {_name(ax)} covers {int(np.sum(inside))} plotted point(s)")
        bars = [b for b in _bars(ax, renderer) if b.overlaps(box)]
        if bars:
            found.append(f"legend of {_name(ax)} covers {len(bars)} bar(s)")
    return found


def _name(ax) -> str:
    return repr(ax.get_title() or ax.get_ylabel() or "a panel")


def _is_date_axis(axis) -> bool:
    return isinstance(axis.get_major_locator(), mdates.DateLocator)


def axis_words(fig: Figure, allowed_log: tuple[str, ...] = LOG_SCALES_ALLOWED,
               redraw: bool = True) -> list[str]:
    """Axes that do not say what they show, and log scales outside the house style."""
    _renderer(fig, redraw)
    found = []
    for ax in fig.axes:
        if not ax.get_visible() or not ax.axison:
            continue
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            if axis.get_scale() != "linear" and not any(fig.get_label().startswith(p) for p in allowed_log):
                found.append(f"{name} axis of {_name(ax)} uses a {axis.get_scale()} scale")
            labels = [t.get_text() for t in _drawn_tick_labels(axis)]
            if not labels:
                continue  # no ticks drawn: a shared axis labelled on another panel, or an image
            title = axis.label.get_text().strip()
            if _is_date_axis(axis):
                if not (_YEAR.search(" ".join(labels)) or _YEAR.search(title)):
                    found.append(f"{name} axis of {_name(ax)} shows dates without their year")
                continue
            words = all(_LETTER.search(t) for t in labels)
            if not title and not words:
                found.append(f"{name} axis of {_name(ax)} has numbers but no label saying what they are")
    return found


def problems(fig: Figure, redraw: bool = True) -> list[str]:
    """Every check's problems (an empty list: the figure can be published). ``redraw=False``
    when the figure was just drawn in its final layout."""
    if redraw:
        fig.canvas.draw()  # once: the checks only read the layout
    return (text_overlaps(fig, redraw=False) + canvas_waste(fig, redraw=False)
            + legend_covers(fig, redraw=False) + axis_words(fig, redraw=False))
