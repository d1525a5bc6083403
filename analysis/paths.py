"""Where everything lives, found from this file's own location.

Nothing here depends on the working directory, so notebooks run from any folder
and under papermill. Environment variables override the two locations a user
may want elsewhere: ``OPEUNLIKE_CORPORA`` (labelled corpora) and
``OPEUNLIKE_FIGURES`` (figure output).
"""

from __future__ import annotations

import os
from pathlib import Path

#: The project root: the folder holding ``analysis/``, ``data/`` and ``notebooks/``.
ROOT = Path(__file__).resolve().parent.parent

DATA = ROOT / "data"
RAW = DATA / "raw"  # inputs exactly as they came; never edited
INTERIM = DATA / "interim"
PROCESSED = DATA / "processed"
REFERENCE = DATA / "reference"  # sourced facts: policy events, reported like figures
SAMPLE = DATA / "sample"  # small committed demo inputs
SENTIMENT_SAMPLE = DATA / "sentiment_sample"  # small labelled sample written by the team
SIMULATED = DATA / "simulated"  # SIMULATED demo campaign (regenerated, git-ignored)
LEXICONS = DATA / "lexicons"
EXTERNAL = DATA / "external"  # downloaded corpora (git-ignored)
CONFIG = ROOT / "analysis" / "config"
NOTEBOOKS = ROOT / "notebooks"
MODELS = ROOT / "models"
CACHE = ROOT / ".cache"


def figures_dir() -> Path:
    """Folder that figures are written to (``OPEUNLIKE_FIGURES`` or ``figures/``)."""
    return Path(os.environ.get("OPEUNLIKE_FIGURES", ROOT / "figures"))


def corpora_dir() -> Path | None:
    """Folder of normalised labelled corpora, or ``None`` when none is available.

    ``OPEUNLIKE_CORPORA`` wins (CI sets it to ``../shared/corpora``); otherwise
    ``data/external/corpora`` is used when ``opeunlike data fetch`` has filled it.
    """
    env = os.environ.get("OPEUNLIKE_CORPORA")
    if env:
        path = Path(env).expanduser()
        if not path.is_absolute():
            path = (Path.cwd() / path).resolve()
        return path if path.is_dir() else None
    fetched = EXTERNAL / "corpora"
    return fetched if fetched.is_dir() else None


def ensure(path: Path) -> Path:
    """Create ``path`` (a folder) if needed and return it."""
    path.mkdir(parents=True, exist_ok=True)
    return path
