"""Reading a count from each kind of reply, and choosing a page's source from the campaign."""

from __future__ import annotations

import pytest

from analysis.campaign import Page
from analysis.collect.counts import parse_display_count
from analysis.live.http import FetchError
from analysis.live.sources import SourceError, graph, html_page, json_field, source_for


def _page(**kw):
    return Page(id="inwi", name="Inwi", colour="#CC79A7", **kw)


# --------------------------------------------------------------------------- Graph API
def test_graph_reply_prefers_fan_count_the_likes_opeunlike_withdrew():
    assert graph.parse_reply('{"followers_count": 2500000, "fan_count": 2450114}') == (2450114, "fan_count")


def test_graph_reply_with_followers_only_says_so_in_the_parser():
    assert graph.parse_reply('{"followers_count": 12}') == (12, "followers_count")


@pytest.mark.parametrize("body, kind", [
    ('{"fan_count": 24501', "malformed"),          # cut off
    ("<html>Bad gateway</html>", "malformed"),     # not JSON
    ('["fan_count", 1]', "malformed"),             # JSON but no object
    ('{"fan_count": "many"}', "malformed"),        # no usable count
    ('{"fan_count": -5}', "malformed"),
    ('{"error": {"message": "Session has expired", "code": 190}}', "client"),
])
def test_graph_reply_without_a_count_is_a_fetch_error_of_the_right_kind(body, kind):
    with pytest.raises(FetchError) as caught:
        graph.parse_reply(body)
    assert caught.value.kind == kind


def test_graph_source_url_never_holds_the_token():
    source = graph.GraphSource("inwi.ma", base="http://127.0.0.1:1/v19.0/", token="SECRET")
    assert source.url == "http://127.0.0.1:1/v19.0/inwi.ma?fields=followers_count,fan_count"


# --------------------------------------------------------------------------- JSON field
def test_json_field_path_walks_objects_and_lists():
    body = {"data": [{"stats": {"followers": 1200}}, {"stats": {"followers": 5}}]}
    assert json_field.field_count(body, "data.1.stats.followers") == 5


def test_json_field_reads_a_printed_count_with_the_locale_rules():
    assert json_field.field_count({"n": "1 234 567"}, "n") == 1234567
    assert json_field.field_count({"n": 1234.0}, "n") == 1234


@pytest.mark.parametrize("body", [{"n": None}, {"n": True}, {"n": "1,5"}, {"n": ""}, {"m": 3}, {"n": -1}])
def test_json_field_without_a_count_is_malformed(body):
    with pytest.raises(FetchError) as caught:
        json_field.field_count(body, "n")
    assert caught.value.kind == "malformed"


# --------------------------------------------------------------------------- HTML page
def test_html_regex_group_is_the_count():
    html = "<div>1 402 000 personnes aiment ça</div>"
    assert html_page.page_count(html, regex=r"([\d\s]+?) personnes aiment") == (1402000, True)


def test_html_selector_reads_the_element_text_and_entities():
    html = '<p><span class="likes">2&#xa0;450&#xa0;114</span> likes</p>'
    assert html_page.page_count(html, selector="span.likes") == (2450114, True)


def test_html_rounded_count_is_flagged_not_exact():
    assert html_page.page_count("<b>1,2 M</b>", selector="b") == (1200000, False)


@pytest.mark.parametrize("kw", [{"regex": r"(\d+) fans"}, {"selector": "span.none"}])
def test_html_page_without_the_count_is_malformed(kw):
    with pytest.raises(FetchError) as caught:
        html_page.page_count("<p>log in to see this page</p>", **kw)
    assert caught.value.kind == "malformed"


def test_html_ambiguous_count_is_refused_not_guessed():
    with pytest.raises(FetchError, match="not a count"):
        html_page.page_count("<b>12,34</b>", selector="b")


@pytest.mark.parametrize("text, expected", [
    ("123 456", (123456, True)), ("1,2 M", (1200000, False)), ("1.25M", (1250000, False)),
    ("12K", (12000, False)), ("3,4 k", (3400, False)), ("١٫٢ مليون", (1200000, False)),
    ("45 ألف", (45000, False)),
])
def test_display_counts_exact_and_rounded(text, expected):
    assert parse_display_count(text) == expected


# --------------------------------------------------------------------------- choosing
def test_a_page_with_a_facebook_username_is_read_from_the_graph_api():
    source = source_for(_page(facebook={"page_id": None, "username": "inwi.ma"}), "http://127.0.0.1:9", "t")
    assert isinstance(source, graph.GraphSource) and source.page == "inwi.ma" and source.token == "t"


def test_a_page_id_wins_over_the_username():
    source = source_for(_page(facebook={"page_id": "123", "username": "inwi.ma"}))
    assert source.page == "123"


def test_an_explicit_source_wins_over_facebook():
    page = _page(facebook={"username": "inwi.ma"},
                 source={"kind": "json", "url": "http://127.0.0.1:9/c", "field": "n"})
    assert isinstance(source_for(page), json_field.JsonFieldSource)


@pytest.mark.parametrize("source, message", [
    (None, "nothing to poll"),
    ({"kind": "json", "url": "http://127.0.0.1:9/c"}, "field: missing"),
    ({"kind": "html", "url": "http://127.0.0.1:9/p"}, "exactly one of regex or selector"),
    ({"kind": "html", "url": "http://127.0.0.1:9/p", "regex": "x", "selector": "y"}, "exactly one"),
])
def test_a_source_that_cannot_be_polled_is_refused_with_the_key(source, message):
    with pytest.raises(SourceError, match=message):
        source_for(_page(source=source))
