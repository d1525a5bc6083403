"""Small user-data inputs of awkward shapes: a Stream Grab archive and a tracker CSV.

Each writer produces the real formats a researcher would bring (Twitter v1.1 JSON
lines, a ``timestamp,page,likes`` CSV), so the report goes through the real collector
and importer.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

TEXTS = (
    "Je retire mon like de Meditel #OpeUnlike",
    "Honte à Inwi, rendez-nous Skype #OpeUnlike",
    "Bravo à tous pour la mobilisation #OpeUnlike",
    "حيدت الجيم من صفحة اتصالات المغرب #OpeUnlike",
    "Où en est le compteur de likes ? #OpeUnlike",
)


def _tweet(i: int, when: pd.Timestamp, text: str) -> dict:
    hashtags = [w[1:] for w in text.split() if w.startswith("#")]
    return {
        "created_at": when.strftime("%a %b %d %H:%M:%S +0000 %Y"),
        "id": 700000000000000000 + i, "id_str": str(700000000000000000 + i), "text": text,
        "user": {"id": 1000 + i % 37, "id_str": str(1000 + i % 37), "screen_name": f"user{i % 37}"},
        "entities": {"hashtags": [{"text": h} for h in hashtags], "user_mentions": [], "urls": []},
        "lang": "fr", "retweet_count": 0, "favorite_count": 0,
    }


def write_archive(path: Path, times, texts=TEXTS) -> Path:
    """One post per time, cycling through ``texts`` (all match the opeunlike query by default)."""
    with open(path, "w", encoding="utf-8") as fh:
        for i, when in enumerate(times):
            fh.write(json.dumps(_tweet(i, pd.Timestamp(when), texts[i % len(texts)]), ensure_ascii=False) + "\n")
    return path


def spread(start: str, end: str, n: int) -> list[pd.Timestamp]:
    """``n`` post times spread evenly over [start, end) UTC."""
    a, b = pd.Timestamp(start, tz="UTC"), pd.Timestamp(end, tz="UTC")
    return [a + (b - a) * (k + 0.5) / n for k in range(n)]


def write_tracker(path: Path, start: str, end: str, pages=("maroc_telecom", "inwi", "meditel"),
                  every: str = "5min", naive: bool = False, times=None, seed: int = 0) -> Path:
    """Like counts falling irregularly, one row per page and snapshot time."""
    rng = np.random.default_rng(seed)
    when = pd.DatetimeIndex(times) if times is not None else pd.date_range(start, end, freq=every, tz="UTC")
    rows = []
    for page in pages:
        likes = 500_000 - np.cumsum(rng.poisson(40, len(when)))
        for t, n in zip(when, likes):
            stamp = t.strftime("%Y-%m-%d %H:%M") if naive else t.strftime("%Y-%m-%dT%H:%M:%SZ")
            rows.append({"timestamp": stamp, "page": page, "likes": int(n)})
    pd.DataFrame(rows).to_csv(path, index=False)
    return path
