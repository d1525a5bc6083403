"""Charts for notebooks 05 (spikes and likes) and 06 (policy events).

Each ``*_figure`` function draws from tables made by :mod:`analysis.timeseries`,
:mod:`analysis.likes` and :mod:`analysis.correlate` and returns a Figure; the matching
``*_data`` function returns exactly the data drawn (for ``save_figure``'s CSV).
Times are shown in Africa/Casablanca local time. Colours come from
:mod:`analysis.plots`.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from analysis.plots import (
    COLORS_EVENT_TYPE, COLORS_OPERATOR, COLORS_SENTIMENT, OPERATOR_NAMES, figure_function,
    new_figure,
)
from analysis.likes import pages_in

#: Colours for pages a campaign file does not colour (Okabe-Ito, after the operators').
_SPARE = ("#009E73", "#D55E00", "#56B4E9", "#F0E442", "#000000")


def _colour(page: str, colours: dict | None) -> str:
    colours = {**COLORS_OPERATOR, **(colours or {})}
    return colours.get(page) or _SPARE[hash(page) % len(_SPARE)]


def _name(page: str, names: dict | None) -> str:
    return {**OPERATOR_NAMES, **(names or {})}.get(page, page)

LOCAL_TZ = "Africa/Casablanca"


def _local(index) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(index).tz_convert(LOCAL_TZ)


def _date_axis(ax, span: pd.Timedelta):
    if span <= pd.Timedelta(days=10):
        ax.xaxis.set_major_locator(mdates.DayLocator(tz=LOCAL_TZ))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%a %d %b", tz=LOCAL_TZ))
    else:
        ax.xaxis.set_major_locator(mdates.MonthLocator(tz=LOCAL_TZ))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b", tz=LOCAL_TZ))


# --------------------------------------------------------------------------- 05: campaign
def campaign_data(volume: pd.DataFrame, rate: pd.DataFrame, markers: pd.DataFrame,
                  cumulative: pd.DataFrame | None = None) -> pd.DataFrame:
    """Long table of what :func:`campaign_figure` draws (UTC times, sorted, no NaN dropped)."""
    parts = []
    for s in ("negative", "neutral", "positive", "reposts"):
        if s in volume:
            parts.append(pd.DataFrame({"time_utc": volume.index, "panel": "posts", "series": s,
                                       "value": volume[s].to_numpy(float)}))
    for page in pages_in(rate.columns):
        parts.append(pd.DataFrame({"time_utc": rate.index, "panel": "likes_lost_per_min",
                                   "series": page, "value": rate[page].to_numpy(float)}))
    if cumulative is not None:
        for page in pages_in(cumulative.columns):
            parts.append(pd.DataFrame({"time_utc": cumulative.index, "panel": "likes_lost_since_launch",
                                       "series": page, "value": cumulative[page].to_numpy(float)}))
    for row in markers.itertuples():
        parts.append(pd.DataFrame({"time_utc": [row.observed_at], "panel": "press_marker",
                                   "series": f"{row.page}:{row.quantity}", "value": [row.value]}))
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["time_utc", "panel", "series", "value"])
    out["time_utc"] = pd.to_datetime(out["time_utc"], utc=True).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return out


@figure_function
def campaign_figure(volume: pd.DataFrame, rate: pd.DataFrame, gaps: pd.DataFrame,
                    markers: pd.DataFrame, spikes: pd.DataFrame | None = None,
                    cumulative: pd.DataFrame | None = None, *, names: dict | None = None,
                    colours: dict | None = None):
    """Posts by sentiment, likes lost per minute per page and, optionally, likes lost
    since the launch with the press's dated counts as markers.

    ``rate`` is ``bin_start`` x page in likes per minute; ``gaps`` (tracker outages)
    are shaded, never bridged; press figures are drawn as labelled markers only.
    """
    n = 3 if cumulative is not None else 2
    fig, axes = new_figure(n, 1, width=7.0, height=2.8 * n, sharex=True)
    top, bottom = axes[0], axes[1]
    t = _local(volume.index)
    step = (volume.index[1] - volume.index[0]) if len(volume) > 1 else pd.Timedelta("1h")
    bottom_stack = np.zeros(len(volume))
    for s, colour in (("negative", COLORS_SENTIMENT["negative"]), ("neutral", COLORS_SENTIMENT["neutral"]),
                      ("positive", COLORS_SENTIMENT["positive"]), ("reposts", "#D9D9D9")):
        if s in volume:
            label = "reposts (no sentiment)" if s == "reposts" else f"{s} posts"
            top.bar(t, volume[s], width=step, bottom=bottom_stack, color=colour, label=label,
                    align="edge", linewidth=0)
            bottom_stack = bottom_stack + volume[s].to_numpy(float)
    if spikes is not None and len(spikes):
        for row in spikes[spikes["method"].str.contains("z-score")].itertuples():
            top.axvspan(_local([row.start])[0], _local([row.end])[0] + step, color="#FFD92F",
                        alpha=0.25, lw=0)
    top.set_ylabel(f"posts per {_step_text(step)}")
    if top.get_legend_handles_labels()[0]:
        top.legend(ncols=2, fontsize=8, loc="upper right")
    for page in pages_in(rate.columns):
        bottom.plot(_local(rate.index), rate[page], color=_colour(page, colours), lw=1.2,
                    label=_name(page, names))
    if not len(rate.columns):
        bottom.text(0.5, 0.5, "no like counts in this window", transform=bottom.transAxes,
                    ha="center", va="center", color="#555555")
    for i, row in enumerate(gaps.itertuples()):
        bottom.axvspan(_local([row.gap_start])[0], _local([row.gap_end])[0], color="#BBBBBB",
                       alpha=0.35, lw=0, label="tracker gap (not filled)" if i == 0 else None)
    peak = markers[markers["quantity"] == "loss_rate_per_minute_peak"]
    for row in peak.itertuples():
        bottom.axhline(row.value, color="#555555", ls=":", lw=1)
        bottom.text(_local(rate.index)[0], row.value, f" press: up to {row.value:.0f}/min",
                    va="bottom", fontsize=8, color="#555555")
    bottom.set_ylabel("likes lost per minute")
    if bottom.get_legend_handles_labels()[0]:
        bottom.legend(ncols=1, fontsize=8, loc="center right")
    if cumulative is not None:
        _cumulative_panel(axes[2], cumulative, markers, names, colours)
    _date_axis(axes[-1], volume.index[-1] - volume.index[0] if len(volume) else pd.Timedelta(0))
    return fig


def _cumulative_panel(ax, cumulative: pd.DataFrame, markers: pd.DataFrame, names=None,
                      colours=None) -> None:
    """Likes lost since the launch; press counts as day-wide bars at their stated date."""
    for page in pages_in(cumulative.columns):
        ax.plot(_local(cumulative.index), cumulative[page], color=_colour(page, colours), lw=1.4,
                label=_name(page, names))
    counts = markers[(markers["quantity"] == "likes_lost_since_campaign_start")
                     & markers["page"].isin(list(cumulative.columns))] if len(markers) else markers
    lo, hi = cumulative.index.min(), cumulative.index.max()
    for row in counts.itertuples():
        if not (lo <= row.observed_at <= hi):
            continue
        # the press gives a day, not a time: the marker spans that local day
        day = _local([row.observed_at])[0]
        ax.hlines(row.value, day, day + pd.Timedelta(days=1), color=_colour(row.page, colours), lw=3,
                  alpha=0.6)
        ax.annotate(f"press: {row.value:,.0f} ({row.source_outlet})", (day, row.value),
                    xytext=(0, 4), textcoords="offset points", fontsize=8, color="#333333")
    ax.set_ylabel("likes lost since launch")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8, loc="lower right")


def _step_text(step: pd.Timedelta) -> str:
    minutes = int(step / pd.Timedelta(minutes=1))
    if minutes % 1440 == 0:
        return f"{minutes // 1440} day" if minutes == 1440 else f"{minutes // 1440} days"
    if minutes % 60 == 0:
        return "hour" if minutes == 60 else f"{minutes // 60} h"
    return f"{minutes} min"


# --------------------------------------------------------------------------- 05: lags
def lag_data(tables: dict[str, pd.DataFrame], step: pd.Timedelta) -> pd.DataFrame:
    """What :func:`lag_figure` draws: page, lag (bins and minutes), ccf, CI, significance."""
    rows = []
    for page, table in tables.items():
        part = table[["lag", "ccf", "ci_low", "ci_high", "p_holm", "significant"]].copy()
        part.insert(0, "page", page)
        part.insert(2, "lag_minutes", (part["lag"] * step / pd.Timedelta(minutes=1)).round(1))
        rows.append(part)
    return pd.concat(rows, ignore_index=True)


@figure_function
def lag_figure(tables: dict[str, pd.DataFrame], step: pd.Timedelta, planted_minutes: float | None = None,
               *, names: dict | None = None, colours: dict | None = None):
    """Prewhitened cross-correlation by lag, one panel per page, with bootstrap CIs."""
    fig, axes = new_figure(len(tables), 1, width=7.0, height=1.9 * len(tables) + 0.6,
                           sharex=True, squeeze=False)
    for ax, (page, table) in zip(axes[:, 0], tables.items()):
        minutes = table["lag"] * step / pd.Timedelta(minutes=1)
        colour = _colour(page, colours)
        ax.errorbar(minutes, table["ccf"], yerr=[table["ccf"] - table["ci_low"], table["ci_high"] - table["ccf"]],
                    fmt="none", ecolor=colour, alpha=0.5, lw=1)
        sig = table["significant"].to_numpy(bool)
        ax.scatter(minutes[sig], table["ccf"][sig], color=colour, s=22, zorder=3, label="significant (Holm)")
        ax.scatter(minutes[~sig], table["ccf"][~sig], facecolor="white", edgecolor=colour, s=22, zorder=3,
                   label="not significant")
        ax.axhline(0, color="#777777", lw=0.8)
        ax.axvline(0, color="#777777", lw=0.8, ls=":")
        if planted_minutes is not None:
            ax.axvline(planted_minutes, color="#B2182B", lw=1, ls="--", label="planted lag (SIMULATED)")
        ax.set_ylabel(_name(page, names))
    axes[0, 0].legend(fontsize=8, loc="upper left")
    axes[-1, 0].set_xlabel("lag in minutes (positive: negative posts come first)")
    return fig


# --------------------------------------------------------------------------- 06: event study
def event_study_data(table: pd.DataFrame) -> pd.DataFrame:
    """What :func:`event_study_figure` draws, one row per event day and metric."""
    cols = ["event_date", "event_ids", "event_types", "metric", "baseline_mean", "event_mean",
            "abnormal", "placebo_low", "placebo_high", "p_placebo", "p_adjusted", "significant"]
    out = table[cols].copy()
    out["event_date"] = pd.to_datetime(out["event_date"], utc=True).dt.strftime("%Y-%m-%dT%H:%MZ")
    return out.sort_values(["metric", "event_date"], kind="stable").reset_index(drop=True)


METRIC_LABELS = {"posts": "posts per bin:\nafter − before",
                 "likes_lost": "likes lost per bin:\nafter − before",
                 "negative_share": "negative share:\nafter − before"}


@figure_function
def event_study_figure(table: pd.DataFrame, metrics=("posts", "likes_lost", "negative_share")):
    """Abnormal level after each event day; grey band = 95 % of placebo dates."""
    metrics = [m for m in metrics if m in set(table["metric"])]
    fig, axes = new_figure(len(metrics), 1, width=7.0, height=2.1 * len(metrics) + 0.6,
                           sharex=True, squeeze=False)
    for ax, metric in zip(axes[:, 0], metrics):
        part = table[table["metric"] == metric]
        t = _local(part["event_date"])
        ax.axhspan(part["placebo_low"].iloc[0], part["placebo_high"].iloc[0], color="#DDDDDD",
                   lw=0, label="placebo dates, 95 %")
        ax.axhline(0, color="#777777", lw=0.8)
        first_type = part["event_types"].str.split().str[0]
        colours = [COLORS_EVENT_TYPE.get(k, "#333333") for k in first_type]
        sig = part["significant"].fillna(False).to_numpy(bool)
        ax.scatter(t[sig], part["abnormal"][sig], c=[c for c, s in zip(colours, sig) if s], s=36,
                   zorder=3, label="significant (BH)")
        ax.scatter(t[~sig], part["abnormal"][~sig], facecolor="white",
                   edgecolor=[c for c, s in zip(colours, sig) if not s], s=30, zorder=3,
                   label="not significant")
        if metric != "negative_share":
            ax.set_yscale("symlog", linthresh=1)
        ax.set_ylabel(METRIC_LABELS.get(metric, metric), fontsize=9)
    handles = [mpatch(COLORS_EVENT_TYPE[k], k) for k in sorted(set(table["event_types"].str.split().str[0]))
               if k in COLORS_EVENT_TYPE]
    axes[0, 0].legend(handles=axes[0, 0].get_legend_handles_labels()[0] + handles, fontsize=7,
                      ncols=3, loc="upper right")
    _date_axis(axes[-1, 0], pd.Timedelta(days=300))
    return fig


def mpatch(colour, label):
    from matplotlib.lines import Line2D

    return Line2D([], [], marker="o", ls="", color=colour, label=label)


# --------------------------------------------------------------------------- 06: days of block
def block_counter(starts: dict[str, pd.Timestamp], end: pd.Timestamp) -> pd.DataFrame:
    """Days under the block on each local day, for each stated start (one column each).

    Day 1 is the start day itself, as the VoIP Down counter counted.

    >>> c = block_counter({"a": pd.Timestamp("2016-01-05", tz="UTC")}, pd.Timestamp("2016-01-07", tz="UTC"))
    >>> c["a"].tolist()
    [1, 2]
    """
    first = min(starts.values())
    days = pd.date_range(first.normalize(), end.normalize() - pd.Timedelta(days=1), freq="1D")
    out = pd.DataFrame({"date": days.strftime("%Y-%m-%d")})
    for name, start in starts.items():
        out[name] = np.clip(((days - start.normalize()).days + 1), 0, None)
    return out


@figure_function
def block_counter_figure(counter: pd.DataFrame, notes: dict[str, str],
                         label: str = "days under the VoIP block"):
    """The VoIP Down counter, once per stated start date, up to the lifting (or any end)."""
    fig, ax = new_figure(1, 1, width=7.0, height=3.8)
    dates = pd.to_datetime(counter["date"]).dt.tz_localize(LOCAL_TZ)
    palette = ["#B2182B", "#4D4D4D", "#878787"]
    for i, (name, colour) in enumerate(zip([c for c in counter.columns if c != "date"], palette)):
        ax.plot(dates, counter[name], color=colour, lw=1.6, label=notes.get(name, name))
        final = int(counter[name].iloc[-1])
        # labels of close finals are pushed apart so "309" and "304" stay readable
        ax.annotate(f"{final} days", (dates.iloc[-1], final), xytext=(4, 8 - 8 * i), textcoords="offset points",
                    va="center", fontsize=9, color=colour, fontweight="bold")
    ax.set_ylabel(label)
    ax.legend(fontsize=8, loc="upper left")
    ax.set_xlim(dates.iloc[0], dates.iloc[-1] + pd.Timedelta(days=40))
    _date_axis(ax, pd.Timedelta(days=300))
    return fig
