"""The recorded like table and its poll log, rewritten atomically after every poll.

- ``OUT`` (``.parquet`` or ``.csv``) is the like table that ``likes import`` defines
  (:data:`analysis.schema.LIKE_COLUMNS`): one row per page per successful poll, so the
  notebooks and ``make report LIKES=OUT`` read it unchanged.
- ``OUT.polls.csv`` beside it is the poll log: one row per page per poll, ``ok`` or
  why not (``failed``, ``backing_off``) and one ``not_running`` row per page when a
  restart finds the tracker was down. Gaps are these rows: the like table is never
  filled in between.

Both files go through :func:`analysis.io.write_table`, so a kill leaves the previous
poll's complete file. The like table is written first: a kill between the two writes
loses at most the poll log row of one poll, which :meth:`LiveStore.open` rebuilds from
the like table. Rows are keyed by ``(page, observed_at)``: a restart never writes one
twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.io import read_table, write_table

POLL_COLUMNS = ("poll_at", "page", "status", "observed_at", "likes", "error")
SUFFIXES = (".parquet", ".csv")


def poll_log_path(out: str | Path) -> Path:
    """``data/raw/likes-live.parquet`` -> ``data/raw/likes-live.polls.csv``."""
    out = Path(out)
    return out.with_name(out.name.removesuffix(out.suffix) + ".polls.csv")


def read_likes(path: str | Path) -> pd.DataFrame:
    """A recorded like table, typed (CSV cells come back as text from :func:`read_table`)."""
    path = Path(path)
    if not path.exists():
        return schema.validate_likes([], pages=None)[0]
    table = read_table(path)
    if path.suffix.lower() == ".csv":
        table["observed_at"] = pd.to_datetime(table["observed_at"], utc=True, format="ISO8601")
        table["likes"] = pd.array(pd.to_numeric(table["likes"]), dtype="Int64")
    return table[list(schema.LIKE_COLUMNS)]


def read_poll_log(path: str | Path) -> pd.DataFrame:
    path = Path(path)
    if not path.exists():
        return pd.DataFrame(columns=list(POLL_COLUMNS))
    log = read_table(path)
    for column in ("poll_at", "observed_at"):
        log[column] = pd.to_datetime(log[column].replace("", None), utc=True, format="ISO8601")
    log["likes"] = pd.array(pd.to_numeric(log["likes"].replace("", None)), dtype="Int64")
    return log[list(POLL_COLUMNS)]


@dataclass
class LiveStore:
    """The two files of one tracking run, held in memory and rewritten per poll."""

    out: Path
    pages: tuple[str, ...]
    likes: pd.DataFrame
    polls: pd.DataFrame
    _seen: set = field(default_factory=set)

    @classmethod
    def open(cls, out: str | Path, pages: tuple[str, ...]) -> LiveStore:
        """Resume ``out`` if it exists (its rows are kept as they are), else start empty."""
        out = Path(out)
        if out.suffix.lower() not in SUFFIXES:
            raise ValueError(f"{out}: the like table must be .parquet or .csv")
        likes = read_likes(out)
        polls = read_poll_log(poll_log_path(out))
        store = cls(out, tuple(pages), likes, polls)
        store._seen = set(zip(likes["page"], likes["observed_at"]))
        store._recover_poll_log()
        return store

    def _recover_poll_log(self) -> None:
        """Log ``ok`` for recorded rows whose poll log row a kill cut off."""
        logged = set(zip(self.polls["page"], self.polls["observed_at"]))
        missing = [(p, t, n) for p, t, n in zip(self.likes["page"], self.likes["observed_at"],
                                                self.likes["likes"]) if (p, t) not in logged]
        if missing:
            rows = [{"poll_at": t, "page": p, "status": "ok", "observed_at": t, "likes": n,
                     "error": "poll log row rebuilt from the like table after a kill"}
                    for p, t, n in missing]
            self.polls = _concat(self.polls, _poll_frame(rows))

    def last_seen(self) -> pd.Timestamp | None:
        """When the tracker last wrote anything (a count or a failed poll)."""
        times = pd.concat([self.likes["observed_at"], self.polls["poll_at"]]).dropna()
        return times.max() if len(times) else None

    def append(self, rows: list[dict], log_rows: list[dict]) -> int:
        """Add one poll's like rows and poll log rows; write both files; return rows added."""
        fresh = [r for r in rows if (r["page"], r["observed_at"]) not in self._seen]
        if fresh:
            good, bad = schema.validate_likes(fresh, pages=self.pages)
            if len(bad):  # a source returned something the like table refuses: keep it as an error
                raise ValueError(f"the tracker built a like row the table refuses: {bad['reason'].iloc[0]}")
            self.likes = _concat(self.likes, good)
            self._seen.update(zip(good["page"], good["observed_at"]))
            write_table(self.likes, self.out)
        if log_rows:
            self.polls = _concat(self.polls, _poll_frame(log_rows))
            write_table(self.polls, poll_log_path(self.out))
        return len(fresh)


def _poll_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(POLL_COLUMNS))
    for column in ("poll_at", "observed_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True).astype("datetime64[ns, UTC]")
    frame["likes"] = pd.array(frame["likes"], dtype="Int64")
    return frame


def _concat(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    if not len(old):
        return new.reset_index(drop=True)
    return pd.concat([old, new], ignore_index=True)
