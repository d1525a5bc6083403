# %% [markdown]
# # 04 · Sentiment of #OpeUnlike posts in French, MSA, Darija and Arabizi
#
# **Overview.** This notebook labels posts positive, negative or neutral with
# `analysis.sentiment.create_analyzer()` and shows how far to trust the labels.
# It first classifies the shipped sample posts and breaks the result down by
# language. Then it shows how far to trust the labels (the cross-validated scores that
# ship with the model), which words the model leans on, and how to extend the
# classifier and re-evaluate it.
#
# **Which model?** `create_analyzer("default")` uses the trained model that ships in
# `models/sentiment.skops` (`make models` rebuilds it from the corpora). `"lexicon"`
# uses the lexicon scorer (`data/lexicons`, no training data), the documented
# fallback and baseline. Every figure says which model made it.
#
# **Prerequisites.** `make setup`. The sample posts ship with the project. They were
# written by the project, not collected from Twitter. The "extend" section uses the
# labelled corpora when `OPEUNLIKE_CORPORA` (or `corpora_dir` below) is set, and the
# team's small labelled sample otherwise.
#
# **Outputs.** `figures/sentiment_by_language_SIMULATED.{png,svg,csv}`.

# %% tags=["parameters"]
campaign = None  # campaign file (campaigns/*.yml); None means campaigns/opeunlike-2016.yml
posts_path = None  # your archive or post table (.parquet); None means the shipped sample posts
model = "default"  # default | lexicon | NAME (models/NAME.skops) | path to a .skops file
corpora_dir = None  # folder of normalised corpora; None means OPEUNLIKE_CORPORA or data/external/corpora
max_train_rows = 3000  # rows used to train the small models of the "extend" section
n_features = 6  # informative words shown per class
lang = "en"  # edition of the figure: en, fr or ar

# %% [markdown]
# ## Imports

# %%
import pandas as pd

from analysis import campaign as campaigns, datasets, headlines, i18n, notebooks, paths, pipeline
from analysis.collect import sample_posts
from analysis.plots import save_figure
from analysis.plots.style import lang_name
from analysis.plots.sentiment import share_by_language_figure
from analysis.sentiment import classify, create_analyzer
from analysis.sentiment import explore
from analysis.sentiment.models import build_pipeline, fit_pipeline
from analysis.sentiment.train import score_on_dev

analyzer = create_analyzer(model)
print(analyzer.description)

# %% [markdown]
# ## Sentiment of the sample posts, by language
# The language of each post comes from `analysis.langid`. The sentiment model reads the
# raw text; its French expert is chosen by a gate it learnt, not by this column.

# %%
camp = campaigns.load(campaign)
if posts_path is None:
    posts, posts_label, simulated = sample_posts(), i18n.t("captions.sample_source", lang), True
else:  # your posts, matched by the campaign's query
    posts = pipeline.enrich_posts(posts_path, query=camp.query_object())
    posts_label, simulated = i18n.t("captions.posts_source", lang, path=posts_path), "SIMULATED" in str(posts_path)
originals = posts[~posts["is_repost"].astype(bool)].reset_index(drop=True)
# `classify` reads the `lang` column of the language stage (and runs it only when absent)
classified = classify(originals, analyzer, replace=True)
shares = explore.share_by_language(classified)
shares

# %%
save_figure(
    share_by_language_figure(shares, lang=lang),
    "sentiment_by_language" if posts_path is None else "sentiment_by_language_posts",
    # which model labelled them: the source says it, in the figure's language
    source=posts_label + i18n.t("models.sep", lang) + analyzer.describe(lang),
    caption=i18n.t("captions.sentiment.caption", lang, n=i18n.number_text(len(originals), lang)),
    title=headlines.headline_sentiment(shares, {k: lang_name(k, lang) for k in shares["lang"].unique()},
                                       lang=lang),
    simulated=simulated,  # the sample posts are written by the project, not observed
    lang=lang,
)

# %% [markdown]
# ## How far to trust the labels
# The shipped model learnt from the train and dev rows of nine labelled corpora, so
# its own dev scores would flatter it. Its scores come from repeated cross-validation
# and leave-one-corpus-out instead (`benchmarks/sentiment.py`), whose fold-by-fold
# results ship in `models/sentiment-cv-folds.csv`. Below: macro-F1 per corpus, mean
# ± 95 % corrected interval, for the reference and for ours, and our gain in points.

# %%
from analysis.sentiment import protocol

