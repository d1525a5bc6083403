# %% [markdown]
# # 04 · Sentiment of #OpeUnlike posts in French, MSA, Darija and Arabizi
#
# **Overview.** This notebook labels posts positive, negative or neutral with
# `analysis.sentiment.create_analyzer()` and shows how far to trust the labels.
# It first classifies the shipped sample posts and breaks the result down by
# language. Then, on the development splits of the labelled corpora, it shows the
# confusion matrices, the most informative features of each language's expert and a
# few misclassified rows. A last section shows how to extend the classifier with one
# more feature step and re-evaluate it.
#
# **Which model?** `create_analyzer("default")` uses the trained model
# `models/sentiment.skops` when `make models` has built it (it needs the corpora).
# Otherwise it uses the lexicon scorer (`data/lexicons`, no training data). Every
# figure says which model made it.
#
# **Prerequisites.** `make setup`. The sample posts ship with the project. They were
# written by the project, not collected from Twitter. The corpora sections need the
# labelled corpora: set `OPEUNLIKE_CORPORA` (or `corpora_dir` below), or run
# `opeunlike data fetch`. Without them, those sections say so and are skipped.
#
# **Outputs.** `figures/sentiment_by_language_SIMULATED.{png,svg,csv}` and, with the corpora,
# `figures/sentiment_dev_confusion.{png,svg,csv}`.

# %% tags=["parameters"]
campaign = None  # campaign file (campaigns/*.yml); None = campaigns/opeunlike-2016.yml
posts_path = None  # your archive or post table (.parquet); None = the shipped sample posts
model = "default"  # default | lexicon | NAME (models/NAME.skops) | path to a .skops file
corpora_dir = None  # folder of normalised corpora; None = OPEUNLIKE_CORPORA or data/external/corpora
max_train_rows = 3000  # rows used to train the small models of the "extend" section
n_features = 6  # informative features shown per class and expert
n_examples = 2  # misclassified dev rows shown per corpus

# %% [markdown]
# ## Imports

# %%
import pandas as pd

from analysis import campaign as campaigns, datasets, notebooks, paths, pipeline
from analysis.collect import sample_posts
from analysis.plots import save_figure
from analysis.sentiment import create_analyzer
from analysis.sentiment import explore
from analysis.sentiment.evaluate import evaluate_predictions
from analysis.sentiment.models import build_pipeline, fit_pipeline
from analysis.sentiment.train import score_on_dev

analyzer = create_analyzer(model)
print(analyzer.description)

# %% [markdown]
# ## Sentiment of the sample posts, by language
# The language of each post comes from `analysis.langid`. The sentiment model does
# not use it: it reads the raw text.

# %%
camp = campaigns.load(campaign)
if posts_path is None:
    posts, posts_label, simulated = sample_posts(), "data/sample (project-written posts, not collected)", True
else:  # your posts, matched by the campaign's query
    posts = pipeline.enrich_posts(posts_path, query=camp.query_object())
    posts_label, simulated = f"posts: {posts_path}", "SIMULATED" in str(posts_path)
originals = posts[~posts["is_repost"].astype(bool)].reset_index(drop=True)
classified = analyzer.predict_frame(originals, progress=False)
shares = explore.share_by_language(classified)
shares

# %%
fig = explore.plot_share_by_language(shares, analyzer.description)
save_figure(
    fig, "sentiment_by_language" if posts_path is None else "sentiment_by_language_posts", shares,
    source=f"{posts_label}; {analyzer.description}",
    caption=f"Share of positive, neutral and negative among {len(originals):,} original posts per "
            "language.",
    title=("Sentiment of the sample posts by language" if posts_path is None
           else f"Sentiment of {len(originals):,} original posts by language"),
    simulated=simulated,  # the sample posts are written by the project, not observed
)

# %% [markdown]
# ## Development splits
# The corpora are read from a path and never shipped. The figures follow the
# evaluation protocol (`analysis.sentiment.evaluate`). A file whose gold labels have
# no neutral (MYC) is scored on the likelier of positive and negative.

# %%
found = corpora_dir or paths.corpora_dir()
dev = datasets.load_split("dev", found) if found else None
if dev is None:
    print("No labelled corpora found: set OPEUNLIKE_CORPORA or corpora_dir, or run "
          "`opeunlike data fetch`. The sections below are skipped.")
