"""Save and load sentiment models with skops (never a bare pickle).

skops refuses to build any type it does not trust. :func:`load_model` trusts
exactly the types this project defines (``analysis.*``) on top of skops' own
defaults (scikit-learn, numpy, scipy); any other type in the file is refused
with its name, so a tampered or foreign file cannot run code on load.
"""

from __future__ import annotations

import json
from pathlib import Path

import skops.io as sio

#: Types outside ``analysis.*`` that our pipelines legitimately hold.
EXTRA_TRUSTED = frozenset({
    "builtins.slice",
    "collections.OrderedDict",
    "collections.defaultdict",
})


class UntrustedModelError(RuntimeError):
    """The model file holds a type this project does not trust."""


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
        stack.extend(e for e in getattr(est, "experts_", []))


def save_model(model, path: str | Path, metadata: dict | None = None) -> Path:
    """Write ``model`` to ``path`` (``.skops``) and ``metadata`` next to it (``.json``)."""
    path = Path(path)
    _compact_vocabularies(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".skops.tmp")
    sio.dump(model, tmp)
    tmp.replace(path)
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
    refused = [t for t in found if not (t.startswith("analysis.") or t in EXTRA_TRUSTED)]
    if refused:
        raise UntrustedModelError(f"{path}: refusing to load untrusted types {refused}")
    return sio.load(path, trusted=found)


def load_metadata(path: str | Path) -> dict:
    """The metadata saved next to a model, or ``{}``."""
    meta = Path(path).with_suffix(".json")
    return json.loads(meta.read_text(encoding="utf-8")) if meta.is_file() else {}
