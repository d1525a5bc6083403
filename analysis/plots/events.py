"""Figures of notebook 06 (policy events): the event study and the days-of-block counter.

Each function returns ``(Figure, data)``. The counter's numbers come from
:func:`analysis.reference.block_counter`; the event study's from
:mod:`analysis.correlate`.
"""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import pandas as pd

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis import i18n
from analysis.plots.style import (
    COLORS_EVENT_TYPE,
    LOCAL_TZ,
    date_axis,
    legend_below,
    figure_function,
    local_times,
    OPTIONAL_LABEL,
    new_figure,
    step_text,
    words,
)


# --------------------------------------------------------------------------- 06: event study
def event_study_data(table: pd.DataFrame) -> pd.DataFrame:
    """What :func:`event_study_figure` draws, one row per event day and metric."""
    cols = ["event_date", "event_ids", "event_types", "metric", "baseline_mean", "event_mean",
            "abnormal", "placebo_low", "placebo_high", "p_placebo", "p_adjusted", "significant"]
    out = table[cols].copy()
    out["event_date"] = pd.to_datetime(out["event_date"], utc=True).dt.strftime("%Y-%m-%dT%H:%MZ")
    return out.sort_values(["metric", "event_date"], kind="stable").reset_index(drop=True)


#: Catalogue key of each metric's axis label (``figures.events.metric.KEY``).
METRICS = ("posts", "likes_lost", "negative_share")
#: Labelled events per panel: the significant ones with the largest change.
LABELLED_PER_PANEL = 3


def event_label(row, lang: str = "en", when=None) -> str:
    """A short name for an event day: the catalogue's title of its first event when the
    team wrote one, else its local date (``when``, default the row's) and type in ``lang``."""
    first = str(row["event_ids"]).split()[0] if str(row["event_ids"]).strip() else ""
    known = i18n.catalogue(lang)
    if f"figures.timeline.event.{first}" in known:
        return words(f"timeline.event.{first}", lang)
    if lang == "en" and isinstance(row.get("title"), str) and row["title"]:
        return textwrap.shorten(row["title"].split(" / ")[0].split(":")[0], 42, placeholder="…")
    kinds = str(row["event_types"]).split() if isinstance(row["event_types"], str) else []
    when = i18n.date_text(row["event_date"] if when is None else when, lang, "d MMM")
    if kinds and f"figures.timeline.kind.{kinds[0]}" in known:
        return f"{when} · {words('timeline.kind.' + kinds[0], lang)}"
    return when


