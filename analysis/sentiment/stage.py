"""The sentiment stage: a language-identified post table in, sentiment columns out.

:func:`classify` reads ``lang`` (the language stage's output, checked by
:func:`analysis.schema.validate_langid`) and adds exactly
:data:`analysis.schema.SENTIMENT_COLUMNS`. It runs language ID itself only on a table
that has no ``lang`` column, so a post is never identified twice.

A repost's text is someone else's words: it counts toward volume but carries no
sentiment (``None``, probabilities ``NaN``) whenever the table says which rows are
reposts (``is_repost``).

Examples
--------
>>> import pandas as pd
>>> from analysis.langid import RuleIdentifier, identify
>>> posts = identify(pd.DataFrame({"text": ["zwin bzaf", "khayb bzaf"]}), model=RuleIdentifier().fit())
>>> classify(posts, analyzer=create_analyzer("lexicon"))["sentiment"].tolist()
['positive', 'negative']
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from analysis import schema
from analysis.sentiment.analyzer import SentimentAnalyzer, create_analyzer


def classify(frame: pd.DataFrame, analyzer: SentimentAnalyzer | None = None, *,
             model: str = "default", text_column: str = "text", replace: bool = False,
             progress: bool = False, batch_size: int = 5_000) -> pd.DataFrame:
    """``frame`` plus exactly :data:`analysis.schema.SENTIMENT_COLUMNS` (order and index kept).

    ``analyzer`` defaults to :func:`create_analyzer` of ``model``. A table without
    ``lang`` goes through :func:`analysis.langid.identify` first (and so gains its
    columns too). A table that already has sentiment columns is refused unless
    ``replace=True``.
    """
    present = schema.stage_input(frame, text_column, schema.SENTIMENT_COLUMNS, replace)
    if "lang" not in frame.columns:
        from analysis.langid import identify

        frame = identify(frame, text_column=text_column, progress=progress)
    schema.validate_langid(frame)
    analyzer = analyzer if analyzer is not None else create_analyzer(model)
    out = frame.drop(columns=present)
    originals = (~out["is_repost"].astype(bool)).to_numpy() if "is_repost" in out.columns \
        else np.ones(len(out), dtype=bool)
    texts = out.loc[originals, text_column].fillna("").astype(str).tolist()
    proba = _batched_proba(analyzer, texts, batch_size, progress)
    labels = np.full(len(out), None, dtype=object)
    if len(proba):
        labels[originals] = np.array(schema.SENTIMENTS, dtype=object)[proba.argmax(axis=1)]
    out["sentiment"] = pd.Series(labels, index=out.index, dtype=object)
    for j, name in enumerate(schema.SENTIMENTS):
        values = np.full(len(out), np.nan)
        values[originals] = proba[:, j]
        out[f"p_{name}"] = values
    # Every sentiment figure must say which model labelled the posts (lexicon or trained).
    out["sentiment_model"] = analyzer.description
    return schema.validate_sentiment(out)


def _batched_proba(analyzer: SentimentAnalyzer, texts: list[str], batch_size: int,
                   progress: bool) -> np.ndarray:
    parts = []
    with tqdm(total=len(texts), unit="post", desc="sentiment", disable=not progress) as bar:
        for start in range(0, len(texts), batch_size):
            batch = texts[start:start + batch_size]
            parts.append(analyzer.predict_proba(batch))
            bar.update(len(batch))
    return np.vstack(parts) if parts else np.zeros((0, len(schema.SENTIMENTS)))
