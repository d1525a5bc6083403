"""Live collection through snscrape's Python API, with bounded retries.

Scraping 2016 posts live mostly fails today: snscrape's Twitter module has been dead
since 2023 (the site closed the guest API it used). Failures end in one
:class:`ScrapeError` naming the module and its upstream status; nothing is written.
"""

from __future__ import annotations

import importlib
import time
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import Any

from analysis.collect import snscrape_jsonl

#: module -> (snscrape module, scraper class, upstream status as of this release)
MODULES = {
    "twitter": ("snscrape.modules.twitter", "TwitterSearchScraper",
                "dead since 2023: Twitter/X closed the unauthenticated API snscrape used"),
    "telegram": ("snscrape.modules.telegram", "TelegramChannelScraper",
                 "working when t.me/s/CHANNEL pages are reachable"),
}


class ScrapeError(RuntimeError):
    """A live scrape failed; the message says which module and why."""


def _plain(value: Any) -> Any:
    if is_dataclass(value):
        return {k: _plain(v) for k, v in asdict(value).items()} | {
            "_type": f"{type(value).__module__}.{type(value).__name__}"}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def scrape(module: str, query: str, *, limit: int | None = None, retries: int = 2,
           backoff: float = 2.0, scraper_factory=None) -> list[dict[str, Any]]:
    """Items of a live scrape as snscrape JSONL dicts; raises :class:`ScrapeError`."""
    if module not in MODULES:
        raise ScrapeError(f"snscrape module {module!r} is not supported here "
                          f"(supported: {', '.join(MODULES)})")
    module_name, class_name, status = MODULES[module]
    last: Exception | None = None
    for attempt in range(retries + 1):
        items: list[dict[str, Any]] = []
        try:
            if scraper_factory is None:
                scraper_class = getattr(importlib.import_module(module_name), class_name)
                scraper = scraper_class(query)
            else:
                scraper = scraper_factory(module, query)
            for item in scraper.get_items():
                items.append(_plain(item))
                if limit is not None and len(items) >= limit:
                    break
            return items
        except Exception as exc:  # snscrape raises bare Exception/ScraperException/HTTP errors
            last = exc
            if attempt < retries:
                time.sleep(backoff * (attempt + 1))
    raise ScrapeError(
        f"snscrape module {module!r} failed after {retries + 1} attempts "
        f"({type(last).__name__}: {last}). Upstream status: {status}. "
        "Use an archive instead (opeunlike collect archive / twarc / snscrape-jsonl)."
    )


def collect_snscrape_live(module: str, query: str, **kwargs):
    """Scrape live and flatten with the snscrape-JSONL flattener (all-or-nothing)."""
    import pandas as pd

    from analysis import privacy, schema
    from analysis.collect.rows import CollectResult, Summary, empty_rejects

    items = scrape(module, query, **kwargs)
    summary = Summary(units=1, lines=len(items))
    rows = []
    for i, item in enumerate(items, 1):
        _, found = snscrape_jsonl.records(item)
        for suffix, row in found:
            row = privacy.pseudonymise_row(row)
            row["source"] = f"snscrape:{module}:{query}:{i}{suffix}"
            rows.append(row)
    good, bad = schema.validate_posts(rows)
    for reason in bad["reason"]:
        summary.reject(reason)
    good = good.drop_duplicates("post_id").reset_index(drop=True)
    summary.parsed = summary.posts = summary.matched = len(rows)
    summary.written = len(good)
    return CollectResult(good, pd.concat([empty_rejects(), bad], ignore_index=True), summary)
