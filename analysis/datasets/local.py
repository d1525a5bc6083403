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


#: The team's labelled sample (see ``data/sentiment_sample/README.md``).
TEAM_SAMPLE_FILE = "team_sample.tsv"


def load_team_sample(split: str | None = None) -> pd.DataFrame:
    """The small labelled sample written by the team, in the shared schema.

    About two hundred short posts in French, MSA, Darija in Arabic script and
    Arabizi, balanced over positive / negative / neutral, ``source`` =
    ``team_sample``. It ships with the project so that examples and tests run
    without the corpora. It is **not a benchmark**: the texts are short, written
    by a few people, and too few to rank models. ``split`` = ``train`` or ``dev``
    selects a part; ``None`` returns both.

    Examples
    --------
    >>> sample = load_team_sample()
    >>> sorted(sample["lang"].unique())
    ['ar', 'ary', 'ary_latn', 'fr']
    >>> sorted(sample["split"].unique()), set(sample["source"])
    (['dev', 'train'], {'team_sample'})
    """
    rows = read_tsv(paths.SENTIMENT_SAMPLE / TEAM_SAMPLE_FILE)
    if split is None:
        return rows
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS} or None, got {split!r}")
    return rows[rows["split"] == split].reset_index(drop=True)
