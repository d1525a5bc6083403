"""Saving and loading the identifier with skops (never a bare pickle).

Loading trusts exactly the classes in :data:`TRUSTED_TYPES` and what skops already
trusts (numpy, scikit-learn); any other type in the file, and any function, is
refused with the offending names (:mod:`analysis.safe_load`). Files are written in
the canonical form of :mod:`analysis.model_files`, so the same model gives the same
bytes.
"""

from __future__ import annotations

from pathlib import Path

from analysis.io import atomic_write
from analysis.model_files import canonical_skops
from analysis.safe_load import UntrustedModelError, load_skops

#: Exact class names a saved identifier may hold beyond those skops trusts by default.
TRUSTED_TYPES = frozenset((
    "analysis.langid.model.LanguageIdentifier",
    "analysis.langid.model.RuleIdentifier",
    "analysis.langid.features.WordNgramVectorizer",
))

__all__ = ["TRUSTED_TYPES", "UntrustedModelError", "load_model", "save_model"]


def save_model(model, path: str | Path) -> Path:
    """Write ``model`` to ``path`` atomically, in the canonical skops form."""
    return atomic_write(path, canonical_skops(model))


def load_model(path: str | Path):
    """Load a model saved by :func:`save_model`, trusting only :data:`TRUSTED_TYPES`."""
    return load_skops(path, TRUSTED_TYPES)
