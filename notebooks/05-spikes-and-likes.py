# %% [markdown]
# # 05 · Spikes and likes: did negative posting go with the like losses?
#
# **Overview.** The #OpeUnlike campaign asked people to withdraw their likes from the
# Facebook pages of Maroc Telecom, Inwi and Meditel. This notebook sets the posting
# about the campaign (volume, sentiment) against the likes each page lost, finds the
# bursts, and asks whether losses followed negative posts, and with what delay.
#
# **Data.** By default it runs on the **SIMULATED** demo of the campaign file
# (`campaigns/opeunlike-2016.yml`; file names say SIMULATED; every figure carries a
# banner). The simulator plants a known lag between negative posts and unlikes, so this
# notebook also shows whether the methods find it. To use your own data, set
# `posts_path` to a Stream Grab archive (or a post table in Parquet) and `likes_path` to
# a tracker CSV (`timestamp, page, likes`): `make report POSTS=… LIKES=…`. The pages,
# window, bin and lags come from the campaign file; the parameters below override them.
#
# **When the data are too few** (a few hours, one page, a tracker with long gaps), each
# analysis checks its own preconditions (`analysis.preconditions`): the figure is then a
# "not enough data" panel that says why, and every headline says only what was tested
# (`analysis.headlines`).
#
# **Prerequisites.** `make setup`. The demo is generated on first use (about 15 s).
#
# **Outputs.** `figures/campaign_volume_likes[_SIMULATED]` and
# `figures/lag_negative_posts_likes[_SIMULATED]` (PNG, SVG and the CSV drawn).

# %% tags=["parameters"]
campaign = None  # campaign file (campaigns/*.yml); None means campaigns/opeunlike-2016.yml
posts_path = None  # archive (.json[.bz2], .tar, folder) or post table (.parquet); None means SIMULATED demo
likes_path = None  # tracker CSV (timestamp, page, likes) or like table (.parquet); None means SIMULATED demo
likes_tz = None  # time zone of tracker timestamps written without one, e.g. "Africa/Casablanca"
bin = None  # time bin for every series below; None means the campaign's (10min for #OpeUnlike)
window_start = None  # UTC; None means the campaign's window (the #OpeUnlike weekend and the days after)
window_end = None
max_gap = None  # like counts are never interpolated across a longer tracker gap; None means the campaign's
max_lag = None  # lags tested, in bins, each way; None means the campaign's
campaign_start = None  # UTC; None means the campaign's launch ("since Friday evening", Labass.net)
lang = "en"  # edition of the figures: en, fr or ar

# %% [markdown]
# ## Imports

# %%
import pandas as pd

from analysis import (campaign as campaigns, correlate, headlines, i18n, likes, model_words, notebooks,
                      pipeline, plots, preconditions, reference, simulate, timeseries, validation)
from analysis.plots import save_figure
from analysis.plots.campaign import campaign_figure, lag_figure

camp = campaigns.load(campaign)
bin = bin or camp.bin
window_start = likes.utc(window_start or camp.window[0])
window_end = likes.utc(window_end or camp.window[1])
max_gap = max_gap or camp.lag.get("max_gap", "30min")
max_lag = int(max_lag or camp.lag.get("max_lag", 12))
campaign_start = likes.utc(campaign_start or camp.launch or window_start)
names, colours = camp.page_names(lang), camp.page_colours()
step = pd.Timedelta(bin)
print(f"campaign {camp.name}: window {window_start} – {window_end}, bin {bin}, {max_lag} lags")

# %% [markdown]
# ## Inputs
# The archive goes through the real collector (matching the campaign's query), language
# identification and sentiment analysis (`analysis.pipeline.enrich_posts`, cached in
# `data/processed/`). Reposts are counted as volume but get no sentiment of their own.

# %%
inputs = pipeline.resolve_inputs(posts_path, likes_path, camp)
posts = pipeline.enrich_posts(inputs.posts, query=camp.query_object())
snapshots = pipeline.load_likes(inputs.likes, tz=likes_tz, campaign=camp)
print(f"posts: {inputs.posts.name} ({len(posts):,} rows; {posts.attrs.get('stages')})")
print(f"likes: {inputs.likes.name} ({len(snapshots):,} snapshots, {snapshots.attrs.get('rejected', 0):,} rejected)")
print("SIMULATED data" if inputs.simulated else "real data")

# %% [markdown]
# ## Volume and sentiment against the like losses
# Likes lost per bin come from the page counts at the bin edges, interpolated only
# between snapshots at most `max_gap` apart; bins across a longer gap stay empty and
# are shaded. Press figures (when the campaign has them) are drawn as markers, never
# mixed into the series.

