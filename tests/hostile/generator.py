"""Hostile inputs for every reader, each line labelled with what must become of it.

Every generator returns :class:`Line` objects: raw bytes plus the expected fate:

* ``good``: kept as exactly ``posts`` rows (1 for a plain tweet);
* ``reject``: dropped, and the rejects must name this file and line with a reason;
* ``notice``: a platform notice (delete, compliance, error), counted, never a reject;
* ``unmatched``: a valid post outside the query, silently not selected;
* ``repeat``: an exact repeat of an earlier good post, counted as a duplicate;
* ``skip``: a blank line.

The kinds are those real archives and exports contain (malformed and truncated JSON,
NUL bytes, invalid UTF-8, BOMs, lone surrogates, numbers beyond int64, impossible or
far-off dates, odd time zones, control characters, deep nesting, huge lines, formula
cells) and the shapes each platform gets wrong (empty originals, missing users,
entities of the wrong type, notices).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

TAG = "#OpeUnlike"


@dataclass(frozen=True)
class Line:
    data: bytes
    expect: str
    why: str
    posts: int = 1  # rows a good line yields


def _dump(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass")


# --------------------------------------------------------------------------- v1.1
def v11(i: int, text: str = f"{TAG} now", **extra) -> dict:
    tweet = {"id_str": str(i), "id": i, "created_at": "Sat Feb 27 10:00:00 +0000 2016",
             "text": text, "user": {"id_str": str(1000 + i), "screen_name": f"user{i}"},
             "entities": {"hashtags": [{"text": "OpeUnlike"}], "user_mentions": [],
                          "urls": []},
             "favorite_count": 3, "retweet_count": 1, "lang": "fr"}
    tweet.update(extra)
    return tweet


def stream_grab_lines(big_line_bytes: int = 5 << 20) -> list[Line]:
    nested = b'{"text": "#OpeUnlike", "a":' + b'{"a":' * 200_000 + b"1" + b"}" * 200_001
    huge_text = TAG + " " + "x" * big_line_bytes
    return [
        Line(_dump(v11(1)), "good", "plain tweet"),
        Line(b"", "skip", "blank line"),
        Line(b'{"id_str": "2", "text": "#OpeUnlike", "created_at": ', "reject",
             "truncated JSON"),
        Line(b'["#OpeUnlike", 2, 3]', "reject", "JSON array"),
        Line(b'"just a #OpeUnlike string"', "reject", "JSON string"),
        Line(nested, "reject", "200,000 levels of nesting"),
        Line(b'{"id_str": "3",\x00 "text": "#OpeUnlike"}', "reject", "raw NUL byte"),
        Line(_dump(v11(4, text=f"{TAG} with \u0000 NUL and \u0007 bell")), "good",
             "escaped control characters"),
        Line(_dump(v11(5)).replace(b' now"', b' \xff\xfe now"'), "reject",
             "invalid UTF-8 inside a string"),
        Line(b"\xef\xbb\xbf" + _dump(v11(6)), "good", "BOM before the JSON"),
        Line(_dump(v11(7, created_at="Fri Feb 26 21:03:11 +0000 9999")), "reject", "year 9999"),
        Line(_dump(v11(8, created_at="Tue Feb 30 10:00:00 +0000 2016")), "reject",
             "February 30"),
        Line(_dump(v11(9, created_at="Sat Feb 27 10:00:00 +1400 2016")), "good", "UTC+14"),
        Line(_dump(v11(10, created_at=1456567200000)), "reject", "epoch milliseconds"),
        Line(_dump(v11(11, created_at=1e20)), "reject", "1e20 seconds"),
        Line(b'{"id_str": "12", "created_at": Infinity, "text": "' + TAG.encode() + b'"}',
             "reject", "Infinity timestamp"),
        Line(_dump(v11(13, created_at="2016-02-27T10:00:00.123456789+05:45")), "good",
             "nanoseconds, Nepal offset"),
        Line(_dump(v11(14, created_at="2016-02-27T10:00:00")), "reject", "naive timestamp"),
        Line(_dump(v11(15, favorite_count=10**30)), "reject", "count beyond int64"),
        Line(_dump(v11(16, favorite_count=-5)), "reject", "negative count"),
        Line(_dump(v11(17, entities={"hashtags": [{"text": 2016}]})), "reject",
             "numeric hashtag"),
        Line(_dump(v11(18, entities=["OpeUnlike"])), "reject", "entities as a list"),
        Line(_dump(v11(19, user="someone")), "reject", "user as a string"),
        Line(_dump({"created_at": "Sat Feb 27 10:00:00 +0000 2016", "text": TAG}), "reject",
             "tweet without id"),
        Line(_dump(v11(20, text=f"{TAG} \ud800 lone surrogate")), "reject", "lone surrogate"),
        Line(_dump(v11(21, text=f"\u202e{TAG}\u202c\r\n\ttabs")), "good", "bidi override, CR"),
        Line(_dump(v11(22, text=f"RT @x: {TAG}", retweeted_status={})), "good",
             "retweet of an empty original"),
        # a notice holds no query term: the byte pre-filter skips it before parsing
        Line(_dump({"delete": {"status": {"id_str": "23"}}}), "unmatched", "delete notice"),
        Line(_dump(v11(1)), "repeat", "exact repeat of line 1"),
        Line(_dump(v11(1, text=f"{TAG} edited")), "reject", "same id, other text"),
        Line(_dump(v11(24, text=huge_text)), "good", "5 MB line"),
        Line(_dump(v11(25)).replace(b'"id_str": "25"', b'"id_str": "' + b"9" * 400 + b'"'),
             "good", "400-digit id"),
        Line(_dump(v11(26, text="=HYPERLINK(\"http://evil\") " + TAG)), "good",
             "formula text"),
        Line(_dump(v11(27, lang=123)), "reject", "lang as a number"),
        Line(_dump(v11(28, text="nothing to see", entities={})), "unmatched", "off-topic"),
        Line(_dump(v11(29, text="＃ＯｐｅＵｎｌｉｋｅ fullwidth", entities={})), "good",
             "fullwidth hashtag"),
        Line(_dump(v11(30, text="#Ope\u200cUn\u200dlike", entities={})), "good",
             "ZWNJ/ZWJ inside the tag"),
    ]


# --------------------------------------------------------------------------- twarc2
def v2(i: int, **extra) -> dict:
    tweet = {"id": str(i), "text": f"{TAG} v2", "created_at": "2016-02-27T10:00:00.000Z",
             "author_id": str(500 + i), "lang": "fr",
             "public_metrics": {"like_count": 1, "retweet_count": 0}}
    tweet.update(extra)
    return tweet


def twarc_lines() -> list[Line]:
    page = {"data": [v2(1), v2(2, created_at="2016-13-45T99:00:00Z")],
            "includes": {"users": [{"id": "501", "username": "one"}]}}
    return [
        Line(_dump(page), "good", "page: one good tweet, one impossible date", posts=1),
        Line(_dump(v2(3)), "good", "flattened tweet"),
        Line(_dump({"errors": [{"title": "Not Found Error"}]}), "notice", "API error object"),
        Line(_dump({"id": "4", "action": "delete", "created_at": "2019-09-06T17:25:54Z"}),
             "notice", "compliance job line"),
        Line(_dump(v2(5, referenced_tweets=["x"])), "reject", "referenced_tweets of strings"),
        Line(_dump({"data": "oops"}), "reject", "data as a string"),
        Line(_dump(v2(6, public_metrics={"like_count": 2**64})), "reject", "count beyond int64"),
        Line(_dump(v2(7, text=f"{TAG} \udfff")), "reject", "lone surrogate"),
        Line(b"{", "reject", "truncated"),
        Line(_dump({"data": [v2(8)], "includes": {"users": []}}), "good",
             "author missing from includes.users"),
    ]


def twarc_page_reject_suffix() -> dict[int, str]:
    """Rejects inside a page name the tweet: ``file:line#data[1]``."""
    return {1: "#data[1]"}


