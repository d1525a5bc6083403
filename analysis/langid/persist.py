"""Saving and loading the identifier with skops (never a bare pickle).

Loading only trusts the types this project defines, scipy's CSR matrix (a plain
data container), and what skops already trusts (standard library, numpy,
scikit-learn); any other type in the file is refused with the offending names.
"""

from __future__ import annotations

from pathlib import Path

import skops.io as sio

from analysis.io import atomic_write
from analysis.safe_load import UntrustedModelError, load_skops

#: Exact class names a saved identifier may hold beyond those skops trusts by default.
TRUSTED_TYPES = frozenset((
    "scipy.sparse._csr.csr_matrix",
    "analysis.langid.model.LanguageIdentifier",
    "analysis.langid.model.RuleIdentifier",
    "analysis.langid.features.WordNgramVectorizer",
))

__all__ = ["TRUSTED_TYPES", "UntrustedModelError", "load_model", "save_model"]


def save_model(model, path: str | Path) -> Path:
    """Write ``model`` to ``path`` atomically (temporary file, then rename)."""
    return atomic_write(path, lambda tmp: sio.dump(model, tmp))


def load_model(path: str | Path):
    """Load a model saved by :func:`save_model`, trusting only :data:`TRUSTED_TYPES`."""
    return load_skops(path, TRUSTED_TYPES)
