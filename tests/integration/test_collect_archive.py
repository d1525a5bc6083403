"""Stream Grab archives end to end: formats, robustness, dedup, resume, parallel engines."""

import bz2
import gzip
import io
import json
import random
import tarfile

import pandas as pd
import pytest

from analysis.collect import collect_archive, rejects_path
from analysis.collect import run as run_module
from analysis.collect import scan as scan_module
from analysis.io import read_posts


@pytest.fixture
def small(fixtures_dir):
    return (fixtures_dir / "collect" / "stream_small.json").read_bytes()


def _ids(result):
    return sorted(result.posts["post_id"])


EXPECTED = ["twitter:1", "twitter:10", "twitter:3", "twitter:6", "twitter:7"]


def test_plain_file_keeps_matches_and_drops_lookalikes(tmp_path, small):
    (tmp_path / "a.json").write_bytes(small)
    result = collect_archive(tmp_path / "a.json")
    assert _ids(result) == EXPECTED  # not #OpeUnlikeable (2), not off-topic (8)


@pytest.mark.parametrize("suffix, compress", [(".json.bz2", bz2.compress),
                                              (".json.gz", gzip.compress)])
def test_compressed_files_give_the_same_rows(tmp_path, small, suffix, compress):
    (tmp_path / f"a{suffix}").write_bytes(compress(small))
    assert _ids(collect_archive(tmp_path)) == EXPECTED


def test_tar_of_hourly_files_is_read_member_by_member(tmp_path, small):
    lines = small.split(b"\n")
    with tarfile.open(tmp_path / "day.tar", "w") as tar:
        for hour, part in (("10", lines[:5]), ("11", lines[5:])):
            data = bz2.compress(b"\n".join(part))
            info = tarfile.TarInfo(f"2016/02/27/{hour}/00.json.bz2")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    result = collect_archive(tmp_path / "day.tar")
    assert _ids(result) == EXPECTED
    assert result.summary.units == 2 and result.summary.files == 1
    assert any("day.tar!2016/02/27/11/00.json.bz2" in s for s in result.posts["source"])


def test_malformed_line_is_rejected_with_file_line_and_reason(tmp_path, small):
    (tmp_path / "a.json").write_bytes(small)
    result = collect_archive(tmp_path / "a.json")
    bad = result.rejects[result.rejects["reason"].str.startswith("invalid JSON")]
    assert list(bad["source"].str.rsplit(":", n=1).str[1]) == ["9"]
    assert "twitter:10" in set(result.posts["post_id"])  # the line after it is kept


