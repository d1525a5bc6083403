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
# **Data.** Events are the campaign's sourced table (`data/reference/` for #OpeUnlike;
# real). Posts and likes default to the campaign's **SIMULATED** demo (`opeunlike
# simulate`; every figure drawn from it says so). Set `posts_path` and `likes_path` to
# run on your own archive and tracker: `make report POSTS=… LIKES=…`. The windows of the
# event study and the days counter come from the campaign file.
#
# **Prerequisites.** `make setup`.
#
# **Outputs.** `figures/event_study[_SIMULATED]` and `figures/block_days_counter`.

# %% tags=["parameters"]
campaign = None  # campaign file (campaigns/*.yml); None means campaigns/opeunlike-2016.yml
posts_path = None  # archive (.json[.bz2], .tar, folder) or post table (.parquet); None means SIMULATED demo
likes_path = None  # tracker CSV (timestamp, page, likes) or like table (.parquet); None means SIMULATED demo
likes_tz = None  # time zone of tracker timestamps written without one, e.g. "Africa/Casablanca"
# The event study's own bin and windows (None = the campaign's event_study section).
# Placebo p-values cannot go below 1 / (number of placebo bins + 1).
event_bin = None  # e.g. "1h"
post = None  # event window: [event day, event day + post), e.g. "2D"
baseline = None  # baseline window: the `baseline` before the event day, e.g. "14D"
n_placebo = None  # placebo dates drawn (without replacement) away from every event
max_gap = None  # like counts are never interpolated across a longer tracker gap
correction = None  # across event days, per metric: fdr_bh (Benjamini-Hochberg) or holm
lang = "en"  # edition of the figures: en, fr or ar

# %% [markdown]
# ## Imports

# %%
import pandas as pd

from analysis import (campaign as campaigns, correlate, headlines, i18n, likes, model_words, notebooks,
                      pipeline, plots, preconditions, reference, timeseries)
from analysis.plots import save_figure
from analysis.plots.events import block_counter_figure, event_study_figure

camp = campaigns.load(campaign)
study_cfg = camp.event_study
event_bin = event_bin or study_cfg.get("bin", "1h")
post = post or study_cfg.get("post", "2D")
baseline = baseline or study_cfg.get("baseline", "14D")
n_placebo = int(n_placebo or study_cfg.get("n_placebo", 2000))
max_gap = max_gap or study_cfg.get("max_gap", "6h")
correction = correction or study_cfg.get("correction", "fdr_bh")

# %% [markdown]
# ## Inputs

# %%
inputs = pipeline.resolve_inputs(posts_path, likes_path, camp)
posts = pipeline.enrich_posts(inputs.posts, query=camp.query_object())
snapshots = pipeline.load_likes(inputs.likes, tz=likes_tz, campaign=camp)
events = reference.load_events(camp.events_folder()) if camp.events else None
events_source = campaigns._shown(camp.events) if camp.events else "no events file"
print(f"posts: {inputs.posts.name} ({len(posts):,} rows; {posts.attrs.get('stages')})")
print(f"likes: {inputs.likes.name} ({len(snapshots):,} snapshots)")
if events is not None:
    print(f"events: {len(events)} in {events_source}, {int((events['precision'] == 'day').sum())} dated to the day")
print("SIMULATED posts and likes" if inputs.simulated else "real posts and likes")

# %% [markdown]
# ## The series
# One row per bin over the whole span of the posts: all posts (reposts included), the
# share of negative original posts, and the likes lost by the tracked pages together
# (empty where any page's tracker has a gap longer than `max_gap`).

# %%
if len(posts):
    start, end = posts["created_at"].min().floor("D"), posts["created_at"].max().ceil("D")
    start, end = (start, end) if end > start else (start, start + pd.Timedelta(days=1))
    volume = timeseries.volume(posts, event_bin, start=start, end=end)
    loss_long = likes.loss_rate(snapshots, event_bin, max_gap, start=start, end=end) if len(snapshots) else None
    loss = likes.loss_wide(loss_long, "lost") if loss_long is not None and len(loss_long) else None
    series = pd.DataFrame({
        "posts": volume["posts"].astype(float),
        "negative_share": volume["negative_share"] if "negative_share" in volume else float("nan"),
        "likes_lost": (loss.sum(axis=1, min_count=loss.shape[1]).reindex(volume.index)
                       if loss is not None else float("nan")),
    })
    ready = preconditions.event_study_ready(events, start, end, post, baseline)
else:
    series, ready = pd.DataFrame(), preconditions.posts_ready(posts)
