"""The 2016 timeline chart: policy events and the press-reported like losses.

Real, sourced data only (``data/reference``). :func:`timeline_data` builds the exact
table the chart draws; :func:`timeline_figure` draws it and returns ``(Figure, data)``,
so ``save_figure`` ships exactly that table as the CSV behind the chart.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis import i18n, reference
from analysis.plots.style import (
    COLORS_EVENT_TYPE,
    COLORS_OPERATOR,
    LocalNumberFormatter,
    date_axis,
    figure_function,
    new_figure,
    page_name,
    words,
)

#: Event lanes of the top panel, top to bottom, and the event types each one holds.
LANES = {
    "Block and unblock": ("block", "unblock"),
    "Regulator, government, courts": ("regulation", "legal", "personnel", "statement_official"),
    "Campaigns and petitions": ("campaign", "petition"),
    "Statements and media": ("statement", "media", "context"),
}
#: The catalogue key of each lane's name (``figures.timeline.lane.KEY``).
LANE_KEYS = dict(zip(LANES, ("block", "official", "campaigns", "media")))
_OFFICIAL_ACTORS = {"ANRT", "government", "court", "parliament"}
#: Events labelled on the chart (the rest are drawn as unlabelled markers).
KEY_EVENTS = ("E04", "E07", "E13", "E14", "E16", "E19", "E20", "E36", "E43", "E48")
#: Display cap for the loss axis; figures beyond it are drawn at the edge and flagged.
LOSS_AXIS_CAP = 230_000


def _lane(row: pd.Series) -> str:
    kind = row["event_type"]
    if kind == "statement" and row["actor"] in _OFFICIAL_ACTORS:
        kind = "statement_official"
    for lane, kinds in LANES.items():
        if kind in kinds:
            return lane
    return "Statements and media"


def timeline_data(events: pd.DataFrame | None = None, figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows drawn by :func:`timeline_figure`, one table with a ``panel`` column.

    ``panel == "events"``: dated events (day or month precision) with their lane, local
    date, UTC interval, label and first source. ``panel == "likes"``: per-page counts of
    likes lost as reported, with dated/undated flag and source.
    """
    events = reference.load_events() if events is None else events
    figures = reference.load_reported_figures() if figures is None else figures
    dated = events[events["precision"].isin(["day", "month"])].copy()
    ev = pd.DataFrame(
        {
            "panel": "events",
            "id": dated["event_id"],
            "lane": dated.apply(_lane, axis=1),
            "category": dated["event_type"],
            "local_date": dated["local_date"],
            "precision": dated["precision"].astype(str),
            "start_utc": dated["date"].dt.strftime("%Y-%m-%dT%H:%MZ"),
            "end_utc": dated["date_end"].dt.strftime("%Y-%m-%dT%H:%MZ"),
            "label": dated["title_en"],
            "labelled": dated["event_id"].isin(KEY_EVENTS),
            "value": pd.NA,
            "qualifier": "",
            "source": dated["source_url"].map(lambda urls: urls[0] if urls else ""),
        }
    )
    losses = figures[
        figures["quantity"].isin(reference.LOSS_COUNT_QUANTITIES) & figures["page"].isin(COLORS_OPERATOR)
    ]
    lk = pd.DataFrame(
        {
            "panel": "likes",
            "id": losses["figure_id"],
            "lane": losses["page"],
            "category": losses["quantity"],
            "local_date": losses["observed_on"],
            "precision": losses["observed_on"].map(lambda d: "day" if d else "undated"),
            "start_utc": "",
            "end_utc": "",
            "label": losses["source_outlet"],
            "labelled": losses["value"] > LOSS_AXIS_CAP,
            "value": losses["value"].astype("Int64"),
            "qualifier": losses["qualifier"],
            "source": losses["source_url"],
        }
    )
    return pd.concat([ev, lk], ignore_index=True)


