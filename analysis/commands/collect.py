"""``opeunlike collect SOURCE …``: one verb per source, each writing the canonical post table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.commands._options import DEFAULT_QUERY, add_json, add_progress
from analysis.errors import UserFacingError
from analysis.io import read_posts


def _out_args(p: argparse.ArgumentParser, required: bool = True) -> None:
    p.add_argument("-o", "--out", required=required, type=Path,
                   help="output post table (.parquet or .csv)")
    add_json(p)
    p.add_argument("--keep-handles", action="store_true",
                   help="keep clear handles instead of keyed pseudonyms (do not share the output)")
    add_progress(p)


def _query_args(p: argparse.ArgumentParser, default: str | None) -> None:
    p.add_argument("--query", default=default,
                   help=f"preset in analysis/config/queries.yml, a YAML file, or 'all' "
                        f"(default: {default or 'all'})")
    p.add_argument("--match", choices=("hashtags", "keywords", "both"), default="both",
                   help="what a post must contain to match the query (default: both, either kind)")


def register(subparsers) -> None:
    parser = subparsers.add_parser("collect", help="collect posts from archives, exports, scrapers")
    verbs = parser.add_subparsers(dest="source", metavar="SOURCE", required=True)

    p = verbs.add_parser("archive", help="Twitter v1.1 JSON (Stream Grab): files, folders, .tar")
    p.add_argument("paths", nargs="+", type=Path,
                   help="archive files (.json, .json.bz2, .gz), .tar files or folders")
    _query_args(p, DEFAULT_QUERY)
    p.add_argument("--jobs", "-j", type=int, default=1, help="parallel processes")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes, or a Dask cluster (default: local)")
    p.add_argument("--scheduler", help="Dask scheduler address (default: a LocalCluster)")
    _out_args(p)
    p.set_defaults(func=_archive)

    for name, fmt, helptext in (("twarc", "twarc", "twarc2 v2 pages or flattened JSONL"),
                                ("snscrape-jsonl", "snscrape-jsonl", "snscrape --jsonl output")):
        p = verbs.add_parser(name, help=helptext)
        p.add_argument("paths", nargs="+", type=Path, help="JSON lines files or folders")
        _query_args(p, DEFAULT_QUERY)
        _out_args(p)
        p.set_defaults(func=_lines, fmt=fmt)

    p = verbs.add_parser("csv", help="CSV export (CrowdTangle, Meta Content Library, generic)")
    p.add_argument("path", type=Path, help="the CSV export")
    p.add_argument("--preset", choices=("crowdtangle", "meta-content-library", "generic"),
                   default="generic", help="column layout of the export (default: generic)")
    p.add_argument("--columns", type=Path, help="YAML column map for --preset generic")
    _out_args(p)
    p.set_defaults(func=_csv)

    p = verbs.add_parser("snscrape", help="live scrape through snscrape (Twitter: dead since 2023)")
    p.add_argument("module", help="snscrape module: twitter or telegram")
    p.add_argument("query", help="search query (twitter) or channel name (telegram)")
    p.add_argument("--limit", type=int, default=None, help="stop after this many posts")
    p.add_argument("--retries", type=int, default=2,
                   help="retries after a failed request (default: 2)")
    _out_args(p)
    p.set_defaults(func=_snscrape)

    p = verbs.add_parser("expand", help="rank hashtags co-occurring with the seeds (PMI/lift)")
    p.add_argument("posts", type=Path, help="a post table (.parquet)")
    p.add_argument("--seed", action="append", help="seed hashtag, repeatable (default: OpeUnlike)")
    p.add_argument("--by", choices=("pmi", "lift"), default="pmi",
                   help="ranking score (default: pmi)")
    p.add_argument("--min-support", type=int, default=3,
                   help="fewest posts a hashtag must share with the seeds (default: 3)")
    p.add_argument("--top", type=int, default=30, help="hashtags listed (default: 30)")
    p.add_argument("--snowball", type=int, default=0, help="rounds of seed expansion")
    p.add_argument("-o", "--out", type=Path, help="ranking CSV (default: print)")
    p.add_argument("--figure", help="also save the chart as figures/NAME.{png,svg,csv}")
    p.set_defaults(func=_expand)


def _check_out(args) -> None:
    """Refuse an unknown --out suffix before any work is done."""
    from analysis.outputs import OutputError, out_format

    if getattr(args, "out", None) is not None:
        try:
            out_format(args.out)
        except OutputError as exc:
            raise UserFacingError(str(exc), 2) from exc


def _unusable(result, inputs, expected: str) -> None:
    """Exit non-zero, naming the format and the command that fits, when nothing was parsed."""
    from analysis.collect import sniff

    summary = result.summary
    rejected = sum(summary.rejected.values())
    if summary.written or (summary.parsed and rejected < summary.parsed):
        return  # something was usable (a valid file with no matching post is not an error)
    first = Path(inputs[0])
    if not summary.lines:
        read = "nothing read"
    elif not summary.parsed:
        read = f"{summary.lines:,} lines read, none parsed"
    else:
        read = f"{summary.parsed:,} records parsed, all rejected"
    raise UserFacingError(f"{first}: no usable record ({read}); {sniff.advice(first, expected)}", 3)


def _finish(result, args, writer=None) -> int:
    if args.json:
        print(result.summary.to_json())
    else:
        print(result.summary.to_text(), file=sys.stderr)
    return 0


def _archive(args) -> int:
    from analysis.collect import collect_archive

    _check_out(args)
    as_parquet = args.out.suffix.lower() == ".parquet"
    try:
        result = collect_archive(args.paths, query=args.query, match=args.match, jobs=args.jobs,
                                 engine=args.engine, scheduler=args.scheduler,
                                 out=args.out if as_parquet else None,
                                 keep_handles=args.keep_handles, progress=not args.no_progress)
    except (FileNotFoundError, ValueError) as exc:
        raise UserFacingError(str(exc), 2) from exc
    _unusable(result, args.paths, "stream-grab")
    if not as_parquet:  # resumable parts exist only for Parquet output
        _write(result, args.out)
    return _finish(result, args)


def _lines(args) -> int:
    from analysis.collect import collect_lines

    _check_out(args)
    as_parquet = args.out.suffix.lower() == ".parquet"
    try:
        result = collect_lines(args.paths, fmt=args.fmt, query=args.query, match=args.match,
                               out=args.out if as_parquet else None, keep_handles=args.keep_handles,
                               progress=not args.no_progress)
    except (FileNotFoundError, ValueError) as exc:
        raise UserFacingError(str(exc), 2) from exc
    _unusable(result, args.paths, "twarc" if args.fmt == "twarc" else "snscrape-jsonl")
    if not as_parquet:
        _write(result, args.out)
    return _finish(result, args)


def _write(result, out: Path) -> None:
    from analysis.io import write_rejects
    from analysis.outputs import write_table_as

    write_table_as(result.posts, out)
    write_rejects(result.rejects, out)


def _csv(args) -> int:
    from analysis.collect.csv_export import collect_csv

    _check_out(args)
    as_parquet = args.out.suffix.lower() == ".parquet"
    try:
        # Parquet output is streamed in batches (flat memory); CSV output is written at the end
        result = collect_csv(args.path, preset=args.preset, columns=args.columns,
                             keep_handles=args.keep_handles, out=args.out if as_parquet else None)
    except (FileNotFoundError, ValueError) as exc:
        raise UserFacingError(f"{exc}; {_csv_hint(args)}", 2) from exc
    _unusable(result, [args.path], f"a {args.preset} CSV")
    if as_parquet:
        from analysis.io import write_rejects

        write_rejects(result.rejects, args.out)
    else:
        _write(result, args.out)
    return _finish(result, args)


def _csv_hint(args) -> str:
    from analysis.collect import sniff

    return sniff.advice(args.path, f"a {args.preset} CSV")


def _snscrape(args) -> int:
    from analysis.collect.snscrape_live import ScrapeError, collect_snscrape_live

    _check_out(args)
    try:
        result = collect_snscrape_live(args.module, args.query, limit=args.limit,
                                       retries=args.retries)
    except ScrapeError as exc:
        raise UserFacingError(str(exc), 3) from exc  # nothing was written
    _write(result, args.out)
    return _finish(result, args)


def _expand(args) -> int:
    from analysis.collect import expand

    posts = read_posts(args.posts)
    seeds = args.seed or ["OpeUnlike"]
    if args.snowball:
        seeds, table = expand.snowball(posts, seeds, rounds=args.snowball, by=args.by,
                                       min_support=args.min_support, top=args.top)
    else:
        table = expand.rank_cooccurring(posts, seeds, by=args.by, min_support=args.min_support,
                                        top=args.top)
    if args.out:
        from analysis.io import write_csv

        write_csv(table, args.out)
    else:
        print(table.to_string(index=False))
    if args.figure:
        from analysis.plots import save_figure
        from analysis.plots.collect import hashtag_figure

        save_figure(hashtag_figure(table, by=args.by), args.figure, source=str(args.posts),
                    caption=f"Hashtags co-occurring with {len(seeds)} seeds, ranked by "
                            f"{args.by}, min support {args.min_support}")
    return 0
