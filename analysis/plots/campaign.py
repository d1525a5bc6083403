"""Figures of notebook 05 (spikes and likes): posts and likes lost over the campaign, and
the lag between negative posts and likes lost.

Each function draws from tables made by :mod:`analysis.timeseries`, :mod:`analysis.likes`
and :mod:`analysis.correlate` and returns ``(Figure, data)``, ``data`` being everything
drawn, spans and markers included. Times are shown in Africa/Casablanca local time.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.likes import pages_in
from analysis.plots.style import (
    COLORS_SENTIMENT,
    date_axis,
    figure_function,
    local_times,
    new_figure,
    page_colour,
    page_name,
)


# --------------------------------------------------------------------------- 05: campaign
def campaign_data(volume: pd.DataFrame, rate: pd.DataFrame, markers: pd.DataFrame,
                  cumulative: pd.DataFrame | None = None, gaps: pd.DataFrame | None = None,
                  spikes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Long table of what :func:`campaign_figure` draws (UTC times, no NaN dropped).

    Columns ``time_utc, end_utc, panel, series, value``; ``end_utc`` is set for the
    shaded spans only (posting spikes, tracker gaps).
    """
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
    for row in _drawn_spikes(spikes).itertuples():
        parts.append(pd.DataFrame({"time_utc": [row.start], "end_utc": [row.end + _step(volume)],
                                   "panel": "posting_spike", "series": row.method,
                                   "value": [np.nan]}))
    for row in (gaps if gaps is not None else pd.DataFrame()).itertuples():
        parts.append(pd.DataFrame({"time_utc": [row.gap_start], "end_utc": [row.gap_end],
                                   "panel": "tracker_gap", "series": getattr(row, "page", ""),
                                   "value": [np.nan]}))
    columns = ["time_utc", "end_utc", "panel", "series", "value"]
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    out = out.reindex(columns=columns)
    for col in ("time_utc", "end_utc"):
        out[col] = pd.to_datetime(out[col], utc=True).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return out


def _step(volume: pd.DataFrame) -> pd.Timedelta:
    return (volume.index[1] - volume.index[0]) if len(volume) > 1 else pd.Timedelta("1h")


def _drawn_spikes(spikes: pd.DataFrame | None) -> pd.DataFrame:
    """The spikes the chart shades: those found by the z-score method."""
    if spikes is None or not len(spikes):
        return pd.DataFrame(columns=["start", "end", "method"])
    return spikes[spikes["method"].str.contains("z-score")]


@figure_function
def campaign_figure(volume: pd.DataFrame, rate: pd.DataFrame, gaps: pd.DataFrame,
                    markers: pd.DataFrame, spikes: pd.DataFrame | None = None,
                    cumulative: pd.DataFrame | None = None, *, names: dict | None = None,
                    colours: dict | None = None):
    """Posts by sentiment, likes lost per minute per page and, optionally, likes lost
    since the launch with the press's dated counts as markers; the data is
    :func:`campaign_data` (spikes and gaps included).

    ``rate`` is ``bin_start`` x page in likes per minute; ``gaps`` (tracker outages)
    are shaded, never bridged; press figures are drawn as labelled markers only.
    """
    n = 3 if cumulative is not None else 2
    fig, axes = new_figure(n, 1, width=7.0, height=2.8 * n, sharex=True)
    top, bottom = axes[0], axes[1]
    t = local_times(volume.index)
    step = _step(volume)
    bottom_stack = np.zeros(len(volume))
    for s, colour in (("negative", COLORS_SENTIMENT["negative"]), ("neutral", COLORS_SENTIMENT["neutral"]),
                      ("positive", COLORS_SENTIMENT["positive"]), ("reposts", "#D9D9D9")):
        if s in volume:
            label = "reposts (no sentiment)" if s == "reposts" else f"{s} posts"
            top.bar(t, volume[s], width=step, bottom=bottom_stack, color=colour, label=label,
                    align="edge", linewidth=0)
            bottom_stack = bottom_stack + volume[s].to_numpy(float)
    for row in _drawn_spikes(spikes).itertuples():
        top.axvspan(local_times([row.start])[0], local_times([row.end])[0] + step, color="#FFD92F",
                    alpha=0.25, lw=0)
    top.set_ylabel(f"posts per {_step_text(step)}")
    if top.get_legend_handles_labels()[0]:
        top.legend(ncols=2, fontsize=8, loc="upper right")
    for page in pages_in(rate.columns):
        bottom.plot(local_times(rate.index), rate[page], color=page_colour(page, colours), lw=1.2,
                    label=page_name(page, names))
    if not len(rate.columns):
        bottom.text(0.5, 0.5, "no like counts in this window", transform=bottom.transAxes,
                    ha="center", va="center", color="#555555")
    for i, row in enumerate(gaps.itertuples()):
        bottom.axvspan(local_times([row.gap_start])[0], local_times([row.gap_end])[0], color="#BBBBBB",
                       alpha=0.35, lw=0, label="tracker gap (not filled)" if i == 0 else None)
    peak = markers[markers["quantity"] == "loss_rate_per_minute_peak"]
    for row in peak.itertuples():
        bottom.axhline(row.value, color="#555555", ls=":", lw=1)
        bottom.text(local_times(rate.index)[0], row.value, f" press: up to {row.value:.0f}/min",
                    va="bottom", fontsize=8, color="#555555")
    bottom.set_ylabel("likes lost per minute")
    if bottom.get_legend_handles_labels()[0]:
        bottom.legend(ncols=1, fontsize=8, loc="center right")
    if cumulative is not None:
        _cumulative_panel(axes[2], cumulative, markers, names, colours)
    date_axis(axes[-1], volume.index[-1] - volume.index[0] if len(volume) else pd.Timedelta(0))
    return fig, campaign_data(volume, rate, markers, cumulative, gaps, spikes)


def _cumulative_panel(ax, cumulative: pd.DataFrame, markers: pd.DataFrame, names=None,
                      colours=None) -> None:
    """Likes lost since the launch; press counts as day-wide bars at their stated date."""
    for page in pages_in(cumulative.columns):
        ax.plot(local_times(cumulative.index), cumulative[page], color=page_colour(page, colours), lw=1.4,
                label=page_name(page, names))
    counts = markers[(markers["quantity"] == "likes_lost_since_campaign_start")
                     & markers["page"].isin(list(cumulative.columns))] if len(markers) else markers
    lo, hi = cumulative.index.min(), cumulative.index.max()
    for row in counts.itertuples():
        if not (lo <= row.observed_at <= hi):
            continue
        # the press gives a day, not a time: the marker spans that local day
        day = local_times([row.observed_at])[0]
        ax.hlines(row.value, day, day + pd.Timedelta(days=1), color=page_colour(row.page, colours), lw=3,
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
        colour = page_colour(page, colours)
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
        ax.set_ylabel(page_name(page, names))
    axes[0, 0].legend(fontsize=8, loc="upper left")
    axes[-1, 0].set_xlabel("lag in minutes (positive: negative posts come first)")
    return fig, lag_data(tables, step)
