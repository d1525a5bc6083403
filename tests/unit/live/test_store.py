"""The recorded like table: atomic per poll, resumed without duplicates, gaps left as gaps."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import schema
from analysis.live.store import LiveStore, poll_log_path, read_likes

PAGES = ("maroc_telecom", "inwi", "meditel")
T0 = pd.Timestamp("2026-03-01 10:00", tz="UTC")


def _row(page, minutes, likes):
    return {"page": page, "observed_at": T0 + pd.Timedelta(minutes=minutes), "likes": likes,
            "source": "http://127.0.0.1/x", "parser": "graph:fan_count"}


def _log(page, minutes, status="ok", likes=None):
    t = T0 + pd.Timedelta(minutes=minutes)
    return {"poll_at": t, "page": page, "status": status, "observed_at": t if status == "ok" else None,
            "likes": likes, "error": "" if status == "ok" else "server: HTTP 503"}


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_rows_survive_a_reopen_and_are_never_written_twice(tmp_path, suffix):
    out = tmp_path / f"likes{suffix}"
    store = LiveStore.open(out, PAGES)
    store.append([_row("inwi", 0, 100), _row("meditel", 0, 50)], [_log("inwi", 0, likes=100)])
    again = LiveStore.open(out, PAGES)
    assert again.append([_row("inwi", 0, 100), _row("inwi", 1, 99)], []) == 1
    table = read_likes(out)
    assert len(table) == 3 and not table.duplicated(["page", "observed_at"]).any()
    assert list(table.columns) == list(schema.LIKE_COLUMNS)


def test_the_like_table_is_the_one_likes_import_defines(tmp_path):
    out = tmp_path / "likes.parquet"
    LiveStore.open(out, PAGES).append([_row("inwi", 0, 100)], [])
    good, bad = schema.validate_likes(pd.read_parquet(out))
    assert len(good) == 1 and not len(bad)


def test_a_failed_poll_writes_a_poll_log_row_and_no_like_row(tmp_path):
    out = tmp_path / "likes.parquet"
    store = LiveStore.open(out, PAGES)
    store.append([_row("inwi", 0, 100)], [_log("inwi", 0, likes=100)])
    store.append([], [_log("inwi", 1, "failed")])
    assert len(read_likes(out)) == 1
    log = pd.read_csv(poll_log_path(out))
    assert list(log["status"]) == ["ok", "failed"] and log["likes"].isna().tolist() == [False, True]


def test_a_poll_log_row_cut_off_by_a_kill_is_rebuilt_from_the_like_table(tmp_path):
    out = tmp_path / "likes.parquet"
    store = LiveStore.open(out, PAGES)
    store.append([_row("inwi", 0, 100)], [_log("inwi", 0, likes=100)])
    store.append([_row("inwi", 1, 99)], [])  # killed before the poll log was written
    reopened = LiveStore.open(out, PAGES)
    ok = reopened.polls[reopened.polls["status"] == "ok"]
    assert len(ok) == 2 and "rebuilt" in ok["error"].iloc[-1]


def test_a_row_for_a_page_outside_the_campaign_is_refused(tmp_path):
    store = LiveStore.open(tmp_path / "likes.parquet", PAGES)
    with pytest.raises(ValueError, match="unknown page"):
        store.append([_row("orange", 0, 1)], [])
    assert not (tmp_path / "likes.parquet").exists()


def test_only_parquet_or_csv(tmp_path):
    with pytest.raises(ValueError, match=".parquet or .csv"):
        LiveStore.open(tmp_path / "likes.json", PAGES)


def test_no_temporary_file_is_left_behind(tmp_path):
    store = LiveStore.open(tmp_path / "likes.parquet", PAGES)
    for minute in range(3):
        store.append([_row("inwi", minute, 100 - minute)], [_log("inwi", minute, likes=100 - minute)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["likes.parquet", "likes.polls.csv"]
