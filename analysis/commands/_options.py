"""The one shape of every ``opeunlike`` verb (see DEVELOPERS.md, "Command-line shape").

* inputs are positional;
* the output is ``-o/--out PATH``; ``-`` means stdout for text formats (CSV, TSV, JSON
  lines), never for Parquet;
* ``--json`` prints one JSON object (the run's summary) on stdout;
* ``--no-progress`` (alias ``--quiet``) hides progress bars, which go to stderr;
* ``--query`` defaults to the ``opeunlike`` preset;
* every argument has help text (a test walks the parser).

Verbs that used to take the output as a second positional keep accepting it for one
release, with a one-line deprecation notice (:func:`add_output` with ``legacy=True``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.errors import UserFacingError

STDOUT = "-"
DEFAULT_QUERY = "opeunlike"
#: Formats that can go to stdout (Parquet is binary and needs a seekable file).
STREAMABLE = (".csv", ".tsv", ".jsonl", ".json", ".txt")


def add_output(parser: argparse.ArgumentParser, help: str, *, required: bool = True,
               legacy: bool = False) -> None:
    """``-o/--out PATH``; with ``legacy=True`` also the deprecated positional form."""
    parser.add_argument("-o", "--out", type=str, default=None, help=help + " ('-' for stdout "
                        "where the format allows)")
    if legacy:
        parser.add_argument("legacy_out", nargs="?", default=None, metavar="OUTPUT",
                            help="deprecated: the output as a second positional; use -o/--out")
    parser.set_defaults(_out_required=required, _out_legacy=legacy)


def output(args: argparse.Namespace) -> str | None:
    """The output the user asked for (``-`` for stdout), resolving the deprecated form.

    A deprecated positional output prints one notice line on stderr and still works.
    """
    out = getattr(args, "out", None)
    legacy = getattr(args, "legacy_out", None)
    if legacy is not None:
        if out is not None:
            raise UserFacingError(f"two outputs given ({legacy} and -o {out}); keep -o", 2)
        print(f"opeunlike: note: the positional OUTPUT is deprecated and will be removed in the "
              f"next release; write -o {legacy}", file=sys.stderr)
        out = legacy
    if out is None and getattr(args, "_out_required", False):
        raise UserFacingError("no output given: add -o PATH (or -o - for stdout)", 2)
    return out


def is_stdout(out: str | None) -> bool:
    return out == STDOUT


def add_progress(parser: argparse.ArgumentParser) -> None:
    """``--no-progress`` / ``--quiet``: hide the progress bars (they go to stderr)."""
    parser.add_argument("--no-progress", "--quiet", dest="no_progress", action="store_true",
                        help="hide progress bars (they are written to stderr)")


def add_json(parser: argparse.ArgumentParser) -> None:
    """``--json``: the run's summary as one JSON object on stdout."""
    parser.add_argument("--json", action="store_true",
                        help="print the summary as one JSON object on stdout")


def write_frame(frame, out: str, *, sep_for_stdout: str = "\t") -> None:
    """Write a table to ``out`` by suffix (:func:`analysis.io.write_table`), or to stdout
    as TSV (CSV with ``sep_for_stdout=','``) with formula cells neutralised."""
    from analysis.io import table_text, write_table

    if is_stdout(out):
        sys.stdout.write(table_text(frame, sep=sep_for_stdout))
        sys.stdout.flush()
        return
    try:
        write_table(frame, Path(out))
    except ValueError as exc:
        raise UserFacingError(str(exc), 2) from None
