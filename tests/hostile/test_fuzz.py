"""Fuzzing (hypothesis) of the flatteners and the count parser; a few seconds in CI.

A flattener may refuse a record only with the exceptions the scan turns into rejects;
whatever rows it returns must pass through validation without raising. The count
parser returns a non-negative int, ``None`` or raises ``ValueError``, and reads back
every count written with the locale rules it documents.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import schema
from analysis.collect import csv_export, snscrape_jsonl, stream_grab, twarc
from analysis.collect.counts import parse_count
from analysis.collect.matching import load_query

CAUGHT = (ValueError, TypeError, KeyError, AttributeError, RecursionError)
QUERY = load_query("opeunlike")
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30))
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=5)),
    max_leaves=25)


def _with_keys(keys: list[str]):
    """Dicts that use the keys a reader looks at, with values of any JSON type."""
    return st.dictionaries(st.sampled_from(keys), json_values, max_size=len(keys))


V11_KEYS = ["id_str", "id", "created_at", "text", "full_text", "truncated", "extended_tweet",
            "user", "entities", "lang", "retweeted_status", "quoted_status", "favorite_count",
            "retweet_count", "in_reply_to_status_id_str", "delete", "limit"]
V2_KEYS = ["data", "includes", "errors", "id", "text", "created_at", "author_id", "author",
           "entities", "referenced_tweets", "public_metrics", "lang", "note_tweet", "action",
           "delete"]
SNS_KEYS = ["_type", "id", "date", "rawContent", "content", "user", "hashtags", "likeCount",
            "retweetCount", "retweetedTweet", "quotedTweet", "mentionedUsers", "links", "url",
            "outlinks", "inReplyToTweetId", "lang"]


def _survives(records, obj) -> None:
    try:
        kind, found = records(obj, False)
    except CAUGHT:
        return
    rows = [row for _, row in found]
    for row in rows:
        try:
            QUERY.matches(row)
        except CAUGHT:
            pass
        row["source"] = "fuzz:1"
    schema.validate_posts(rows)  # must never raise


@FUZZ
@given(obj=st.one_of(_with_keys(V11_KEYS), json_values))
def test_stream_grab_records_never_escape(obj):
    _survives(stream_grab.records, obj)


@FUZZ
@given(obj=st.one_of(_with_keys(V2_KEYS), json_values))
def test_twarc_records_never_escape(obj):
    _survives(twarc.records, obj)


@FUZZ
@given(obj=st.one_of(_with_keys(SNS_KEYS), json_values))
def test_snscrape_records_never_escape(obj):
    _survives(snscrape_jsonl.records, obj)


@FUZZ
@given(record=st.dictionaries(st.sampled_from(
    ["URL", "Post Created", "Facebook Id", "User Name", "Message", "Likes", "Shares", "Link"]),
    st.text(max_size=40), max_size=8))
def test_csv_flatten_never_escapes(record):
    spec = csv_export.load_preset("crowdtangle")
    try:
        row = csv_export.flatten(record, spec)
    except (ValueError, KeyError):
        return
    row["source"] = "fuzz:2"
    schema.validate_posts([row])


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=30))
def test_count_parser_answers_an_int_none_or_value_error(text):
    try:
        value = parse_count(text)
    except ValueError:
        return
    assert value is None or (isinstance(value, int) and value >= 0)


@settings(max_examples=300, deadline=None)
@given(n=st.integers(0, 10**15), sep=st.sampled_from([",", ".", "'", " ", "\u00a0", "\u202f"]),
       decimal=st.sampled_from(["", ".0", ".00", ",0"]))
def test_count_parser_reads_back_every_grouped_count(n, sep, decimal):
    grouped = f"{n:,}".replace(",", sep)
    if decimal and sep == decimal[0] and n >= 1000:
        decimal = ""  # the same mark for thousands and decimals is ambiguous by design
    if decimal.startswith(".") and sep == ".":
        decimal = ""
    assert parse_count(grouped + decimal) == n


@pytest.mark.parametrize("text", ["1.5", "12,34", "1,234.5", "1 234,56", "0x10", "١٢٫٥"])
def test_count_parser_refuses_ambiguous_or_fractional_counts(text):
    with pytest.raises(ValueError):
        parse_count(text)
