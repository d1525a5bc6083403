# %% [markdown]
# # 03 · Languages of #OpeUnlike posts: French, MSA, Darija and Arabizi
#
# **Overview.** Moroccan posts mix French, Modern Standard Arabic (MSA), Darija in
# Arabic script and Darija in Latin script ("Arabizi", with 3/7/9 for Arabic
# letters), often inside one post. This notebook labels every sample post with
# `analysis.langid.identify`, shows the language mix and the code-switched posts,
# and, when the labelled corpora are available, shows where the identifier goes
# wrong on their development splits.
#
# **Which model?** `identify` uses the trained model `models/langid.skops` when
# `opeunlike langid train` (or `make models`) has built it from the corpora;
# otherwise it uses the rule fallback (script shares and the cue-word lists of
# `data/langid/`), which needs no data. Every table and figure says which one ran.
#
# **Prerequisites.** `make setup`. The sample posts ship with the project; they were
# written by the project, not collected from Twitter. The last section needs the
# labelled corpora (`OPEUNLIKE_CORPORA` or `corpora_dir` below); without them it
# says so and is skipped.
#
# **Outputs.** `figures/languages_sample_SIMULATED.{png,svg,csv}` and, with the corpora,
# `figures/languages_dev_confusion.{png,svg,csv}`.

# %% tags=["parameters"]
campaign = None  # campaign file (campaigns/*.yml); None means campaigns/opeunlike-2016.yml
posts_path = None  # your archive or post table (.parquet); None means the shipped sample posts
model = "default"  # default (trained model if saved, rules otherwise) | rules | path to a .skops file
corpora_dir = None  # folder of normalised corpora; None means OPEUNLIKE_CORPORA or data/external/corpora
n_examples = 8  # code-switched posts shown
lang = "en"  # edition of the figures: en, fr or ar

# %% [markdown]
# ## Imports

# %%
from analysis import campaign as campaigns, datasets, headlines, i18n, model_words, notebooks, paths, pipeline
from analysis.collect import sample_posts
from analysis.langid import (RuleIdentifier, evaluate_identifier, identify, identify_texts,
                             load_identifier, model_name)
from analysis.langid import explore
from analysis.plots import save_figure
from analysis.plots.style import lang_name
from analysis.plots.languages import confusion_figure, language_mix_figure

identifier = (RuleIdentifier().fit() if model == "rules"
              else load_identifier(None if model == "default" else model))
print(f"language identifier: {model_name(identifier)}")

# %% [markdown]
# ## Language mix of the posts
# The shipped sample posts, or yours (`posts_path`, matched by the campaign's query).
# Reposts are left out, so each text counts once.

# %%
camp = campaigns.load(campaign)
if posts_path is None:
    posts, posts_label, simulated = sample_posts(), i18n.t("captions.sample_source", lang), True
else:
    posts = pipeline.enrich_posts(posts_path, query=camp.query_object())
    posts_label, simulated = i18n.t("captions.posts_source", lang, path=posts_path), "SIMULATED" in str(posts_path)
originals = posts[~posts["is_repost"].astype(bool)].reset_index(drop=True)
print(f"{len(originals):,} original posts of {len(posts):,}")
if "lang" in originals.columns and model == "default":
    identified = originals  # the pipeline's language stage labelled them already
else:
    identified = identify(originals, model=identifier, replace=True)
mix = explore.language_mix(identified)
mix

# %%
save_figure(
    language_mix_figure(mix, model_name(identifier), lang=lang),
    "languages_sample" if posts_path is None else "languages_posts",
    source=i18n.t("captions.languages.source", lang, posts=posts_label,
                  model=model_words.language_model(model_name(identifier), lang)),
    caption=i18n.t("captions.languages.caption", lang, n=i18n.number_text(len(originals), lang)),
    title=headlines.headline_languages(mix, {k: lang_name(k, lang) for k in mix["label"]}, lang=lang),
    simulated=simulated,  # the sample posts are written by the project, not observed
    lang=lang,
)

# %% [markdown]
# ## Code-switching
# A post is flagged when it holds enough letters of both scripts, or at least two cue
# words of two varieties in one script (a single French loanword in Darija does not
# count). `switch_labels` lists the varieties involved.

# %%
print(f"{identified['code_switched'].mean():.0%} of the original sample posts switch "
      f"between varieties")
explore.code_switch_examples(identified, n=n_examples)

# %% [markdown]
# ## Errors on the corpora's development splits
# The corpora are read from a path and never shipped. Their `lang` tags are not all
# human judgements (see `data/langid/README.md`): only MAC's MSA/Darija tag is, which
# is why the "MSA vs Darija" score uses MAC rows only. The rows below are counts;
# shading is the share of the corpus tag's row.

# %%
found = corpora_dir or paths.corpora_dir()
dev = datasets.load_split("dev", found) if found else None
if dev is None:
    print("No labelled corpora found: set OPEUNLIKE_CORPORA or corpora_dir, or run "
          "`opeunlike data fetch`. This section is skipped; the figures above used the "
          "sample posts only.")
else:
    result = evaluate_identifier(dev, model=identifier)
    print(f"{result['n']:,} dev rows from {found}; model {result['model']}: macro-F1 "
          f"{result['macro_f1']:.3f}, MAC MSA vs Darija {result['msa_vs_darija_macro_f1']:.3f}")

# %%
if dev is not None:
    predicted = identify_texts(dev["text"], model=identifier)["label"]
    confusion = explore.confusion_long(dev["lang"], predicted)
    save_figure(
        confusion_figure(confusion, model_name(identifier), lang=lang), "languages_dev_confusion",
        source=i18n.t("captions.languages.dev_source", lang,
                      model=model_words.language_model(model_name(identifier), lang)),
        caption=i18n.t("captions.languages.dev_caption", lang),
        title=headlines.headline_agreement(confusion, lang=lang),
        lang=lang,
    )

# %% [markdown]
# ## Summary
# * The identifier never crosses scripts: a post is labelled within the script that
#   holds most of its letters, so Arabic-script and Latin-script labels cannot be
#   confused.
# * Telling MSA from Darija is the hard part: see `models/langid.md` for the measured
#   scores of the trained model, the rule fallback and the reference model.
# * Code-switched posts are common; `switch_labels` says which varieties they mix, so
#   later notebooks can treat them separately.

# %%
print(notebooks.versions())
