"""Twitter API v2 as written by twarc2: raw response pages and ``twarc2 flatten`` lines.

A raw page is ``{"data": [...], "includes": {"users": [...], "tweets": [...]}, "meta": …}``;
authors and referenced tweets are looked up in ``includes``. A flattened line is one
tweet with ``author`` and ``referenced_tweets[*]`` already expanded in place.
"""

from __future__ import annotations

from typing import Any

from analysis.collect.rows import people, person, post_row, qualified


#: Top-level keys of v2 compliance stream events (tweet and user events).
COMPLIANCE_EVENTS = frozenset({
    "delete", "withheld", "drop", "undrop", "scrub_geo", "user_delete", "user_undelete",
    "user_protect", "user_unprotect", "user_suspend", "user_unsuspend", "user_withheld",
    "user_profile_modification",
})


def _full_text(tweet: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    note = tweet.get("note_tweet")  # posts longer than 280 characters
    if isinstance(note, dict) and note.get("text"):
        return note["text"], note.get("entities") or tweet.get("entities") or {}
    return tweet.get("text") or "", tweet.get("entities") or {}


def _referenced(tweet: dict[str, Any], kind: str) -> dict[str, Any] | None:
    for ref in tweet.get("referenced_tweets") or []:
        if ref.get("type") == kind:
            return ref
    return None


def flatten(tweet: dict[str, Any], users: dict[str, dict] | None = None,
            tweets: dict[str, dict] | None = None, keep_handles: bool = False) -> dict[str, Any]:
    """One v2 tweet as a post row; ``users``/``tweets`` are the page's ``includes``.

    Examples
    --------
    >>> row = flatten({"id": "5", "text": "#OpeUnlike", "created_at": "2016-02-27T10:00:00.000Z",
    ...                "author_id": "9", "entities": {"hashtags": [{"tag": "OpeUnlike"}]},
    ...                "public_metrics": {"like_count": 3, "retweet_count": 1}})
    >>> row["post_id"], row["hashtags"], row["like_count"]
    ('twitter:5', ['OpeUnlike'], 3)
    """
    users, tweets = users or {}, tweets or {}
    retweeted = _referenced(tweet, "retweeted")
    replied = _referenced(tweet, "replied_to")
    original = None
    if retweeted is not None:
        # flattened lines embed the referenced tweet; raw pages put it in includes
        original = retweeted if "text" in retweeted else tweets.get(str(retweeted.get("id")))
    text, entities = _full_text(original or tweet)
    author = tweet.get("author") or users.get(str(tweet.get("author_id"))) or {}
    author_id = tweet.get("author_id") or author.get("id")
    # A withheld or suspended author is missing from includes.users: keep the tweet,
    # identified by its author_id, rather than reject it (moderation matters here).
    author_key = (author.get("username") or author_id) if keep_handles else author_id
    metrics = tweet.get("public_metrics") or {}
    mentions = entities.get("mentions") or []
    return post_row(
        "twitter",
        tweet.get("id"),
        created_at=tweet.get("created_at"),
        author_id=person(author_key),
        text=text,
        lang_declared=None if tweet.get("lang") in (None, "und", "qme", "zxx") else tweet["lang"],
        hashtags=[h.get("tag") for h in entities.get("hashtags") or [] if h.get("tag")],
        mentions=people([m.get("username") if keep_handles else (m.get("id") or m.get("username"))
                         for m in mentions]),
        urls=[u.get("expanded_url") or u.get("url") for u in entities.get("urls") or []
              if u.get("expanded_url") or u.get("url")],
        is_repost=retweeted is not None,
        repost_of=qualified("twitter", retweeted.get("id")) if retweeted else None,
        reply_to=qualified("twitter", replied.get("id")) if replied else None,
        like_count=metrics.get("like_count"),
        repost_count=metrics.get("retweet_count"),
    )


def records(obj: Any, keep_handles: bool = False) -> tuple[str, list[tuple[str, dict[str, Any]]]]:
    """Rows of one line: a whole response page or one flattened tweet."""
    if not isinstance(obj, dict):
        raise ValueError(f"not a JSON object but {type(obj).__name__}")
    if "data" in obj:
        data = obj["data"]
        data = [data] if isinstance(data, dict) else data or []
        includes = obj.get("includes") or {}
        users = {str(u.get("id")): u for u in includes.get("users") or []}
        tweets = {str(t.get("id")): t for t in includes.get("tweets") or []}
        rows = [(f"#data[{i}]", flatten(t, users, tweets, keep_handles))
                for i, t in enumerate(data)]
        rows += [(f"#includes.tweets[{i}]", flatten(t, users, tweets, keep_handles))
                 for i, t in enumerate(includes.get("tweets") or [])]
        return "post", rows
    if "errors" in obj and "id" not in obj:
        return "error", []
    if COMPLIANCE_EVENTS & obj.keys() and "text" not in obj:
        return "compliance", []  # a notice about other tweets, not lost data
    if "action" in obj and "id" in obj and "text" not in obj:
        return "compliance", []  # a compliance-job result line (id, action, …)
    if "id" in obj and "text" in obj:
        rows = [("", flatten(obj, keep_handles=keep_handles))]
        for ref in obj.get("referenced_tweets") or []:
            if "text" in ref:
                rows.append((f"#{ref.get('type')}", flatten(ref, keep_handles=keep_handles)))
        return "post", rows
    raise ValueError("neither a v2 response page nor a flattened tweet")
