"""A user's own files at the command line: fast failures, named flags, formats by suffix."""

import pandas as pd
import pytest

from analysis import preflight
from analysis.cli import main
from analysis.io import rejects_path
from tests.support import degenerate

CROWDTANGLE = ("Page Name,User Name,Facebook Id,Post Created,URL,Message,Likes,Shares\n"
               "Inwi,inwi.ma,1,2016-02-27 10:15:03 CET,https://www.facebook.com/inwi.ma/posts/123,"
               "#OpeUnlike bonjour,5,1\n")


@pytest.fixture
def archive(tmp_path):
    return degenerate.write_archive(tmp_path / "posts.jsonl", degenerate.spread(
        "2016-02-28 08:00", "2016-02-28 10:00", 12))


@pytest.mark.parametrize("text, expected", [
    ("15min", pd.Timedelta("15min")), ("1h", pd.Timedelta("1h")), ("2D", pd.Timedelta("2D")),
    ("30s", pd.Timedelta("30s")),
])
def test_bins_that_parse(text, expected):
    assert preflight.parse_bin(text) == expected


@pytest.mark.parametrize("text, hint", [
    ("15m", "did you mean 15min?"), ("2H", "did you mean 2h?"), ("1 day", "did you mean 1D?"),
    ("10 minutes", "did you mean 10min?"), ("abc", "write a number and a unit"), ("0h", "write a number"),
    ("5y", "the unit must be s, min, h or D"),
])
def test_bins_that_do_not_parse_say_what_to_write(text, hint):
    with pytest.raises(preflight.BinError, match=hint.replace("?", r"\?")):
        preflight.parse_bin(text)


def test_report_refuses_a_bad_bin_before_reading_anything(capsys, tmp_path):
    assert main(["report", "--posts", str(tmp_path / "nope.json"), "--bin", "15m"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 15min?" in err and err.count("\n") == 1


def test_report_refuses_a_missing_path_in_one_line(capsys, tmp_path, archive):
    assert main(["report", "--posts", str(archive), "--likes", str(tmp_path / "missing.csv")]) == 2
    err = capsys.readouterr().err
    assert "missing.csv: no such file or folder (--likes)" in err and err.count("\n") == 1


def test_report_names_the_command_for_a_crowdtangle_export(capsys, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(CROWDTANGLE, encoding="utf-8")
    assert main(["report", "--posts", str(export)]) == 2
    err = capsys.readouterr().err
    assert "this looks like a CrowdTangle CSV: use `opeunlike collect csv --preset crowdtangle" in err


def test_report_exits_non_zero_when_nothing_is_usable(capsys, tmp_path):
    chatter = degenerate.write_archive(tmp_path / "chatter.jsonl", degenerate.spread(
        "2016-02-28 08:00", "2016-02-28 10:00", 5), texts=("Bonne soirée",))
    naive = degenerate.write_tracker(tmp_path / "naive.csv", "2016-02-28 08:00", "2016-02-28 10:00", naive=True)
    assert main(["report", "--posts", str(chatter), "--likes", str(naive)]) == 3
    err = capsys.readouterr().err
    assert "nothing to analyse" in err and "pass --tz ZONE" in err


def test_report_rejects_an_unknown_campaign_in_one_line(capsys):
    assert main(["report", "--campaign", "nope"]) == 2
    assert "campaigns/nope.yml: no such campaign file" in capsys.readouterr().err


# --------------------------------------------------------------------------- likes import
def test_likes_import_rejects_naive_times_without_tz_and_exits_non_zero(capsys, tmp_path):
    naive = degenerate.write_tracker(tmp_path / "naive.csv", "2016-02-28 08:00", "2016-02-28 09:00", naive=True)
    out = tmp_path / "likes.parquet"
    assert main(["likes", "import", str(naive), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert "every row was rejected" in err and "--tz" in err and "likes.rejects.csv" in err
    # raw rejects live in the private folder beside the output (issue 10)
    assert not out.exists() and rejects_path(out).exists()


def test_likes_import_reads_naive_times_in_the_zone_given(capsys, tmp_path):
    naive = degenerate.write_tracker(tmp_path / "naive.csv", "2018-06-01 10:00", "2018-06-01 11:00", naive=True)
    out = tmp_path / "likes.parquet"
    assert main(["likes", "import", str(naive), "--tz", "Europe/Paris", "--out", str(out)]) == 0
    likes = pd.read_parquet(out)
    assert likes["observed_at"].min() == pd.Timestamp("2018-06-01 08:00", tz="UTC")  # CEST = UTC+2


def test_likes_import_refuses_an_unknown_zone(capsys, tmp_path):
    naive = degenerate.write_tracker(tmp_path / "naive.csv", "2016-02-28 08:00", "2016-02-28 09:00", naive=True)
    assert main(["likes", "import", str(naive), "--tz", "Mars/Olympus", "--out", str(tmp_path / "x.parquet")]) == 2
    assert "not a time zone name" in capsys.readouterr().err


def test_likes_import_writes_csv_when_asked(tmp_path):
    tracker = degenerate.write_tracker(tmp_path / "t.csv", "2016-02-28 08:00", "2016-02-28 09:00")
    out = tmp_path / "likes.csv"
    assert main(["likes", "import", str(tracker), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("page,observed_at,likes")


def test_likes_import_refuses_an_unknown_suffix(capsys, tmp_path):
    tracker = degenerate.write_tracker(tmp_path / "t.csv", "2016-02-28 08:00", "2016-02-28 09:00")
    assert main(["likes", "import", str(tracker), "--out", str(tmp_path / "likes.json")]) == 2
    assert "'.json' is not a format opeunlike writes" in capsys.readouterr().err


# --------------------------------------------------------------------------- collectors
def test_collect_archive_on_a_csv_exits_non_zero_naming_the_right_command(capsys, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(CROWDTANGLE, encoding="utf-8")
    assert main(["collect", "archive", str(export), "--out", str(tmp_path / "posts.parquet"), "--no-progress"]) == 3
    err = capsys.readouterr().err
    assert "no usable record" in err
    assert "this looks like a CrowdTangle CSV: use `opeunlike collect csv --preset crowdtangle" in err


def test_collect_archive_writes_csv_for_a_csv_suffix(tmp_path, archive):
    out = tmp_path / "posts.csv"
    assert main(["collect", "archive", str(archive), "--out", str(out), "--no-progress"]) == 0
    table = pd.read_csv(out)
    assert len(table) == 12 and table["created_at"].str.endswith("Z").all()


def test_collect_archive_refuses_an_unknown_suffix_before_reading(capsys, tmp_path, archive):
    assert main(["collect", "archive", str(archive), "--out", str(tmp_path / "posts.xlsx")]) == 2
    assert "end the name with .parquet or .csv" in capsys.readouterr().err


def test_collect_twarc_on_a_stream_grab_file_points_to_collect_archive(capsys, tmp_path, archive):
    assert main(["collect", "twarc", str(archive), "--out", str(tmp_path / "p.parquet"), "--no-progress"]) == 3
    assert "use `opeunlike collect archive" in capsys.readouterr().err