# --------------------------------------------------------------------------- snscrape
def sns(i: int, **extra) -> dict:
    item = {"_type": "snscrape.modules.twitter.Tweet", "id": i,
            "date": "2016-02-27T10:00:00+00:00", "rawContent": f"{TAG} sns",
            "user": {"id": 900 + i, "username": f"u{i}"}, "likeCount": 2}
    item.update(extra)
    return item


def snscrape_lines() -> list[Line]:
    return [
        Line(_dump(sns(1)), "good", "tweet item"),
        Line(_dump(sns(2, retweetedTweet={})), "good", "retweet of an empty original"),
        Line(_dump({"_type": "snscrape.modules.telegram.TelegramPost", "url": "nope",
                    "date": "2016-02-27T10:00:00+00:00", "content": TAG}), "reject",
             "telegram post without channel"),
        Line(_dump({"_type": "snscrape.modules.reddit.Submission"}), "reject", "unknown item"),
        Line(_dump(sns(3, likeCount=10**25)), "reject", "count beyond int64"),
        Line(_dump(sns(4, date="0000-00-00")), "reject", "zero date"),
        Line(b"\x00\x00\x00", "reject", "NUL bytes"),
    ]


# --------------------------------------------------------------------------- CSV exports
CROWDTANGLE_HEADER = ["Page Name", "User Name", "Facebook Id", "Post Created", "Likes", "Shares",
                      "URL", "Message"]