print(ready.ok or ready.reason)
series.describe().T if len(series) else series

# %% [markdown]
# ## Event study
# For each event day t0 (events of the same day are tested together), abnormal =
# mean over [t0, t0 + `post`) minus mean over the `baseline` before t0. The p-value
# compares it with the same statistic at placebo dates away from all events, and is
# corrected across event days. Events without `baseline` of data before them and
# `post` after are not tested. A caveat the chart makes visible: events that follow a
# big one within `baseline` (e.g. the days after the #OpeUnlike launch) have a
# contaminated baseline, so their "abnormal" is negative.

# %%
study = (correlate.event_study(series, events, post=post, baseline=baseline, n_placebo=n_placebo,
                               correction=correction, bin=event_bin) if ready else pd.DataFrame())
if len(study) and "metric" in study:
    save_figure(
        event_study_figure(study, lang=lang), inputs.figure_name("event_study"),
        source=model_words.with_models(i18n.t("captions.events.source", lang, events=events_source,
                                              posts=inputs.posts.name, likes=inputs.likes.name), posts, lang),
        caption=i18n.t("captions.events.caption", lang, post=post, baseline=baseline, correction=correction),
        title=headlines.headline_event_study(study, "posts", correction, lang=lang),
        simulated=inputs.simulated,
        lang=lang,
    )
else:
    reason = ready.text(lang) if not ready else i18n.t("reasons.no_event_tested", lang)
    what = i18n.t("captions.events.what", lang)
    save_figure(plots.not_enough_data_figure(what, reason, lang=lang), inputs.figure_name("event_study"),
                source=i18n.t("captions.events.source", lang, events=events_source, posts=inputs.posts.name,
                              likes=inputs.likes.name),
                caption=i18n.t("captions.not_computed", lang, reason=reason),
                title=headlines.headline_skipped(what, reason, lang=lang),
                simulated=inputs.simulated, skipped=reason, lang=lang)

cols = ["event_date", "event_ids", "title", "metric", "baseline_mean", "event_mean", "abnormal",
        "p_placebo", "p_adjusted", "significant"]
study.loc[study["significant"].fillna(False).astype(bool), cols] if len(study) else "event study not run"

# %%
study[["method", "window", "bin", "uncertainty"]].drop_duplicates() if len(study) else None

# %% [markdown]
# ## The days counter
# For #OpeUnlike this is the VoIP Down counter of days under the block that Moroccan
# websites embedded. The start date is disputed (conflict C1 in
# `data/reference/conflicts.csv`): 31 December 2015 in later reports, 5 January 2016 in
# the high-confidence sources and in VoIP Down's own text. VoIP Down's code used
# `new Date(2016, 1, 5)`, which JavaScript reads as **5 February** (months count from
# 0), so the counter it displayed ran about a month short (conflict C15; our reading of
# the code, which no source mentions). All three counts run to the nationwide
# restoration at midnight on 4 November 2016. The starts, end and notes are the
# campaign file's `counter` section; a campaign without one has no counter.

# %%
counter_cfg = camp.counter
if counter_cfg and counter_cfg["end"]:
    starts = {s["id"]: s["date"] for s in counter_cfg["starts"]}
    notes = {s["id"]: campaigns.localized(s["note"], lang) or s["id"] for s in counter_cfg["starts"]}
    label = campaigns.localized(counter_cfg["label"], lang)
    counter = reference.block_counter(starts, counter_cfg["end"]["date"])
    end_day = i18n.date_text(counter_cfg["end"]["date"], lang)
    save_figure(
        block_counter_figure(counter, notes, label=label, lang=lang), "block_days_counter",
        source=i18n.t("captions.counter.source", lang, events=events_source,
                      campaign=campaigns._shown(camp.path)),
        caption=i18n.t("captions.counter.caption", lang, label=label[:1].upper() + label[1:], end=end_day),
        title=headlines.headline_counter(counter, label, notes, lang=lang),
        lang=lang,
    )
    display(counter.tail(1))
else:
    print("the campaign defines no days counter with an end date")

# %% [markdown]
# ## Summary
# * Each dated event gets one test per metric, with placebo dates for significance and
#   a correction across events; the tables state method, windows, bin and uncertainty.
# * Read a negative "abnormal" right after the campaign as a baseline effect, not as
#   posting collapsing below normal.
# * On #OpeUnlike's data, the block lasted 304 days from the confirmed start (309 from
#   the earliest report); the VoIP Down counter, as coded, would have shown about a
#   month less.

# %%
print(notebooks.versions())
