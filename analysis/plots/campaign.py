"""Figures of notebook 05 (spikes and likes): posts and likes lost over the campaign, and
the lag between negative posts and likes lost.

Each function draws from tables made by :mod:`analysis.timeseries`, :mod:`analysis.likes`
and :mod:`analysis.correlate` and returns ``(Figure, data)``, ``data`` being everything
drawn, spans and markers included. Times are shown in Africa/Casablanca local time.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import i18n
from analysis.likes import pages_in
from analysis.plots.style import (
    COLORS_SENTIMENT,
    LocalNumberFormatter,
    date_axis,
    legend_below,
    figure_function,
    local_times,
    new_figure,
    page_colour,
    page_name,
    step_text,
    words,
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
                    colours: dict | None = None, lang: str = "en"):
    """Posts by sentiment, likes lost per minute per page and, optionally, likes lost
    since the launch with the press's dated counts as markers; the data is
    :func:`campaign_data` (spikes and gaps included).

    ``rate`` is ``bin_start`` x page in likes per minute; ``gaps`` (tracker outages)
    are shaded, never bridged; press figures are drawn as labelled markers only. Each
    panel's legend sits above it, never over the data.
    """
    n = 3 if cumulative is not None else 2
    fig, axes = new_figure(n, 1, width=7.0, height=2.9 * n, sharex=True)
    top, bottom = axes[0], axes[1]
    t = local_times(volume.index)
    step = _step(volume)
    bottom_stack = np.zeros(len(volume))
    for s, colour in (("negative", COLORS_SENTIMENT["negative"]), ("neutral", COLORS_SENTIMENT["neutral"]),
                      ("positive", COLORS_SENTIMENT["positive"]), ("reposts", "#D9D9D9")):
        if s in volume:
            top.bar(t, volume[s], width=step, bottom=bottom_stack, color=colour,
                    label=words(f"campaign.series.{s}", lang), align="edge", linewidth=0)
            bottom_stack = bottom_stack + volume[s].to_numpy(float)
    for i, row in enumerate(_drawn_spikes(spikes).itertuples()):
        top.axvspan(local_times([row.start])[0], local_times([row.end])[0] + step, color="#FFD92F",
                    alpha=0.25, lw=0, label=words("campaign.spike", lang) if i == 0 else None)
    top.set_ylabel(words("campaign.axis_posts", lang, step=step_text(step, lang)))
    _legend_above(top, lang)
    for page in pages_in(rate.columns):
        bottom.plot(local_times(rate.index), rate[page], color=page_colour(page, colours), lw=1.2,
                    label=page_name(page, names, lang))
    if not len(rate.columns):
        bottom.text(0.5, 0.5, words("campaign.no_likes", lang), transform=bottom.transAxes,
                    ha="center", va="center", color="#555555")
    for i, row in enumerate(gaps.itertuples()):
        bottom.axvspan(local_times([row.gap_start])[0], local_times([row.gap_end])[0], color="#BBBBBB",
                       alpha=0.35, lw=0, label=words("campaign.gap", lang) if i == 0 else None)
    peak = markers[markers["quantity"] == "loss_rate_per_minute_peak"]
    for row in peak.itertuples():
        bottom.axhline(row.value, color="#555555", ls=":", lw=1)
        bottom.text(local_times(rate.index)[0], row.value,
                    " " + words("campaign.press_peak", lang, value=i18n.number_text(row.value, lang)),
                    va="bottom", fontsize=8, color="#555555")
    bottom.set_ylabel(words("campaign.axis_rate", lang))
    _legend_above(bottom, lang)
    if cumulative is not None:
        _cumulative_panel(axes[2], cumulative, markers, names, colours, lang)
    date_axis(axes[-1], volume.index[-1] - volume.index[0] if len(volume) else pd.Timedelta(0), lang)
    axes[-1].set_xlabel(words("common.local_time", lang))
    return fig, campaign_data(volume, rate, markers, cumulative, gaps, spikes)


def _legend_above(ax, lang: str, ncols: int = 4) -> None:
    """The panel's legend in one band just above it: a key, never a cover over the data."""
    if ax.get_legend_handles_labels()[0]:
        rtl = i18n.is_rtl(lang)
        ax.legend(ncols=ncols, fontsize=8, loc="lower right" if rtl else "lower left",
                  bbox_to_anchor=(1.0 if rtl else 0.0, 1.0), borderaxespad=0.2, handlelength=1.4,
                  columnspacing=1.0)


def _cumulative_panel(ax, cumulative: pd.DataFrame, markers: pd.DataFrame, names=None,
                      colours=None, lang: str = "en") -> None:
    """Likes lost since the launch; press counts as day-wide bars at their stated date."""
    for page in pages_in(cumulative.columns):
        ax.plot(local_times(cumulative.index), cumulative[page], color=page_colour(page, colours), lw=1.4,
                label=page_name(page, names, lang))
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
        ax.annotate(words("campaign.press_count", lang, value=i18n.number_text(row.value, lang),
                          outlet=row.source_outlet), (day, row.value),
                    xytext=(0, 4), textcoords="offset points", fontsize=8, color="#333333")
    ax.set_ylabel(words("campaign.axis_cumulative", lang))
    ax.yaxis.set_major_formatter(LocalNumberFormatter(lang))
    _legend_above(ax, lang)


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
               *, names: dict | None = None, colours: dict | None = None, lang: str = "en"):
    """Prewhitened cross-correlation by lag, one panel per page (titled with its name),
    with bootstrap CIs; the y axis says what the numbers are."""
    fig, axes = new_figure(len(tables), 1, width=7.0, height=2.1 * len(tables) + 1.0,
                           sharex=True, squeeze=False)
    rtl = i18n.is_rtl(lang)
    for ax, (page, table) in zip(axes[:, 0], tables.items()):
        minutes = table["lag"] * step / pd.Timedelta(minutes=1)
        colour = page_colour(page, colours)
        ax.errorbar(minutes, table["ccf"], yerr=[table["ccf"] - table["ci_low"], table["ci_high"] - table["ccf"]],
                    fmt="none", ecolor=colour, alpha=0.5, lw=1, label=words("lag.interval", lang))
        sig = table["significant"].to_numpy(bool)
        ax.scatter(minutes[sig], table["ccf"][sig], color=colour, s=22, zorder=3,
                   label=words("lag.significant", lang))
        ax.scatter(minutes[~sig], table["ccf"][~sig], facecolor="white", edgecolor=colour, s=22, zorder=3,
                   label=words("lag.not_significant", lang))
        ax.axhline(0, color="#777777", lw=0.8)
        ax.axvline(0, color="#777777", lw=0.8, ls=":")
        if planted_minutes is not None:
            ax.axvline(planted_minutes, color="#B2182B", lw=1, ls="--", label=words("lag.planted", lang))
        ax.set_title(page_name(page, names, lang), fontsize=10, loc="right" if rtl else "left")
        ax.set_ylabel(words("lag.axis_y", lang), fontsize=9)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    axes[-1, 0].set_xlabel(words("lag.axis_x", lang))
    legend_below(axes[-1, 0], handles, labels, ncols=2)
    return fig, lag_data(tables, step)
