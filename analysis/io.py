"""Writing and reading files: the one atomic writer, tables by suffix, safe CSV, rejects.

Every file the tool writes goes through :func:`atomic_write`: the content is written to
a uniquely named temporary file in the target's folder, flushed to disk (fsync) and
renamed over the target, so a killed run leaves either the old file or the new one,
never half of one, and two runs never share a temporary name.

Every CSV the tool writes goes through :func:`write_csv`, which neutralises spreadsheet
formulas (the OWASP rule: a cell starting with ``= + - @``, tab or carriage return gets
a leading ``'``). Journalists open these files in spreadsheets; Parquet keeps the raw
values.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis import schema

#: Cells starting with one of these are read as formulas by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TABLE_SUFFIXES = (".parquet", ".csv", ".tsv")
#: Raw rejected records hold clear handles and ids: they live in this folder, beside the
#: output, never in the shareable table nor in what ``export`` writes.
PRIVATE_FOLDER = "private"


def atomic_write(path: str | Path, content: str | bytes | Callable[[Path], object]) -> Path:
    """Write ``content`` (text, bytes, or a function that writes a given path) atomically.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "note.txt"
    >>> atomic_write(target, "hello\\n").read_text()
    'hello\\n'
    >>> sorted(p.name for p in target.parent.iterdir())
    ['note.txt']
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        if callable(content):
            os.close(fd)
            content(tmp)
        else:
            # backslashreplace: a lone surrogate kept in a rejected record stays visible
            data = (content.encode("utf-8", errors="backslashreplace")
                    if isinstance(content, str) else content)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        # mkstemp makes the file readable by its owner only; outputs are meant to be
        # shared (private files live in a 0700 folder or set their own mode)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def neutralise_cell(value: object) -> object:
    """Prefix ``'`` to a text cell a spreadsheet would run as a formula.

    >>> neutralise_cell("=HYPERLINK(\\"http://x\\")"), neutralise_cell("@u_1"), neutralise_cell(3)
    ('\\'=HYPERLINK("http://x")', "'@u_1", 3)
    >>> neutralise_cell("-12"), neutralise_cell("ok")
    ("'-12", 'ok')
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for name in out.columns:
        column = out[name]
        if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
            out[name] = column.map(neutralise_cell, na_action="ignore")
    return out


def csv_text(df: pd.DataFrame, sep: str = ",") -> str:
    """The CSV text of ``df`` with formula cells neutralised (no index, ``\\n`` lines)."""
    return _safe_frame(df).to_csv(index=False, sep=sep, lineterminator="\n")


def write_csv(df: pd.DataFrame, path: str | Path, sep: str | None = None) -> Path:
    """Write ``df`` as CSV (TSV for ``.tsv``) atomically, formulas neutralised."""
    path = Path(path)
    sep = sep or ("\t" if path.suffix.lower() == ".tsv" else ",")
    return atomic_write(path, csv_text(df, sep))


def write_csv_rows(rows: Iterable[Iterable[object]], path: str | Path, header: list[str]) -> Path:
    """Stream plain rows to a CSV atomically, formulas neutralised (for large outputs)."""

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(header)
            for row in rows:
                writer.writerow([neutralise_cell(v) for v in row])

    return atomic_write(path, write)


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise ValueError(f"{path}: unsupported table format {suffix or '(none)'!r} "
                         f"(use {', '.join(TABLE_SUFFIXES)})")
    return suffix


def _csv_ready(table: pd.DataFrame) -> pd.DataFrame:
    """Lists as JSON arrays and times as ISO 8601 UTC, so a CSV reads back unambiguously."""
    out = table.copy()
    for col in out.columns:
        series = out[col]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            out[col] = series.dt.strftime("%Y-%m-%dT%H:%M:%SZ")
        elif series.dtype == object and series.map(lambda v: isinstance(v, (list, tuple))).any():
            out[col] = series.map(lambda v: json.dumps(list(v), ensure_ascii=False)
                                  if isinstance(v, (list, tuple)) else v)
    return out


def table_text(df: pd.DataFrame, sep: str = ",") -> str:
    """The CSV/TSV text :func:`write_table` would write (lists as JSON, times ISO UTC),
    for ``-o -`` (stdout)."""
    return csv_text(_csv_ready(df), sep)


def write_table(df: pd.DataFrame, path: str | Path) -> Path:
    """Write a table by suffix: Parquet or CSV/TSV (safe cells), atomically.

    The post and like tables are written with their Arrow schema
    (:func:`analysis.schema.arrow_schema`); extra columns (``lang``, ``sentiment``,
    probabilities, …) are kept after the canonical ones. Unknown suffixes are refused,
    never guessed.
    """
    path = Path(path)
    if _suffix(path) != ".parquet":
        return write_csv(_csv_ready(df), path)
    if set(schema.POST_COLUMNS) <= set(df.columns) or set(schema.LIKE_COLUMNS) <= set(df.columns):
        table = pa.Table.from_pandas(df, schema=schema.arrow_schema(df), preserve_index=False)
        return atomic_write(path, lambda tmp: pq.write_table(table, tmp))
    return atomic_write(path, lambda tmp: df.to_parquet(tmp, index=False))


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a table written by :func:`write_table`.

    Parquet list cells come back as Python lists, text as ``str`` and integers as
    nullable ``Int64``; CSV/TSV cells come back as text.
    """
    path = Path(path)
    if _suffix(path) != ".parquet":
        text = path.read_text(encoding="utf-8-sig")
        return pd.read_csv(io.StringIO(text), sep="\t" if path.suffix.lower() == ".tsv" else ",",
                           dtype=str, keep_default_na=False)
    table = pq.read_table(path)
    df = table.to_pandas(types_mapper=_integers_nullable)
    for name, typ in zip(table.column_names, table.schema.types):
        if (pa.types.is_list(typ) or pa.types.is_large_list(typ)
                or pa.types.is_string(typ) or pa.types.is_large_string(typ)):
            df[name] = pd.Series(table.column(name).to_pylist(), dtype=object, index=df.index)
    return df


def _integers_nullable(typ: pa.DataType):
    return pd.Int64Dtype() if pa.types.is_integer(typ) else None


def write_posts(df: pd.DataFrame, path: str | Path) -> Path:
    """Write a post table (see :func:`write_table`); refuses a table that is not one."""
    missing = set(schema.POST_COLUMNS) - set(df.columns)
    if missing:
        raise ValueError(f"not a post table, missing columns: {sorted(missing)}")
    return write_table(df, path)


def read_posts(path: str | Path) -> pd.DataFrame:
    """Read a post table and check it has the canonical columns."""
    df = read_table(path)
    missing = set(schema.POST_COLUMNS) - set(df.columns)
    if missing:
        raise ValueError(f"{path}: not a post table, missing columns: {sorted(missing)}")
    return df


def rejects_path(out: str | Path) -> Path:
    """Where the raw rejects of ``OUT.parquet`` go: ``private/OUT.rejects.csv`` beside it.

    >>> rejects_path("results/posts.parquet").as_posix()
    'results/private/posts.rejects.csv'
    """
    out = Path(out)
    return out.parent / PRIVATE_FOLDER / (out.name.removesuffix(".parquet") + ".rejects.csv")


def write_rejects(rejects: pd.DataFrame, out: str | Path) -> Path:
    """Write the rejects of output ``out`` to :func:`rejects_path` (owner-only folder)."""
    target = rejects_path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(target.parent, 0o700)
    return write_csv(rejects, target)
