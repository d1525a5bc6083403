"""A public HTML page plus a regular expression or a CSS selector that finds the count.

The text found is read with the locale-aware count parser
(:func:`analysis.collect.counts.parse_display_count`): "123 456" is exact, "1,2 M" is
a rounded count and is recorded with the parser ``html:rounded`` so that nobody takes
its last digits for observations. A regular expression's first group (or its whole
match) is the count; a CSS selector's first matching element's text is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

import requests

from analysis.collect.counts import parse_display_count
from analysis.live import http
from analysis.live.sources.base import Reading


@dataclass
class HtmlSource:
    url: str
    regex: str | None = None
    selector: str | None = None
    timeout: float = http.DEFAULT_TIMEOUT

    def read(self, session: requests.Session) -> Reading:
        reply = http.get(session, self.url, timeout=self.timeout)
        likes, exact = page_count(reply.text, regex=self.regex, selector=self.selector)
        return Reading(likes, self.url, "html" if exact else "html:rounded")


def page_count(html: str, regex: str | None = None, selector: str | None = None) -> tuple[int, bool]:
    """``(count, exact)`` found in ``html`` by ``regex`` or ``selector``.

    >>> page_count("<b>2 450 114</b> people like this", regex=r"([\\d\\s]+)</b> people")
    (2450114, True)
    >>> page_count('<span class="n">1,2&nbsp;M</span>', selector="span.n")
    (1200000, False)
    """
    text = _found_text(html, regex, selector)
    try:
        count, exact = parse_display_count(unescape(text).replace("\xa0", " "))
    except ValueError as exc:
        raise http.FetchError("malformed", str(exc)) from None
    if count is None:
        raise http.FetchError("malformed", "the count found on the page is empty")
    return count, exact


def _found_text(html: str, regex: str | None, selector: str | None) -> str:
    if regex:
        match = re.search(regex, html)
        if match is None:
            raise http.FetchError("malformed", f"regex {regex!r} found nothing on the page")
        return match.group(1) if match.groups() else match.group(0)
    from bs4 import BeautifulSoup

    element = BeautifulSoup(html, "html.parser").select_one(selector)
    if element is None:
        raise http.FetchError("malformed", f"selector {selector!r} found nothing on the page")
    return element.get_text(" ", strip=True)
