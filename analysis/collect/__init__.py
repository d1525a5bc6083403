"""Collection: raw archives, exports, scrapers and Wayback captures into the canonical tables.

One small module per source format, each a pure ``flatten(record) -> row`` plus a
reader; :mod:`~analysis.collect.run` streams, prefilters, matches, deduplicates,
resumes and writes. Every post collector returns a :class:`CollectResult`
``(posts, rejects, summary)``; the like readers return a :class:`LikeResult`
``(likes, rejects, summary)``.

Main entry points::

    collect_archive(paths, query="opeunlike", match="both", jobs=1, ...)
    collect_twarc(paths), collect_snscrape_jsonl(paths), collect_csv(path, preset=...)
    collect_snscrape_live(module, query), import_tracker(path), wayback_likes(page, ...)
    rank_cooccurring(posts, seeds), sample_posts()
"""

from __future__ import annotations

from analysis.collect.matching import Query, load_query, normalise_token
from analysis.collect.rows import CollectResult, LikeResult, Summary
from analysis.collect.run import collect_archive, collect_lines
from analysis.io import rejects_path
from analysis.collect.sample import sample_posts

__all__ = [
    "CollectResult",
    "LikeResult",
    "Query",
    "Summary",
    "collect_archive",
    "collect_lines",
    "collect_twarc",
    "collect_snscrape_jsonl",
    "load_query",
    "normalise_token",
    "rejects_path",
    "sample_posts",
]


def collect_twarc(paths, query=None, match="both", **kwargs) -> CollectResult:
    """Collect twarc2 output: raw v2 response pages or ``twarc2 flatten`` JSONL."""
    return collect_lines(paths, fmt="twarc", query=query, match=match, **kwargs)


def collect_snscrape_jsonl(paths, query=None, match="both", **kwargs) -> CollectResult:
    """Collect ``snscrape --jsonl`` output (twitter and telegram items)."""
    return collect_lines(paths, fmt="snscrape-jsonl", query=query, match=match, **kwargs)