@figure_function
def event_study_figure(table: pd.DataFrame, metrics=METRICS, lang: str = "en"):
    """One panel per metric on its own plain linear "after minus before" scale; grey
    band = 95 % of placebo dates; colour = event type, filled = significant; the
    significant events with the largest change are named. The legend sits below the
    panels, never over a point."""
    metrics = [m for m in metrics if m in set(table["metric"])]
    fig, axes = new_figure(len(metrics), 1, width=7.0, height=2.3 * len(metrics) + 1.4,
                           sharex=True, squeeze=False)
    rtl = i18n.is_rtl(lang)
    for ax, metric in zip(axes[:, 0], metrics):
        part = table[table["metric"] == metric].reset_index(drop=True)
        t = local_times(part["event_date"])
        ax.axhspan(part["placebo_low"].iloc[0], part["placebo_high"].iloc[0], color="#DDDDDD", lw=0)
        ax.axhline(0, color="#777777", lw=0.8)
        first_type = part["event_types"].str.split().str[0]
        colours = [COLORS_EVENT_TYPE.get(k, "#333333") for k in first_type]
        sig = part["significant"].fillna(False).to_numpy(bool)
        ax.scatter(t[sig], part["abnormal"][sig], c=[c for c, s in zip(colours, sig) if s], s=36,
                   zorder=3)
        ax.scatter(t[~sig], part["abnormal"][~sig], facecolor="white",
                   edgecolor=[c for c, s in zip(colours, sig) if not s], s=30, zorder=3)
        ranked = part[sig].assign(size=part["abnormal"].abs()).sort_values("size", ascending=False)
        ax.margins(y=0.25)
        x_lo, x_hi = mdates.date2num(t.min()), mdates.date2num(t.max())
        placed = []
        for rank, (i, row) in enumerate(ranked.head(LABELLED_PER_PANEL).iterrows()):
            up = row["abnormal"] >= 0
            # a label points into the panel: rightwards from the left half, leftwards beyond
            leftward = mdates.date2num(t[i]) > (x_lo + x_hi) / 2
            label = ax.annotate(event_label(row, lang, t[i]), (t[i], row["abnormal"]),
                                xytext=(-8 if leftward else 8, -12 if up else 10),
                                textcoords="offset points", ha="right" if leftward else "left",
                                fontsize=7.5, color="#333333", va="center",
                                arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.6})
            label.set_gid(OPTIONAL_LABEL)  # dropped at the end if the final layout makes it collide
            placed = _keep_if_clear(label, placed)
        step = _bin_words(part, lang)
        ax.set_title(words(f"events.metric.{metric}", lang, step=step), fontsize=9.5,
                     loc="right" if rtl else "left")
        ax.set_ylabel(words("events.axis_y", lang), fontsize=9)
    kinds = [k for k in COLORS_EVENT_TYPE if k in set(table["event_types"].str.split().str[0])]
    handles = [Patch(fc="#DDDDDD", label=words("events.placebo", lang)),
               _dot("#333333", words("events.significant", lang)),
               Line2D([], [], marker="o", ls="", mfc="white", mec="#333333",
                      label=words("events.not_significant", lang))]
    handles += [_dot(COLORS_EVENT_TYPE[k], words(f"timeline.kind.{k}", lang)) for k in kinds]
    date_axis(axes[-1, 0], pd.Timedelta(days=300), lang)
    axes[-1, 0].set_xlabel(words("events.axis_x", lang))
    legend_below(axes[-1, 0], handles, fontsize=7.5, ncols=3)
    return fig, event_study_data(table)


def _keep_if_clear(label, placed: list) -> list:
    """Keep an event label only where it touches no label placed before it (the larger
    changes are placed first), so close events never print over each other."""
    fig = label.figure
    renderer = fig.canvas.get_renderer()
    box = label.get_window_extent(renderer)
    if any(box.overlaps(other) for other in placed):
        label.remove()
        return placed
    return placed + [box]


def _bin_words(part: pd.DataFrame, lang: str) -> str:
    """The study's bin as the title says it ("hour"); the catalogue's "bin" if unknown."""
    try:
        return step_text(pd.Timedelta(part["bin"].iloc[0]), lang)
    except (KeyError, ValueError, TypeError):
        return step_text(pd.Timedelta("1h"), lang) if "bin" not in part else str(part["bin"].iloc[0])


def _dot(colour, label):
    return Line2D([], [], marker="o", ls="", color=colour, label=label)


@figure_function
def block_counter_figure(counter: pd.DataFrame, notes: dict[str, str],
                         label: str = "days under the VoIP block", lang: str = "en"):
    """The VoIP Down counter, once per stated start date, up to the lifting (or any end);
    the date axis carries the year."""
    fig, ax = new_figure(1, 1, width=7.0, height=4.0)
    dates = pd.to_datetime(counter["date"]).dt.tz_localize(LOCAL_TZ)
    palette = ["#B2182B", "#4D4D4D", "#878787"]
    for name, colour in zip([c for c in counter.columns if c != "date"], palette):
        final = words("events.days_final", lang, n=i18n.number_text(int(counter[name].iloc[-1]), lang))
        # the final count sits in the legend entry: end labels of close counts (309, 304) collide
        ax.plot(dates, counter[name], color=colour, lw=1.6, label=f"{final}: {notes.get(name, name)}")
    ax.set_xlim(dates.iloc[0], dates.iloc[-1] + pd.Timedelta(days=10))
    ax.set_ylabel(label)
    date_axis(ax, pd.Timedelta(days=300), lang)
    ax.set_xlabel(words("events.axis_date", lang))
    legend_below(ax, ncols=1)
    return fig, counter
