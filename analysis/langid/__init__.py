"""Language identification for Moroccan posts: fr, ar (MSA), ary, ary_latn, en, other.

Two entry points:

* :func:`identify` is the pipeline stage: it takes a post table (a ``text`` column) and
  returns it with exactly :data:`analysis.schema.LANGID_COLUMNS` added (``lang``, the six
  probabilities, ``code_switched``, ``switch_labels``, ``lang_model``);
* :func:`identify_texts` labels a list of texts and returns the identifier's details,
  one row per text, with

* ``label`` in :data:`LABELS`: ``fr``, ``ar`` (MSA / non-Moroccan Arabic), ``ary``
  (Darija, Arabic script), ``ary_latn`` (Arabizi), ``en`` or ``other``;
* ``p_fr``, ``p_ar``, ``p_ary``, ``p_ary_latn``, ``p_en``, ``p_other``;
* ``arabic_share`` and ``latin_share`` of the post's letters;
* ``code_switched`` and ``switch_labels`` (e.g. ``"fr+ary_latn"``), see
  :mod:`analysis.langid.codeswitch`;
* ``model``: ``"trained"`` (the saved :class:`LanguageIdentifier`) or ``"rules"``
  (:class:`RuleIdentifier`, used when no trained model file exists).

The trained model lives at :data:`DEFAULT_MODEL` (``models/langid.skops``, made by
``opeunlike langid train``); it is saved with skops, never as a bare pickle.
Arabic-script and Latin-script posts are never confused: each post is labelled
within the script that holds most of its letters.

Examples
--------
>>> frame = identify_texts(["wach nta mzyan? c'est vraiment pas normal", "شنو هاد الشي"],
...                        model=RuleIdentifier().fit())
>>> frame[["label", "code_switched", "switch_labels", "model"]].values.tolist()
[['ary_latn', True, 'fr+ary_latn', 'rules'], ['ary', False, '', 'rules']]
>>> posts = pd.DataFrame({"post_id": ["twitter:1"], "text": ["شنو هاد الشي"]})
>>> identify(posts, model=RuleIdentifier().fit())[["post_id", "lang", "lang_model"]].values.tolist()
[['twitter:1', 'ary', 'rules']]
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import paths, schema
from analysis.langid.model import (
    ARABIC_LABELS,
    LABELS,
    LATIN_LABELS,
    LanguageIdentifier,
    RuleIdentifier,
    details_frame,
)
from analysis.text import as_texts

DEFAULT_MODEL = paths.MODELS / "langid.skops"
#: Model settings chosen on the dev splits (see models/langid.md).
TRAINED_PARAMS = {"ngram_range": (2, 4), "min_df": 2, "C_arabic": 10.0, "C_latin": 10.0,
                  "n_bits": 19}

_LOADED: dict[Path, tuple[float, object]] = {}


def model_name(model) -> str:
    return "rules" if isinstance(model, RuleIdentifier) else "trained"


def load_identifier(path: str | Path | None = None, *, fallback: bool = True):
    """The trained identifier at ``path`` (default :data:`DEFAULT_MODEL`).

    With ``fallback=True`` a missing file gives a :class:`RuleIdentifier`; with
    ``False`` it raises ``FileNotFoundError``. Loaded models are cached per file
    and modification time.
    """
    path = Path(path) if path is not None else DEFAULT_MODEL
    if not path.is_file():
        if fallback:
            return RuleIdentifier().fit()
        raise FileNotFoundError(f"{path}: no trained language identifier; run `opeunlike langid train`")
    mtime = path.stat().st_mtime
    cached = _LOADED.get(path)
    if cached and cached[0] == mtime:
        return cached[1]
    from analysis.langid.persist import load_model

    model = load_model(path)
    _LOADED[path] = (mtime, model)
    return model


def identify(frame: pd.DataFrame, *, model=None, text_column: str = "text",
             replace: bool = False, progress: bool = False,
             batch_size: int = 50_000) -> pd.DataFrame:
    """The language-ID stage: ``frame`` plus exactly :data:`analysis.schema.LANGID_COLUMNS`.

    Row order and index are kept; missing text counts as empty. A frame that already
    holds any of those columns is refused (it was labelled already, or holds gold
    labels) unless ``replace=True``, which drops them first.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError("identify takes a post table (DataFrame with a text column); "
                        "for a list of texts use identify_texts")
    present = schema.stage_input(frame, text_column, schema.LANGID_COLUMNS, replace)
    details = identify_texts(frame[text_column], model=model, progress=progress,
                             batch_size=batch_size)
    out = frame.drop(columns=present)
    out["lang"] = details["label"].astype(str).to_numpy(dtype=object)
    for lang in LABELS:
        out[f"p_{lang}"] = details[f"p_{lang}"].to_numpy(dtype=float)
    out["code_switched"] = details["code_switched"].astype(bool).to_numpy()
    out["switch_labels"] = details["switch_labels"].astype(str).to_numpy(dtype=object)
    out["lang_model"] = details["model"].astype(str).to_numpy(dtype=object)
    return schema.validate_langid(out)


