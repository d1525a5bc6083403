"""The canonical tables: every collector produces them, every analysis consumes them.

Two tables:

* the **post table** (:data:`POST_COLUMNS`), one row per post or repost;
* the **like table** (:data:`LIKE_COLUMNS`), one row per observation of a page's like count.

:func:`validate_posts` and :func:`validate_likes` split incoming rows into good rows
and a rejects table with one reason per row. They never raise on a bad row and never
drop a good one. :func:`arrow_schema` types either table for Parquet, so Arabic text,
emoji and list columns round-trip exactly (:func:`analysis.io.write_table` and
:func:`analysis.io.read_table` use it). The columns each stage adds are declared here
too (:data:`LANGID_COLUMNS`, :data:`SENTIMENT_COLUMNS`) and checked between stages.

Author IDs are pseudonymised with :func:`analysis.privacy.pseudonymise` (keyed
HMAC-SHA256, re-exported here); :mod:`analysis.privacy` says which key is used.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.privacy import DEMO_KEY, KEY_ENV, pseudonym_key, pseudonymise  # noqa: F401

OPERATORS = ("maroc_telecom", "inwi", "meditel")
#: Language labels, in the column order of every language identifier's probabilities.
LANGS = ("fr", "ar", "ary", "ary_latn", "en", "other")
#: The labels of each script: a post is labelled within the script of most of its letters.
ARABIC_LANGS = ("ar", "ary")
LATIN_LANGS = ("fr", "ary_latn", "en", "other")
#: Sentiment labels, in the column order of every sentiment model's probabilities.
SENTIMENTS = ("positive", "negative", "neutral")

# ------------------------------------------------------------------ stage contracts
#: What :func:`analysis.langid.identify` adds to a post table, and nothing else.
LANGID_COLUMNS = ("lang", *(f"p_{lang}" for lang in LANGS), "code_switched", "switch_labels",
                  "lang_model")
#: What :func:`analysis.sentiment.classify` adds to a language-identified table.
SENTIMENT_COLUMNS = ("sentiment", *(f"p_{s}" for s in SENTIMENTS), "sentiment_model")


class StageError(ValueError):
    """A table that does not hold what the previous stage promised."""


def _check_probabilities(frame: pd.DataFrame, columns, stage: str) -> None:
    values = frame[list(columns)].to_numpy(dtype=float)
    known = ~np.isnan(values)
    if ((values[known] < 0) | (values[known] > 1)).any():
        raise StageError(f"{stage}: probabilities outside [0, 1] in {', '.join(columns)}")


def _missing(frame: pd.DataFrame, columns, stage: str, hint: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise StageError(f"{stage}: missing column(s) {', '.join(missing)}; {hint}")


def _check_labels(frame: pd.DataFrame, column: str, labels, stage: str, what: str) -> None:
    unknown = sorted(set(frame[column].dropna().astype(str)) - set(labels))
    if unknown:
        raise StageError(f"{stage}: unknown {what} label(s) {', '.join(unknown)} "
                         f"(expected {', '.join(labels)})")


def stage_input(frame: pd.DataFrame, text_column: str, adds, replace: bool) -> list[str]:
    """Check a stage's input table; return the stage columns it already holds.

    The table needs ``text_column``; a table holding any of the columns the stage
    ``adds`` was labelled already (or holds gold labels) and is refused unless
    ``replace`` (the caller then drops the returned columns).
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError("a stage takes a post table (a DataFrame with a text column)")
    if text_column not in frame.columns:
        raise KeyError(f"no {text_column!r} column; columns are {list(frame.columns)}")
    present = [c for c in adds if c in frame.columns]
    if present and not replace:
        raise ValueError(f"the table already has column(s) {', '.join(present)}: it was "
                         "labelled already or holds gold labels (replace=True relabels it)")
    return present


def validate_langid(frame: pd.DataFrame) -> pd.DataFrame:
    """Check the language-ID stage's output (:data:`LANGID_COLUMNS`); return ``frame``.

    >>> validate_langid(pd.DataFrame({"text": ["x"]}))
    Traceback (most recent call last):
    ...
    analysis.schema.StageError: language ID: missing column(s) lang, p_fr, p_ar, p_ary, p_ary_latn, p_en, p_other, code_switched, switch_labels, lang_model; run analysis.langid.identify first
    """
    stage = "language ID"
    _missing(frame, LANGID_COLUMNS, stage, "run analysis.langid.identify first")
    _check_labels(frame, "lang", LANGS, stage, "language")
    _check_probabilities(frame, [f"p_{lang}" for lang in LANGS], stage)
    return frame


