"""Tables about a sentiment model and its labels, for notebook 04.

Their figures are drawn by :mod:`analysis.plots.sentiment`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.sentiment.evaluate import decide, is_binary

#: Display order of :data:`analysis.schema.SENTIMENTS` on charts: neutral in the middle.
ORDER = ("positive", "neutral", "negative")


def share_by_language(classified: pd.DataFrame, lang_column: str = "lang") -> pd.DataFrame:
    """Posts and share of each sentiment per language (long format, deterministic order).

    Examples
    --------
    >>> frame = pd.DataFrame({"lang": ["fr", "fr", "ary"],
    ...                       "sentiment": ["positive", "negative", "negative"]})
    >>> share_by_language(frame).query("lang == 'fr'")[["sentiment", "posts", "share"]].values.tolist()
    [['positive', 1, 0.5], ['neutral', 0, 0.0], ['negative', 1, 0.5]]
    """
    counts = (classified.groupby([lang_column, "sentiment"]).size()
              .unstack(fill_value=0).reindex(columns=list(ORDER), fill_value=0))
    rows = []
    for lang in sorted(counts.index):
        total = int(counts.loc[lang].sum())
        for sentiment in ORDER:
            n = int(counts.loc[lang, sentiment])
            rows.append({"lang": lang, "sentiment": sentiment, "posts": n,
                         "share": round(n / total, 4) if total else 0.0})
    return pd.DataFrame(rows)


def confusion_table(dev: pd.DataFrame, proba: np.ndarray, classes) -> pd.DataFrame:
    """Long table ``slice, gold, predicted, rows`` with the binary protocol per source."""
    rows = []
    for source, part in dev.groupby("source", sort=True):
        idx = part.index.to_numpy()
        pred = decide(proba[idx], classes, is_binary(part["label"]))
        counts = pd.crosstab(part["label"].to_numpy(), pred)
        for gold in ORDER:
            for predicted in ORDER:
                n = int(counts.loc[gold, predicted]) if (
                    gold in counts.index and predicted in counts.columns) else 0
                rows.append({"slice": source, "gold": gold, "predicted": predicted, "rows": n})
    return pd.DataFrame(rows)


def top_features(model, texts, n: int = 8) -> pd.DataFrame:
    """The ``n`` words of ``texts`` that weigh most for each class in a trained model.

    A hashed model stores no feature names, only weights per column. So the candidate
    words come from the texts given here (the posts under study, or a labelled sample),
    each is hashed to its column as the model would, and the pooled weights of those
    columns are read. A word's weight is that of its whole-word feature; its character
    n-grams add more, so this shows direction rather than a word's full effect.
    """
    from analysis.text.hashing import string_columns, tokenise_batch

    codes, lengths, _ = tokenise_batch(list(texts))
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(int)
    words = sorted({"".join(map(chr, codes[s:s + k])) for s, k in zip(starts, lengths)
                    if k > 1})
    if not words:
        return pd.DataFrame(columns=["class", "rank", "feature", "weight"])
    columns = string_columns(words, char_range=None, word=True, n_bits=model.n_bits).indices
    weights = model.pooled_weights(columns)  # (words, classes)
    rows = []
    for k, label in enumerate(model.classes_):
        order = np.argsort(-weights[:, k], kind="stable")[:n]
        for rank, j in enumerate(order, start=1):
            rows.append({"class": str(label), "rank": rank, "feature": words[j],
                         "weight": round(float(weights[j, k]), 3)})
    return pd.DataFrame(rows)


def misclassified(dev: pd.DataFrame, proba: np.ndarray, classes, per_slice: int = 3,
                  seed: int = 2016) -> pd.DataFrame:
    """A few confidently wrong dev rows per source (protocol applied), for reading."""
    rows = []
    for source, part in dev.groupby("source", sort=True):
        idx = part.index.to_numpy()
        pred = decide(proba[idx], classes, is_binary(part["label"]))
        conf = proba[idx].max(axis=1)
        wrong = part.assign(predicted=pred, confidence=conf.round(3))
        wrong = wrong[wrong["predicted"] != wrong["label"]]
        rows.append(wrong.sort_values(["confidence", "text"], ascending=[False, True])
                    .head(per_slice))
    out = pd.concat(rows, ignore_index=True) if rows else dev.head(0)
    return out[["source", "lang", "label", "predicted", "confidence", "text"]]
