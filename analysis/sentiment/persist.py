"""Save and load sentiment models with skops (never a bare pickle).

skops refuses to build any type it does not trust. :func:`load_model` trusts the
exact classes listed in :data:`TRUSTED_TYPES` on top of skops' own defaults
(scikit-learn, numpy, scipy); any other type in the file is refused with its name,
so a tampered or foreign file cannot run code on load. Files are written by
:func:`analysis.model_files.canonical_skops`, so the same model gives the same bytes.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import skops.io as sio

#: The only types beyond skops' defaults that a saved sentiment model may hold.
TRUSTED_TYPES = frozenset({
    "analysis.sentiment.hashed.HashedSentiment",
    "analysis.sentiment.scorer.LexiconScorer",
    "builtins.slice",
})


class UntrustedModelError(RuntimeError):
    """The model file holds a type this project does not trust."""


def save_model(model, path: str | Path, metadata: dict | None = None) -> Path:
    """Write ``model`` to ``path`` (``.skops``) and ``metadata`` next to it (``.json``)."""
    from analysis.model_files import canonical_skops

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".skops.tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(canonical_skops(model))
    os.replace(tmp, path)
    if metadata is not None:
        path.with_suffix(".json").write_text(
            json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def untrusted_types(path: str | Path) -> list[str]:
    """Types in the file that skops does not trust by default."""
    return sorted(sio.get_untrusted_types(file=Path(path)))


def load_model(path: str | Path):
    """Load a model saved by :func:`save_model`, trusting only our own types."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such model file")
    found = untrusted_types(path)
    refused = [t for t in found if t not in TRUSTED_TYPES]
    if refused:
        raise UntrustedModelError(f"{path}: refusing to load untrusted types {refused}")
    return sio.load(path, trusted=found)


def load_metadata(path: str | Path) -> dict:
    """The metadata saved next to a model, or ``{}``."""
    meta = Path(path).with_suffix(".json")
    return json.loads(meta.read_text(encoding="utf-8")) if meta.is_file() else {}