def validate_sentiment(frame: pd.DataFrame) -> pd.DataFrame:
    """Check the sentiment stage's output (:data:`SENTIMENT_COLUMNS`, on top of the
    language columns); reposts carry no sentiment (``None``). Returns ``frame``."""
    validate_langid(frame)
    stage = "sentiment"
    _missing(frame, SENTIMENT_COLUMNS, stage, "run analysis.sentiment.classify first")
    _check_labels(frame, "sentiment", SENTIMENTS, stage, "sentiment")
    _check_probabilities(frame, [f"p_{s}" for s in SENTIMENTS], stage)
    return frame


_POST_ID = re.compile(r"^[a-z][a-z0-9_]*:\S+$")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "str", "time", "strlist", "bool", "count"
    required: bool
    doc: str


POST_SPEC: tuple[Column, ...] = (
    Column("post_id", "str", True, "platform-qualified id, `platform:native_id`"),
    Column("platform", "str", True, "twitter, facebook, instagram, telegram, youtube, …"),
    Column("created_at", "time", True, "publication time, tz-aware UTC"),
    Column("author_id", "str", True, "pseudonymised author (keyed hash), never a clear id"),
    Column("text", "str", True, "full text as posted (extended text when truncated)"),
    Column("lang_declared", "str", False, "language the platform declared, if any"),
    Column("hashtags", "strlist", True, "hashtags without '#', as written"),
    Column("mentions", "strlist", True, "mentioned handles, pseudonymised like author_id"),
    Column("urls", "strlist", True, "expanded URLs"),
    Column("is_repost", "bool", True, "retweet/share of another post"),
    Column("repost_of", "str", False, "post_id of the reposted post"),
    Column("reply_to", "str", False, "post_id this replies to"),
    Column("like_count", "count", False, "likes/favourites when collected"),
    Column("repost_count", "count", False, "retweets/shares when collected"),
    Column("source", "str", True, "where the row came from: `file:line` or URL"),
)
POST_COLUMNS = tuple(c.name for c in POST_SPEC)

LIKE_SPEC: tuple[Column, ...] = (
    Column("page", "str", True, "operator page: maroc_telecom, inwi or meditel"),
    Column("observed_at", "time", True, "time of the observation, tz-aware UTC"),
    Column("likes", "count", True, "page like count observed"),
    Column("source", "str", True, "capture URL or `file:line`"),
    Column("parser", "str", True, "how the count was read (tracker, wayback:en, …)"),
)
LIKE_COLUMNS = tuple(c.name for c in LIKE_SPEC)

_ARROW_TYPES = {
    "str": pa.string(),
    "time": pa.timestamp("ns", tz="UTC"),
    "strlist": pa.list_(pa.string()),
    "bool": pa.bool_(),
    "count": pa.int64(),
}

REJECT_COLUMNS = ("source", "reason", "record")
INT64_MAX = 2**63 - 1


# --------------------------------------------------------------------------- coercion
class _Bad(ValueError):
    """A cell that cannot be coerced; its message becomes the reject reason."""


