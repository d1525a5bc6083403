"""Evaluation on files in the shared schema, with the binary-corpus protocol.

**Protocol.** A model always predicts three probabilities. When the gold labels of
the evaluated file contain no ``neutral`` (binary corpora such as MYC), the
prediction is the likelier of ``positive`` and ``negative``: the neutral column is
ignored, never redistributed. Otherwise the prediction is the arg-max of all three.
The decision is taken once per file (per call), from the gold labels of the whole
file, never per row, so the model never sees a row's label.

Metrics: ``n``, ``macro_f1`` (unweighted mean of per-class F1 over the labels
present in gold or predictions), ``weighted_f1``, ``accuracy``; overall and per
``lang``; a confusion matrix; and throughput in posts per second (prediction only,
one process).
"""

from __future__ import annotations

import time
from inspect import signature

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

LABELS = ("negative", "neutral", "positive")


def is_binary(gold) -> bool:
    """True when the gold labels hold no ``neutral`` (the protocol's switch).

    >>> is_binary(["positive", "negative"]), is_binary(["neutral", "positive"])
    (True, False)
    """
    return "neutral" not in set(gold)


def decide(proba: np.ndarray, classes, binary: bool) -> np.ndarray:
    """Labels from probabilities; with ``binary`` the neutral column is ignored.

    Examples
    --------
    >>> p = np.array([[0.2, 0.5, 0.3]])
    >>> decide(p, LABELS, binary=False).tolist(), decide(p, LABELS, binary=True).tolist()
    (['neutral'], ['positive'])
    """
    classes = np.asarray(classes, dtype=object)
    scores = np.array(proba, dtype=float, copy=True)
    if binary:
        scores[:, classes == "neutral"] = -np.inf
    return classes[scores.argmax(axis=1)]


def metrics(gold, pred) -> dict:
    """n, macro-F1, weighted-F1 and accuracy (rounded to 4 decimals).

    >>> metrics(["positive", "negative"], ["positive", "positive"])["accuracy"]
    0.5
    """
    gold, pred = list(gold), list(pred)
    if not gold:
        return {"n": 0, "macro_f1": None, "weighted_f1": None, "accuracy": None}
    return {
        "n": len(gold),
        "macro_f1": round(float(f1_score(gold, pred, average="macro", zero_division=0)), 4),
        "weighted_f1": round(float(f1_score(gold, pred, average="weighted", zero_division=0)), 4),
        "accuracy": round(float(accuracy_score(gold, pred)), 4),
    }


def evaluate_predictions(data: pd.DataFrame, proba: np.ndarray, classes,
                         seconds: float | None = None) -> dict:
    """The evaluation report for ``data`` (shared schema) given predicted probabilities."""
    binary = is_binary(data["label"])
    pred = decide(proba, classes, binary)
    report = metrics(data["label"], pred)
    report["binary_protocol"] = binary
    report["per_lang"] = {
        str(lang): metrics(data["label"][mask], pred[mask.to_numpy()])
        for lang, mask in ((lang, data["lang"] == lang) for lang in sorted(data["lang"].unique()))
    }
    labels = [label for label in LABELS if label in set(data["label"]) | set(pred)]
    report["confusion"] = {
        "labels": labels,
        "matrix": confusion_matrix(data["label"], pred, labels=labels).tolist(),
        "rows": "gold", "columns": "predicted",
    }
    report["posts_per_s"] = round(len(data) / seconds, 1) if seconds else None
    return report


def evaluate(model, data: pd.DataFrame, use_domains: bool = True) -> dict:
    """Predict ``data["text"]`` with ``model`` and report.

    ``model`` is anything with ``predict_proba`` and ``classes_`` (a Pipeline, the
    lexicon scorer, an analyzer's model). The ``lang`` column is used only to
    split the report, never given to the model. The corpus id (``source``) is given
    to a model that takes ``domains`` unless ``use_domains`` is false: the trained
    model then adds what it learnt of that corpus, if it was trained on it.
    """
    start = time.perf_counter()
    proba = predict_with_domains(model, data if use_domains else data.drop(columns="source",
                                                                           errors="ignore"))
    seconds = time.perf_counter() - start
    report = evaluate_predictions(data, proba, model.classes_, seconds)
    report["domains"] = bool(use_domains and "source" in data.columns
                             and _takes_domains(model))
    return report


def predict_with_domains(model, frame: pd.DataFrame) -> np.ndarray:
    """``predict_proba`` of ``frame["text"]``; the corpus ids (``source``) go to models
    whose ``predict_proba`` takes ``domains``. A corpus the model was not trained on
    (the held-out one in leave-one-corpus-out) gets its shared, domain-free weights."""
    if _takes_domains(model) and "source" in frame.columns:
        return model.predict_proba(frame["text"].tolist(), domains=frame["source"].to_numpy())
    return model.predict_proba(frame["text"].tolist())


def _takes_domains(model) -> bool:
    target = model.steps[-1][1] if hasattr(model, "steps") else model
    return "domains" in signature(target.predict_proba).parameters


def format_report(report: dict, title: str = "") -> str:
    """A plain-text rendering of :func:`evaluate`'s report."""
    lines = [title] if title else []
    head = f"{'':12s} {'n':>6s} {'macro-F1':>9s} {'weighted-F1':>12s} {'accuracy':>9s}"
    lines.append(head)

    def row(name, m):
        if not m["n"]:
            return f"{name:12s} {0:6d}"
        return (f"{name:12s} {m['n']:6d} {m['macro_f1']:9.3f} {m['weighted_f1']:12.3f} "
                f"{m['accuracy']:9.3f}")

    lines.append(row("all", report))
    for lang, m in report["per_lang"].items():
        lines.append(row(lang, m))
    conf = report["confusion"]
    lines.append("")
    lines.append("confusion (rows gold, columns predicted): " + ", ".join(conf["labels"]))
    for label, counts in zip(conf["labels"], conf["matrix"], strict=True):
        lines.append(f"  {label:10s} " + " ".join(f"{c:6d}" for c in counts))
    if report.get("binary_protocol"):
        lines.append("binary protocol: gold has no neutral, predicted the likelier of "
                     "positive/negative")
    if report.get("posts_per_s"):
        lines.append(f"posts per second: {report['posts_per_s']:,.0f}")
    return "\n".join(lines)
