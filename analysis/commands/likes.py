"""``opeunlike likes import|wayback``: page like counts into the canonical like table."""

from __future__ import annotations

import sys
from pathlib import Path

from analysis.cli import UserFacingError


def register(subparsers) -> None:
    parser = subparsers.add_parser("likes", help="page like counts: tracker CSV or Wayback")
    verbs = parser.add_subparsers(dest="likes_verb", metavar="VERB", required=True)

    p = verbs.add_parser("import", help="tracker CSV (timestamp, page, likes)")
    p.add_argument("path", type=Path)
    p.add_argument("--out", "-o", type=Path, required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_import)

    p = verbs.add_parser("wayback", help="rebuild a like series from Wayback Machine captures")
    p.add_argument("--page", required=True, choices=("maroc_telecom", "inwi", "meditel"))
    p.add_argument("--from", dest="start", default="2016-01-01")
    p.add_argument("--to", dest="end", default="2016-12-31")
    p.add_argument("--out", "-o", type=Path, required=True)
    p.add_argument("--cdx-url", default=None, help="CDX endpoint (default: web.archive.org)")
    p.add_argument("--snapshot-url", default=None, help="snapshot base (default: web.archive.org)")
    p.add_argument("--cache", type=Path, default=None, help="response cache folder")
    p.add_argument("--min-interval", type=float, default=1.0, help="seconds between requests")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_wayback)


def _save(result, out: Path, as_json: bool) -> int:
    from analysis import schema
    from analysis.io import write_rejects

    schema.write_table(result.posts, out)
    write_rejects(result.rejects, out)
    print(result.summary.to_json() if as_json else result.summary.to_text(),
          file=sys.stdout if as_json else sys.stderr)
    return 0


def _import(args) -> int:
    from analysis.collect.tracker import import_tracker

    try:
        result = import_tracker(args.path)
    except (FileNotFoundError, ValueError) as exc:
        raise UserFacingError(str(exc), 2) from exc
    return _save(result, args.out, args.json)


def _wayback(args) -> int:
    from analysis.collect import wayback

    fetcher = wayback.Fetcher(min_interval=args.min_interval)
    if args.cache:
        fetcher.cache_dir = args.cache
    try:
        result = wayback.wayback_likes(args.page, args.start, args.end,
                                       cdx_url=args.cdx_url or wayback.CDX_URL,
                                       snapshot_url=args.snapshot_url or wayback.SNAPSHOT_URL,
                                       fetcher=fetcher, progress=True)
    except ConnectionError as exc:
        raise UserFacingError(f"{exc} (cached responses are kept; rerun to resume)", 3) from exc
    return _save(result, args.out, args.json)
