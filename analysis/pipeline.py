"""One call from a raw archive to the enriched post table the notebooks analyse.

:func:`enrich_posts` runs the real stages in order:

1. :func:`analysis.collect.collect_archive` (Stream Grab v1.1 files, folders, ``.tar``),
   unless the input is already a post table (``.parquet``);
2. :func:`analysis.langid.identify` → ``lang`` (and its probability);
3. :func:`analysis.sentiment.create_analyzer` → ``sentiment`` and the three
   probabilities, for **original posts only**: a repost's text is someone else's
   words, so it counts toward volume but carries no sentiment (``None``).

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

import numpy as np
import pandas as pd

import analysis
from analysis import paths, schema

ARCHIVE_SUFFIXES = (".json", ".jsonl", ".bz2", ".gz", ".tar")


#: Bump when the enrichment changes, so old caches are not reused.
PIPELINE_VERSION = "4"  # 3: lang_model and sentiment_model columns


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
        posts = schema.read_posts(source)
        summary = rows.Summary(files=1, units=1, posts=len(posts), matched=len(posts), written=len(posts))
        return rows.CollectResult(posts, rows.empty_rejects(), summary)
    if kind != "stream-grab":
        raise ValueError(f"{source}: {sniff.advice(source, 'stream-grab')}, then pass the "
                         "post table as --posts")
    from analysis.collect import collect_archive

    return collect_archive(source, query=query if query is not None else "opeunlike")


def collect(source: str | Path, query=None) -> pd.DataFrame:
    """The canonical post table from an archive (collector) or a Parquet post table."""
    result = collect_result(source, query)
    posts = result.posts
    posts.attrs["collect_summary"] = str(result.summary)
    return posts


def add_language(posts: pd.DataFrame) -> pd.DataFrame:
    """``lang`` and ``lang_prob`` from :func:`analysis.langid.identify`."""
    from analysis.langid import identify

    table = identify(posts["text"].fillna("").tolist()).reset_index(drop=True)
    label = "lang" if "lang" in table.columns else "label"
    out = posts.copy()
    out["lang"] = table[label].astype(str).to_numpy()
    probs = [table[f"p_{lang}"].iat[i] if f"p_{lang}" in table.columns else float("nan")
             for i, lang in enumerate(out["lang"])]
    out["lang_prob"] = pd.Series(probs, index=out.index, dtype=float)
    if "code_switched" in table.columns:
        out["code_switched"] = table["code_switched"].astype(bool).to_numpy()
    # Which identifier labelled the rows (trained model or rules), for figure source lines.
    out["lang_model"] = table["model"].astype(str).to_numpy() if "model" in table.columns else "unknown"
    return out


def _prediction_frame(pred, n: int) -> pd.DataFrame:
    """Normalise whatever the analyzer returns to label + p_positive/negative/neutral."""
    frame = pred if isinstance(pred, pd.DataFrame) else pd.DataFrame(
        [p if isinstance(p, dict) else vars(p) for p in pred])
    frame = frame.reset_index(drop=True)
    label = next(c for c in ("label", "sentiment", "output") if c in frame.columns)
    out = pd.DataFrame({"sentiment": frame[label].astype(str)})
    if "probas" in frame.columns or "probabilities" in frame.columns:
        probs = pd.DataFrame(list(frame.get("probas", frame.get("probabilities"))))
    else:
        probs = frame
    for s in schema.SENTIMENTS:
        for col in (s, f"p_{s}", f"prob_{s}"):
            if col in probs.columns:
                out[f"p_{s}"] = probs[col].astype(float).to_numpy()
                break
    if len(out) != n:
        raise ValueError(f"sentiment analyzer returned {len(out)} rows for {n} texts")
    return out


def add_sentiment(posts: pd.DataFrame, model: str = "default") -> pd.DataFrame:
    """Sentiment of original posts from :func:`analysis.sentiment.create_analyzer`."""
    from analysis.sentiment import create_analyzer

    analyzer = create_analyzer(model=model)
    out = posts.copy()
    originals = ~out["is_repost"].astype(bool)
    texts = out.loc[originals, "text"].fillna("").tolist()
    if not texts:
        pred = pd.DataFrame()
    elif hasattr(analyzer, "predict_frame"):  # batched, with a progress bar
        frame = analyzer.predict_frame(pd.DataFrame({"text": texts}), progress=False)
        pred = _prediction_frame(frame, len(texts))
    else:
        pred = _prediction_frame(analyzer.predict(texts), len(texts))
    mask = originals.to_numpy()
    labels = np.full(len(out), None, dtype=object)  # reposts: None, as the cache stores it
    if len(pred):
        labels[mask] = pred["sentiment"].to_numpy(dtype=object)
        for col in [c for c in pred.columns if c.startswith("p_")]:
            values = np.full(len(out), np.nan)
            values[mask] = pred[col].to_numpy(float)
            out[col] = values
    out["sentiment"] = pd.Series(labels, index=out.index, dtype=object)
    # Every sentiment figure must say which model labelled the posts (lexicon or trained).
    out["sentiment_model"] = analyzer.description
    return out


def models_used(posts: pd.DataFrame) -> str:
    """One line naming the language and sentiment models behind an enriched post table."""
    parts = []
    if "lang_model" in posts.columns and len(posts):
        # "trained" is the shipped identifier; say which file, as the sentiment line does
        names = {"trained": "trained identifier (langid.skops)", "rules": "cue-word rules"}
        used = sorted({names.get(m, m) for m in posts["lang_model"].astype(str)})
        parts.append("language: " + ", ".join(used))
    if "sentiment_model" in posts.columns and len(posts):
        # analyzer descriptions already start with "sentiment: …"
        parts.append(", ".join(sorted(set(posts["sentiment_model"].astype(str)))))
    return "; ".join(parts)


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
        posts = schema.read_table(cached)
        posts.attrs["stages"] = f"cache {cached.name}"
        return posts
    result = collect_result(source, query)
    posts, stages = result.posts, ["collect"]
    # A post table that already carries labels (from the CLI, say) keeps them.
    if "lang" not in posts.columns:
        posts, stages = add_language(posts), stages + ["langid"]
    if "sentiment" not in posts.columns:
        posts, stages = add_sentiment(posts, model), stages + ["sentiment"]
    if use_cache:
        paths.ensure(cached.parent)
        schema.write_table(posts, cached)
        rejects_file = cached.with_suffix(".rejects.csv")
        result.rejects.to_csv(rejects_file, index=False)
        record = dict(result.summary.to_dict(), rejects_file=str(rejects_file), source=str(source))
        cached.with_suffix(".collect.json").write_text(json.dumps(record, indent=2, default=str) + "\n",
                                                       encoding="utf-8")
    posts.attrs["stages"] = " -> ".join(stages)
    return posts


def read_likes(source: str | Path, *, tz: str | None = None, campaign=None):
    """Like snapshots, rejects and summary from a tracker CSV or a like table (Parquet).

    ``tz`` is the zone of timestamps written without one (spreadsheet exports);
    ``campaign`` gives the pages expected and their spellings.
    """
    from analysis.collect import rows, sniff
    from analysis.collect.tracker import import_tracker

    source = Path(source)
    kind = sniff.sniff(source)
    if kind == "like-table":
        likes = schema.read_table(source)
        summary = rows.Summary(files=1, units=1, lines=len(likes), parsed=len(likes), written=len(likes))
        return rows.CollectResult(likes, rows.empty_rejects(), summary)
    if kind != "tracker-csv":
        raise ValueError(f"{source}: {sniff.advice(source, 'tracker-csv')}")
    pages = campaign.page_ids() if campaign is not None else None
    aliases = campaign.page_aliases() if campaign is not None else None
    return import_tracker(source, tz=tz, pages=pages, aliases=aliases)


def load_likes(source: str | Path, *, tz: str | None = None, campaign=None) -> pd.DataFrame:
    """The like table from a tracker CSV (via the collector's importer) or Parquet."""
    result = read_likes(source, tz=tz, campaign=campaign)
    likes = result.posts
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
