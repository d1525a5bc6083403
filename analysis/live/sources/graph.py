"""Facebook Graph API: ``GET {base}/{page}?fields=followers_count,fan_count``.

``page`` is a numeric page id or a username (the Graph API accepts both). The token
comes from the environment (``OPEUNLIKE_GRAPH_TOKEN``), is sent as ``access_token`` and
is never written to the like table: the ``source`` column holds the URL without it.
``fan_count`` (the page's likes, what #OpeUnlike withdrew) is recorded; a reply that
has only ``followers_count`` (pages that hide likes) is recorded as that, and the
``parser`` column says which field the count came from.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests

from analysis.live import http
from analysis.live.sources.base import Reading

DEFAULT_BASE = "https://graph.facebook.com/v19.0"
BASE_ENV = "OPEUNLIKE_GRAPH_BASE"
TOKEN_ENV = "OPEUNLIKE_GRAPH_TOKEN"
FIELDS = "followers_count,fan_count"


@dataclass
class GraphSource:
    page: str
    base: str = DEFAULT_BASE
    token: str | None = None
    timeout: float = http.DEFAULT_TIMEOUT

    @property
    def url(self) -> str:
        return f"{self.base.rstrip('/')}/{self.page}?fields={FIELDS}"

    def read(self, session: requests.Session) -> Reading:
        params = {"fields": FIELDS}
        if self.token:
            params["access_token"] = self.token
        reply = http.get(session, f"{self.base.rstrip('/')}/{self.page}", params, self.timeout)
        likes, field = parse_reply(reply.text)
        return Reading(likes, self.url, f"graph:{field}")


def parse_reply(text: str) -> tuple[int, str]:
    """``(count, field)`` from a Graph API reply; :class:`FetchError` ``malformed`` if none.

    >>> parse_reply('{"fan_count": 2450114, "followers_count": 2500000, "id": "1"}')
    (2450114, 'fan_count')
    >>> parse_reply('{"followers_count": 10}')
    (10, 'followers_count')
    >>> parse_reply('{"error": {"message": "Invalid OAuth access token.", "code": 190}}')
    Traceback (most recent call last):
    ...
    analysis.live.http.FetchError: Graph API error 190: Invalid OAuth access token.
    """
    import json

    try:
        body = json.loads(text)
    except ValueError:
        raise http.FetchError("malformed", f"reply is not JSON: {text[:60]!r}") from None
    if not isinstance(body, dict):
        raise http.FetchError("malformed", f"reply is not a JSON object: {text[:60]!r}")
    if isinstance(body.get("error"), dict):
        error = body["error"]
        raise http.FetchError("client", f"Graph API error {error.get('code', '?')}: "
                                        f"{error.get('message', 'no message')}")
    for field in ("fan_count", "followers_count"):
        value = body.get(field)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value, field
    raise http.FetchError("malformed", f"no fan_count or followers_count in reply: {text[:80]!r}")
