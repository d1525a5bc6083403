"""Train a sentiment pipeline on the corpora train splits, score it on dev, save it
with skops, and write its model card.

Only ``train`` rows are fitted; ``dev`` rows are only scored. The per-corpus dev
scores follow :mod:`analysis.sentiment.evaluate` (binary protocol for MYC), and
the AfriSenti score the targets refer to is on its Arabizi (``ary_latn``) rows.
"""

from __future__ import annotations

import platform
import time
from pathlib import Path

import pandas as pd

from analysis import datasets, paths
from analysis.sentiment.evaluate import evaluate_predictions
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


def dev_slices(dev: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The dev rows of each scored slice (see :data:`DEV_SLICES`)."""
    out = {}
    for name, (source, lang) in DEV_SLICES.items():
        rows = dev[dev["source"] == source]
        if lang is not None:
            rows = rows[rows["lang"] == lang]
        if len(rows):
            out[name] = rows.reset_index(drop=True)
    return out


def score_on_dev(model, dev: pd.DataFrame) -> dict[str, dict]:
    """Per-slice evaluation reports of a fitted model (raw text in, gold only to score)."""
    reports = {}
    proba = model.predict_proba(dev["text"].tolist())
    dev = dev.reset_index(drop=True)
    for name, (source, lang) in DEV_SLICES.items():
        mask = dev["source"] == source
        if lang is not None:
            mask &= dev["lang"] == lang
        if mask.any():
            reports[name] = evaluate_predictions(dev[mask].reset_index(drop=True),
                                                 proba[mask.to_numpy()], model.classes_)
    return reports


def train(corpora_dir=None, config: str = "default"):
    """Fit ``config`` on every train split found; return ``(model, train_rows, seconds)``."""
    train_rows = datasets.load_split("train", corpora_dir)
    pipe = build_pipeline(config)
    start = time.perf_counter()
    fit_pipeline(pipe, train_rows["text"], train_rows["label"], train_rows["source"])
    return pipe, train_rows, time.perf_counter() - start


def _shown(path: Path) -> str:
    """A path as a user would type it: relative to the project root when inside it."""
    try:
        return str(Path(path).resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def train_and_save(corpora_dir, out: Path, config: str = "default") -> dict:
    """Train, score on dev, save ``out`` (.skops + .json) and its card ``out.with_suffix('.md')``."""
    from analysis.sentiment.card import write_card

    model, train_rows, seconds = train(corpora_dir, config)
    dev = datasets.load_split("dev", corpora_dir)
    reports = score_on_dev(model, dev)
    metadata = {
        "config": config,
        "trained_on": {str(k): int(v) for k, v in train_rows["source"].value_counts().items()},
        "train_seconds": round(seconds, 1),
        "dev": {name: {k: r[k] for k in ("n", "macro_f1", "weighted_f1", "accuracy")}
                for name, r in reports.items()},
        "python": platform.python_version(),
        "command": f"opeunlike sentiment train --out {_shown(out)} "
                   + (f"--config {config} " if config != "default" else "")
                   + "(with OPEUNLIKE_CORPORA set, or --corpora DIR)",
    }
    save_model(model, out, metadata)
    write_card(out.with_suffix(".md"), out.stem, metadata)
    return {"path": out, "config": config,
            "dev_macro_f1": {k: v["macro_f1"] for k, v in metadata["dev"].items()}}
