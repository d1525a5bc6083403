"""Loading model files safely: skops with an explicit allow-list of exact class names.

A ``.skops`` file is a zip holding a JSON schema that names the types to rebuild.
skops refuses what it does not trust, unless the caller trusts it; a loader that
trusted whole name prefixes (``analysis.*``) let a crafted file call any function of
the package (a function is a "type" to skops). So each loader passes a frozenset of
exact *class* names; anything else in the file (another class, any function, any
method) is refused before skops builds a single object, with one line naming the
file and the types. Files that are not skops archives at all (a pickle, garbage, an
empty file) are refused the same way, never with a ``BadZipFile`` traceback.
"""

from __future__ import annotations

import importlib
import inspect
import zipfile
from collections.abc import Iterable
from pathlib import Path


class UntrustedModelError(ValueError):
    """The model file is not a skops archive, or holds a type the project does not trust."""


def _is_class(name: str) -> bool:
    """Whether ``name`` (``module.Qualified.Name``) resolves to a class, not a function."""
    module_name, _, attr = name.rpartition(".")
    while module_name:
        try:
            obj = importlib.import_module(module_name)
        except ImportError:
            module_name, _, head = module_name.rpartition(".")
            attr = f"{head}.{attr}"
            continue
        for part in attr.split("."):
            obj = getattr(obj, part, None)
        return inspect.isclass(obj)
    return False


def untrusted_types(path: str | Path) -> list[str]:
    """Types in a skops file that skops does not trust by default (raises on non-skops files)."""
    path = Path(path)
    if not zipfile.is_zipfile(path):
        raise UntrustedModelError(
            f"{path}: not a skops model file (not a zip archive); pickles and other "
            "formats are refused because loading them can run code")
    import skops.io as sio  # here, not at import: skops imports every scikit-learn estimator (~3 s)

    try:
        return sorted(sio.get_untrusted_types(file=path))
    except Exception as exc:  # noqa: BLE001 - any failure to read the schema is a refusal
        raise UntrustedModelError(
            f"{path}: not a readable skops model file ({type(exc).__name__}: {exc})") from None


def load_skops(path: str | Path, allowed: Iterable[str]):
    """Load ``path`` trusting only the exact class names in ``allowed``.

    Raises :class:`FileNotFoundError` for a missing file and
    :class:`UntrustedModelError` (one line) for anything that is not a skops file made
    only of allowed classes and the types skops trusts by default.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such model file")
    allowed = frozenset(allowed)
    found = untrusted_types(path)
    # An allowed name must still be a class: a function slipped into an allow-list
    # would hand a crafted file a call gadget again.
    refused = [name for name in found if name not in allowed or not _is_class(name)]
    if refused:
        raise UntrustedModelError(
            f"{path}: refusing to load untrusted types {', '.join(refused)} "
            "(only the project's own model classes are trusted)")
    import skops.io as sio

    try:
        return sio.load(path, trusted=found)
    except UntrustedModelError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged archive is a refusal, not a crash
        raise UntrustedModelError(
            f"{path}: damaged skops model file ({type(exc).__name__}: {exc})") from None
