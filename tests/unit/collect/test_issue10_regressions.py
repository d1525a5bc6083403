"""Regressions of issue 10 (hostile input): one bad file, value or duplicate loses nothing else."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.collect import collect_archive, collect_lines
from analysis.collect.counts import parse_count
from analysis.collect.csv_export import collect_csv
from analysis.collect.tracker import import_tracker
from analysis.io import read_posts


def _tweet(i: int, text: str = "#OpeUnlike", **extra) -> dict:
    tweet = {"id_str": str(i), "created_at": "Fri Feb 26 21:03:11 +0000 2016", "text": text,
             "user": {"id_str": "9"}, "entities": {"hashtags": [{"text": "OpeUnlike"}]}}
    tweet.update(extra)
    return tweet


def _lines(tweets) -> bytes:
    return "".join(json.dumps(t) + "\n" for t in tweets).encode()


def _good_folder(tmp_path, n: int = 20):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "good.json").write_bytes(_lines(_tweet(i) for i in range(1, n + 1)))
    return folder


# ---------------------------------------------------------------- defect 2: bad units
def test_plain_text_named_gz_is_one_reject_and_the_rest_is_kept(tmp_path):
    folder = _good_folder(tmp_path)
    (folder / "fake.json.gz").write_bytes(_lines([_tweet(99)]))  # not gzip at all
    result = collect_archive(folder)
    assert len(result.posts) == 20
    bad = result.rejects[result.rejects["source"].str.contains("fake.json.gz")]
    assert len(bad) == 1 and bad["reason"].iloc[0].startswith("truncated or corrupt")


def test_tar_that_is_not_a_tar_is_one_reject_and_the_rest_is_kept(tmp_path):
    folder = _good_folder(tmp_path)
    (folder / "day.tar").write_bytes(b"this is not a tar archive\n" * 40)
    result = collect_archive(folder)
    assert len(result.posts) == 20
    bad = result.rejects[result.rejects["source"].str.endswith("day.tar")]
    assert list(bad["reason"].str.startswith("unreadable tar archive")) == [True]


def test_numeric_hashtag_text_is_rejected_not_fatal(tmp_path):
    folder = _good_folder(tmp_path)
    odd = _tweet(500, entities={"hashtags": [{"text": 2016}]})
    (folder / "odd.json").write_bytes(_lines([odd]))
    result = collect_archive(folder)
    assert len(result.posts) == 20
    assert result.rejects["source"].str.endswith("odd.json:1").sum() == 1


# ---------------------------------------------------------------- defect 3: bad values
@pytest.mark.parametrize("created_at", ["Fri Feb 26 21:03:11 +0000 9999", 1456520591000,
                                        1e20, float("inf"), "9999-12-31T23:59:59Z"])
def test_out_of_range_timestamp_rejects_one_row(tmp_path, created_at):
    folder = _good_folder(tmp_path)
    (folder / "bad.json").write_text(json.dumps(_tweet(77, created_at=created_at)) + "\n")
    result = collect_archive(folder, out=tmp_path / "out" / "posts.parquet")
    assert len(result.posts) == 20
    bad = result.rejects[result.rejects["source"] == f"{folder / 'bad.json'}:1"]
    assert len(bad) == 1 and "timestamp" in bad["reason"].iloc[0]


@pytest.mark.parametrize("fmt, record", [
    ("stream-grab", _tweet(88, text="#OpeUnlike \ud800")),
    ("twarc", {"id": "88", "text": "#OpeUnlike \ud800", "created_at": "2016-02-27T10:00:00Z",
               "author_id": "1"}),
])
def test_lone_surrogate_rejects_one_row_and_parquet_is_written(tmp_path, fmt, record):
    path = tmp_path / "in.jsonl"
    good = [_tweet(1)] if fmt == "stream-grab" else [
        {"id": "1", "text": "#OpeUnlike", "created_at": "2016-02-27T10:00:00Z", "author_id": "1"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in good + [record]))
    out = tmp_path / "out" / "posts.parquet"
    result = collect_lines([path], fmt=fmt, query="opeunlike", out=out)
    assert list(read_posts(out)["post_id"]) == ["twitter:1"]
    assert list(result.rejects["source"].str.endswith(":2")) == [True]
    assert "not valid Unicode" in result.rejects["reason"].iloc[0]


def test_count_larger_than_int64_rejects_one_row(tmp_path):
    path = tmp_path / "in.json"
    path.write_bytes(_lines([_tweet(1), _tweet(2, favorite_count=2**70)]))
    result = collect_archive(path, out=tmp_path / "posts.parquet")
    assert list(result.posts["post_id"]) == ["twitter:1"]
    assert "out of range" in result.rejects["reason"].iloc[0]


def test_tracker_count_larger_than_int64_rejects_one_row(tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text("timestamp,page,likes\n2016-02-27T10:00:00Z,inwi,100\n"
                    f"2016-02-27T11:00:00Z,inwi,{2**70}\n")
    likes, rejects, _ = import_tracker(path)
    assert list(likes["likes"]) == [100]
    assert rejects["source"].iloc[0].endswith("tracker.csv:3")


# ---------------------------------------------------------------- defect 4: counts
@pytest.mark.parametrize("text, value", [("1234.0", 1234), ("1,234", 1234), ("1.234", 1234),
                                         ("1 234", 1234), ("1\u202f234", 1234)])
def test_counts_follow_locale_rules(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize("text", ["1234.5", "12,34", "1,234.5", "1.234.5"])
def test_ambiguous_counts_are_refused(text):
    with pytest.raises(ValueError, match="not a count"):
        parse_count(text)


# ---------------------------------------------------------------- defect 6: lost rows
def test_repost_with_empty_original_keeps_its_own_text(tmp_path):
    path = tmp_path / "in.json"
    path.write_bytes(_lines([_tweet(5, text="RT @x: #OpeUnlike", entities={},
                                    retweeted_status={})]))
    result = collect_archive(path)
    assert list(result.posts["post_id"]) == ["twitter:5"]


def test_same_id_with_other_text_is_a_reject(tmp_path):
    path = tmp_path / "in.json"
    path.write_bytes(_lines([_tweet(1), _tweet(1), _tweet(1, text="#OpeUnlike edited")]))
    result = collect_archive(path)
    assert len(result.posts) == 1 and result.summary.duplicates == 1
    assert list(result.rejects["source"]) == [f"{path}:3"]
    assert result.rejects["reason"].iloc[0].startswith("conflicting duplicate")


def test_conflicting_tracker_rows_are_rejects(tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text("timestamp,page,likes\n2016-02-27T10:00:00Z,inwi,100\n"
                    "2016-02-27T10:00:00Z,inwi,100\n2016-02-27T10:00:00Z,inwi,90\n")
    likes, rejects, summary = import_tracker(path)
    assert list(likes["likes"]) == [100] and summary.duplicates == 1
    assert rejects["source"].iloc[0].endswith("tracker.csv:4")


def test_csv_export_rows_sharing_an_id_with_other_text_are_rejects(tmp_path, fixtures_dir):
    path = tmp_path / "export.csv"
    path.write_text("id,t,a,msg\n1,2016-02-27 10:00:00,p,#OpeUnlike\n"
                    "1,2016-02-27 10:00:00,p,#OpeUnlike other\n")
    columns = tmp_path / "columns.yml"
    columns.write_text("platform: facebook\nid: id\ncreated_at: t\nauthor: a\ntext: [msg]\n")
    posts, rejects, _ = collect_csv(path, columns=columns)
    assert len(posts) == 1 and rejects["source"].iloc[0].endswith("export.csv:3")
    assert isinstance(rejects, pd.DataFrame)


# ---------------------------------------------------------------- real-file cases 3 and 4
def test_csv_row_with_a_literal_replacement_character_is_kept(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,t,a,msg\n1,2016-02-27 10:00:00,p,#OpeUnlike \ufffd as posted\n",
                    encoding="utf-8")
    columns = tmp_path / "columns.yml"
    columns.write_text("platform: facebook\nid: id\ncreated_at: t\nauthor: a\ntext: [msg]\n")
    posts, rejects, _ = collect_csv(path, columns=columns)
    assert list(posts["text"]) == ["#OpeUnlike \ufffd as posted"] and rejects.empty


def test_csv_row_with_undecodable_bytes_is_still_rejected(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes("id,t,a,msg\n1,2016-02-27 10:00:00,p,ok é\n".encode()
                     + b"2,2016-02-27 10:00:00,p,bad \xff\xfe byte\n"
                     + "3,2016-02-27 10:00:00,p,ok ü\n".encode() * 200)
    columns = tmp_path / "columns.yml"
    columns.write_text("platform: facebook\nid: id\ncreated_at: t\nauthor: a\ntext: [msg]\n")
    posts, rejects, _ = collect_csv(path, columns=columns)
    assert list(rejects["source"]) == [f"{path}:3"]
    assert rejects["reason"].iloc[0] == "undecodable bytes for utf-8"


def test_crowdtangle_export_without_facebook_id_falls_back_to_user_name(fixtures_dir, tmp_path):
    source = fixtures_dir / "collect" / "crowdtangle_utf8sig.csv"
    frame = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    cut = tmp_path / "cut_down.csv"
    frame.drop(columns=["Facebook Id"]).to_csv(cut, index=False)
    full, _, _ = collect_csv(source, preset="crowdtangle")
    posts, _, _ = collect_csv(cut, preset="crowdtangle")
    assert len(posts) == len(full) > 0 and posts["author_id"].notna().all()


def test_csv_export_lacking_every_author_column_is_refused_up_front(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("URL,Post Created,Message\nhttps://www.facebook.com/p/posts/1,"
                    "2016-02-27 10:00:00 CET,#OpeUnlike\n")
    with pytest.raises(ValueError, match="Facebook Id or User Name or Page Name"):
        collect_csv(path, preset="crowdtangle")


def test_csv_streaming_batches_find_repeats_across_batches(tmp_path):
    path = tmp_path / "export.csv"
    rows = [("1", "#a"), ("2", "#b"), ("3", "#c"), ("1", "#a"), ("2", "#b edited"), ("4", "#d")]
    path.write_text("id,t,a,msg\n" + "".join(f"{i},2016-02-27 10:00:00,p,{m}\n" for i, m in rows),
                    encoding="utf-8")
    columns = tmp_path / "columns.yml"
    columns.write_text("platform: facebook\nid: id\ncreated_at: t\nauthor: a\ntext: [msg]\n")
    out = tmp_path / "posts.parquet"
    result = collect_csv(path, columns=columns, out=out, batch_rows=2)
    written = read_posts(out)
    assert list(written["post_id"]) == ["facebook:1", "facebook:2", "facebook:3", "facebook:4"]
    assert result.summary.duplicates == 1 and result.summary.written == 4
    assert list(result.rejects["source"]) == [f"{path}:6"]
    assert f"{path}:3" in result.rejects["reason"].iloc[0]
