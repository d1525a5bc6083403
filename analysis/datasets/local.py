"""Reading already-normalised corpora in the shared TSV schema.

Every corpus is normalised to one TSV schema, ``text, label, lang, source, split``
(see the corpora README). Corpus text is never committed: it is read from the folder
given by ``--corpora DIR``, ``OPEUNLIKE_CORPORA`` or ``data/external/corpora``.
Only ``train`` and ``dev`` splits are ever read by this project.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from analysis import paths

TSV_COLUMNS = ("text", "label", "lang", "source", "split")
SPLITS = ("train", "dev")


def read_tsv(path: str | Path) -> pd.DataFrame:
    """Read one file in the shared schema (standard CSV quoting, tab-separated)."""
    path = Path(path)
    df = pd.read_csv(
        path, sep="\t", keep_default_na=False, dtype=str, quoting=csv.QUOTE_MINIMAL
    )
    missing = set(TSV_COLUMNS) - set(df.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)} (expected {TSV_COLUMNS})")
    return df


def resolve_corpora(corpora_dir: str | Path | None = None) -> Path:
    """The corpora folder to use, or a clear error saying how to provide one."""
    found = Path(corpora_dir) if corpora_dir else paths.corpora_dir()
    if found is None or not Path(found).is_dir():
        raise FileNotFoundError(
            "no labelled corpora found: pass --corpora DIR, set OPEUNLIKE_CORPORA, "
            "or run `opeunlike data fetch`"
        )
    return Path(found)


def load_split(split: str, corpora_dir: str | Path | None = None,
               corpora: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Concatenate ``split`` (train or dev) of every corpus folder found."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}; test splits are never read here")
    root = resolve_corpora(corpora_dir)
    frames = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if corpora is not None and folder.name not in corpora:
            continue
        file = folder / f"{split}.tsv"
        if file.is_file():
            frames.append(read_tsv(file))
    if not frames:
        raise FileNotFoundError(f"{root}: no */{split}.tsv files")
    return pd.concat(frames, ignore_index=True)
