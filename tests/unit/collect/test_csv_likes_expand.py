import pandas as pd
import pytest

from analysis.collect import expand, wayback
from analysis.collect.csv_export import collect_csv, detect_encoding
from analysis.collect.tracker import import_tracker


@pytest.mark.parametrize("name", ["crowdtangle_utf8sig.csv", "crowdtangle_utf16.csv"])
def test_crowdtangle_export_in_any_encoding(fixtures_dir, name):
    posts, rejects, summary = collect_csv(fixtures_dir / "collect" / name, preset="crowdtangle")
    assert list(posts["post_id"]) == ["facebook:9001", "facebook:9002", "facebook:9004"]
    assert posts["text"].iloc[1] == "مقاطعة شاملة"
    assert posts["created_at"].iloc[0] == pd.Timestamp("2016-02-27 09:15:03", tz="UTC")
    assert posts["like_count"].iloc[0] == 1204


def test_bad_csv_rows_are_rejected_with_line_and_reason(fixtures_dir):
    _, rejects, summary = collect_csv(fixtures_dir / "collect" / "crowdtangle_utf8sig.csv",
                                      preset="crowdtangle")
    assert sorted(rejects["source"].str.rsplit(":", n=1).str[1]) == ["4", "5"]
    assert summary.to_dict()["rejected"] == {"created_at": 1, "wrong number of fields": 1}


def test_meta_content_library_cp1256_is_detected(fixtures_dir):
    path = fixtures_dir / "collect" / "mcl_cp1256.csv"
    assert detect_encoding(path.read_bytes()).replace("_", "").lower() in ("cp1256", "windows1256")
    posts, _, _ = collect_csv(path, preset="meta-content-library")
    assert posts["text"].iloc[0].startswith("حملة سحب الإعجاب")
    assert list(posts["lang_declared"]) == ["ar", "fr"]


def test_generic_column_map_from_yaml(fixtures_dir):
    posts, _, _ = collect_csv(fixtures_dir / "collect" / "generic.csv",
                              columns=fixtures_dir / "collect" / "generic_columns.yml")
    assert list(posts["post_id"]) == ["instagram:g1"] and posts["hashtags"].iloc[0] == ["VoIP"]


def test_tracker_import_keeps_good_rows_and_rejects_bad_ones(fixtures_dir):
    likes, rejects, _ = import_tracker(fixtures_dir / "collect" / "tracker.csv")
    assert list(likes["page"]) == ["inwi", "maroc_telecom"]
    assert list(likes["likes"]) == [2040000, 2450000]
    assert list(likes["parser"].unique()) == ["tracker"]
    assert len(rejects) == 3  # "lots", a naive timestamp, an unknown page


@pytest.mark.parametrize("name, likes, parser", [
    ("en.html", 2450114, "wayback:en"), ("fr.html", 2309870, "wayback:fr"),
    ("ar.html", 2260000, "wayback:ar"), ("json.html", 2205500, "wayback:json")])
def test_wayback_markup_parsers(fixtures_dir, name, likes, parser):
    html = (fixtures_dir / "collect" / "wayback" / name).read_text(encoding="utf-8")
    assert wayback.parse_likes(html) == (likes, parser)


def test_login_wall_is_detected_not_guessed(fixtures_dir):
    html = (fixtures_dir / "collect" / "wayback" / "login.html").read_text()
    assert wayback.parse_likes(html) is None and wayback.is_login_wall(html)


def test_expand_pools_spellings_and_respects_min_support():
    posts = pd.DataFrame({"hashtags": [["OpeUnlike", "VoIP"], ["OPEUNLIKE", "voip"],
                                       ["OpeUnlike", "مقاطعة"], ["OpeUnlike", "مقاطعه"],
                                       ["Foot"], ["Foot", "VoIP"], ["Foot"]]})
    table = expand.rank_cooccurring(posts, ["OpeUnlike"], min_support=2)
    assert list(table["key"]) == ["مقاطعه", "voip"]
    assert table.set_index("key").loc["voip", "support"] == 2
    assert set(table["script"]) == {"arabic", "latin"}


def test_snowball_adds_accepted_tags_to_seeds():
    posts = pd.DataFrame({"hashtags": [["A", "B"], ["A", "B"], ["B", "C"], ["B", "C"], ["D"]]})
    seeds, table = expand.snowball(posts, ["A"], rounds=1, accept=1, min_support=2)
    assert seeds == ["A", "B"] and list(table["hashtag"]) == ["C"]


def test_damaged_bytes_reject_only_their_row(fixtures_dir, tmp_path):
    header = "post|when|who|body\n".encode()
    rows = ["g%d|2016-03-02 08:00:00+00:00|y|مقاطعة رقم %d à 10h\n" % (i, i) for i in range(60)]
    damaged = b"bad|2016-03-02 09:00:00+00:00|z|coup\xff\n"
    path = tmp_path / "mixed.csv"
    path.write_bytes(header + "".join(rows[:30]).encode() + damaged + "".join(rows[30:]).encode())
    posts, rejects, _ = collect_csv(path, columns=fixtures_dir / "collect" / "generic_columns.yml")
    assert len(posts) == 60 and posts["text"].iloc[59] == "مقاطعة رقم 59 à 10h"
    assert list(rejects["reason"]) == ["undecodable bytes for utf-8"]
    assert rejects["source"].iloc[0].endswith("mixed.csv:32")
