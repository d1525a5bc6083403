"""Pipelines: the issue's reference, and ours.

Every model is a scikit-learn :class:`~sklearn.pipeline.Pipeline` whose steps are
named, so a student extends one by swapping or adding one step::

    pipe = build_pipeline("default")
    pipe.named_steps["features"].transformer_list.append(("mine", MyTransformer()))

Steps of ours (``build_pipeline("default")``):

1. ``normalise``: :class:`~analysis.sentiment.tokens.TokenNormaliser` (the
   ``analysis.text`` normaliser, memoised per token);
2. ``features``: a FeatureUnion of character n-grams (``char_wb`` 1-5, memoised)
   and the nine :class:`~analysis.sentiment.features.LexiconFeatures` (weight 3);
3. ``classify``: :class:`~analysis.sentiment.mixture.DomainMixture` of per-corpus
   logistic regressions (probabilistic by construction), mixed by a corpus gate.

``fit`` needs the training corpus ids for the mixture: use :func:`fit_pipeline`.
"""

from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from analysis.sentiment.features import CharTfidf, LexiconFeatures
from analysis.sentiment.mixture import DomainMixture
from analysis.sentiment.tokens import TokenNormaliser

#: Named configurations. "default" is what `make models` trains (and CI checks); "light"
#: is a smaller variant for quick experiments (notebook 04), not tuned on dev; "pooled"
#: drops the mixture (one expert for all corpora); "words" adds word 1-2-grams.
CONFIGS = {
    # Chosen on dev (see models/sentiment.md): word n-grams lowered MAC and AfriSenti
    # Arabizi, the lexicon columns counted three times helped every expert.
    "default": {"char_range": (1, 5), "max_char_features": 400_000, "words": False,
                "lexicon_weight": 3.0, "expert_C": 3.0, "mixture": True},
    "light": {"char_range": (1, 4), "max_char_features": 200_000, "words": False,
              "lexicon_weight": 3.0, "expert_C": 3.0, "mixture": True},
    "pooled": {"char_range": (1, 5), "max_char_features": 400_000, "words": False,
               "lexicon_weight": 3.0, "expert_C": 3.0, "mixture": False},
    "words": {"char_range": (1, 5), "max_char_features": 400_000, "words": True,
              "lexicon_weight": 3.0, "expert_C": 3.0, "mixture": True},
}


#: The corpus gate. Chosen on dev among SGD (log loss) and saga logistic regressions
#: with C in {3, 10}: C=10 routed AfriSenti's Arabizi rows best (SGD was 10x faster but
#: sent more of them to the binary MYC expert).
GATE = LogisticRegression(C=10, solver="saga", tol=1e-3, max_iter=1000, random_state=2016)


def reference_pipeline() -> Pipeline:
    """The issue's reference: char_wb 2-5 + word 1-2 TF-IDF -> LogisticRegression(C=3)."""
    return Pipeline([
        ("features", FeatureUnion([
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                      min_df=2, max_features=400_000)),
            ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                                      min_df=2)),
        ])),
        ("classify", LogisticRegression(C=3, class_weight="balanced", max_iter=2000)),
    ])


def build_pipeline(config: str = "default") -> Pipeline:
    """One of :data:`CONFIGS` (or ``"reference"``) as an unfitted Pipeline."""
    if config == "reference":
        return reference_pipeline()
    if config not in CONFIGS:
        raise KeyError(f"unknown config {config!r}; choose from {['reference', *CONFIGS]}")
    c = CONFIGS[config]
    features = [
        ("chars", CharTfidf(ngram_range=c["char_range"], min_df=2,
                            max_features=c["max_char_features"])),
    ]
    if c["words"]:
        # The text is already normalised and tokenised: split on spaces only.
        features.append(("words", TfidfVectorizer(
            analyzer="word", token_pattern=r"\S+", lowercase=False, ngram_range=(1, 2),
            sublinear_tf=True, min_df=2)))
    features.append(("lexicon", LexiconFeatures(weight=c["lexicon_weight"])))
    # saga, tol=1e-3: the dev scores of lbfgs at a tenth of the training time (lbfgs
    # spent most of its time in its own bookkeeping over ~450k coefficients).
    expert = LogisticRegression(C=c["expert_C"], class_weight="balanced", solver="saga",
                                tol=1e-3, max_iter=1000, random_state=2016)
    classifier = DomainMixture(expert, GATE) if c["mixture"] else expert
    return Pipeline([
        ("normalise", TokenNormaliser()),
        ("features", FeatureUnion(features)),
        ("classify", classifier),
    ])


def fit_pipeline(pipe: Pipeline, texts, labels, domains=None) -> Pipeline:
    """Fit ``pipe``; the corpus ids go to a :class:`DomainMixture` step if there is one."""
    params = {}
    if isinstance(pipe.steps[-1][1], DomainMixture):
        params[f"{pipe.steps[-1][0]}__domains"] = domains
    return pipe.fit(list(texts), list(labels), **params)