def test_truncated_bz2_keeps_rows_before_the_cut(tmp_path):
    rng = random.Random(0)  # varied text, so the file spans several 900 kB bz2 blocks
    lines = [json.dumps({"created_at": "Sat Feb 27 10:00:00 +0000 2016", "id_str": str(i),
                         "text": f"#OpeUnlike {i} " + "%030x" % rng.getrandbits(120) * 10,
                         "user": {"id_str": "1"},
                         "entities": {"hashtags": [{"text": "OpeUnlike"}]}})
             for i in range(9000)]
    data = bz2.compress("\n".join(lines).encode())
    (tmp_path / "cut.json.bz2").write_bytes(data[: len(data) // 2])
    result = collect_archive(tmp_path, progress=False)
    assert 0 < len(result.posts) < 9000
    assert result.summary.rejected["truncated or corrupt compressed file"] == 1
    reasons = set(result.rejects["reason"].map(lambda r: r.split(" (")[0]))
    assert "truncated or corrupt compressed file" in reasons


def test_duplicates_across_files_collapse_to_one_row(tmp_path, small):
    (tmp_path / "a.json").write_bytes(small)
    (tmp_path / "b.json").write_bytes(small)
    result = collect_archive(tmp_path)
    assert _ids(result) == EXPECTED
    assert result.summary.duplicates >= len(EXPECTED)
    assert result.posts.set_index("post_id").loc["twitter:7", "is_repost"]


def test_prefilter_does_not_change_the_result(tmp_path, small):
    (tmp_path / "a.json").write_bytes(small)
    fast = collect_archive(tmp_path)
    slow = collect_archive(tmp_path, prefilter=False)
    pd.testing.assert_frame_equal(fast.posts, slow.posts)
    assert slow.summary.candidates > fast.summary.candidates


def test_summary_counts_reposts_and_rejects(tmp_path, small):
    (tmp_path / "a.json").write_bytes(small)
    summary = collect_archive(tmp_path).summary.to_dict()
    assert summary["reposts"] == 1 and summary["written"] == 5
    assert summary["rejected"] == {"invalid JSON": 1}
    assert summary["lines"] == 10


def test_outputs_are_written_and_parts_removed(tmp_path, small):
    (tmp_path / "a.json").write_bytes(small)
    out = tmp_path / "out" / "posts.parquet"
    collect_archive(tmp_path / "a.json", out=out)
    assert _ids_of(out) == EXPECTED
    assert len(pd.read_csv(rejects_path(out))) == 1
    assert not (tmp_path / "out" / "posts.parquet.parts").exists()


def _ids_of(path):
    return sorted(read_posts(path)["post_id"])


def _many_files(folder, small, n=4):
    lines = small.split(b"\n")
    for i in range(n):
        (folder / f"f{i}.json").write_bytes(b"\n".join(lines) if i % 2 else small)
    return folder


def test_interrupted_run_resumes_to_exactly_the_uninterrupted_rows(tmp_path, small, monkeypatch):
    (tmp_path / "in").mkdir()
    src = _many_files(tmp_path / "in", small)
    reference = collect_archive(src, out=tmp_path / "ref.parquet")
    out = tmp_path / "resumed.parquet"
    real_scan = scan_module.scan_unit
    calls = []

    def dies_on_third_unit(unit, settings, progress=None):
        calls.append(unit)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_scan(unit, settings, progress)

    monkeypatch.setattr(run_module, "scan_unit", dies_on_third_unit)
    with pytest.raises(KeyboardInterrupt):
        collect_archive(src, out=out)
    assert not out.exists()  # nothing half-written
    monkeypatch.setattr(run_module, "scan_unit", real_scan)
    resumed = collect_archive(src, out=out)
    assert resumed.summary.resumed_units == 2
    pd.testing.assert_frame_equal(read_posts(out), read_posts(tmp_path / "ref.parquet"))
    assert resumed.summary.to_dict() | {"resumed_units": 0} == reference.summary.to_dict()


def test_changed_query_does_not_reuse_old_parts(tmp_path, small):
    (tmp_path / "a.json").write_bytes(small)
    out = tmp_path / "o.parquet"
    parts = tmp_path / "o.parquet.parts"
    parts.mkdir()
    (parts / "settings.json").write_text("something else")
    (parts / "junk.done.json").write_text("{}")
    assert _ids(collect_archive(tmp_path / "a.json", out=out)) == EXPECTED


@pytest.mark.slow
def test_two_jobs_give_the_same_table_as_one(tmp_path, small):
    src = tmp_path / "in"
    src.mkdir()
    _many_files(src, small)
    one = collect_archive(src, jobs=1)
    two = collect_archive(src, jobs=2, out=tmp_path / "two.parquet")
    pd.testing.assert_frame_equal(one.posts, two.posts)


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:Couldn't detect a suitable IP address")
def test_dask_engine_on_a_local_cluster(tmp_path, small):
    from dask.distributed import LocalCluster

    src = tmp_path / "in"
    src.mkdir()
    _many_files(src, small)
    one = collect_archive(src)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster:
        dask = collect_archive(src, engine="dask", scheduler=cluster.scheduler_address,
                               out=tmp_path / "d.parquet")
    pd.testing.assert_frame_equal(one.posts, dask.posts)
    assert dask.summary.units == 4


def test_sample_archive_collects_about_300_posts_with_reposts_and_rejects():
    from analysis.collect import sample_posts

    posts = sample_posts(refresh=True)
    assert 250 <= len(posts) <= 350
    assert posts["is_repost"].any() and posts["post_id"].is_unique
    assert set(posts["lang_declared"].dropna()) >= {"fr", "ar"}


def test_concatenated_bz2_streams_are_all_read(tmp_path, small):
    """pbzip2 and `cat a.bz2 b.bz2` write several streams into one file."""
    lines = small.split(b"\n")
    half = len(lines) // 2
    data = bz2.compress(b"\n".join(lines[:half]) + b"\n") + bz2.compress(b"\n".join(lines[half:]))
    (tmp_path / "multi.json.bz2").write_bytes(data)
    assert _ids(collect_archive(tmp_path)) == EXPECTED


def test_keywords_only_mode_needs_no_hashtag(tmp_path):
    line = {"created_at": "Sat Feb 27 10:00:00 +0000 2016", "id_str": "77",
            "text": "La VoIP reste bloquée", "user": {"id_str": "1"}, "entities": {}}
    (tmp_path / "k.json").write_text(json.dumps(line) + "\n")
    assert _ids(collect_archive(tmp_path, match="keywords")) == ["twitter:77"]
    assert _ids(collect_archive(tmp_path, match="hashtags")) == []
