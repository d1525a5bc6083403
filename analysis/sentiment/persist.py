"""Save and load sentiment models with skops (never a bare pickle).

:func:`load_model` trusts exactly the classes in :data:`TRUSTED_TYPES` on top of
skops' own defaults (scikit-learn, numpy); any other type in the file, and any
function, is refused with its name (:mod:`analysis.safe_load`), so a tampered or
foreign file cannot run code on load. A new model class is trusted by adding its
exact dotted name to :data:`TRUSTED_TYPES`. Files are written in the canonical form of
:mod:`analysis.model_files`, so the same model gives the same bytes.
"""

from __future__ import annotations

import json
from pathlib import Path

from analysis.io import atomic_write
from analysis.model_files import canonical_skops
from analysis.safe_load import UntrustedModelError, load_skops
from analysis.safe_load import untrusted_types as _untrusted_types

#: Exact class names a saved sentiment model may hold beyond skops' defaults. Classes
#: only, never a function: one line per class, added when a model starts using it.
TRUSTED_TYPES = frozenset({
    "analysis.sentiment.hashed.HashedSentiment",
    "analysis.sentiment.lexicon.Lexicon",
    "analysis.sentiment.scorer.LexiconScorer",
    "analysis.text.transformers.ArabiziNormaliser",
    "analysis.text.transformers.TextNormaliser",
    "builtins.slice",
    "collections.OrderedDict",
    "collections.defaultdict",
})

__all__ = ["TRUSTED_TYPES", "UntrustedModelError", "load_metadata", "load_model", "save_model",
           "untrusted_types"]


def _compact_vocabularies(model) -> None:
    """Turn the numpy-integer values of fitted vocabularies into Python ints.

    scikit-learn leaves ``np.int64`` values in ``vocabulary_`` after pruning
    features; skops writes each one as a separate array file (150,000 files, 190 MB
    and minutes to save or load), whereas plain ints go into its JSON schema.
    """
    stack = [model]
    while stack:
        est = stack.pop()
        vocabulary = getattr(est, "vocabulary_", None)
        if isinstance(vocabulary, dict):
            est.vocabulary_ = {term: int(index) for term, index in vocabulary.items()}
        stack.extend(step for _, step in getattr(est, "steps", []))
        stack.extend(step for _, step in getattr(est, "transformer_list", []))


def save_model(model, path: str | Path, metadata: dict | None = None) -> Path:
    """Write ``model`` to ``path`` (``.skops``) and ``metadata`` next to it (``.json``)."""
    path = Path(path)
    _compact_vocabularies(model)
    atomic_write(path, canonical_skops(model))
    if metadata is not None:
        atomic_write(path.with_suffix(".json"),
                     json.dumps(metadata, indent=2, ensure_ascii=False) + "\n")
    return path


def untrusted_types(path: str | Path) -> list[str]:
    """Types in the file that skops does not trust by default."""
    return _untrusted_types(path)


def load_model(path: str | Path):
    """Load a model saved by :func:`save_model`, trusting only :data:`TRUSTED_TYPES`."""
    return load_skops(path, TRUSTED_TYPES)


def load_metadata(path: str | Path) -> dict:
    """The metadata saved next to a model, or ``{}``."""
    meta = Path(path).with_suffix(".json")
    return json.loads(meta.read_text(encoding="utf-8")) if meta.is_file() else {}
