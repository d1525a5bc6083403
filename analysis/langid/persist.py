"""Saving and loading the identifier with skops (never a bare pickle).

Loading only trusts the types this project defines, scipy's CSR matrix (a plain
data container), and what skops already trusts (standard library, numpy,
scikit-learn); any other type in the file is refused with the offending names.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import skops.io as sio

#: Types a saved identifier may contain beyond those skops trusts by default.
TRUSTED_TYPES = (
    "analysis.langid.model.LanguageIdentifier",
    "analysis.langid.model.RuleIdentifier",
    "analysis.langid.features.WordNgramVectorizer",
)


def save_model(model, path: str | Path) -> Path:
    """Write ``model`` to ``path`` atomically (temporary file, then rename), in the
    canonical form that rebuilds byte for byte (:mod:`analysis.model_files`)."""
    from analysis.model_files import canonical_skops

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".skops.tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(canonical_skops(model))
        os.chmod(tmp, 0o644)  # a model file is meant to be shared (mkstemp makes it 0600)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def load_model(path: str | Path):
    """Load a model saved by :func:`save_model`, trusting only :data:`TRUSTED_TYPES`."""
    path = Path(path)
    untrusted = sio.get_untrusted_types(file=path)
    unknown = [name for name in untrusted if name not in TRUSTED_TYPES]
    if unknown:
        raise ValueError(f"{path}: refusing to load untrusted types {unknown}")
    return sio.load(path, trusted=untrusted)