def parse_utc(value: Any) -> pd.Timestamp:
    """Parse a timestamp into tz-aware UTC; naive values are refused, not guessed.

    Accepts ISO 8601 strings, Twitter's ``Fri Feb 26 21:03:11 +0000 2016``,
    epoch seconds (int/float), ``datetime`` and ``Timestamp``.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        raise _Bad("missing timestamp")
    if isinstance(value, bool):
        raise _Bad(f"timestamp of wrong type bool: {value!r}")
    try:
        ts = _timestamp(value)
        if ts is pd.NaT:
            raise _Bad(f"unparseable timestamp {value!r}")
        if ts.tzinfo is None:
            raise _Bad(f"timestamp without UTC offset {value!r}")
        return ts.tz_convert(timezone.utc).as_unit("ns")
    except (ValueError, OverflowError, TypeError, pd.errors.OutOfBoundsDatetime) as exc:
        if isinstance(exc, _Bad):
            raise
        # year 9999, epoch milliseconds given as seconds, 1e20, Infinity: this row only
        raise _Bad(f"timestamp out of range or unparseable {_short(value)} "
                   f"({type(exc).__name__})") from None


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _timestamp(value: Any) -> pd.Timestamp:
    if isinstance(value, (int, np.integer, float, np.floating)):
        return pd.Timestamp(float(value), unit="s", tz="UTC")
    if isinstance(value, str):
        text = value.strip()
        try:
            return pd.Timestamp(datetime.strptime(text, "%a %b %d %H:%M:%S %z %Y"))
        except ValueError:
            try:
                return pd.Timestamp(text)
            except (ValueError, OverflowError) as exc:
                raise _Bad(f"unparseable timestamp {_short(value)}") from exc
    if isinstance(value, (datetime, pd.Timestamp, np.datetime64)):
        return pd.Timestamp(value)
    raise _Bad(f"timestamp of wrong type {type(value).__name__}: {_short(value)}")


def _check_encodable(name: str, value: str) -> None:
    """Refuse text Parquet cannot store (a lone surrogate such as ``\\ud800`` is valid JSON)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _Bad(f"{name}: not valid Unicode text ({exc.reason} at {exc.start})") from None


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def _coerce(col: Column, value: Any) -> Any:
    if _is_missing(value) and col.kind != "strlist":
        if col.required:
            raise _Bad(f"missing {col.name}")
        return None
    if col.kind == "str":
        if not isinstance(value, str):
            raise _Bad(f"{col.name} of wrong type {type(value).__name__}: {_short(value)}")
        _check_encodable(col.name, value)
        if col.required and col.name != "text" and not value.strip():
            raise _Bad(f"empty {col.name}")
        return value
    if col.kind == "time":
        try:
            return parse_utc(value)
        except _Bad as exc:
            raise _Bad(f"{col.name}: {exc}") from None
    if col.kind == "strlist":
        if _is_missing(value):
            return []
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, np.ndarray)):
            raise _Bad(f"{col.name} must be a list, got {type(value).__name__}")
        items = list(value)
        if not all(isinstance(v, str) for v in items):
            raise _Bad(f"{col.name} must hold strings only")
        for item in items:
            _check_encodable(col.name, item)
        return items
    if col.kind == "bool":
        if isinstance(value, (bool, np.bool_)):
            return bool(value)
        raise _Bad(f"{col.name} of wrong type {type(value).__name__}: {value!r}")
    if col.kind == "count":
        if isinstance(value, (bool, np.bool_)):
            raise _Bad(f"{col.name} of wrong type bool")
        if isinstance(value, (float, np.floating)) and float(value).is_integer():
            value = int(value)
        if not isinstance(value, (int, np.integer)):
            raise _Bad(f"{col.name} of wrong type {type(value).__name__}: {value!r}")
        if value < 0:
            raise _Bad(f"negative {col.name}: {value}")
        if value > INT64_MAX:
            raise _Bad(f"{col.name} out of range (larger than int64): {_short(value)}")
        return int(value)
    raise AssertionError(col.kind)


def _record_text(record: Mapping[str, Any]) -> str:
    """A JSON rendering of a rejected record, kept so nothing is lost."""
    return encodable(json.dumps(dict(record), ensure_ascii=False, default=str))


def encodable(text: str) -> str:
    """``text`` with lone surrogates written as ``\\udXXX`` so it can be stored anywhere.

    >>> encodable("ok \\ud800")
    'ok \\\\ud800'
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", errors="backslashreplace").decode("utf-8")


def _validate(
    records: Iterable[Mapping[str, Any]], spec: tuple[Column, ...], extra_check
) -> tuple[pd.DataFrame, pd.DataFrame]:
    good: dict[str, list[Any]] = {c.name: [] for c in spec}
    rejects: list[dict[str, str]] = []
    for record in records:
        try:
            row = {c.name: _coerce(c, record.get(c.name)) for c in spec}
            extra_check(row)
        except (_Bad, ValueError, TypeError, OverflowError, AttributeError) as exc:
            # a value no rule above foresaw still rejects this row only, never the file
            reason = str(exc) if isinstance(exc, _Bad) else f"unusable value ({type(exc).__name__}: {exc})"
            source = record.get("source")
            rejects.append(
                {
                    "source": encodable(source) if isinstance(source, str) else "",
                    "reason": reason,
                    "record": _record_text(record),
                }
            )
            continue
        for name, value in row.items():
            good[name].append(value)
    return _frame(good, spec), pd.DataFrame(rejects, columns=list(REJECT_COLUMNS))


def _check_post(row: dict[str, Any]) -> None:
    if not _POST_ID.match(row["post_id"]):
        raise _Bad(f"post_id {row['post_id']!r} is not `platform:native_id`")
    if not row["post_id"].startswith(row["platform"] + ":"):
        raise _Bad(f"post_id {row['post_id']!r} does not start with platform {row['platform']!r}")
    if row["is_repost"] and not row["repost_of"]:
        raise _Bad("repost without repost_of")


def _like_check(pages: tuple[str, ...] | None):
    """The page check of a like row: the campaign's pages (default: the three operators)."""
    allowed = tuple(pages) if pages else OPERATORS

    def check(row: dict[str, Any]) -> None:
        if row["page"] not in allowed:
            raise _Bad(f"unknown page {row['page']!r} (expected one of {', '.join(allowed)})")

    return check


