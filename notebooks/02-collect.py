# %% [markdown]
# # 02 · Collecting #OpeUnlike posts from an archive
#
# **Overview.** Twitter's 2016 posts can no longer be scraped (snscrape's Twitter module
# has been dead since 2023, the API is closed), so the project collects from archives
# and exports. This notebook runs the real collector (`analysis.collect`) over the
# shipped demo archive: it streams the v1.1 JSON lines, prefilters raw bytes, matches
# the `opeunlike` query on hashtags and keywords, pseudonymises authors, drops
# duplicates and reports every line it skipped with the reason. It then ranks the
# hashtags that travel with #OpeUnlike.
#
# **The data are illustrative.** `data/sample/` holds about 300 posts *written by the
# project* in French, Darija (Arabic script and Arabizi) and MSA, in the exact format of
# the Internet Archive's Twitter Stream Grab, with a few malformed lines on purpose.
# They were not collected from Twitter; the chart is stamped accordingly.
#
# **Prerequisites.** `make setup`. To run on your own archives, drop them in
# `data/raw/` (see its README) and set `posts_path` below (or
# `opeunlike report --posts …`), or use
# `opeunlike collect archive data/raw --out data/interim/posts.parquet`. The query and
# the seed hashtags come from the campaign file (`campaigns/*.yml`).
#
# **Outputs.** `figures/collect_related_hashtags_SIMULATED.{png,svg,csv}` (the sample posts are
# written by the project, so the figure is stamped as not real observations).

# %% tags=["parameters"]
campaign = None  # campaign file (campaigns/*.yml); None means campaigns/opeunlike-2016.yml
# A file, folder or .tar archive of Twitter v1.1 JSON lines, or a post table (.parquet)
# (None = the shipped sample). `archive` is the older name of this parameter.
posts_path = None
archive = None
query = None  # preset in analysis/config/queries.yml, a YAML file, or "all"; None means the campaign's
match = "both"  # hashtags, keywords or both
seeds = None  # hashtags whose companions we rank; None means the campaign's first hashtag
min_support = 3  # posts a companion hashtag must share with the seeds
rank_by = "lift_low"  # lift_low (lower end of the 95 % interval of lift), lift or pmi
figure_name = "collect_related_hashtags"
lang = "en"  # edition of the figure: en, fr or ar

# %% [markdown]
# ## Imports

# %%
import pandas as pd

from analysis import campaign as campaigns, headlines, i18n, notebooks, paths, pipeline
from analysis.collect import collect_archive, expand, load_query
from analysis.plots import save_figure
from analysis.plots.collect import hashtag_figure

camp = campaigns.load(campaign)
posts_path = posts_path or archive
sources = [posts_path] if isinstance(posts_path, str) else (posts_path or [paths.SAMPLE])
is_sample = posts_path is None
simulated = is_sample or "SIMULATED" in str(posts_path)
q = load_query(query) if query is not None else camp.query_object()
if seeds is None:
    seeds = list(q.hashtags[:1]) if q is not None and q.hashtags else ["OpeUnlike"]
print(f"campaign {camp.name}; posts: {'the shipped sample' if is_sample else posts_path}")

# %% [markdown]
# ## The query
# Hashtags and keywords are compared after normalisation (case, Latin accents, Arabic
# alef / alef maksura / teh marbuta, tatweel, diacritics, underscores, elongation), on
# whole tokens: `#Ope_UNLIIKE` matches `#OpeUnlike`, `#OpeUnlikeable` does not.

# %%
pd.DataFrame({"hashtags": pd.Series(q.hashtags if q else ()),
              "keywords": pd.Series(q.keywords if q else ())}).fillna("")

# %% [markdown]
# ## Collect
# One call streams the archive; the summary says what was read, kept and skipped.

# %%
if is_sample:
    result = collect_archive(sources, query=q, match=match)
else:  # an archive goes through the collector; a post table is read as it is
    result = pipeline.collect_result(posts_path, q)
print(result.summary.to_text())

# %% [markdown]
# ## What was rejected, and why
# Nothing is dropped silently: each rejected line keeps its file, line number, reason
# and raw text. In the sample, four lines are broken on purpose.

# %%
result.rejects[["source", "reason"]]

# %% [markdown]
# ## The post table
# `post_id` is `platform:native_id`; authors and mentions are keyed pseudonyms
# (`u_…`), and handles inside the text are replaced the same way. Reposts point to the
# post they repeat.

# %%
posts = result.posts
posts[["post_id", "created_at", "author_id", "lang_declared", "hashtags", "is_repost",
       "text"]].head(10)

# %%
pd.DataFrame({
    "posts": [len(posts)],
    "reposts": [int(posts["is_repost"].sum())],
    "replies": [int(posts["reply_to"].notna().sum())],
    "with URL": [int(posts["urls"].map(len).gt(0).sum())],
    "authors": [posts["author_id"].nunique()],
    "first": [posts["created_at"].min()],
    "last": [posts["created_at"].max()],
})

# %% [markdown]
# ## Hashtags that travel with the seeds
# For each hashtag (spelling variants pooled), lift is how much more often it appears
# in posts holding a seed than in all posts; PMI is its log₂. Hashtags seen with the
# seeds fewer than `min_support` times are left out: rare pairs give large, meaningless
# scores. Many tags only ever appear with a seed, so their lift ties; ranking by the
# lower end of lift's 95 % interval (`lift_low`) puts the ones with more evidence first,
# and only tags whose whole interval is above 1 (more often together than chance) are kept.

# %%
ranking = expand.rank_cooccurring(posts, seeds, by=rank_by, min_support=min_support,
                                  above_chance=rank_by != "pmi")
if ranking.empty:
    print(f"no hashtag shares at least {min_support} posts with {', '.join('#' + s for s in seeds)}")
ranking

# %%
seed_text = ", ".join("#" + s for s in seeds)
drawn = hashtag_figure(ranking, by=rank_by, seeds=seeds, lang=lang)
written = save_figure(
    drawn,
    figure_name,
    source=(i18n.t("captions.sample_source", lang) if is_sample else i18n.t("captions.posts_source", lang, path=posts_path)),
    caption=i18n.t(f"captions.hashtags.caption_{'pmi' if rank_by == 'pmi' else 'lift'}", lang,
                   seeds=seed_text, n=min_support),
    title=headlines.headline_hashtags(ranking, seeds, min_support, lang=lang),
    simulated=simulated,
    lang=lang,
)
written

# %% [markdown]
# ## A second pass (snowball)
# Accepting the top companions as new seeds and ranking again shows how far the
# campaign vocabulary reaches; review the accepted tags before using them as a query.

# %%
if len(ranking):
    grown, second = expand.snowball(posts, seeds, rounds=1, accept=3, by=rank_by,
                                    min_support=min_support)
    print("seeds after one round:", grown)
    display(second.head(10))
else:
    print("no companion hashtag to accept as a seed")

# %% [markdown]
# ## Summary
# The collector turned the archive into the canonical post table with every skipped
# line accounted for (see the summary and rejects above), and the co-occurrence
# ranking lists the hashtags that accompany #OpeUnlike in both scripts. On the shipped
# sample these numbers describe project-written posts only; run the same cells on your
# own archive for findings.

# %%
print(notebooks.versions())
