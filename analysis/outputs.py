"""``--out`` files: the format follows the suffix (``.parquet`` or ``.csv``), or the command refuses.

A user who asks for ``posts.csv`` gets a CSV, not Parquet under a CSV name. Lists are
written as JSON arrays and times as ISO 8601 UTC, so the CSV reads back unambiguously.
"""

from __future__ import annotations

import json
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


def _csv_ready(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    for col in out.columns:
        series = out[col]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            out[col] = series.dt.strftime("%Y-%m-%dT%H:%M:%SZ")
        elif series.dtype == object and series.map(lambda v: isinstance(v, (list, tuple))).any():
            out[col] = series.map(lambda v: json.dumps(list(v), ensure_ascii=False)
                                  if isinstance(v, (list, tuple)) else v)
    return out


def write_table_as(table: pd.DataFrame, path: str | Path) -> Path:
    """Write ``table`` in the format its suffix names, atomically (:mod:`analysis.io`)."""
    from analysis import schema

    path = Path(path)
    fmt = out_format(path)
    if fmt == "parquet":
        schema.write_table(table, path)
        return path
    from analysis.io import write_csv

    return write_csv(_csv_ready(table), path)  # atomic, formula cells neutralised
