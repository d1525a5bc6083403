"""Twitter API v1.1 JSON, as in the Internet Archive's "Twitter Stream Grab".

One JSON object per line: a tweet, or a ``delete``/``limit``/… notice. :func:`flatten`
turns one tweet into a post row (pure); :func:`records` handles any line's object and
also yields the embedded ``retweeted_status``/``quoted_status`` as rows of their own.
Reading files is left to :mod:`analysis.collect.scan`.
"""

from __future__ import annotations

from typing import Any

from analysis.collect.rows import people, person, post_row, qualified

NOTICES = ("delete", "limit", "scrub_geo", "status_withheld", "user_withheld", "disconnect",
           "warning")


def _text_and_entities(tweet: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    extended = tweet.get("extended_tweet")
    if tweet.get("truncated") and isinstance(extended, dict) and "full_text" in extended:
        return extended["full_text"], extended.get("entities") or tweet.get("entities") or {}
    text = tweet.get("full_text") or tweet.get("text") or ""
    return text, tweet.get("entities") or {}


def _id(obj: dict[str, Any] | None, key: str = "id") -> str | None:
    if not obj:
        return None
    value = obj.get(f"{key}_str") or obj.get(key)
    return str(value) if value not in (None, "") else None


def flatten(tweet: dict[str, Any], keep_handles: bool = False) -> dict[str, Any]:
    """One v1.1 tweet as a post row, ids and handles in clear (a pure function: the
    privacy step, :func:`analysis.privacy.pseudonymise_row`, comes after it).
    ``keep_handles`` takes screen names instead of numeric ids.

    The extended text is used when the tweet is ``truncated``; a retweet carries the
    full text, hashtags and URLs of the tweet it reposts (its own text is cut to 140
    characters after ``RT @handle:``) and points to it with ``repost_of``.

    Examples
    --------
    >>> row = flatten({"id_str": "1", "created_at": "Fri Feb 26 21:03:11 +0000 2016",
    ...                "text": "#OpeUnlike", "user": {"id_str": "9"},
    ...                "entities": {"hashtags": [{"text": "OpeUnlike"}]}})
    >>> row["post_id"], row["hashtags"], row["author_id"]
    ('twitter:1', ['OpeUnlike'], '9')
    """
    original = tweet.get("retweeted_status")
    if not (isinstance(original, dict) and _id(original)):
        # an empty or id-less original ({}) cannot be pointed to: the retweet's own
        # text (which holds the hashtag) is kept instead of losing the row
        original = None
    content = original if original is not None else tweet
    text, entities = _text_and_entities(content)
    user = tweet.get("user") or {}
    mentions = entities.get("user_mentions") or []
    lang = tweet.get("lang")
    return post_row(
        "twitter",
        _id(tweet),
        created_at=tweet.get("created_at"),
        author_id=person(user.get("screen_name") if keep_handles else _id(user)),
        text=text,
        lang_declared=None if lang in (None, "und") else lang,
        hashtags=[h.get("text") for h in entities.get("hashtags") or [] if h.get("text")],
        mentions=people([m.get("screen_name") if keep_handles else _id(m) for m in mentions]),
        urls=[u.get("expanded_url") or u.get("url") for u in entities.get("urls") or []
              if u.get("expanded_url") or u.get("url")],
        is_repost=isinstance(original, dict),
        repost_of=qualified("twitter", _id(original)) if isinstance(original, dict) else None,
        reply_to=qualified("twitter", tweet.get("in_reply_to_status_id_str")
                           or tweet.get("in_reply_to_status_id")),
        like_count=tweet.get("favorite_count"),
        repost_count=tweet.get("retweet_count"),
    )


def records(obj: Any, keep_handles: bool = False) -> tuple[str, list[tuple[str, dict[str, Any]]]]:
    """Classify one parsed line: ``("post", [(suffix, row), …])`` or ``(notice, [])``.

    ``suffix`` tells embedded tweets apart in the row's ``source``
    (``#retweeted_status``, ``#quoted_status``).
    """
    if not isinstance(obj, dict):
        raise ValueError(f"not a JSON object but {type(obj).__name__}")
    for notice in NOTICES:
        if notice in obj and "created_at" not in obj:
            return notice, []
    if "created_at" not in obj or _id(obj) is None:
        raise ValueError("neither a tweet nor a known notice")
    rows = [("", flatten(obj, keep_handles))]
    for key in ("retweeted_status", "quoted_status"):
        inner = obj.get(key)
        if isinstance(inner, dict) and "created_at" in inner:
            rows.append((f"#{key}", flatten(inner, keep_handles)))
            nested = inner.get("quoted_status")
            if isinstance(nested, dict) and "created_at" in nested:
                rows.append((f"#{key}.quoted_status", flatten(nested, keep_handles)))
    return "post", rows