def crowdtangle_rows() -> list[tuple[list[str] | str, str, str]]:
    """``(fields or raw line, expect, why)`` after the header (line 1)."""
    def row(n, created="2016-02-27 10:15:03 CET", likes="1,204", message=f"{TAG} ct"):
        return [f"Page {n}", f"page{n}", str(100 + n), created, likes, "3",
                f"https://www.facebook.com/page{n}/posts/{9000 + n}", message]

    return [
        (row(1), "good", "plain row"),
        (row(2, likes="1234.0"), "good", "float-written count"),
        (row(3, likes="1.5"), "reject", "fractional count"),
        (row(4, created="2016-02-30 10:00:00 CET"), "reject", "February 30"),
        (row(5, message="=cmd|' /C calc'!A0 " + TAG), "good", "formula cell"),
        (row(6, message="literal \ufffd replacement " + TAG), "good", "literal U+FFFD"),
        (row(7)[:5], "reject", "too few fields"),
        (row(8, likes=str(10**30)), "reject", "count beyond int64"),
        (row(1), "repeat", "exact repeat"),
        (row(1, message="other text"), "reject", "same id, other text"),
        (row(9, message="ligne\navec retour " + TAG), "good", "quoted newline"),
        (row(10, message="x" * 200_000), "reject", "field over the CSV size limit"),
        (row(11), "good", "row after the oversized field"),
    ]


def tracker_rows() -> list[tuple[list[str], str, str]]:
    return [
        (["2016-02-27T10:00:00Z", "inwi", "2,450,114"], "good", "plain row"),
        (["2016-02-27T11:00:00Z", "IAM", "2309870"], "good", "alias"),
        (["2016-02-27T12:00:00Z", "inwi", "lots"], "reject", "not a number"),
        (["2016-02-27 12:00:00", "inwi", "5"], "reject", "naive timestamp"),
        (["2016-02-27T13:00:00Z", "orange-ma", "5"], "reject", "unknown page"),
        (["2016-02-27T14:00:00Z", "inwi", str(2**70)], "reject", "count beyond int64"),
        (["2016-02-27T10:00:00Z", "inwi", "2,450,114"], "repeat", "exact repeat"),
        (["2016-02-27T10:00:00Z", "inwi", "2,450,000"], "reject", "conflicting count"),
        (["9999-12-31T23:59:59Z", "inwi", "7"], "reject", "year 9999"),
        (["2016-02-27T15:00:00+14:00", "meditel", "1.204"], "good", "UTC+14, dot thousands"),
    ]


# --------------------------------------------------------------------------- Wayback
def cdx_reply(page_url: str) -> tuple[bytes, dict[str, str], int]:
    """A CDX JSON reply (``body``), the capture pages to serve, and the good count."""
    rows = [["timestamp", "original", "statuscode"],
            ["20160227100000", page_url, "200"],
            ["20000012170449", page_url, "200"],   # impossible: month 00
            ["2016", page_url, "200"],             # truncated timestamp
            ["20160227110000", page_url],          # short row
            ["20160227120000", page_url, "200"],   # login wall
            ["20160227130000", page_url, "200"],   # count beyond int64
            ["20160227140000", page_url, "200"]]   # garbage page
    pages = {"20160227100000": "<span>2,450,114 people like this</span>",
             "20160227120000": '<form id="login_form"></form>',
             "20160227130000": "99999999999999999999999 people like this",
             "20160227140000": "\x00\xff garbage"}
    return json.dumps(rows).encode(), pages, 1