_check_like = _like_check(None)


def _records(rows: pd.DataFrame | Iterable[Mapping[str, Any]]) -> Iterable[Mapping[str, Any]]:
    if isinstance(rows, pd.DataFrame):
        return rows.to_dict("records")
    return rows


def validate_posts(
    rows: pd.DataFrame | Iterable[Mapping[str, Any]],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split rows into a typed post table and a rejects table (source, reason, record).

    Examples
    --------
    >>> good, bad = validate_posts([
    ...     {"post_id": "twitter:1", "platform": "twitter", "created_at": "2016-02-26T21:03:11Z",
    ...      "author_id": "u_x", "text": "#OpeUnlike", "hashtags": ["OpeUnlike"], "mentions": [],
    ...      "urls": [], "is_repost": False, "source": "demo:1"},
    ...     {"post_id": "", "source": "demo:2"},
    ... ])
    >>> len(good), list(bad["reason"])
    (1, ['empty post_id'])
    """
    return _validate(_records(rows), POST_SPEC, _check_post)


def validate_likes(
    rows: pd.DataFrame | Iterable[Mapping[str, Any]], pages: tuple[str, ...] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split rows into a typed like table and a rejects table (source, reason, record).

    ``pages`` are the page ids a campaign tracks (default: the three operators).
    """
    return _validate(_records(rows), LIKE_SPEC, _like_check(pages))


# --------------------------------------------------------------------------- frames
def _frame(columns: Mapping[str, list[Any]], spec: tuple[Column, ...]) -> pd.DataFrame:
    data = {}
    for col in spec:
        values = columns.get(col.name, [])
        if col.kind == "time":
            data[col.name] = pd.to_datetime(pd.Series(values, dtype=object), utc=True).astype(
                "datetime64[ns, UTC]"
            )
        elif col.kind == "count":
            data[col.name] = pd.array(values, dtype="Int64")
        elif col.kind == "bool":
            data[col.name] = pd.array(values, dtype="bool")
        elif col.kind == "strlist":
            data[col.name] = pd.Series(values, dtype=object)
        else:
            data[col.name] = pd.Series(values, dtype=object)
    return pd.DataFrame(data, columns=[c.name for c in spec])


def empty_posts() -> pd.DataFrame:
    """An empty post table with the right columns and dtypes."""
    return _frame({}, POST_SPEC)


def _spec_for(df: pd.DataFrame) -> tuple[Column, ...]:
    if set(POST_COLUMNS) <= set(df.columns):
        return POST_SPEC
    if set(LIKE_COLUMNS) <= set(df.columns):
        return LIKE_SPEC
    raise ValueError(
        "table has neither the post columns nor the like columns; "
        f"missing post columns: {sorted(set(POST_COLUMNS) - set(df.columns))}"
    )


def post_arrow_schema() -> pa.Schema:
    """The Arrow schema of the canonical post table (for writers that stream batches)."""
    return pa.schema([pa.field(c.name, _ARROW_TYPES[c.kind]) for c in POST_SPEC])


def arrow_schema(df: pd.DataFrame) -> pa.Schema:
    """Arrow schema for ``df``: canonical columns typed, extra columns inferred."""
    spec = {c.name: c for c in _spec_for(df)}
    fields = []
    for name in df.columns:
        if name in spec:
            fields.append(pa.field(name, _ARROW_TYPES[spec[name].kind]))
        else:
            fields.append(pa.Schema.from_pandas(df[[name]], preserve_index=False).field(name))
    return pa.schema(fields)
