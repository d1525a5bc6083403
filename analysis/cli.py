"""``opeunlike VERB …``: thin wrappers over the package's functions.

Each verb group lives in its own module under :mod:`analysis.commands` and exposes
``register(subparsers)``. This file only assembles them, so adding a verb never
means editing a long central file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

import analysis
import analysis.commands
from analysis.errors import UserFacingError  # noqa: F401  (kept importable from here)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opeunlike",
        description="Collect, identify the language of, classify and correlate #OpeUnlike posts.",
    )
    parser.add_argument("--version", action="version", version=f"opeunlike {analysis.__version__}")
    subparsers = parser.add_subparsers(dest="verb", metavar="VERB")
    for info in sorted(pkgutil.iter_modules(analysis.commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):  # shared helpers (``_options``), not verb groups
            continue
        module = importlib.import_module(f"analysis.commands.{info.name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except UserFacingError as exc:
        print(f"opeunlike: error: {exc}", file=sys.stderr)
        return exc.exit_code
