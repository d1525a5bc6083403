"""Privacy of post text: handles written in the text are pseudonymised too."""

from __future__ import annotations

import re

from analysis.collect.rows import person

_HANDLE = re.compile(r"(?<![\w@])@(\w{1,30})")


def scrub_handles(text: str, keep_handles: bool = False) -> str:
    """Replace ``@handle`` in ``text`` with ``@u_…`` (same keyed hash as everywhere).

    >>> scrub_handles("RT @someone: hi").startswith("RT @u_")
    True
    >>> scrub_handles("mail a@b.c stays")
    'mail a@b.c stays'
    >>> scrub_handles("@keep me", keep_handles=True)
    '@keep me'
    """
    if keep_handles or not text:
        return text
    return _HANDLE.sub(lambda m: "@" + person(m.group(1)), text)
