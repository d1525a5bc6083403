"""Train the shipped sentiment model on every corpus's train and dev rows, save it with
skops, and write its model card.

Model selection never looks at one dev split: it uses the cross-validation protocol
(:mod:`analysis.sentiment.protocol`, ``benchmarks/sentiment.py``). So the shipped model
learns from train and dev alike; :func:`score_on_dev` remains a smoke check of a model
trained on the train splits only.
"""

from __future__ import annotations

import platform
import time
from pathlib import Path

import pandas as pd
from threadpoolctl import threadpool_limits

from analysis import datasets, paths
from analysis.sentiment.evaluate import evaluate_predictions, predict_with_domains
from analysis.sentiment.models import build_pipeline, fit_pipeline
from analysis.sentiment.persist import save_model

#: How each dev score is named: corpus, or corpus restricted to one script tag.
DEV_SLICES = {
    "xlmt_arabic": ("xlmt_arabic", None),
    "xlmt_french": ("xlmt_french", None),
    "afrisenti_ary_latn": ("afrisenti_ary", "ary_latn"),
    "mac": ("mac", None),
    "myc": ("myc", None),
}


def score_on_dev(model, dev: pd.DataFrame) -> dict[str, dict]:
    """Per-slice evaluation reports of a fitted model (raw text in, gold only to score)."""
    reports = {}
    dev = dev.reset_index(drop=True)
    proba = predict_with_domains(model, dev)
    for name, (source, lang) in DEV_SLICES.items():
        mask = dev["source"] == source
        if lang is not None:
            mask &= dev["lang"] == lang
        if mask.any():
            reports[name] = evaluate_predictions(dev[mask].reset_index(drop=True),
                                                 proba[mask.to_numpy()], model.classes_)
    return reports


def training_rows(corpora_dir=None) -> pd.DataFrame:
    """Train and dev rows of every corpus found, in a fixed order."""
    return pd.concat([datasets.load_split("train", corpora_dir),
                      datasets.load_split("dev", corpora_dir)], ignore_index=True)


def train(corpora_dir=None, config: str = "default"):
    """Fit ``config`` on every train and dev row; return ``(model, rows, seconds)``."""
    rows = training_rows(corpora_dir)
    model = build_pipeline(config)
    start = time.perf_counter()
    # One BLAS thread: a multi-threaded sum's order (and last bits) follows the machine's
    # load, and `make models` must rebuild the committed file byte for byte.
    with threadpool_limits(limits=1):
        fit_pipeline(model, rows["text"], rows["label"], rows["source"], rows["lang"])
    return model, rows, time.perf_counter() - start


def _shown(path: Path) -> str:
    """A path as a user would type it: relative to the project root when inside it."""
    try:
        return str(Path(path).resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def train_and_save(corpora_dir, out: Path, config: str = "default") -> dict:
    """Train, save ``out`` (.skops + .json) and its card ``out.with_suffix('.md')``."""
    from analysis.sentiment.card import write_card

    model, rows, seconds = train(corpora_dir, config)
    params = {k: (list(v) if isinstance(v, tuple) else v)
              for k, v in model.get_params().items()} if config != "reference" else {}
    metadata = {
        "config": config,
        "params": params,
        "trained_on": {str(k): int(v) for k, v in rows["source"].value_counts().sort_index().items()},
        "train_seconds": round(seconds, 1),
        "python": platform.python_version(),
        "command": f"opeunlike sentiment train --out {_shown(out)} "
                   + (f"--config {config} " if config != "default" else "")
                   + "(with OPEUNLIKE_CORPORA set, or --corpora DIR)",
    }
    save_model(model, out, metadata)
    write_card(out.with_suffix(".md"), out.stem, metadata)
    return {"path": out, "config": config, "rows": len(rows), "seconds": seconds}
