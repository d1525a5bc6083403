"""Keyed pseudonymisation of account ids and handles, and the per-user secret key.

The collectors' ``flatten`` functions are pure: they copy clear ids and handles into a
post row. :func:`pseudonymise_row` is the step after them that replaces those ids, the
mentioned handles and the ``@handles`` written in the text with keyed pseudonyms
(skipped only when the user asks for clear handles, ``--keep-handles``).

Which key hashes an id, first match wins:

1. ``OPEUNLIKE_PSEUDONYM_KEY``, when set (a team sharing pseudonyms sets the same one);
2. the public :data:`DEMO_KEY`, only while collecting the project's shipped demo or
   SIMULATED inputs (:func:`key_for_inputs`), so their outputs are the same everywhere;
3. the user's own key: a random 256-bit key generated on first use and stored with
   mode 0600 in the user's config folder (``OPEUNLIKE_CONFIG_DIR`` or platformdirs'
   ``user_config_dir("opeunlike")``); its creation is announced once on stderr.

Without a secret key anyone could re-identify numeric ids by hashing candidates, so
real data is never hashed with the public demo key.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import hmac
import math
import os
import re
import secrets
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

#: Public on purpose: it only pseudonymises the project's own demo and SIMULATED data.
DEMO_KEY = "opeunlike-demo-key-not-secret"
KEY_ENV = "OPEUNLIKE_PSEUDONYM_KEY"
CONFIG_ENV = "OPEUNLIKE_CONFIG_DIR"
KEY_FILE = "pseudonym.key"

_override: contextvars.ContextVar[str | None] = contextvars.ContextVar("pseudonym_key",
                                                                       default=None)
_cached: dict[Path, str] = {}


def config_dir() -> Path:
    """The user's config folder for opeunlike (``OPEUNLIKE_CONFIG_DIR`` wins)."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    try:
        from platformdirs import user_config_dir
    except ImportError:  # platformdirs is pinned, but a bare install may lack it
        base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
        return Path(base) / "opeunlike"
    return Path(user_config_dir("opeunlike", appauthor=False))


def key_file() -> Path:
    return config_dir() / KEY_FILE


def user_key() -> str:
    """The user's secret key, generated (mode 0600) and announced on first use."""
    path = key_file()
    if path in _cached:
        return _cached[path]
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process created it first: use theirs
            pass
        else:
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(secrets.token_hex(32) + "\n")
            print(f"opeunlike: generated your private pseudonymisation key in {path} "
                  f"(mode 0600; keep it secret, back it up, or set {KEY_ENV})",
                  file=sys.stderr)
    key = path.read_text(encoding="ascii").strip()
    if not key:
        raise ValueError(f"{path}: empty pseudonymisation key file; delete it to regenerate")
    _cached[path] = key
    return key


def pseudonym_key() -> str:
    """The key in force: a :func:`using_key` override, then the environment, then the user's."""
    return _override.get() or os.environ.get(KEY_ENV) or user_key()


def is_demo_input(paths: Iterable[str | Path]) -> bool:
    """Whether every input is the project's shipped demo or SIMULATED data."""
    from analysis import paths as project

    demo_roots = (project.SAMPLE.resolve(), project.SIMULATED.resolve())
    given = [Path(p).resolve() for p in paths]
    return bool(given) and all(
        any(p == root or root in p.parents for root in demo_roots) for p in given)


def key_for_inputs(paths: Iterable[str | Path]) -> str:
    """The key to hash the ids of these inputs with (the demo key for demo inputs only)."""
    if os.environ.get(KEY_ENV):
        return os.environ[KEY_ENV]
    return DEMO_KEY if is_demo_input(paths) else pseudonym_key()


@contextlib.contextmanager
def using_key(key: str | None) -> Iterator[None]:
    """Hash with ``key`` inside the block (``None``: no change)."""
    if key is None:
        yield
        return
    token = _override.set(key)
    try:
        yield
    finally:
        _override.reset(token)


def pseudonymise(value: str | None, key: str | None = None) -> str | None:
    """Keyed hash of an account id or handle: stable within one key, irreversible without it.

    Examples
    --------
    >>> pseudonymise("12345", key="k") == pseudonymise("12345 ", key="k")
    True
    >>> pseudonymise("12345", key="k").startswith("u_")
    True
    >>> pseudonymise(None) is None
    True
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    secret = key if key is not None else pseudonym_key()
    digest = hmac.new(secret.encode(), str(value).strip().lower().encode(), hashlib.sha256)
    return "u_" + digest.hexdigest()[:20]


_HANDLE = re.compile(r"(?<![\w@])@(\w{1,30})")


def pseudonymise_handles(text: str) -> str:
    """Replace ``@handle`` in ``text`` with ``@u_…`` (the same keyed hash as everywhere).

    >>> with using_key("k"):
    ...     pseudonymise_handles("RT @someone: hi").startswith("RT @u_")
    True
    >>> pseudonymise_handles("mail a@b.c stays")
    'mail a@b.c stays'
    """
    if not text or "@" not in text:
        return text
    return _HANDLE.sub(lambda m: "@" + pseudonymise(m.group(1)), text)


def pseudonymise_row(row: dict) -> dict:
    """The privacy step after ``flatten``: ``author_id``, ``mentions`` and the handles in
    ``text`` pseudonymised with the key in force (:func:`pseudonym_key`); the rest as is.

    >>> with using_key("k"):
    ...     row = pseudonymise_row({"author_id": "42", "mentions": ["7"], "text": "hi @x"})
    >>> row["author_id"].startswith("u_"), row["mentions"][0].startswith("u_"), "@x" in row["text"]
    (True, True, False)
    """
    out = dict(row)
    if out.get("author_id"):
        out["author_id"] = pseudonymise(str(out["author_id"]))
    if out.get("mentions"):
        out["mentions"] = [pseudonymise(str(m)) for m in out["mentions"]]
    if isinstance(out.get("text"), str):
        out["text"] = pseudonymise_handles(out["text"])
    return out
