# %% [markdown]
# # 06 · Policy events: what moved posting, sentiment and likes?
#
# **Overview.** The VoIP block of 2016 came with dozens of dated steps: the block
# itself, the regulator's statements, a brief reprieve, the #OpeUnlike launch, court
# hearings, the dismissal of the regulator's head and the lifting on 4 November. This
# notebook measures, for each dated event, how far posting volume, the share of
# negative posts and the like losses rose or fell in the days after it, compared with
# the two weeks before, and whether that change stands out from ordinary days.
# It ends with the "days of block" counter that the VoIP Down project ran.
#
# **Data.** Events are the sourced table in `data/reference/` (real). Posts and likes
# default to the **SIMULATED** demo (`opeunlike simulate`; every figure drawn from it
# says so). Set `posts_path` and `likes_path` to run on your own archive and tracker:
# `make report POSTS=… LIKES=…`.
#
# **Prerequisites.** `make setup`.
#
# **Outputs.** `figures/event_study[_SIMULATED]` and `figures/block_days_counter`.

# %% tags=["parameters"]
posts_path = None  # archive (.json[.bz2], .tar, folder) or post table (.parquet); None = SIMULATED demo
likes_path = None  # tracker CSV (timestamp, page, likes) or like table (.parquet); None = SIMULATED demo
bin = "1h"  # time bin; placebo p-values cannot go below 1 / (number of placebo bins + 1)
post = "2D"  # event window: [event day, event day + post)
baseline = "14D"  # baseline window: the `baseline` before the event day
n_placebo = 2000  # placebo dates drawn (without replacement) away from every event
max_gap = "6h"  # like counts are never interpolated across a longer tracker gap
correction = "fdr_bh"  # across event days, per metric: fdr_bh (Benjamini-Hochberg) or holm

# %% [markdown]
# ## Imports

# %%
import pandas as pd

from analysis import correlate, likes, notebooks, pipeline, plots_events, reference, timeseries
from analysis.plots import save_figure

# %% [markdown]
# ## Inputs

# %%
inputs = pipeline.resolve_inputs(posts_path, likes_path)
posts = pipeline.enrich_posts(inputs.posts)
snapshots = pipeline.load_likes(inputs.likes)
events = reference.load_events()
print(f"posts: {inputs.posts.name} ({len(posts):,} rows; {posts.attrs.get('stages')})")
print(f"likes: {inputs.likes.name} ({len(snapshots):,} snapshots)")
print(f"events: {len(events)} in data/reference, {int((events['precision'] == 'day').sum())} dated to the day")
print("SIMULATED posts and likes" if inputs.simulated else "real posts and likes")

# %% [markdown]
# ## The series
# One row per bin over the whole span of the posts: all posts (reposts included), the
# share of negative original posts, and the likes lost by the three pages together
# (empty where any page's tracker has a gap longer than `max_gap`).

# %%
start, end = posts["created_at"].min().floor("D"), posts["created_at"].max().ceil("D")
volume = timeseries.volume(posts, bin, start=start, end=end)
loss = likes.loss_wide(likes.loss_rate(snapshots, bin, max_gap, start=start, end=end), "lost")
series = pd.DataFrame({
    "posts": volume["posts"].astype(float),
    "negative_share": volume["negative_share"],
    "likes_lost": loss.sum(axis=1, min_count=loss.shape[1]).reindex(volume.index),
})
series.describe().T

# %% [markdown]
# ## Event study
# For each event day t0 (events of the same day are tested together), abnormal =
# mean over [t0, t0 + `post`) minus mean over the `baseline` before t0. The p-value
# compares it with the same statistic at placebo dates away from all events, and is
# corrected across event days. A caveat the chart makes visible: events that follow a
# big one within `baseline` (e.g. the days after the #OpeUnlike launch) have a
# contaminated baseline, so their "abnormal" is negative.

# %%
study = correlate.event_study(series, events, post=post, baseline=baseline, n_placebo=n_placebo,
                              correction=correction, bin=bin)
fig = plots_events.event_study_figure(study)
n_sig = study[study["metric"] == "posts"]["significant"].sum()
save_figure(
    fig, inputs.figure_name("event_study"), plots_events.event_study_data(study),
    source=f"events: data/reference; posts/likes: {inputs.posts.name}, {inputs.likes.name}; "
           f"{pipeline.models_used(posts)}",
    caption=f"Change in posting, negative share and likes lost in the {post} after each dated "
            f"event against the {baseline} before; grey: 95 % of placebo dates; filled: "
            f"significant after {correction} correction.",
    title=f"{n_sig} of {study['event_date'].nunique()} event days moved posting volume beyond ordinary days",
    simulated=inputs.simulated,
)

# %%
cols = ["event_date", "event_ids", "title", "metric", "baseline_mean", "event_mean", "abnormal",
        "p_placebo", "p_adjusted", "significant"]
study.loc[study["significant"], cols]

# %%
study[["method", "window", "bin", "uncertainty"]].drop_duplicates()

# %% [markdown]
# ## Days of block: the VoIP Down counter
# VoIP Down was a counter of days under the block that Moroccan websites embedded. The
# start date is disputed (conflict C1 in `data/reference/conflicts.csv`): 31 December
# 2015 in later reports, 5 January 2016 in the high-confidence sources and in VoIP
# Down's own text. VoIP Down's code used `new Date(2016, 1, 5)`, which JavaScript
# reads as **5 February** (months count from 0), so the counter it displayed ran about a
# month short (conflict C15; our reading of the code, which no source mentions). All
# three counts run to the nationwide restoration at midnight on 4 November 2016.

# %%
first_block, lifted = reference.block_period("first_block")
confirmed, _ = reference.block_period("confirmed")
starts = {
    "earliest_report": first_block,
    "confirmed_start": confirmed,
    "voipdown_code": pd.Timestamp("2016-02-05", tz="UTC"),  # new Date(2016, 1, 5), conflict C15
}
notes = {
    "earliest_report": f"from {first_block:%d %b %Y} (earliest reported start)",
    "confirmed_start": f"from {confirmed:%d %b %Y} (confirmed; VoIP Down's stated start)",
    "voipdown_code": "as VoIP Down's code counted (5 Feb 2016, a JavaScript month slip)",
}
counter = plots_events.block_counter(starts, lifted)
fig = plots_events.block_counter_figure(counter, notes)
days = int(counter["confirmed_start"].iloc[-1])
save_figure(
    fig, "block_days_counter", counter,
    source="data/reference (policy events, conflicts C1 and C15)",
    caption="Days under the VoIP block up to its lifting on 4 November 2016, counted from each "
            "start date the sources give, and as the VoIP Down counter's code counted.",
    title=f"App calls stayed blocked for {days} days, {int(counter['earliest_report'].iloc[-1])} "
          "by the earliest report",
)
counter.tail(1)

# %% [markdown]
# ## Summary
# * Each dated event gets one test per metric, with placebo dates for significance and
#   a correction across events; the tables state method, windows, bin and uncertainty.
# * Read a negative "abnormal" right after the campaign as a baseline effect, not as
#   posting collapsing below normal.
# * The block lasted 304 days from the confirmed start (309 from the earliest report);
#   the VoIP Down counter, as coded, would have shown about a month less.

# %%
print(notebooks.versions())
