"""More degenerate inputs through ``opeunlike report``: one page, windows and gaps, events."""

import pytest

from tests.integration.report_shapes import assert_readable, figure_meta, run_folder, run_report
from tests.support import degenerate

pytestmark = [pytest.mark.notebooks, pytest.mark.slow]


def test_one_page_gets_its_own_lag_test(tmp_path):
    times = degenerate.spread("2016-02-28 08:00", "2016-02-28 16:00", 300)
    posts = degenerate.write_archive(tmp_path / "one_page.jsonl", times)
    likes = degenerate.write_tracker(tmp_path / "inwi.csv", "2016-02-28 08:00", "2016-02-28 16:00", pages=("inwi",))
    result = run_report(tmp_path, "--posts", str(posts), "--likes", str(likes), "--only", "05")
    assert_readable(result)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "run   05  lag analysis" in result.stderr
    meta = figure_meta(run_folder(tmp_path, "one_page"))
    title = meta["lag_negative_posts_likes"]["title"]
    assert "skipped" not in meta["lag_negative_posts_likes"]
    # the posts and likes are unrelated noise: a neutral line, or a lag named for Inwi only
    assert "1 page" in title or "Inwi" in title, title
    assert "Maroc Telecom" not in title and "Meditel" not in title


def test_data_outside_the_window(tmp_path):
    times = degenerate.spread("2016-06-10 08:00", "2016-06-10 16:00", 110)
    posts = degenerate.write_archive(tmp_path / "june.jsonl", times)
    likes = degenerate.write_tracker(tmp_path / "june.csv", "2016-06-10 08:00", "2016-06-10 16:00")
    result = run_report(tmp_path, "--posts", str(posts), "--likes", str(likes), "--only", "05", "06")
    assert_readable(result)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "skipping 05-spikes-and-likes.py: no posts fall inside the window" in result.stderr
    assert "0 in the window" in result.stderr


def test_tracker_gap_longer_than_the_window(tmp_path):
    posts = degenerate.write_archive(tmp_path / "gappy.jsonl", degenerate.spread(
        "2016-02-27 08:00", "2016-02-28 16:00", 200))
    likes = degenerate.write_tracker(tmp_path / "gap.csv", "", "", times=pd_times(
        ["2016-02-24 00:00", "2016-03-05 00:00"]))
    result = run_report(tmp_path, "--posts", str(posts), "--likes", str(likes), "--only", "05")
    assert_readable(result)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "no page has two like snapshots inside the window" in result.stderr
    meta = figure_meta(run_folder(tmp_path, "gappy"))
    assert meta["lag_negative_posts_likes"]["skipped"]
    assert "No like counts were observed" in meta["campaign_volume_likes"]["title"]


def test_every_event_outside_the_data(tmp_path):
    times = degenerate.spread("2017-09-10 00:00", "2017-09-13 00:00", 300)
    posts = degenerate.write_archive(tmp_path / "sept2017.jsonl", times)
    likes = degenerate.write_tracker(tmp_path / "sept.csv", "2017-09-10 00:00", "2017-09-13 00:00", every="10min")
    result = run_report(tmp_path, "--posts", str(posts), "--likes", str(likes), "--window", "2017-09-10",
                        "2017-09-13", "--only", "06")
    assert_readable(result)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "skip  06  event study" in result.stderr and "no dated event has 14D of data before it" in result.stderr
    meta = figure_meta(run_folder(tmp_path, "sept2017"))
    assert meta["event_study"]["skipped"] and "block_days_counter" in meta


def pd_times(values):
    import pandas as pd

    return [pd.Timestamp(v, tz="UTC") for v in values]
