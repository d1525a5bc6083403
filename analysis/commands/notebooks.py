"""``opeunlike notebooks sync|check``: keep the output-free ``.ipynb`` paired with each ``.py``."""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("notebooks", help="pair notebooks/*.py with output-free .ipynb")
    sub = p.add_subparsers(dest="action", required=True)
    sub.add_parser("sync", help="rewrite each .ipynb from its .py").set_defaults(func=_sync)
    sub.add_parser("check", help="fail if an .ipynb is stale or has outputs").set_defaults(func=_check)


def _sync(args) -> int:
    from analysis import notebooks

    for path in notebooks.sync():
        print(f"wrote {path}")
    return 0


def _check(args) -> int:
    from analysis import notebooks

    stale = notebooks.out_of_sync()
    for path in stale:
        print(f"stale: {path} (run `make notebooks-sync`)", file=sys.stderr)
    return 1 if stale else 0
