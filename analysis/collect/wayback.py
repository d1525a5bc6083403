"""Rebuild page like counts from Wayback Machine captures of the operators' Facebook pages.

1. CDX query per page URL: status 200 only, ``collapse=timestamp:10`` (at most one
   capture per hour), between two dates.
2. Each capture is fetched raw (``id_`` mode, no Wayback toolbar) and the like count
   is read from the 2016 markup in English, French or Arabic, or from embedded JSON.
3. Responses are cached on disk (a killed run resumes without refetching), requests
   are spaced by ``min_interval`` seconds, transient errors are retried a few times.
Captures showing only a login wall are counted and reported, never guessed.

The CDX and snapshot base URLs are parameters; the defaults are the public
web.archive.org endpoints, used by the command line only.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from datetime import datetime
from html import unescape
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import requests
import yaml

from analysis import paths, schema
from analysis.io import atomic_write
from analysis.collect.rows import LikeResult, Summary, empty_rejects, reject

CDX_URL = "https://web.archive.org/cdx/search/cdx"
SNAPSHOT_URL = "https://web.archive.org/web"
PAGES_FILE = paths.CONFIG / "wayback_pages.yml"

# A printed count: Western or Arabic-Indic digits with any thousands separator.
_NUMBER = (r"(\d[\d\s\u00a0\u202f.,\u066b\u066c\u060c]*"
           r"|[\u0660-\u0669][\u0660-\u0669\s\u00a0.,\u066b\u066c\u060c]*)")
_MARKUP = (
    ("wayback:en", re.compile(_NUMBER + r"\s*(?:<[^>]*>\s*)*people like this", re.I)),
    ("wayback:fr", re.compile(_NUMBER + r"\s*(?:<[^>]*>\s*)*personnes aiment (?:ça|ca)", re.I)),
    ("wayback:ar", re.compile(_NUMBER + r"[\s\u200f\u200e]*(?:<[^>]*>\s*)*(?:شخصًا|شخصا|شخص)?\s*"
                              r"(?:يسجّلون|يسجلون|سجّلوا|سجلوا)\s+إعجابهم")),
)
_JSON = re.compile(r'"(?:fan_count|likes|page_likers_count|likeCount)"\s*:\s*'
                   r'(?:\{\s*"count"\s*:\s*)?(\d+)')
_LOGIN_WALL = re.compile(r"You must log in|Vous devez vous connecter|يجب عليك تسجيل الدخول|"
                         r'id="login_form"|Log [Ii]nto Facebook|Connectez-vous à Facebook')


def parse_number(text: str) -> int:
    """Digits of a printed count, with any thousands separator or Arabic-Indic digits.

    >>> parse_number("2,450,114"), parse_number("2 450 114"), parse_number("٢٬٤٥٠٬١١٤")
    (2450114, 2450114, 2450114)
    """
    digits = text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    digits = re.sub(r"\D", "", digits)
    if not digits:
        raise ValueError(f"no digits in {text!r}")
    return int(digits)


def parse_likes(html: str) -> tuple[int, str] | None:
    """``(likes, parser)`` read from a captured page, or ``None``.

    >>> parse_likes("<span>2,450,114 people like this</span>")
    (2450114, 'wayback:en')
    >>> parse_likes("2 450 114 personnes aiment ça")
    (2450114, 'wayback:fr')
    >>> parse_likes('{"fan_count":2041000}')
    (2041000, 'wayback:json')
    >>> parse_likes("<form id=\\"login_form\\"></form>") is None
    True
    """
    html = unescape(html)  # 2016 pages write "2&#xa0;309&#xa0;870"
    for parser, pattern in _MARKUP:
        found = pattern.search(html)
        if found:
            try:
                return parse_number(found.group(1)), parser
            except ValueError:
                continue
    found = _JSON.search(html)
    if found:
        return int(found.group(1)), "wayback:json"
    return None


def is_login_wall(html: str) -> bool:
    return bool(_LOGIN_WALL.search(html))


@dataclass
class Fetcher:
    """HTTP GET with a disk cache, a minimum interval between requests and bounded retries."""

    cache_dir: Path = field(default_factory=lambda: paths.CACHE / "wayback")
    min_interval: float = 1.0
    retries: int = 3
    timeout: float = 30.0
    sleep: Callable[[float], None] = time.sleep
    session: requests.Session = field(default_factory=requests.Session)
    network_requests: int = 0
    _last: float = 0.0

    def _path(self, url: str) -> Path:
        return self.cache_dir / (hashlib.sha256(url.encode()).hexdigest()[:32] + ".json")

    def get(self, url: str) -> tuple[int, str]:
        """``(status, text)`` of ``url``; cached when the status is final (not 429/5xx)."""
        cached = self._path(url)
        if cached.is_file():
            try:
                data = json.loads(cached.read_text(encoding="utf-8"))
                return data["status"], data["text"]
            except (ValueError, KeyError, TypeError, UnicodeDecodeError):
                cached.unlink(missing_ok=True)  # a damaged cache entry is fetched again
        status, text = 0, ""
        for attempt in range(self.retries + 1):
            wait = self.min_interval - (time.monotonic() - self._last)
            if wait > 0:
                self.sleep(wait)
            self._last = time.monotonic()
            self.network_requests += 1
            try:
                response = self.session.get(url, timeout=self.timeout)
                status, text = response.status_code, _decode(response)
            except requests.RequestException as exc:
                status, text = 0, str(exc)
            if status and status != 429 and status < 500:
                break
            if attempt < self.retries:
                self.sleep(min(2 ** attempt, 30) * max(self.min_interval, 0.01))
        if status and status != 429 and status < 500:
            # atomic: a killed run never leaves half a cache entry
            atomic_write(cached, json.dumps({"url": url, "status": status, "text": text}))
        return status, text


def _decode(response: requests.Response) -> str:
    # requests assumes ISO-8859-1 for text/html without a charset; 2016 Facebook pages
    # are UTF-8 and the Wayback raw (id_) mode does not always repeat the header.
    declared = "charset=" in response.headers.get("Content-Type", "").lower()
    return response.content.decode(response.encoding if declared else "utf-8", errors="replace")


#: Field names of the CDX server's plain-text lines: ours (``fl=``) or its default seven.
_CDX_FIELDS = {3: ("timestamp", "original", "statuscode"),
               7: ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest",
                   "length")}


def parse_cdx(text: str) -> tuple[list[tuple[int, dict]], list[tuple[int, str]]]:
    """``([(line, record), …], [(line, unreadable line), …])`` of a CDX reply.

    JSON (``output=json``: a header row, then rows) or the plain-text form some
    servers and mirrors return whatever was asked (space-separated fields; a blank
    line then a resume key may end a page).

    >>> parse_cdx('[["timestamp","original","statuscode"],["20160227101503","u","200"]]')
    ([(2, {'timestamp': '20160227101503', 'original': 'u', 'statuscode': '200'})], [])
    >>> parse_cdx("k 20160227101503 u text/html 200 D 10\\n\\nresumekey")[0][0][1]["timestamp"]
    '20160227101503'
    """
    if not text.strip():
        return [], []
    if text.lstrip().startswith("["):
        table = json.loads(text)
        if not isinstance(table, list) or not table or not isinstance(table[0], list):
            raise ValueError("not a CDX table")
        header, rows = table[0], table[1:]
        good, bad = [], []
        for number, row in enumerate(rows, start=2):
            if isinstance(row, list) and len(row) == len(header):
                good.append((number, dict(zip(header, row))))
            else:
                bad.append((number, json.dumps(row, ensure_ascii=False)))
        return good, bad
    good, bad = [], []
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) == 1 and number >= 2 and not lines[number - 2].strip():
            continue  # the resume key after a blank line: not a capture
        names = _CDX_FIELDS.get(len(fields))
        if names is None:
            bad.append((number, line))
            continue
        good.append((number, dict(zip(names, fields))))
    return good, bad


def capture_time(timestamp: object) -> pd.Timestamp:
    """The UTC time of a CDX ``timestamp`` (``YYYYMMDDhhmmss``); ``ValueError`` if impossible.

    >>> capture_time("20160227101503")
    Timestamp('2016-02-27 10:15:03+0000', tz='UTC')
    >>> capture_time("20000012170449")
    Traceback (most recent call last):
    ...
    ValueError: impossible CDX timestamp '20000012170449'
    """
    text = str(timestamp or "")
    try:
        if not (text.isascii() and text.isdigit() and len(text) == 14):
            raise ValueError
        return pd.Timestamp(datetime.strptime(text, "%Y%m%d%H%M%S"), tz="UTC")
    except (ValueError, OverflowError):
        raise ValueError(f"impossible CDX timestamp {text!r}") from None


def page_urls(page: str) -> list[str]:
    pages = yaml.safe_load(PAGES_FILE.read_text(encoding="utf-8"))
    if page not in pages:
        raise ValueError(f"unknown page {page!r}; known: {', '.join(pages)}")
    return list(pages[page])


def cdx_query_url(cdx_url: str, page_url: str, start: str, end: str) -> str:
    """The CDX request for one page URL between two ISO dates.

    >>> cdx_query_url("http://x/cdx", "https://www.facebook.com/inwi.ma",
    ...               "2016-01-01", "2016-12-31")
    'http://x/cdx?url=https%3A%2F%2Fwww.facebook.com%2Finwi.ma&from=20160101&to=20161231&output=json&filter=statuscode%3A200&collapse=timestamp%3A10&fl=timestamp%2Coriginal%2Cstatuscode'
    """
    params = {"url": page_url, "from": start.replace("-", ""), "to": end.replace("-", ""),
              "output": "json", "filter": "statuscode:200", "collapse": "timestamp:10",
              "fl": "timestamp,original,statuscode"}
    return f"{cdx_url}?{urlencode(params)}"


def wayback_likes(page: str, start: str = "2016-01-01", end: str = "2016-12-31", *,
                  urls: list[str] | None = None, cdx_url: str = CDX_URL,
                  snapshot_url: str = SNAPSHOT_URL, fetcher: Fetcher | None = None,
                  progress: bool = False) -> LikeResult:
    """Like counts of ``page`` from its Wayback captures, as the canonical like table."""
    from tqdm.auto import tqdm

    fetcher = fetcher or Fetcher()
    summary = Summary()
    rows, rejects = [], []
    captures = []
    for page_url in urls or page_urls(page):
        query = cdx_query_url(cdx_url, page_url, start, end)
        status, text = fetcher.get(query)
        if status != 200:
            raise ConnectionError(f"CDX query failed with HTTP {status or 'no response'}: {query}")
        summary.files += 1
        try:
            entries, bad_lines = parse_cdx(text)
        except (ValueError, TypeError) as exc:
            reason = f"unreadable CDX reply ({type(exc).__name__}: {exc})"
            summary.reject(reason)
            rejects.append(reject(query, reason, text[:2000]))
            continue
        for number, line in bad_lines:
            summary.reject("unreadable CDX line")
            rejects.append(reject(f"{query}:{number}", "unreadable CDX line", line))
        for number, record in entries:
            if record.get("statuscode", "200") != "200":
                continue
            try:
                record["observed_at"] = capture_time(record.get("timestamp"))
            except ValueError as exc:  # e.g. 20000012170449: such records exist
                summary.reject(f"capture timestamp: {exc}")
                rejects.append(reject(f"{query}:{number}", f"capture timestamp: {exc}", record))
                continue
            captures.append(record)
    seen_hours = set()
    for record in tqdm(sorted(captures, key=lambda r: r["timestamp"]), disable=not progress,
                       desc=f"wayback {page}"):
        hour = record["timestamp"][:10]
        if hour in seen_hours:  # one capture per hour across the page's addresses
            continue
        seen_hours.add(hour)
        capture = f"{snapshot_url}/{record['timestamp']}id_/{record['original']}"
        summary.lines += 1
        status, html = fetcher.get(capture)
        if status != 200:
            summary.reject(f"capture HTTP {status}")
            rejects.append(reject(capture, f"capture HTTP {status}", ""))
            continue
        found = parse_likes(html)
        if found is None:
            reason = "login wall" if is_login_wall(html) else "no like count found"
            summary.reject(reason)
            rejects.append(reject(capture, reason, html[:2000]))
            continue
        likes, parser = found
        summary.parsed += 1
        rows.append({"page": page, "observed_at": record["observed_at"], "likes": likes, "source": capture,
                     "parser": parser})
    good, bad = schema.validate_likes(rows)
    for reason in bad["reason"]:
        summary.reject(reason)
    summary.written = summary.matched = len(good)
    summary.notices["network requests"] = fetcher.network_requests
    rejects_df = pd.concat([empty_rejects(), pd.DataFrame(rejects), bad], ignore_index=True)
    good = good.sort_values("observed_at").reset_index(drop=True)
    return LikeResult(good, rejects_df, summary)
