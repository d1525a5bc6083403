"""One call from a raw archive to the enriched post table the notebooks analyse.

:func:`enrich_posts` runs the real stages in order:

1. :func:`analysis.collect.collect_archive` (Stream Grab v1.1 files, folders, ``.tar``),
   unless the input is already a post table (``.parquet``);
2. :func:`analysis.langid.identify` → :data:`analysis.schema.LANGID_COLUMNS`;
3. :func:`analysis.sentiment.classify` → :data:`analysis.schema.SENTIMENT_COLUMNS`, for
   **original posts only**: a repost's text is someone else's words, so it counts
   toward volume but carries no sentiment (``None``).

Each stage's output is checked (``schema.validate_langid``/``validate_sentiment``)
before the next one reads it, and language ID runs once per post.

The result is cached in ``data/processed/`` under a key made of the input's content
hash and the package version, so a rerun of a notebook is instant and a changed
archive is never served stale. :func:`load_likes` reads the like snapshots the same
way (tracker CSV through the collector's importer, or a like table in Parquet).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

import analysis
from analysis import paths, schema
from analysis.io import read_posts, read_table, write_table

ARCHIVE_SUFFIXES = (".json", ".jsonl", ".bz2", ".gz", ".tar")


#: Bump when the enrichment changes, so old caches are not reused.
PIPELINE_VERSION = "5"  # 5: the stage columns of schema.LANGID_COLUMNS/SENTIMENT_COLUMNS


def _fingerprint(path: Path, query_key: str = "") -> str:
    """Hash of the input (names and bytes), the code version and the saved models.

    A newly trained langid or sentiment model (``models/*.skops``) changes the key, so
    the cache never serves labels from an older model.
    """
    digest = hashlib.sha256(f"{analysis.__version__}/{PIPELINE_VERSION}/{query_key}".encode())
    for model in sorted(paths.MODELS.glob("*.skops")):
        stat = model.stat()
        digest.update(f"{model.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.name.encode())
        with open(file, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()[:16]


def _query_key(query) -> str:
    """The query's name and terms: a different query must never reuse a cached table."""
    if query is None:
        from analysis.collect import load_query

        query = load_query("opeunlike")
    return f"{query.name}:{sorted(query.hashtags)}:{sorted(query.keywords)}"


def cache_path(source: str | Path, query=None) -> Path:
    """Where the enriched table for ``source`` (matched by ``query``) is cached."""
    source = Path(source)
    stem = source.name.split(".")[0]
    return paths.PROCESSED / f"enriched_{stem}_{_fingerprint(source, _query_key(query))}.parquet"


def collect_result(source: str | Path, query=None):
    """Posts, rejects and summary from an archive (collector) or a Parquet post table.

    ``query`` is an :class:`analysis.collect.Query` (default: the ``opeunlike`` preset).
    Any other format raises ``ValueError`` saying what the file looks like and which
    command converts it.
    """
    from analysis.collect import rows, sniff

    source = Path(source)
    kind = sniff.sniff(source)
    if kind == "post-table":
        posts = read_posts(source)
        return rows.CollectResult(posts, rows.empty_rejects(), _as_read(posts, posts=len(posts),
                                                                        matched=len(posts)))
    if kind != "stream-grab":
        raise ValueError(f"{source}: {sniff.advice(source, 'stream-grab')}, then pass the "
                         "post table as --posts")
    from analysis.collect import collect_archive

    return collect_archive(source, query=query if query is not None else "opeunlike")


def _as_read(table: pd.DataFrame, **counts):
    """The summary of a table read as it is (one file, every row kept)."""
    from analysis.collect.rows import Summary

    return Summary(files=1, units=1, written=len(table), **counts)


def collect(source: str | Path, query=None) -> pd.DataFrame:
    """The canonical post table from an archive (collector) or a Parquet post table."""
    result = collect_result(source, query)
    posts = result.posts
    posts.attrs["collect_summary"] = str(result.summary)
    return posts


def add_language(posts: pd.DataFrame, model=None) -> pd.DataFrame:
    """The language stage, :func:`analysis.langid.identify` (columns in
    :data:`analysis.schema.LANGID_COLUMNS`)."""
    from analysis.langid import identify

    return identify(posts, model=model)


def add_sentiment(posts: pd.DataFrame, model: str = "default") -> pd.DataFrame:
    """The sentiment stage, :func:`analysis.sentiment.classify`: reads ``lang``, adds
    :data:`analysis.schema.SENTIMENT_COLUMNS`; reposts carry no sentiment (``None``)."""
    from analysis.sentiment import classify

    return classify(posts, model=model)


def models_used(posts: pd.DataFrame, lang: str = "en") -> str:
    """One line naming the language and sentiment models behind an enriched post table,
    in the figure's language ``lang`` (:func:`analysis.model_words.models_line`)."""
    from analysis import model_words

    return model_words.models_line(posts, lang)


def collect_record(cached: Path) -> dict | None:
    """What the collector counted when the cached table was made (read, matched, rejected)."""
    side = cached.with_suffix(".collect.json")
    return json.loads(side.read_text(encoding="utf-8")) if side.exists() else None


def enrich_posts(source: str | Path, *, use_cache: bool = True, model: str = "default",
                 query=None) -> pd.DataFrame:
    """Collect → language → sentiment, cached in ``data/processed/``.

    ``attrs['stages']`` records what ran (or was reused from the cache). The
    collector's counts and rejects are kept beside the cache (``*.collect.json``,
    ``*.rejects.csv``) so a report can show them on every run.
    """
    source = Path(source)
    if not source.exists():
        raise FileNotFoundError(f"no post archive or table at {source}")
    cached = cache_path(source, query)
    if use_cache and cached.exists():
        posts = schema.validate_sentiment(read_table(cached))
        posts.attrs["stages"] = f"cache {cached.name}"
        return posts
    result = collect_result(source, query)
    posts, stages = result.posts, ["collect"]
    # A post table that already carries labels (from the CLI, say) keeps them.
    if "lang" not in posts.columns:
        posts, stages = add_language(posts), stages + ["langid"]
    if "sentiment" not in posts.columns:
        posts, stages = add_sentiment(posts, model), stages + ["sentiment"]
    schema.validate_sentiment(posts)
    if use_cache:
        from analysis.io import atomic_write, write_csv

        paths.ensure(cached.parent)
        write_table(posts, cached)
        rejects_file = cached.with_suffix(".rejects.csv")
        write_csv(result.rejects, rejects_file)
        record = dict(result.summary.to_dict(), rejects_file=str(rejects_file), source=str(source))
        atomic_write(cached.with_suffix(".collect.json"),
                     json.dumps(record, indent=2, default=str) + "\n")
    posts.attrs["stages"] = " -> ".join(stages)
    return posts


def read_likes(source: str | Path, *, tz: str | None = None, campaign=None):
    """Like snapshots, rejects and summary (:class:`analysis.collect.LikeResult`) from a
    tracker CSV or a like table (Parquet).

    ``tz`` is the zone of timestamps written without one (spreadsheet exports);
    ``campaign`` gives the pages expected and their spellings.
    """
    from analysis.collect import rows, sniff
    from analysis.collect.tracker import import_tracker

    source = Path(source)
    kind = sniff.sniff(source)
    if kind == "like-table":
        likes = read_table(source)
        return rows.LikeResult(likes, rows.empty_rejects(), _as_read(likes, lines=len(likes),
                                                                     parsed=len(likes)))
    if kind != "tracker-csv":
        raise ValueError(f"{source}: {sniff.advice(source, 'tracker-csv')}")
    pages = campaign.page_ids() if campaign is not None else None
    aliases = campaign.page_aliases() if campaign is not None else None
    return import_tracker(source, tz=tz, pages=pages, aliases=aliases)


def load_likes(source: str | Path, *, tz: str | None = None, campaign=None) -> pd.DataFrame:
    """The like table from a tracker CSV (via the collector's importer) or Parquet."""
    result = read_likes(source, tz=tz, campaign=campaign)
    likes = result.likes
    likes.attrs["rejected"] = len(result.rejects)
    return likes


@dataclass(frozen=True)
class Inputs:
    """What a notebook analyses: post and like sources, and whether they are SIMULATED."""

    posts: Path
    likes: Path
    simulated: bool
    truth: dict | None

    def figure_name(self, base: str) -> str:
        """Figure file stem; figures drawn from simulated data say so in their name."""
        return f"{base}_SIMULATED" if self.simulated else base


def resolve_inputs(posts_path=None, likes_path=None, campaign=None) -> Inputs:
    """The notebook parameters made concrete; ``None`` means the campaign's SIMULATED demo.

    The demo is generated on first use (deterministic, about 15 s).
    """
    if posts_path is None or likes_path is None:
        from analysis.simulate import ensure_campaign_demo

        demo = ensure_campaign_demo(campaign)
        posts_path = posts_path or demo["archive"]
        likes_path = likes_path or demo["tracker"]
    posts_path, likes_path = Path(posts_path), Path(likes_path)
    simulated = "SIMULATED" in posts_path.name or "SIMULATED" in likes_path.name
    from analysis.simulate import load_truth

    return Inputs(posts_path, likes_path, simulated, load_truth(posts_path))
