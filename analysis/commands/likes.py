"""``opeunlike likes import|wayback|track``: page like counts into the canonical like table."""

from __future__ import annotations

import sys
from pathlib import Path

from analysis.commands._options import add_json, add_progress
from analysis.errors import UserFacingError


def register(subparsers) -> None:
    parser = subparsers.add_parser("likes", help="page like counts: tracker CSV or Wayback")
    verbs = parser.add_subparsers(dest="likes_verb", metavar="VERB", required=True)

    p = verbs.add_parser("import", help="tracker CSV (timestamp, page, likes)")
    p.add_argument("path", type=Path, help="tracker CSV with timestamp, page, likes")
    p.add_argument("-o", "--out", type=Path, required=True, help="like table (.parquet or .csv)")
    p.add_argument("--tz", help="time zone of timestamps written without one, e.g. Africa/Casablanca "
                                "(without it such rows are rejected)")
    p.add_argument("--campaign", help="campaign file whose pages the tracker counts "
                                      "(default: campaigns/opeunlike-2016.yml)")
    add_json(p)
    p.set_defaults(func=_import)

    p = verbs.add_parser("wayback", help="rebuild a like series from Wayback Machine captures")
    p.add_argument("--page", required=True, choices=("maroc_telecom", "inwi", "meditel"),
                   help="the operator page whose captures are read")
    p.add_argument("--from", dest="start", default="2016-01-01",
                   help="first day of captures (default: 2016-01-01)")
    p.add_argument("--to", dest="end", default="2016-12-31",
                   help="last day of captures (default: 2016-12-31)")
    p.add_argument("-o", "--out", type=Path, required=True, help="like table (.parquet or .csv)")
    p.add_argument("--cdx-url", default=None, help="CDX endpoint (default: web.archive.org)")
    p.add_argument("--snapshot-url", default=None, help="snapshot base (default: web.archive.org)")
    p.add_argument("--cache", type=Path, default=None, help="response cache folder")
    p.add_argument("--min-interval", type=float, default=1.0, help="seconds between requests")
    add_json(p)
    add_progress(p)
    p.set_defaults(func=_wayback)

    from analysis.live.cli import add_track

    add_track(verbs)  # `likes track`: the live tracker (analysis/live)


def _check_out(out: Path) -> None:
    from analysis.outputs import OutputError, out_format

    try:
        out_format(out)
    except OutputError as exc:
        raise UserFacingError(str(exc), 2) from exc


def _save(result, out: Path, as_json: bool) -> int:
    from analysis.io import rejects_path, write_rejects
    from analysis.outputs import write_table_as

    rejected = len(result.rejects)
    if rejected:
        write_rejects(result.rejects, out)
    print(result.summary.to_json() if as_json else result.summary.to_text(),
          file=sys.stdout if as_json else sys.stderr)
    if rejected and not len(result.likes):
        reasons = result.rejects["reason"].value_counts()
        raise UserFacingError(f"every row was rejected ({rejected:,}; most often: {reasons.index[0]}); "
                              f"nothing written; rejects in {rejects_path(out)}", 3)
    write_table_as(result.likes, out)
    if rejected:
        print(f"{rejected:,} rows rejected, with reasons, in {rejects_path(out)}", file=sys.stderr)
    return 0


def _import(args) -> int:
    from analysis import campaign as campaigns
    from analysis.collect.tracker import import_tracker

    _check_out(args.out)
    try:
        camp = campaigns.load(args.campaign)
        result = import_tracker(args.path, tz=args.tz, pages=camp.page_ids(),
                                aliases=camp.page_aliases())
    except (FileNotFoundError, ValueError) as exc:
        raise UserFacingError(str(exc), 2) from exc
    return _save(result, args.out, args.json)


def _wayback(args) -> int:
    from analysis.collect import wayback

    _check_out(args.out)
    fetcher = wayback.Fetcher(min_interval=args.min_interval)
    if args.cache:
        fetcher.cache_dir = args.cache
    try:
        result = wayback.wayback_likes(args.page, args.start, args.end,
                                       cdx_url=args.cdx_url or wayback.CDX_URL,
                                       snapshot_url=args.snapshot_url or wayback.SNAPSHOT_URL,
                                       fetcher=fetcher, progress=not args.no_progress)
    except ConnectionError as exc:
        raise UserFacingError(f"{exc} (cached responses are kept; rerun to resume)", 3) from exc
    return _save(result, args.out, args.json)