else:
    print(f"{len(dev):,} dev rows from {found}")

# %% [markdown]
# ### Macro-F1 per dev slice and confusion matrices

# %%
if dev is not None:
    reports = score_on_dev(analyzer.model, dev)
    display(pd.DataFrame({name: {k: r[k] for k in ("n", "macro_f1", "weighted_f1", "accuracy")}
                          for name, r in reports.items()}).T)
    proba = analyzer.model.predict_proba(dev["text"].tolist())
    confusion = explore.confusion_table(dev, proba, analyzer.model.classes_)
    fig = explore.plot_confusions(confusion, analyzer.description)
    save_figure(
        fig, "sentiment_dev_confusion", confusion,
        source=f"dev splits of the labelled corpora (../shared/corpora/README.md); "
               f"{analyzer.description}",
        caption="Confusion matrices on each corpus' dev split (rows gold, columns "
                "predicted; shading = share of the gold row).",
        title="Where the sentiment model goes wrong",
    )

# %% [markdown]
# ### Most informative features per language
# In the trained model, each corpus has its own expert: `xlmt_french` for French,
# `xlmt_arabic` for MSA, `mac` for Moroccan Arabic, `afrisenti_ary` for Arabizi and
# `myc` for YouTube Darija. Without a trained model, a small model is trained here on
# `max_train_rows` rows so that the table can still be shown.

# %%
if dev is not None:
    inspected = analyzer.model
    if analyzer.kind != "trained":
        train = datasets.load_split("train", found)
        train = train.sample(n=min(max_train_rows, len(train)), random_state=2016)
        inspected = fit_pipeline(build_pipeline("light"), train["text"], train["label"],
                                 train["source"])
    features = explore.top_features(inspected, n=n_features)
    display(features.pivot_table(index=["expert", "rank"], columns="class", values="feature",
                                 aggfunc="first"))

# %% [markdown]
# ### Misclassified examples
# The model was most confident on these dev rows, and wrong on each of them. Read them
# before trusting a figure. These rows are corpus text: do not copy them into anything
# you publish.

# %%
if dev is not None:
    display(explore.misclassified(dev, proba, analyzer.model.classes_, per_slice=n_examples))

# %% [markdown]
# ## Extend the classifier
# Every model is a scikit-learn `Pipeline` with named steps: `normalise`, then
# `features` (a `FeatureUnion`), then `classify`. To try an idea, change one step and
# re-evaluate on dev. Here the light configuration is trained three times on
# `max_train_rows` rows:
#
# * as shipped (character n-grams plus the lexicon features);
# * with one step removed: `set_params(features__lexicon="drop")`;
# * with one step added: word 1-2-grams, appended to the `FeatureUnion`.
#
# Any transformer that maps the normalised texts to a matrix can be added the same
# way, for example `features.transformer_list.append(("mine", MyTransformer()))`.

# %%
if dev is not None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    train = datasets.load_split("train", found)
    train = train.sample(n=min(max_train_rows, len(train)), random_state=2016)
    with_words = build_pipeline("light")
    with_words.named_steps["features"].transformer_list.append(
        ("words", TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True,
                                  min_df=2)))
    variants = {
        "as shipped": build_pipeline("light"),
        "without lexicon": build_pipeline("light").set_params(features__lexicon="drop"),
        "plus word n-grams": with_words,
    }
    scores = {}
    for name, pipe in variants.items():
        fit_pipeline(pipe, train["text"], train["label"], train["source"])
        scores[name] = {k: r["macro_f1"] for k, r in score_on_dev(pipe, dev).items()}
    display(pd.DataFrame(scores))

# %% [markdown]
# ## Summary
# The sample figure shows how the chosen model labels the project-written posts in
# each language. It describes that model, not the 2016 campaign. With the corpora,
# the confusion matrices and misclassified rows show where it fails: neutral against
# the two polar classes, and domains unlike the training corpora. The figures in
# `models/sentiment.md` give the dev scores against the reference model. The last
# section is the template for trying a new feature.

# %%
print(notebooks.versions())
