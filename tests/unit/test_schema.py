"""The canonical post table: validation, pseudonymisation and Parquet round-trip."""

import pandas as pd
import pytest

from analysis import schema
from analysis.io import read_posts, read_table, write_posts, write_table


def _post(**overrides):
    row = {
        "post_id": "twitter:700000000000000001",
        "platform": "twitter",
        "created_at": "Fri Feb 26 21:03:11 +0000 2016",
        "author_id": schema.pseudonymise("12345", key="test"),
        "text": "واش هادشي معقول؟ #OpeUnlike 😡",
        "lang_declared": "ar",
        "hashtags": ["OpeUnlike"],
        "mentions": [],
        "urls": [],
        "is_repost": False,
        "repost_of": None,
        "reply_to": None,
        "like_count": 3,
        "repost_count": 0,
        "source": "sample.json:1",
    }
    row.update(overrides)
    return row


def test_good_row_is_kept_with_utc_timestamp():
    good, bad = schema.validate_posts([_post()])
    assert bad.empty
    assert good.loc[0, "created_at"] == pd.Timestamp("2016-02-26 21:03:11", tz="UTC")
    assert str(good["created_at"].dtype) == "datetime64[ns, UTC]"


@pytest.mark.parametrize(
    "overrides, reason",
    [
        ({"post_id": None}, "missing post_id"),
        ({"post_id": "1234"}, "is not `platform:native_id`"),
        ({"created_at": "yesterday evening"}, "unparseable timestamp"),
        ({"created_at": "2016-02-26 21:03:11"}, "without UTC offset"),
        ({"hashtags": "OpeUnlike"}, "hashtags must be a list"),
        ({"like_count": "12"}, "like_count of wrong type str"),
        ({"like_count": -1}, "negative like_count"),
        ({"is_repost": "no"}, "is_repost of wrong type"),
        ({"is_repost": True, "repost_of": None}, "repost without repost_of"),
    ],
)
def test_bad_row_is_rejected_with_reason(overrides, reason):
    good, bad = schema.validate_posts([_post(**overrides)])
    assert good.empty
    assert len(bad) == 1
    assert reason in bad.loc[0, "reason"]
    assert bad.loc[0, "source"] == "sample.json:1"


def test_one_bad_row_neither_raises_nor_drops_good_neighbours():
    rows = [_post(post_id=f"twitter:{i}", source=f"f:{i}") for i in range(5)]
    rows[2]["created_at"] = "not a date"
    good, bad = schema.validate_posts(rows)
    assert list(good["post_id"]) == ["twitter:0", "twitter:1", "twitter:3", "twitter:4"]
    assert list(bad["source"]) == ["f:2"]


def test_rejected_record_is_kept_in_full():
    _, bad = schema.validate_posts([_post(created_at="??", text="نص عربي")])
    assert "نص عربي" in bad.loc[0, "record"]


def test_missing_list_becomes_empty_list():
    good, _ = schema.validate_posts([_post(mentions=None)])
    assert good.loc[0, "mentions"] == []


def test_parquet_round_trip_keeps_arabic_emoji_and_lists(tmp_path):
    rows = [
        _post(),
        _post(post_id="twitter:2", text="Mabghitch had l3ibat 😂🔥 #VoIP",
              hashtags=["VoIP", "مقاطعة_اتصالات_المغرب"], mentions=["u_abc"],
              urls=["https://example.org/a"], like_count=None, repost_count=None),
        _post(post_id="twitter:3", is_repost=True, repost_of="twitter:2", hashtags=[]),
    ]
    good, _ = schema.validate_posts(rows)
    path = write_posts(good, tmp_path / "posts.parquet")
    back = read_posts(path)
    pd.testing.assert_frame_equal(back, good)
    assert back.loc[1, "hashtags"] == ["VoIP", "مقاطعة_اتصالات_المغرب"]
    assert back.loc[1, "text"] == "Mabghitch had l3ibat 😂🔥 #VoIP"


def test_extra_columns_survive_the_round_trip(tmp_path):
    good, _ = schema.validate_posts([_post()])
    good["lang"] = ["ary"]
    back = read_table(write_table(good, tmp_path / "p.parquet"))
    assert back.loc[0, "lang"] == "ary"


def test_write_is_atomic_and_leaves_no_temporary_file(tmp_path):
    good, _ = schema.validate_posts([_post()])
    write_posts(good, tmp_path / "posts.parquet")
    assert [p.name for p in tmp_path.iterdir()] == ["posts.parquet"]


def test_pseudonymise_is_keyed_and_stable():
    a = schema.pseudonymise("SomeUser", key="k1")
    assert a == schema.pseudonymise("someuser ", key="k1")  # handles are case-insensitive
    assert a != schema.pseudonymise("SomeUser", key="k2")
    assert "SomeUser" not in a


def test_pseudonymise_uses_environment_key(monkeypatch):
    monkeypatch.setenv(schema.KEY_ENV, "from-env")
    assert schema.pseudonymise("x") == schema.pseudonymise("x", key="from-env")


def test_like_table_rejects_unknown_page():
    good, bad = schema.validate_likes(
        [{"page": "orange", "observed_at": "2016-02-27T10:00Z", "likes": 5, "source": "t:1",
          "parser": "tracker"}]
    )
    assert good.empty and "unknown page" in bad.loc[0, "reason"]
