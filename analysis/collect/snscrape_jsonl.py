"""``snscrape --jsonl`` output: twitter ``Tweet`` and telegram ``TelegramPost`` items.

Each line is one item serialised by snscrape, with ``_type`` naming its class.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from analysis.collect.matching import hashtags_in_text
from analysis.collect.rows import people, person, post_row, qualified

TWEET = "snscrape.modules.twitter.Tweet"
TELEGRAM = "snscrape.modules.telegram.TelegramPost"


def flatten_tweet(item: dict[str, Any], keep_handles: bool = False) -> dict[str, Any]:
    """A snscrape twitter item as a post row.

    >>> row = flatten_tweet({"id": 7, "date": "2016-02-27T10:00:00+00:00",
    ...     "rawContent": "#OpeUnlike", "user": {"id": 3, "username": "x"},
    ...     "hashtags": ["OpeUnlike"], "likeCount": 2})
    >>> row["post_id"], row["hashtags"], row["like_count"]
    ('twitter:7', ['OpeUnlike'], 2)
    """
    original = item.get("retweetedTweet")
    if not (isinstance(original, dict) and original.get("id") not in (None, "")):
        original = None  # an empty original ({}): keep the repost's own text
    content = original if original is not None else item
    text = (content.get("rawContent") or content.get("content")  # "content" before v0.5
            or content.get("renderedContent") or "")
    user = item.get("user") or {}
    mentioned = content.get("mentionedUsers") or []
    links = content.get("links") or [{"url": u} for u in content.get("outlinks") or []]
    return post_row(
        "twitter",
        item.get("id"),
        created_at=item.get("date"),
        author_id=person(user.get("username") if keep_handles else user.get("id")),
        text=text,
        lang_declared=None if item.get("lang") in (None, "und") else item.get("lang"),
        hashtags=list(content.get("hashtags") or hashtags_in_text(text)),
        mentions=people([m.get("username") if keep_handles else (m.get("id") or m.get("username"))
                         for m in mentioned]),
        urls=[link.get("url") for link in links if link.get("url")],
        is_repost=isinstance(original, dict),
        repost_of=qualified("twitter", original.get("id")) if isinstance(original, dict) else None,
        reply_to=qualified("twitter", item.get("inReplyToTweetId")),
        like_count=item.get("likeCount"),
        repost_count=item.get("retweetCount"),
    )


def flatten_telegram(item: dict[str, Any], keep_handles: bool = False) -> dict[str, Any]:
    """A snscrape telegram post as a post row; the channel stands for the author.

    >>> row = flatten_telegram({"url": "https://t.me/somechannel/12",
    ...     "date": "2016-02-27T10:00:00+00:00", "content": "#OpeUnlike", "outlinks": []})
    >>> row["post_id"], row["hashtags"]
    ('telegram:somechannel/12', ['OpeUnlike'])
    """
    url = item.get("url") or ""
    parts = [p for p in urlsplit(url).path.split("/") if p and p != "s"]
    if len(parts) < 2:
        raise ValueError(f"telegram post url without channel/number: {url!r}")
    channel, number = parts[-2], parts[-1]
    text = item.get("content") or ""
    return post_row(
        "telegram",
        f"{channel}/{number}",
        created_at=item.get("date"),
        author_id=person(channel),
        text=text,
        hashtags=hashtags_in_text(text),
        urls=list(item.get("outlinks") or []),
    )


def records(obj: Any, keep_handles: bool = False) -> tuple[str, list[tuple[str, dict[str, Any]]]]:
    if not isinstance(obj, dict):
        raise ValueError(f"not a JSON object but {type(obj).__name__}")
    kind = obj.get("_type", "")
    if kind == TWEET or (not kind and "rawContent" in obj):
        rows = [("", flatten_tweet(obj, keep_handles))]
        for key in ("retweetedTweet", "quotedTweet"):
            if isinstance(obj.get(key), dict) and obj[key].get("id") not in (None, ""):
                rows.append((f"#{key}", flatten_tweet(obj[key], keep_handles)))
        return "post", rows
    if kind == TELEGRAM:
        return "post", [("", flatten_telegram(obj, keep_handles))]
    raise ValueError(f"unsupported snscrape item type {kind or '(none)'}")