# %%
volume = timeseries.volume(posts, bin, start=window_start, end=window_end)
loss = likes.loss_rate(snapshots, bin, max_gap, start=window_start, end=window_end)
loss = loss[loss["bin_start"] < window_end]
empty = pd.DataFrame(index=volume.index)
rate = likes.loss_wide(loss, "rate_per_min").reindex(volume.index) if len(loss) else empty
gaps = likes.find_gaps(snapshots, max_gap, window_start, window_end)
markers = (likes.press_markers(reference.load_reported_figures(camp.reported_figures.parent))
           if camp.reported_figures else likes.press_markers(reference.load_reported_figures()).iloc[0:0])
spike_window = timeseries.bins_in("8h", bin)
# the spike detectors compare each bin with a trailing 8-hour baseline: they need more bins than that
spikes = (timeseries.spikes(volume["posts"], window=spike_window) if len(volume) > 2 * spike_window
          else pd.DataFrame(columns=["start", "end", "method"]))
cumulative = likes.cumulative_since(loss, campaign_start).reindex(volume.index) if len(loss) else None
posts_ready = preconditions.posts_ready(posts, window_start, window_end)
likes_ready = preconditions.likes_ready(snapshots, window_start, window_end)
print(f"posts in the window: {posts_ready.ok or posts_ready.reason}; likes: {likes_ready.ok or likes_ready.reason}")

# %% [markdown]
# ## Do losses follow negative posts?
# Cross-correlation of negative original posts with likes lost, per page, after both
# are filtered by the autoregressive model of the posts (prewhitening: trends and the
# posts' own persistence cannot fake a lag). Bars are 95 % moving-block bootstrap
# intervals; filled dots pass Holm's correction across lags. Granger tests (VAR on
# first differences, order by BIC) check both directions. Read a significant reverse
# test with care: when likes follow posts with a delay, the like series carries
# information about posts older than the VAR's own lags, which the test can pick up.
#
# A page is tested only when posts and likes overlap for at least
# `preconditions.min_lag_bins(max_lag)` bins in a row; posts count only over the span
# the post table covers (zero bins outside it are unknown, not quiet).

# %%
inside = (volume.index >= posts["created_at"].min().floor(bin)) & (volume.index <= posts["created_at"].max()) \
    if len(posts) else pd.Series(False, index=volume.index).to_numpy()
negative = volume["negative"].where(inside) if "negative" in volume else pd.Series(float("nan"), index=volume.index)
lost = likes.loss_wide(loss, "lost").reindex(volume.index) if len(loss) else empty
run_bins = {page: preconditions.complete_bins(negative, lost[page]) for page in lost.columns}
verdicts = {page: preconditions.lag_ready(n, max_lag, bin) for page, n in run_bins.items()}
lag_verdict = (preconditions.lag_ready(max(run_bins.values(), default=0), max_lag, bin)
               if posts_ready and likes_ready else (posts_ready if not posts_ready else likes_ready))
ccf = {page: correlate.cross_correlation(negative, lost[page], max_lag, bin=bin)
       for page in lost.columns if verdicts[page]}
granger = (pd.concat([correlate.granger(negative, lost[page], max_lag, bin=bin,
                                        names=("negative posts", f"{page} likes lost"))
                      for page in ccf], ignore_index=True) if ccf else pd.DataFrame())
print({page: v.ok or v.reason for page, v in verdicts.items()} or lag_verdict.reason)
granger[["direction", "lag_order", "F", "p_value", "significant", "strongest_lag", "strongest_coef",
         "method", "window", "bin"]] if len(granger) else granger

# %%
if posts_ready or likes_ready:
    save_figure(
        campaign_figure(volume, rate, gaps, markers, spikes, cumulative, names=names,
                        colours=colours, lang=lang),
        inputs.figure_name("campaign_volume_likes"),
        source=model_words.with_models(
            f"{inputs.posts.name}, {inputs.likes.name}"
            + (i18n.t("captions.campaign.press_source", lang) if camp.reported_figures else ""), posts, lang),
        caption=i18n.t("captions.campaign.caption", lang, bin=bin)
                + (i18n.t("captions.campaign.caption_press", lang) if camp.reported_figures else "")
                + i18n.t("captions.campaign.caption_bands", lang),
        title=headlines.headline_campaign(loss, ccf if ccf else None, step, names, lang=lang),
        simulated=inputs.simulated,
        lang=lang,
    )
