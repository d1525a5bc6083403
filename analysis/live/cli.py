"""Arguments of ``opeunlike likes track`` and ``opeunlike dashboard`` and their runners.

Kept here, beside the code they drive, so the command modules only register them.
"""

from __future__ import annotations

import os
import re
import signal
import sys
from pathlib import Path

DEFAULT_OUT = Path("data/raw/likes-live.parquet")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h)?\s*$")


def parse_every(text: str) -> float:
    """Seconds in ``60s``, ``2min``, ``1h`` or a bare number of seconds (at least 1 s).

    >>> parse_every("60s"), parse_every("2min"), parse_every("1h"), parse_every("90")
    (60.0, 120.0, 3600.0, 90.0)
    """
    import argparse

    match = _DURATION.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not an interval (write 60s, 5min or 1h)")
    seconds = float(match.group(1)) * {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600}[match.group(2) or "s"]
    if seconds < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: poll at most once a second")
    return seconds


def add_track(verbs) -> None:
    p = verbs.add_parser("track", help="poll every page of a campaign live into a like table")
    p.add_argument("--campaign", help="campaign file or name (default: campaigns/opeunlike-2016.yml)")
    p.add_argument("--every", type=parse_every, default=60.0, metavar="INTERVAL",
                   help="time between polls, e.g. 60s, 5min (default: 60s)")
    p.add_argument("--out", "-o", type=Path, default=DEFAULT_OUT,
                   help=f"like table to append to, .parquet or .csv (default: {DEFAULT_OUT}); "
                        "the poll log goes beside it as NAME.polls.csv")
    p.add_argument("--graph-base", help="Graph API base URL (default: $OPEUNLIKE_GRAPH_BASE, "
                                        "else https://graph.facebook.com/v19.0)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for a reply (default: 10)")
    p.add_argument("--max-polls", type=int, help="stop after this many polls")
    p.add_argument("--until", help="stop at this time (UTC unless it names a zone), e.g. 2026-03-01T18:00")
    p.add_argument("--quiet", "--no-progress", action="store_true", help="no status line per poll")
    p.set_defaults(func=run_track)


def run_track(args) -> int:
    import pandas as pd

    from analysis import campaign as campaigns
    from analysis.errors import UserFacingError
    from analysis.live.sources import SourceError, graph, source_for
    from analysis.live.store import LiveStore
    from analysis.live.tracker import Tracker

    try:
        camp = campaigns.load(args.campaign)
    except campaigns.CampaignError as exc:
        raise UserFacingError(str(exc), 2) from exc
    base = args.graph_base or os.environ.get(graph.BASE_ENV) or graph.DEFAULT_BASE
    token = os.environ.get(graph.TOKEN_ENV)
    try:
        sources = {page.id: source_for(page, base, token, args.timeout) for page in camp.pages}
    except SourceError as exc:
        raise UserFacingError(f"{camp.path}: {exc}", 2) from exc
    if token is None and any(isinstance(s, graph.GraphSource) for s in sources.values()) \
            and base == graph.DEFAULT_BASE:
        raise UserFacingError(f"the Graph API needs a token: set {graph.TOKEN_ENV} "
                              f"(or point --graph-base at a local fake)", 2)
    until = None
    if args.until:
        try:
            until = pd.Timestamp(args.until)
        except ValueError as exc:
            raise UserFacingError(f"--until {args.until!r} is not a time", 2) from exc
        until = until.tz_localize("UTC") if until.tzinfo is None else until.tz_convert("UTC")
    try:
        store = LiveStore.open(args.out, tuple(camp.page_ids()))
    except (OSError, ValueError) as exc:
        raise UserFacingError(f"{args.out}: cannot resume this file ({exc})", 2) from exc
    tracker = Tracker(sources, store, every=args.every, launch=camp.launch, max_polls=args.max_polls,
                      until=until, quiet=args.quiet)
    previous = {sig: signal.signal(sig, tracker.request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        polls = tracker.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if not args.quiet:
        print(f"stopped after {polls} poll(s); {len(store.likes):,} rows in {args.out}", file=sys.stderr)
    return 0


def add_dashboard(subparsers) -> None:
    p = subparsers.add_parser("dashboard", help="live page: likes lost per page, days of the block")
    p.add_argument("--campaign", help="campaign file or name (default: campaigns/opeunlike-2016.yml)")
    p.add_argument("--likes", type=Path, default=DEFAULT_OUT,
                   help=f"like table the tracker writes (default: {DEFAULT_OUT})")
    p.add_argument("--posts", type=Path, help="a post table still growing: posts per 10 minutes "
                                              "and their negative share")
    p.add_argument("--host", default="127.0.0.1", help="address to serve on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8050, help="port on 127.0.0.1 (default 8050)")
    p.add_argument("--lang", choices=("en", "fr", "ar"), default="en",
                   help="language of the page: en, fr or ar (default en)")
    p.add_argument("--days-since", metavar="EVENT_ID",
                   help="count days since this event of the campaign's events file "
                        "instead of the campaign's counter")
    p.add_argument("--refresh", type=parse_every, default=5.0, metavar="INTERVAL",
                   help="how often the page is updated (default: 5s; at most 30s)")
    p.set_defaults(func=run_dashboard)


def run_dashboard(args) -> int:
    from analysis import campaign as campaigns
    from analysis.errors import UserFacingError
    from analysis.live.dashboard import app as dashboard

    if args.refresh > 30:
        raise UserFacingError("--refresh: the page must update at least every 30 s", 2)
    try:
        camp = campaigns.load(args.campaign)
        config = dashboard.DashboardConfig(camp, args.likes, args.posts, args.lang,
                                           args.refresh, args.days_since)
        config.check()
    except (campaigns.CampaignError, ValueError) as exc:
        raise UserFacingError(str(exc), 2) from exc
    print(f"dashboard on http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr, flush=True)
    dashboard.serve(config, args.host, args.port)
    return 0
