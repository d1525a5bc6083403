"""Degenerate inputs through ``opeunlike report``: a readable plan, no traceback, the right exit code.

Each shape runs notebooks 05 and 06 (the statistics that crashed); the one-post shape
runs 02-06, so the user's own collection, language and sentiment figures are covered.
"""

import pytest

from tests.integration.report_shapes import assert_readable, figure_meta, run_folder, run_report
from tests.support import degenerate

pytestmark = [pytest.mark.notebooks, pytest.mark.slow]


def test_one_post_runs_every_notebook_and_skips_the_statistics(tmp_path):
    posts = degenerate.write_archive(tmp_path / "one_post.jsonl", ["2016-02-28 10:00Z"])
    likes = degenerate.write_tracker(tmp_path / "tracker.csv", "2016-02-28 08:00", "2016-02-28 16:00")
    result = run_report(tmp_path, "--posts", str(posts), "--likes", str(likes), "--only", "02", "03", "04",
                        "05", "06")
    assert_readable(result)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "skip  05  lag analysis" in result.stderr and "you have 1" in result.stderr
    folder = run_folder(tmp_path, "one_post")
    meta = figure_meta(folder)
    assert {"collect_related_hashtags", "languages_posts", "sentiment_by_language_posts",
            "campaign_volume_likes", "lag_negative_posts_likes", "event_study"} <= set(meta)
    assert "not run" in meta["lag_negative_posts_likes"]["title"]
    assert meta["lag_negative_posts_likes"]["skipped"]
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "<h2>Data</h2>" in page and "Not computed" in page and "lag analysis" in page


def test_two_hours_with_the_readme_bin(tmp_path):
    times = degenerate.spread("2016-02-28 10:00", "2016-02-28 12:00", 110)
    posts = degenerate.write_archive(tmp_path / "two_hours.jsonl", times)
    likes = degenerate.write_tracker(tmp_path / "tracker.csv", "2016-02-28 10:00", "2016-02-28 12:00")
    # relative paths, as a user types them in the folder holding the files
    result = run_report(tmp_path, "--posts", posts.name, "--likes", likes.name, "--bin", "15min",
                        "--only", "05", "06", cwd=tmp_path)
    assert_readable(result)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "needs at least 48 15min bins with both posts and likes, you have 8" in result.stderr
    meta = figure_meta(run_folder(tmp_path, "two_hours"))
    title = meta["campaign_volume_likes"]["title"]
    assert "in 2 hours" in title and "tracking" not in title and "lag not tested" in title


def test_likes_but_no_posts(tmp_path):
    posts = degenerate.write_archive(tmp_path / "chatter.jsonl", degenerate.spread(
        "2016-02-28 08:00", "2016-02-28 16:00", 20), texts=("Bonne soirée tout le monde",))
    likes = degenerate.write_tracker(tmp_path / "tracker.csv", "2016-02-28 08:00", "2016-02-28 16:00")
    result = run_report(tmp_path, "--posts", str(posts), "--likes", str(likes), "--only", "05", "06")
    assert_readable(result)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "0 posts matched" in result.stderr and "skip  03" in result.stderr
    meta = figure_meta(run_folder(tmp_path, "chatter"))
    assert meta["campaign_volume_likes"]["title"].startswith("Meditel lost") or "lost at least" in \
        meta["campaign_volume_likes"]["title"]


def test_posts_but_no_likes_names_the_tz_flag(tmp_path):
    posts = degenerate.write_archive(tmp_path / "posts_only.jsonl", degenerate.spread(
        "2016-02-28 08:00", "2016-02-28 16:00", 110))
    likes = degenerate.write_tracker(tmp_path / "naive.csv", "2016-02-28 08:00", "2016-02-28 16:00", naive=True)
    result = run_report(tmp_path, "--posts", str(posts), "--likes", str(likes), "--only", "05", "06")
    assert_readable(result)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "pass --tz ZONE" in result.stderr and "0 kept" in result.stderr
    folder = run_folder(tmp_path, "posts_only")
    assert (folder / "rejects" / "likes.rejects.csv").exists()
    assert 'href="rejects/likes.rejects.csv"' in (folder / "index.html").read_text(encoding="utf-8")
