"""Any JSON URL plus a field path: other platforms, or a team's own counter.

The path is dot-separated; a part that is a whole number indexes a list
(``data.0.followers``). The value may be a number or a printed count (``"123 456"``),
read by :func:`analysis.collect.counts.parse_count`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import requests

from analysis.collect.counts import parse_count
from analysis.live import http
from analysis.live.sources.base import Reading


@dataclass
class JsonFieldSource:
    url: str
    field: str
    timeout: float = http.DEFAULT_TIMEOUT

    def read(self, session: requests.Session) -> Reading:
        reply = http.get(session, self.url, timeout=self.timeout)
        try:
            body = json.loads(reply.text)
        except ValueError:
            raise http.FetchError("malformed", f"reply is not JSON: {reply.text[:60]!r}") from None
        return Reading(field_count(body, self.field), self.url, f"json:{self.field}")


def field_count(body: object, path: str) -> int:
    """The count at ``path`` in a decoded JSON body.

    >>> field_count({"data": [{"followers": "1 234"}]}, "data.0.followers")
    1234
    >>> field_count({"count": 12}, "total")
    Traceback (most recent call last):
    ...
    analysis.live.http.FetchError: no field 'total' (at 'total') in the reply
    """
    value = body
    for part in path.split("."):
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            raise http.FetchError("malformed", f"no field {path!r} (at {part!r}) in the reply")
    if isinstance(value, bool) or value is None:
        raise http.FetchError("malformed", f"field {path!r} is {value!r}, not a count")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        if value < 0:
            raise http.FetchError("malformed", f"field {path!r} is negative: {value}")
        return value
    try:
        count = parse_count(value)
    except ValueError as exc:
        raise http.FetchError("malformed", f"field {path!r}: {exc}") from None
    if count is None:
        raise http.FetchError("malformed", f"field {path!r} is empty")
    return count
