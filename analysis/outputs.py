"""``--out`` files: the format follows the suffix (``.parquet`` or ``.csv``), or the command refuses.

A user who asks for ``posts.csv`` gets a CSV, not Parquet under a CSV name
(:func:`analysis.io.write_table` writes it).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

SUFFIXES = (".parquet", ".csv")


class OutputError(ValueError):
    """An ``--out`` path whose suffix names no format we write."""


def out_format(path: str | Path) -> str:
    """``parquet`` or ``csv`` from the suffix; anything else raises :class:`OutputError`.

    >>> out_format("x.parquet"), out_format("data/likes.CSV")
    ('parquet', 'csv')
    """
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        shown = f"'{suffix}'" if suffix else "no suffix"
        raise OutputError(f"--out {path}: {shown} is not a format opeunlike writes; "
                          "end the name with .parquet or .csv")
    return suffix[1:]


def write_table_as(table: pd.DataFrame, path: str | Path) -> Path:
    """Write ``table`` in the format its suffix names (``.parquet`` or ``.csv`` only),
    through :func:`analysis.io.write_table`."""
    from analysis.io import write_table

    out_format(path)
    return write_table(table, path)
