import json

import pytest

from analysis.collect import snscrape_jsonl, stream_grab, twarc
from analysis.privacy import pseudonymise, pseudonymise_row
from analysis.schema import validate_posts


@pytest.fixture
def v11(fixtures_dir):
    lines = (fixtures_dir / "collect" / "stream_small.json").read_text().splitlines()
    return [json.loads(line) for line in lines if line.endswith("}")]


def test_truncated_tweet_uses_extended_text_and_entities(v11):
    row = stream_grab.flatten(next(t for t in v11 if t.get("id") == 6))
    assert row["text"].startswith("Un long texte complet")
    assert row["hashtags"] == ["Ope_Unlike"]
    assert row["urls"] == ["https://example.org/x"]


def test_retweet_points_to_original_and_carries_its_text(v11):
    row = stream_grab.flatten(next(t for t in v11 if t.get("id") == 7))
    assert row["is_repost"] and row["repost_of"] == "twitter:1"
    assert row["text"] == "Unlike fait #OpeUnlike"


def test_retweet_line_also_yields_the_embedded_original(v11):
    kind, rows = stream_grab.records(next(t for t in v11 if t.get("id") == 7))
    assert kind == "post"
    assert [s for s, _ in rows] == ["", "#retweeted_status"]
    assert rows[1][1]["post_id"] == "twitter:1"


def test_delete_and_limit_are_notices(v11):
    kinds = [stream_grab.records(t)[0] for t in v11 if "delete" in t or "limit" in t]
    assert kinds == ["delete", "limit"]


def test_flatten_is_pure_and_the_privacy_step_pseudonymises(v11):
    row = stream_grab.flatten(next(t for t in v11 if t.get("id") == 6))
    assert (row["author_id"], row["mentions"]) == ("106", ["109"])  # no key, no environment
    private = pseudonymise_row(row)
    assert private["author_id"] == pseudonymise("106")
    assert private["mentions"] == [pseudonymise("109")]


def test_records_read_by_the_collector_are_pseudonymised_by_default(fixtures_dir):
    from analysis.collect import collect_lines

    posts = collect_lines([fixtures_dir / "collect" / "stream_small.json"], query=None).posts
    assert posts["author_id"].str.startswith("u_").all()


def test_keep_handles_keeps_clear_screen_names(v11):
    row = stream_grab.flatten(next(t for t in v11 if t.get("id") == 7), keep_handles=True)
    assert row["author_id"] == "fixture_7"


def test_handles_in_text_are_pseudonymised():
    tweet = {"id_str": "1", "created_at": "Fri Feb 26 21:03:11 +0000 2016",
             "text": "merci @fixture_x", "user": {"id_str": "2"}}
    assert "fixture_x" not in pseudonymise_row(stream_grab.flatten(tweet))["text"]


def test_flattened_v11_rows_validate(v11):
    rows = [r | {"source": "t"} for t in v11 if "created_at" in t
            for _, r in stream_grab.records(t)[1]]
    good, bad = validate_posts(rows)
    assert len(bad) == 0 and len(good) == len(rows)


def test_twarc_page_resolves_authors_and_retweets(fixtures_dir):
    page = json.loads((fixtures_dir / "collect" / "twarc_pages.jsonl").read_text())
    kind, rows = twarc.records(page)
    by_id = {}
    for _, r in rows:  # the run keeps the first row of an id: data before includes
        by_id.setdefault(r["post_id"], r)
    assert by_id["twitter:21"]["repost_of"] == "twitter:20"
    assert by_id["twitter:21"]["text"] == "Boycott #OpeUnlike"
    assert by_id["twitter:20"]["author_id"] == "500"  # clear until the privacy step
    assert by_id["twitter:20"]["like_count"] == 4


def test_twarc_flattened_line_reads_reply(fixtures_dir):
    line = json.loads((fixtures_dir / "collect" / "twarc_flat.jsonl").read_text())
    (_, row), = twarc.records(line)[1]
    assert row["reply_to"] == "twitter:20" and row["created_at"].startswith("2016-03-01")


def test_snscrape_telegram_post_id_uses_channel_and_number(fixtures_dir):
    items = [json.loads(x) for x in (fixtures_dir / "collect" / "snscrape.jsonl").read_text().splitlines()]
    (_, row), = snscrape_jsonl.records(items[1])[1]
    assert row["post_id"] == "telegram:fixturechannel/7"
    assert row["hashtags"] == ["OpeUnlike"]


def test_snscrape_unknown_item_type_is_refused(fixtures_dir):
    with pytest.raises(ValueError, match="unsupported snscrape item"):
        snscrape_jsonl.records({"_type": "snscrape.modules.reddit.Submission"})