def identify_texts(texts, *, model=None, batch_size: int = 50_000,
                   progress: bool = False) -> pd.DataFrame:
    """The identifier's details for each text (see the module docstring for columns).

    ``model`` defaults to :func:`load_identifier` (trained model if saved, rules
    otherwise). The index follows ``texts`` when it is a ``pandas.Series``.
    """
    index = texts.index if isinstance(texts, pd.Series) else None
    values = as_texts(texts)
    model = model if model is not None else load_identifier()
    name = model_name(model)
    starts = range(0, max(len(values), 1), batch_size)
    if progress:
        from tqdm.auto import tqdm

        starts = tqdm(starts, desc="langid", unit="batch", total=len(starts))
    frames = [details_frame(model.predict_details(values[s:s + batch_size]), name)
              for s in starts]
    frame = pd.concat(frames, ignore_index=True) if frames else details_frame(
        model.predict_details([]), name)
    frame = frame.iloc[:len(values)]
    if index is not None:
        frame.index = index
    return frame


def train_identifier(corpora_dir: str | Path | None = None, *, save: bool = True,
                     path: str | Path | None = None, **params) -> LanguageIdentifier:
    """Train on every corpus's train split (cleaned, :mod:`analysis.langid.training`).

    Saves to ``path`` (default :data:`DEFAULT_MODEL`) unless ``save=False``.
    """
    from analysis.langid.training import training_table

    from threadpoolctl import threadpool_limits

    table = training_table(corpora_dir, "train")
    model = LanguageIdentifier(**{**TRAINED_PARAMS, **params})
    # One BLAS thread: a multi-threaded sum's order (and last bits) follows the machine's
    # load, and `make models` must rebuild the committed file byte for byte.
    with threadpool_limits(limits=1):
        model.fit(table["text"], table["lang"], sample_weight=table["weight"].to_numpy())
    if save:
        from analysis.langid.persist import save_model

        save_model(model, path or DEFAULT_MODEL)
    return model


def evaluate_identifier(data: pd.DataFrame, model=None) -> dict:
    """Scores on a table in the shared corpus schema (needs ``text``, ``lang``; ``source``).

    Returns the dict printed by ``opeunlike langid evaluate --json``: ``n``,
    ``macro_f1`` (over the labels present in ``lang``), ``per_class`` (label ->
    precision, recall, f1, support), ``confusion`` (gold label -> predicted label ->
    count), ``msa_vs_darija_macro_f1`` (rows of corpus ``mac`` tagged ``ar``/``ary``;
    ``None`` without such rows) and ``posts_per_s`` (``identify`` throughput over
    ``data``, one process, model loaded and its lookup tables built), plus ``model``.
    """
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    missing = {"text", "lang"} - set(data.columns)
    if missing:
        raise ValueError(f"evaluation data lacks columns {sorted(missing)}")
    model = model if model is not None else load_identifier()
    gold = data["lang"].astype(str).to_numpy()
    identify_texts(["warm up"], model=model)  # builds the model's lookup tables (a load-time cost)
    start = time.perf_counter()
    predicted = identify_texts(data["text"].tolist(), model=model)["label"].to_numpy()
    elapsed = time.perf_counter() - start
    present = [label for label in LABELS if label in set(gold)]
    extra = sorted(set(gold) - set(LABELS))
    labels = present + extra
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=0)
    per_class = {label: {"precision": float(p), "recall": float(r), "f1": float(f),
                         "support": int(s)}
                 for label, p, r, f, s in zip(labels, precision, recall, f1, support)}
    shown = labels + [label for label in LABELS if label not in labels and label in set(predicted)]
    confusion = {g: {p: int(((gold == g) & (predicted == p)).sum()) for p in shown} for g in labels}
    msa = None
    if "source" in data.columns:
        rows = (data["source"].to_numpy() == "mac") & np.isin(gold, ARABIC_LABELS)
        if rows.any():
            msa = float(f1_score(gold[rows], predicted[rows], labels=list(ARABIC_LABELS),
                                 average="macro", zero_division=0))
    return {
        "n": int(len(data)),
        "macro_f1": float(np.mean([per_class[label]["f1"] for label in labels])) if labels else 0.0,
        "per_class": per_class,
        "confusion": confusion,
        "msa_vs_darija_macro_f1": msa,
        "posts_per_s": float(len(data) / elapsed) if elapsed > 0 else None,
        "model": model_name(model),
    }


def evaluation_json(result: dict) -> str:
    """The ``--json`` output: exactly the keys the CLI promises."""
    keys = ("n", "macro_f1", "per_class", "confusion", "msa_vs_darija_macro_f1", "posts_per_s")
    return json.dumps({key: result[key] for key in keys}, ensure_ascii=False)


__all__ = ["LABELS", "ARABIC_LABELS", "LATIN_LABELS", "DEFAULT_MODEL", "TRAINED_PARAMS",
           "LanguageIdentifier", "RuleIdentifier", "evaluate_identifier", "evaluation_json",
           "identify", "identify_texts", "load_identifier", "model_name", "train_identifier"]
