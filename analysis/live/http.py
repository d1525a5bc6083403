"""One polite GET, its failure kinds, and the backoff that follows a failure.

Every source makes exactly one request per call (the tracker calls each page's source
at most once per interval), so retrying happens across polls, never inside one: a page
that failed waits out its backoff while the other pages go on being polled.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone

import requests

import analysis

USER_AGENT = (f"opeunlike/{analysis.__version__} (research tracker of public page counts; "
              "one request per page per interval; https://github.com/opeunlike)")
#: Seconds to wait for a reply before the poll of that page counts as failed.
DEFAULT_TIMEOUT = 10.0


class FetchError(Exception):
    """A poll of one page that gave no count; ``kind`` says why, for the poll log.

    ``kind`` is ``rate_limited`` (429), ``server`` (5xx), ``client`` (other 4xx),
    ``timeout``, ``connection`` or ``malformed`` (a reply without a readable count).
    ``retry_after`` holds the seconds a 429 or 5xx reply asked us to wait, if any.
    """

    def __init__(self, kind: str, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.kind = kind
        self.retry_after = retry_after

    @property
    def transient(self) -> bool:
        """Whether the server asked us to slow down or failed on its side."""
        return self.kind in ("rate_limited", "server", "timeout", "connection")


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date).

    >>> parse_retry_after("120"), parse_retry_after(None), parse_retry_after("soon")
    (120.0, None, None)
    >>> now = datetime(2016, 2, 26, 20, 0, tzinfo=timezone.utc)
    >>> parse_retry_after("Fri, 26 Feb 2016 20:01:30 GMT", now)
    90.0
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def new_session() -> requests.Session:
    """A session that sends the tracker's User-Agent on every request."""
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


def get(session: requests.Session, url: str, params: dict | None = None,
        timeout: float = DEFAULT_TIMEOUT) -> requests.Response:
    """GET ``url`` once; a 2xx reply is returned, anything else raises :class:`FetchError`."""
    try:
        reply = session.get(url, params=params, timeout=timeout)
    except requests.Timeout:
        raise FetchError("timeout", f"no reply within {timeout:g} s") from None
    except requests.ConnectionError as exc:
        raise FetchError("connection", f"cannot connect ({type(exc).__name__})") from None
    if reply.ok:
        return reply
    retry_after = parse_retry_after(reply.headers.get("Retry-After"))
    wait = f", Retry-After {retry_after:g} s" if retry_after is not None else ""
    if reply.status_code == 429:
        raise FetchError("rate_limited", f"HTTP 429{wait}", retry_after)
    if reply.status_code >= 500:
        raise FetchError("server", f"HTTP {reply.status_code}{wait}", retry_after)
    raise FetchError("client", f"HTTP {reply.status_code}: {reply.text[:120]!r}")


@dataclass
class Backoff:
    """Exponential backoff with full jitter, counted in seconds from the failure.

    The n-th consecutive failure waits ``base * 2**(n-1)`` seconds, capped at ``cap``,
    scaled by a random factor in [0.5, 1.5) so that many trackers restarted together do
    not hammer a server in step; a ``Retry-After`` longer than that wins.

    >>> b = Backoff(base=60, cap=3600, rng=random.Random(0))
    >>> [round(b.delay(n)) for n in (1, 2, 3)]
    [81, 151, 221]
    >>> round(b.delay(1, retry_after=900))
    900
    """

    base: float = 60.0
    cap: float = 3600.0
    rng: random.Random | None = None

    def delay(self, failures: int, retry_after: float | None = None) -> float:
        rng = self.rng or random
        wait = min(self.cap, self.base * 2 ** max(0, failures - 1)) * (0.5 + rng.random())
        return max(wait, retry_after or 0.0)
