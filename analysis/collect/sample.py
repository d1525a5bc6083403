"""The shipped demo posts, collected once through the real collector and cached."""

from __future__ import annotations

import hashlib

import pandas as pd

from analysis import paths, privacy
from analysis.collect.matching import QUERIES_FILE
from analysis.collect.run import collect_archive
from analysis.io import read_posts, write_posts

SAMPLE_FILE = paths.SAMPLE / "opeunlike_sample.json"


def sample_posts(refresh: bool = False) -> pd.DataFrame:
    """The ~300 project-written demo posts of ``data/sample/`` as a canonical post table.

    Collected with the ``opeunlike`` preset (both hashtags and keywords); cached in
    ``data/interim/`` under a hash of the sample file, the query presets and the
    pseudonymisation key, so a change to any of them recollects.
    The posts were written by the project, not collected from Twitter.
    """
    # Keyed by everything the result depends on: the sample, the query presets and
    # the pseudonymisation key (never stored, only mixed into the hash).
    digest = hashlib.sha256(SAMPLE_FILE.read_bytes() + QUERIES_FILE.read_bytes()
                            + privacy.key_for_inputs([SAMPLE_FILE]).encode()).hexdigest()[:16]
    cache = paths.INTERIM / f"sample_posts_{digest}.parquet"
    if cache.is_file() and not refresh:
        return read_posts(cache)
    result = collect_archive([SAMPLE_FILE], query="opeunlike", match="both")
    for stale in paths.INTERIM.glob("sample_posts_*.parquet"):
        if stale != cache:  # another key's cache; never the one a reader may be using
            stale.unlink(missing_ok=True)
    write_posts(result.posts, cache)
    return result.posts
