"""Figures of notebook 06 (policy events): the event study and the days-of-block counter.

Each function returns ``(Figure, data)``. The counter's numbers come from
:func:`analysis.reference.block_counter`; the event study's from
:mod:`analysis.correlate`.
"""

from __future__ import annotations

import pandas as pd

from analysis.plots.style import (
    COLORS_EVENT_TYPE,
    LOCAL_TZ,
    date_axis,
    figure_function,
    local_times,
    new_figure,
)


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
        t = local_times(part["event_date"])
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
    handles = [_dot(COLORS_EVENT_TYPE[k], k) for k in sorted(set(table["event_types"].str.split().str[0]))
               if k in COLORS_EVENT_TYPE]
    axes[0, 0].legend(handles=axes[0, 0].get_legend_handles_labels()[0] + handles, fontsize=7,
                      ncols=3, loc="upper right")
    date_axis(axes[-1, 0], pd.Timedelta(days=300))
    return fig, event_study_data(table)


def _dot(colour, label):
    from matplotlib.lines import Line2D

    return Line2D([], [], marker="o", ls="", color=colour, label=label)


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
    date_axis(ax, pd.Timedelta(days=300))
    return fig, counter