else:
    reason = preconditions.both(posts_ready, likes_ready).text(lang)
    what = i18n.t("captions.campaign.what", lang)
    save_figure(plots.not_enough_data_figure(what, reason, lang=lang),
                inputs.figure_name("campaign_volume_likes"),
                source=f"{inputs.posts.name}, {inputs.likes.name}",
                caption=i18n.t("captions.not_drawn", lang, reason=reason),
                title=headlines.headline_skipped(what, reason, lang=lang),
                simulated=inputs.simulated, skipped=reason, lang=lang)

if ccf:
    planted = inputs.truth["lag_minutes"] if inputs.truth and inputs.truth["coupling"] else None
    used = [correlate.longest_complete_run(pd.concat({"x": negative, "y": lost[p]}, axis=1)).index for p in ccf]
    span = (min(u[0] for u in used), max(u[-1] for u in used) + step)
    save_figure(
        lag_figure(ccf, step, planted, names=names, colours=colours, lang=lang),
        inputs.figure_name("lag_negative_posts_likes"),
        source=model_words.with_models(f"{inputs.posts.name}, {inputs.likes.name}", posts, lang),
        caption=i18n.t("captions.lag.caption", lang)
                + "".join(i18n.t("captions.lag.untested", lang, page=names.get(p, p), reason=v.text(lang))
                          for p, v in verdicts.items() if not v),
        title=headlines.headline_lag(ccf, step, names, span, correction="Holm", lang=lang),
        simulated=inputs.simulated,
        lang=lang,
    )
else:
    what = i18n.t("captions.lag.what", lang)
    reason = lag_verdict.text(lang)
    save_figure(plots.not_enough_data_figure(what, reason, lang=lang),
                inputs.figure_name("lag_negative_posts_likes"),
                source=f"{inputs.posts.name}, {inputs.likes.name}",
                caption=i18n.t("captions.not_computed", lang, reason=reason),
                title=headlines.headline_skipped(what, reason, lang=lang),
                simulated=inputs.simulated, skipped=reason, lang=lang)

pd.concat(ccf, names=["page"]).reset_index(level=0).query("significant") if ccf else "lag analysis not run"

# %% [markdown]
# ## Spikes
# Robust z-score against a trailing 8-hour median/MAD (a spike starts and ends where the
# score falls back under 1.5), and high segments of a change-point segmentation.

# %%
spikes

# %% [markdown]
# ## Which pages the negative posts named
# Negative original posts per page named in the text (the page's names and spellings
# in the campaign file, in Latin and Arabic script); one post can name several pages.

# %%
spellings = {p.id: [campaigns.localized(p.name, lang) for lang in ("en", "fr", "ar")] + list(p.aliases)
             for p in camp.pages}
named = timeseries.by_page(posts, spellings, bin, sentiment="negative", start=window_start, end=window_end) \
    if len(posts) else pd.DataFrame(columns=list(spellings))
named.sum().rename("negative posts naming the page").to_frame()

# %% [markdown]
# ## Tracker gaps in the window

# %%
gaps

# %% [markdown]
# ## Against the planted truth (SIMULATED demo only)
# The simulator wrote the lag and the coupling it planted beside the archive. Here the
# chain went through the real text pipeline, so sentiment errors blur the signal.

# %%
if inputs.truth and ccf:
    found = {page: correlate.best_lag(table) for page, table in ccf.items()}
    print(f"planted lag: {inputs.truth['lag_minutes']} min; coupling {inputs.truth['coupling']}")
    for page, row in found.items():
        print(f"{page:14s} found lag {row['lag'] * step / pd.Timedelta(minutes=1):5.0f} min, "
              f"ccf {row['ccf']:+.2f}, significant {bool(row['significant'])}")
else:
    print("real data: no planted truth" if not inputs.truth else "lag analysis not run")

# %% [markdown]
# How well did language identification and sentiment recover the planted labels? The
# lag is found even though a share of the negative posts is mislabelled: errors
# weaken the correlation but do not move its lag.

# %%
planted = simulate.load_planted(inputs.posts)
agreement = validation.label_agreement(posts, planted) if planted is not None and len(posts) else None
agreement

# %% [markdown]
# ## Summary
# * Posting and like losses are on one time axis; gaps in the like tracker are shown,
#   not bridged, and press figures stay markers.
# * The lag plot says whether likes fell after negative posts, and how long after; the
#   Granger table gives the same question as a test in both directions.
# * On the SIMULATED demo the planted lag is marked, so the reader can see the methods
#   recover it. On real data the same cells run unchanged.

# %%
print(notebooks.versions())
