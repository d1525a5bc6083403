"""Named model configurations: the issue's reference, and ours.

``build_pipeline("default")`` is what ``make models`` trains and ships: a
:class:`~analysis.sentiment.hashed.HashedSentiment` with the settings chosen under the
cross-validation protocol (:mod:`analysis.sentiment.protocol`, ``benchmarks/sentiment.py``).
A student extends it by changing one parameter and rerunning the benchmark::

    model = build_pipeline("default").set_params(word_range=(1, 1))   # no word pairs
    fit_pipeline(model, texts, labels, domains)

``fit`` takes the training corpus ids as ``domains`` (for corpus balance and corpus
priors): use :func:`fit_pipeline`, which passes them to whatever model takes them.
"""

from __future__ import annotations

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from analysis.sentiment.hashed import HashedSentiment

#: Named configurations of :class:`HashedSentiment`. "default" is what `make models`
#: trains and CI checks; "light" is a smaller, faster variant for notebooks and tests
#: (not selected by the protocol).
CONFIGS = {
    "default": {"n_bits": 19, "corpus_power": 0.5, "label_balance": "corpus",
                "corpus_labels": True, "experts": ("fr", "mac"), "corpus_copies": True,
                "emoji_free_copies": 1.0, "emoji_free_scope": "pooled"},
    # the default of 2 December 2026, before the pooled model learnt emoji-free copies
    # (kept to compare in benchmarks/sentiment.py and as the ablations' base)
    "no_emoji_copies": {"n_bits": 19, "corpus_power": 0.5, "label_balance": "corpus",
                        "corpus_labels": True, "experts": ("fr", "mac"),
                        "corpus_copies": True},
    # the emoji-free copies taught to every part, the corpus model and experts included
    "emoji_free": {"n_bits": 19, "corpus_power": 0.5, "label_balance": "corpus",
                   "corpus_labels": True, "experts": ("fr", "mac"), "corpus_copies": True,
                   "emoji_free_copies": 1.0, "emoji_free_scope": "all"},
    # the default until December 2026: labels balanced over all rows, and MYC's and
    # AJGT's rows counted as "not neutral"
    "previous": {"n_bits": 19, "corpus_power": 0.5, "experts": ("fr", "mac"),
                 "corpus_copies": True},
    "light": {"char_range": (2, 4), "n_bits": 18, "corpus_power": 0.5},
}


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


def build_pipeline(config: str = "default"):
    """One of :data:`CONFIGS` (or ``"reference"``) as an unfitted estimator."""
    if config == "reference":
        return reference_pipeline()
    if config not in CONFIGS:
        raise KeyError(f"unknown config {config!r}; choose from {['reference', *CONFIGS]}")
    return HashedSentiment(**CONFIGS[config])


def fit_pipeline(model, texts, labels, domains=None, langs=None):
    """Fit ``model`` on texts and labels; corpus ids and language tags go to models
    whose ``fit`` takes them (see :func:`analysis.sentiment.protocol.fit_with_domains`)."""
    from analysis.sentiment.protocol import fit_with_domains

    frame = pd.DataFrame({"text": list(texts), "label": list(labels)})
    if domains is not None:
        frame["source"] = list(domains)
    if langs is not None:
        frame["lang"] = list(langs)
    return fit_with_domains(model, frame)