folds_file = paths.MODELS / "sentiment-cv-folds.csv"
if folds_file.is_file():
    folds = pd.read_csv(folds_file)
    cv_summary = protocol.summarise(folds[folds["model"] == "default"],
                                    folds[folds["model"] == "reference"])
    display(cv_summary.round(3))
else:
    print(f"{folds_file} is missing: run `python benchmarks/sentiment.py` to make it.")

# %% [markdown]
# ### What the model leans on
# A hashed model stores weights per column, not words. To read it, the words of the
# posts under study are hashed as the model hashes them and their weights looked up:
# the words below weigh most for each class among the sample posts' words.

# %%
if analyzer.kind == "trained":
    features = explore.top_features(analyzer.model, originals["text"].dropna(), n=n_features)
    display(features.pivot_table(index="rank", columns="class", values="feature",
                                 aggfunc="first"))
else:
    print("The lexicon scorer has no learnt weights; its word lists are in data/lexicons.")

# %% [markdown]
# ## Extend the classifier
# The model is one scikit-learn estimator, `HashedSentiment`, whose parameters are the
# ideas it is made of. To try an idea, change one and re-evaluate. Here the light
# configuration is trained three times:
#
# * as shipped;
# * with one idea removed: `set_params(nb=False)` (no NB weighting of the features);
# * with one idea added: `set_params(experts=("fr", "ary_latn"))` (an Arabizi expert
#   next to the French one).
#
# To judge an idea for real, add it to `benchmarks/sentiment_ablations.py`, which scores
# it under cross-validation against the reference on the same folds.
#
# **Data.** With the labelled corpora, the models train on `max_train_rows` rows of
# their train splits and are scored per corpus on their dev splits. Without them,
# this section runs on the team's small labelled sample (`data/sentiment_sample`,
# `datasets.load_team_sample()`: 204 posts written by the team in French, MSA,
# Darija and Arabizi) and is scored per language. That sample shows the mechanics
# only: it is far too small and clean to compare models. For the real thing, run
# `opeunlike data fetch` (see the README section "Getting the labelled corpora") and
# set `OPEUNLIKE_CORPORA`.

# %%
from analysis.sentiment.evaluate import evaluate

found = corpora_dir or paths.corpora_dir()
if found:
    extend_train = datasets.load_split("train", found)
    extend_train = extend_train.sample(n=min(max_train_rows, len(extend_train)),
                                       random_state=2016)
    extend_dev = datasets.load_split("dev", found)
    print(f"Extending the classifier on the labelled corpora in {found}: "
          f"{len(extend_train):,} train rows, {len(extend_dev):,} dev rows, scored per corpus.")
else:
    extend_train = datasets.load_team_sample("train")
    extend_dev = datasets.load_team_sample("dev")
    print(f"No labelled corpora found: extending the classifier on the team's small sample "
          f"(data/sentiment_sample: {len(extend_train)} train rows, {len(extend_dev)} dev rows), "
          "scored per language. It shows the mechanics, not which variant is better. For the "
          "real corpora run `opeunlike data fetch` and set OPEUNLIKE_CORPORA.")


def dev_macro_f1(model, rows):
    """Macro-F1 per corpus slice with the corpora; overall and per language on the sample."""
    if found:
        return {name: r["macro_f1"] for name, r in score_on_dev(model, rows).items()}
    report = evaluate(model, rows)
    return {"all": report["macro_f1"],
            **{lang: r["macro_f1"] for lang, r in report["per_lang"].items()}}


variants = {
    "as shipped": build_pipeline("light"),
    "without NB weighting": build_pipeline("light").set_params(nb=False),
    "plus an Arabizi expert": build_pipeline("light").set_params(experts=("fr", "ary_latn")),
}
scores = {}
for name, variant in variants.items():
    fit_pipeline(variant, extend_train["text"], extend_train["label"], extend_train["source"],
                 extend_train["lang"])
    scores[name] = dev_macro_f1(variant, extend_dev)
display(pd.DataFrame(scores))

# %% [markdown]
# ## Summary
# The sample figure shows how the chosen model labels the project-written posts in
# each language. It describes that model, not the 2016 campaign. The
# cross-validated table shows how far to trust it per corpus, and
# `models/sentiment.md` adds leave-one-corpus-out scores, the nearest proxy for a new
# domain such as a user's own archive. The last section is the template for trying a
# new idea.

# %%
print(notebooks.versions())