@figure_function
def timeline_figure(data: pd.DataFrame | None = None, *, block_start: str = "2016-01-05",
                    earliest_start: str = "2015-12-31", block_end: str = "2016-11-04",
                    adsl_start: str = "2016-02-26", lang: str = "en"):
    """Three panels: the 2016 events by lane over the block period (with a legend of
    colours, spans and bars), a numbered key to the main events, and every reported count
    of likes lost per operator page (conflicting figures all shown). Panel titles are
    written from the dates and counts drawn."""
    data = timeline_data() if data is None else data
    fig, (ax_ev, ax_key, ax_lk) = new_figure(
        3, 1, width=8.0, height=9.6, gridspec_kw={"height_ratios": [3.0, 1.0, 2.0]})
    _draw_events(ax_ev, ax_key, data[data["panel"] == "events"],
                 pd.Timestamp(earliest_start), pd.Timestamp(block_start),
                 pd.Timestamp(adsl_start), pd.Timestamp(block_end), lang)
    _draw_losses(ax_lk, data[data["panel"] == "likes"], lang)
    return fig, data


def _draw_events(ax, ax_key, ev, earliest, start, adsl, end, lang):
    lanes = list(LANES)
    y_of = {lane: len(lanes) - i for i, lane in enumerate(lanes)}
    top = len(lanes) + 0.55
    ax.axvspan(start, end, color="#B2182B", alpha=0.07, lw=0)
    ax.axvspan(earliest, start, color="#B2182B", alpha=0.04, lw=0, hatch="///", ec="#E7B8BD")
    ax.plot([start, end], [top, top], color="#B2182B", lw=2.5, solid_capstyle="butt")
    ax.plot([adsl, end], [top + 0.32, top + 0.32], color="#B2182B", lw=2.5, alpha=0.55,
            solid_capstyle="butt")
    labelled = ev[ev["labelled"]].sort_values("start_utc")
    number = {row_id: i for i, row_id in enumerate(labelled["id"], 1)}
    for _, row in ev.iterrows():
        y = y_of[row["lane"]]
        t0 = pd.Timestamp(row["start_utc"]).tz_localize(None)
        colour = COLORS_EVENT_TYPE.get(row["category"], "#4D4D4D")
        if row["precision"] == "month":
            t1 = pd.Timestamp(row["end_utc"]).tz_localize(None)
            ax.plot([t0, t1], [y - 0.22, y - 0.22], color=colour, lw=3, alpha=0.5,
                    solid_capstyle="butt")
        else:
            ax.plot(t0, y, "o", color=colour, ms=5.5, mec="white", mew=0.6, zorder=3)
    last_x: dict = {}
    for _, row in labelled.iterrows():
        y = y_of[row["lane"]]
        t0 = pd.Timestamp(row["start_utc"]).tz_localize(None)
        # Stagger numbers that would touch a neighbour in the same lane.
        previous = last_x.get(row["lane"])
        lift = 1 if previous is not None and (t0 - previous).days < 12 else 0
        last_x[row["lane"]] = None if lift else t0
        ax.annotate(i18n.number_text(number[row["id"]], lang), (t0, y), xytext=(0, 8 + 11 * lift),
                    textcoords="offset points", ha="center", va="bottom", fontsize=7.5,
                    fontweight="bold", bbox={"boxstyle": "circle,pad=0.15", "fc": "white",
                                             "ec": "#555555", "lw": 0.6})
    ax.set_yticks([y_of[lane] for lane in lanes], [words(f"timeline.lane.{LANE_KEYS[lane]}", lang)
                                                   for lane in lanes])
    ax.set_ylim(0.5, top + 0.7)
    ax.set_xlim(pd.Timestamp("2015-12-20"), pd.Timestamp("2016-11-15"))
    date_axis(ax, pd.Timedelta(days=300), lang)
    ax.grid(axis="y", visible=False)
    days = (end - start).days
    ax.set_title(words("timeline.events_title", lang, days=i18n.number_text(days, lang),
                       start=i18n.date_text(start, lang), end=i18n.date_text(end, lang)),
                 loc="right" if i18n.is_rtl(lang) else "left")
    kinds = [k for k in COLORS_EVENT_TYPE if k in set(ev["category"])]
    handles = [Line2D([], [], marker="o", ls="", color=COLORS_EVENT_TYPE[k], ms=5.5,
                      label=words(f"timeline.kind.{k}", lang)) for k in kinds]
    handles += [Line2D([], [], color="#777777", lw=3, alpha=0.5, label=words("timeline.month_only", lang)),
                Line2D([], [], color="#B2182B", lw=2.5, label=words("timeline.block_3g", lang)),
                Line2D([], [], color="#B2182B", lw=2.5, alpha=0.55, label=words("timeline.block_adsl", lang)),
                Patch(fc="#B2182B", alpha=0.07, label=words("timeline.span_block", lang)),
                Patch(fc="#B2182B", alpha=0.04, hatch="///", ec="#E7B8BD",
                      label=words("timeline.span_earliest", lang))]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=3,
              fontsize=7.5, handlelength=1.6, columnspacing=1.2)
    _draw_key(ax_key, labelled, number, lang)


