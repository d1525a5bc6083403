"""Matching texts against held-out texts and earlier corpora (the README's stricter test)."""

from __future__ import annotations

import pandas as pd

from analysis.datasets.overlap import PREFIX, TextIndex, drop_matching, read_held_out, strict_key


def test_strict_key_ignores_links_mentions_and_retweet_markers():
    xlmt_style = "@user الاجتماع غدا الساعة العاشرة http"
    raw_tweet = "RT @someone: الاجتماع غدا الساعة العاشرة https://t.co/abc"
    assert strict_key(xlmt_style) == strict_key(raw_tweet)
    assert TextIndex([xlmt_style]).matches(raw_tweet)


def test_a_truncated_tweet_matches_its_full_text_by_the_key_prefix():
    full = "هذا الهدف من أجمل الأهداف التي شاهدتها في حياتي كلها بدون مبالغة ابدا"
    truncated = "هذا الهدف من أجمل الأهداف التي شاهدتها في حياتي كلها بدون مبالغة…"
    assert len(strict_key(truncated)) >= PREFIX
    assert strict_key(full) != strict_key(truncated)
    assert TextIndex([full]).matches(truncated)


def test_short_texts_match_only_exactly():
    index = TextIndex(["merci"])
    assert index.matches("Merci !!") and not index.matches("merci beaucoup")


def test_letterless_texts_never_match_everything():
    index = TextIndex(["😂😂", "http://t.co/x", ""])
    assert len(index) == 1  # the emoji text; the link-only and empty ones carry no key
    assert not index.matches("bonne journée")


def test_drop_matching_keeps_rows_when_there_is_nothing_to_match():
    rows = pd.DataFrame({"text": ["a b", "c d"], "label": ["positive", "negative"]})
    assert drop_matching(rows, None).equals(rows)
    assert drop_matching(rows, TextIndex(["C  D!"])).text.tolist() == ["a b"]


def test_held_out_file_is_one_text_per_line_or_a_shared_schema_tsv(tmp_path):
    lines = tmp_path / "test_text.txt"
    lines.write_text("premier tweet\n\nsecond tweet\n", encoding="utf-8")
    assert read_held_out(lines) == ["premier tweet", "second tweet"]
    tsv = tmp_path / "test.tsv"
    tsv.write_text("text\tlabel\tlang\tsource\tsplit\n\"a\tb\"\tneutral\tfr\tx\ttest\n",
                   encoding="utf-8")
    assert read_held_out(tsv) == ["a\tb"]
