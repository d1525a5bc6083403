"""What every live source returns and raises (kept apart from the chooser in
``__init__`` so the source modules do not import the package that imports them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import requests


@dataclass(frozen=True)
class Reading:
    """One observed count: what the like table's ``likes``, ``source``, ``parser`` hold."""

    likes: int
    url: str
    parser: str


class Source(Protocol):
    def read(self, session: requests.Session) -> Reading: ...


class SourceError(ValueError):
    """A page whose ``source`` (or ``facebook``) entry cannot be polled as written."""
