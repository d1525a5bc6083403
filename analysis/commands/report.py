"""``opeunlike report``: run every notebook and index the figures (what ``make report`` calls)."""

from __future__ import annotations


def register(subparsers) -> None:
    p = subparsers.add_parser("report", help="run all notebooks headless and write figures/")
    p.add_argument("--posts", help="your post table or archive (default: the shipped demo)")
    p.add_argument("--likes", help="your like snapshots (default: the shipped demo)")
    p.add_argument("--bin", help="time bin for the time-series notebooks, e.g. 1h or 15min")
    p.add_argument("--only", nargs="*", help="run only notebooks whose name starts with these")
    p.set_defaults(func=_run)


def _run(args) -> int:
    from analysis import report

    parameters = {"posts_path": args.posts, "likes_path": args.likes, "bin": args.bin}
    return report.main(parameters, args.only)
