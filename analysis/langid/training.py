"""Training data for the identifier: the corpora's lang tags, cleaned and reweighted.

The corpora's ``lang`` column is not equally trustworthy (see
``data/langid/README.md`` for the reasoning and the measured effect):

* ``mac``: human-annotated standard vs dialectal: kept, weight 1;
* ``xlmt_arabic``: Gulf/Egyptian/Levantine tweets tagged ``ar``: kept with a lower
  weight (:data:`WEIGHTS`), since ``ar`` here is mostly *non-Moroccan dialect*, not MSA;
* ``myc`` Arabic script: ``ary`` only because the corpus is Moroccan: lower weight;
* ``afrisenti_ary`` Arabic script: mostly news headlines written in MSA but tagged
  ``ary``: dropped;
* Latin-script rows of ``myc`` and ``afrisenti_ary``: tagged ``ary_latn`` by script,
  though some are French, English or Spanish. A row with no Arabizi cue and at least
  two French (English, Spanish) cue words making up 30 % of its words is relabelled
  ``fr`` (``en``, ``other``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis import datasets
from analysis.langid.cues import CUE_LABELS
from analysis.langid.model import _rule_vectorizer

#: Corpora added for sentiment only. They tag every row ``ar`` for "not Moroccan",
#: whatever its script or dialect (Egyptian, Gulf, Levantine, some English): as
#: language labels those tags would teach the ar/ary boundary the wrong thing (they
#: cost MAC MSA-vs-Darija accuracy), so the identifier neither trains nor is scored on them.
SENTIMENT_ONLY = ("arsarcasm_v2", "astd", "arsas", "ajgt")

#: Sample weight per (corpus, lang); anything not listed weighs 1, 0 drops the rows.
WEIGHTS = {
    **{(corpus, "ar"): 0.0 for corpus in SENTIMENT_ONLY},
    ("xlmt_arabic", "ar"): 0.3,
    ("myc", "ary"): 0.3,
    ("afrisenti_ary", "ary"): 0.3,
}
#: Latin-script corpora whose script-derived ``ary_latn`` tag is re-checked with cues.
RECHECK_LATIN = ("myc", "afrisenti_ary")
MIN_FOREIGN_CUES = 2
MIN_FOREIGN_SHARE = 0.3


def cue_counts(texts) -> pd.DataFrame:
    """Cue words per label for each text (columns :data:`CUE_LABELS`)."""
    _, stats = _rule_vectorizer().transform_with_stats(list(texts))
    return pd.DataFrame(stats[:, 3:], columns=list(CUE_LABELS))


def relabel_latin(frame: pd.DataFrame) -> pd.Series:
    """New ``lang`` for script-tagged Latin rows: ``fr``/``en``/``other`` on clear cues.

    >>> relabel_latin(pd.DataFrame({"text": ["c'est vraiment pas bien", "wach nta mzyan",
    ...     "this is so good"], "lang": "ary_latn", "source": "myc"})).tolist()
    ['fr', 'ary_latn', 'en']
    """
    lang = frame["lang"].copy()
    rows = frame["source"].isin(RECHECK_LATIN).to_numpy() & (lang == "ary_latn").to_numpy()
    if not rows.any():
        return lang
    cues = cue_counts(frame.loc[rows, "text"])
    foreign = cues[["fr", "en", "other"]]
    best = foreign.idxmax(axis=1)
    words = frame.loc[rows, "text"].str.split().str.len().to_numpy()
    # Clear = no Arabizi cue at all, and the foreign cue words are both numerous and
    # a large part of the post (function words make up a third or more of real
    # French/English sentences; a French loanword or two in Darija does not).
    clear = ((cues["ary_latn"] == 0) & (foreign.max(axis=1) >= MIN_FOREIGN_CUES)
             & (foreign.max(axis=1).to_numpy() >= MIN_FOREIGN_SHARE * words))
    lang.loc[frame.index[rows][clear.to_numpy()]] = best[clear].to_numpy()
    return lang


def language_tagged(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows whose ``lang`` tag is a language label (not of :data:`SENTIMENT_ONLY`)."""
    return frame[~frame["source"].isin(SENTIMENT_ONLY)].reset_index(drop=True)


def training_table(corpora_dir: str | Path | None = None, split: str = "train",
                   weights: dict | None = None) -> pd.DataFrame:
    """``text, lang, source, weight`` for training, cleaned as the module says."""
    frame = datasets.load_split(split, corpora_dir)[["text", "lang", "source"]]
    frame = frame.reset_index(drop=True)
    frame["original_lang"] = frame["lang"]
    frame["lang"] = relabel_latin(frame)
    table = weights if weights is not None else WEIGHTS
    keys = list(zip(frame["source"], frame["original_lang"]))
    frame["weight"] = np.array([table.get(k, 1.0) for k in keys], dtype=float)
    return frame[frame["weight"] > 0].reset_index(drop=True)