def _draw_key(ax_key, labelled, number, lang):
    """The numbered key, two columns of one text per event, each cut to its column."""
    ax_key.axis("off")
    rtl = i18n.is_rtl(lang)
    lines = []
    for _, row in labelled.iterrows():
        day = i18n.date_text(row["local_date"], lang, "d MMM")
        title = words("timeline.event." + row["id"], lang)
        lines.append(f"{i18n.number_text(number[row['id']], lang)}  {day}  {title}")
    half = (len(lines) + 1) // 2
    fig = ax_key.figure
    fig.canvas.draw()  # the key's width is known once the layout has run
    renderer = fig.canvas.get_renderer()
    column_px = ax_key.get_window_extent(renderer).width * 0.48
    for col, chunk in enumerate((lines[:half], lines[half:])):
        x = (1.0 - 0.52 * col) if rtl else 0.52 * col
        for row, line in enumerate(chunk):
            text = ax_key.text(x, 1.0 - row / max(half, 1), line, transform=ax_key.transAxes, va="top",
                               ha="right" if rtl else "left", fontsize=7.8)
            width = len(line)
            while text.get_window_extent(renderer).width > column_px and width > 12:
                width -= 2
                text.set_text(textwrap.shorten(line, width, placeholder="…"))


def _draw_losses(ax, lk, lang):
    pages = list(COLORS_OPERATOR)
    for i, page in enumerate(pages):
        y = len(pages) - i
        for _, row in lk[lk["lane"] == page].iterrows():
            value = int(row["value"])
            shown = min(value, LOSS_AXIS_CAP)
            dated = row["precision"] == "day"
            colour = COLORS_OPERATOR[page]
            ax.plot(shown, y, "o" if dated else "D", ms=6.5, alpha=0.85, color=colour,
                    mfc=colour if dated else "white", mew=1.4, zorder=3)
            if value > LOSS_AXIS_CAP:
                ax.annotate(words("timeline.outlier", lang, value=i18n.number_text(value, lang)),
                            (shown, y), xytext=(-6, -14), textcoords="offset points", ha="right",
                            fontsize=7.2)
    ax.set_yticks(range(len(pages), 0, -1), [page_name(p, lang=lang) for p in pages])
    ax.set_ylim(0.4, len(pages) + 0.6)
    ax.set_xlim(0, LOSS_AXIS_CAP * 1.03)
    ax.xaxis.set_major_formatter(LocalNumberFormatter(lang))
    ax.set_xlabel(words("timeline.loss_axis", lang, date=i18n.date_text("2016-02-26", lang)))
    ax.grid(axis="y", visible=False)
    kept = lk[lk["value"].astype(float) <= LOSS_AXIS_CAP]["value"].astype(float)
    ax.set_title(words("timeline.losses_title", lang, n=i18n.number_text(len(lk), lang),
                       low=i18n.number_text(kept.min(), lang), high=i18n.number_text(kept.max(), lang),
                       median=i18n.number_text(kept.median(), lang)),
                 loc="right" if i18n.is_rtl(lang) else "left")
    handles = [Line2D([], [], marker="o", ls="", color="#555555", label=words("timeline.dated", lang)),
               Line2D([], [], marker="D", ls="", color="#555555", mfc="white",
                      label=words("timeline.undated", lang))]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.22), fontsize=8, ncols=2)
