"""Texts and Stream-Grab-style tweets for the SIMULATED campaign of :mod:`analysis.simulate`.

Post texts are composed from the team-written phrase banks in
``data/simulated/phrase_banks.yml`` (French, Darija in Arabic script and in Arabizi,
MSA), with the campaign hashtags, operator mentions, emoji and reposts. Tweets are
written as Twitter API v1.1 JSON lines, one per line, ``\\uXXXX``-escaped like the
Internet Archive's Stream Grab, with a few non-matching posts, ``delete`` and
``limit`` notices mixed in so the real collector has something to skip.
"""

from __future__ import annotations

import bz2
import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import regex
import yaml

from analysis import paths
from analysis.io import atomic_write
from analysis.simulate.model import LAUNCH, Simulation, operators_of

PHRASE_BANKS = paths.DATA / "simulated" / "phrase_banks.yml"
LIFTING = pd.Timestamp("2016-11-04", tz="UTC")
TWITTER_EPOCH_MS = 1288834974657
#: Twitter's own language tag for each simulated language (Arabizi was rarely detected).
DECLARED = {"fr": "fr", "ar": "ar", "ary": "ar", "ary_latn": "und"}
CLIENTS = (
    '<a href="http://twitter.com/download/android" rel="nofollow">Twitter for Android</a>',
    '<a href="http://twitter.com/download/iphone" rel="nofollow">Twitter for iPhone</a>',
    '<a href="http://twitter.com" rel="nofollow">Twitter Web Client</a>',
)
_HASHTAG = regex.compile(r"#(\w+)")
_MENTION = regex.compile(r"@(\w+)")
_URL = regex.compile(r"https?://\S+")


@lru_cache(maxsize=4)
def phrase_banks(path: str | None = None) -> dict:
    """The phrase banks of a campaign's demo (default: #OpeUnlike's), cached."""
    return yaml.safe_load(Path(path or PHRASE_BANKS).read_text(encoding="utf-8"))


def compose(lang, sentiment, ops, when, rng, bank: dict | None = None, launch=LAUNCH,
            lifting=LIFTING) -> str:
    """One post text: a phrase, hashtags, maybe a mention, an emoji and a link.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> text = compose("fr", "negative", ["inwi"], LAUNCH, rng)
    >>> "#" in text
    True
    """
    bank = bank or phrase_banks()
    op = ops[int(rng.integers(len(ops)))]
    names = bank["operator_names"][op][lang]
    phrases = bank["phrases"][lang][sentiment]
    text = phrases[int(rng.integers(len(phrases)))].format(op=names[int(rng.integers(len(names)))])
    if lifting is not None and when >= lifting:
        pool = bank["hashtags"]["lifting"]
    elif when >= launch:
        pool = bank["hashtags"]["campaign"] if rng.random() < 0.9 else bank["hashtags"]["block"]
    else:
        pool = bank["hashtags"]["block"]
    tags = [pool[int(rng.integers(len(pool)))]]
    if rng.random() < 0.35:
        extra = bank["hashtags"]["block"] + bank["hashtags"]["related"]
        tags.append(extra[int(rng.integers(len(extra)))])
    if rng.random() < 0.3:
        extra = bank["operator_hashtags"][op]
        tags.append(extra[int(rng.integers(len(extra)))])
    parts = [text]
    if rng.random() < 0.25:
        parts.insert(0 if rng.random() < 0.3 else 1, "@" + bank["operator_handles"][op])
    parts.append(" ".join("#" + t for t in dict.fromkeys(tags)))
    if rng.random() < 0.5:
        emoji = bank["emoji"][sentiment]
        parts.append(emoji[int(rng.integers(len(emoji)))] * int(rng.integers(1, 4)))
    if rng.random() < 0.05:
        parts.append(f"https://t.co/sim{int(rng.integers(1e6)):06d}")
    return " ".join(parts)


def _entities(text: str) -> dict:
    def spans(pattern, key):
        return [(m.group(1) if key else m.group(0), [m.start(), m.end()]) for m in pattern.finditer(text)]

    return {
        "hashtags": [{"text": t, "indices": i} for t, i in spans(_HASHTAG, True)],
        "user_mentions": [
            {"screen_name": s, "name": s, "id": 0, "id_str": "0", "indices": i}
            for s, i in spans(_MENTION, True)
        ],
        "urls": [
            {"url": u, "expanded_url": "https://voipdown.example/" + u.rsplit("/", 1)[-1],
             "display_url": "voipdown.example/…", "indices": i}
            for u, i in spans(_URL, False)
        ],
        "symbols": [],
    }


def _user(author: int, lang: str) -> dict:
    return {
        "id": 10**9 + int(author), "id_str": str(10**9 + int(author)),
        "name": f"Simulated user {author}", "screen_name": f"sim_user{author:04d}",
        "lang": "fr" if lang in ("fr", "ary_latn") else "ar",
        "followers_count": int(50 + (author * 37) % 900), "verified": False,
    }


def _tweet(tweet_id, when, text, author, lang, rng, **extra) -> dict:
    ms = int(when.value // 1_000_000)
    tweet = {
        "created_at": when.strftime("%a %b %d %H:%M:%S +0000 %Y"),
        "id": tweet_id, "id_str": str(tweet_id), "text": text,
        "source": CLIENTS[int(rng.integers(len(CLIENTS)))], "truncated": False,
        "in_reply_to_status_id": None, "in_reply_to_status_id_str": None,
        "in_reply_to_user_id_str": None, "in_reply_to_screen_name": None,
        "user": _user(author, lang), "geo": None, "coordinates": None, "place": None,
        "retweet_count": 0, "favorite_count": 0, "entities": _entities(text),
        "favorited": False, "retweeted": False, "filter_level": "low",
        "lang": DECLARED.get(lang, "und"), "timestamp_ms": str(ms),
    }
    tweet.update(extra)
    return tweet


def _snowflake(when: pd.Timestamp, i: int) -> int:
    return ((int(when.value // 1_000_000) - TWITTER_EPOCH_MS) << 22) | (i % (1 << 22))


def build_tweets(sim: Simulation) -> tuple[list[dict], pd.DataFrame]:
    """All archive lines (dicts, time-ordered) and the planted post table keyed by post_id."""
    rng = np.random.default_rng([sim.config.seed, 7])
    posts = sim.posts
    cfg = sim.config
    bank = phrase_banks(cfg.phrase_banks)
    launch = pd.Timestamp(cfg.launch, tz="UTC")
    # the lifting of the VoIP block switches #OpeUnlike's hashtags; other campaigns have none
    lifting = LIFTING if cfg.name == "opeunlike" else None
    ids = [_snowflake(t, i) for i, t in enumerate(posts["created_at"])]
    tweets: list[dict] = []
    texts: list[str] = []
    originals: dict[int, dict] = {}
    roots = posts["root"].to_numpy()
    for i, row in enumerate(posts.itertuples(index=False)):
        ops = operators_of(int(row.ops), cfg.pages)
        if row.is_repost:
            orig = originals[row.root]
            text = f"RT @{orig['user']['screen_name']}: {orig['text']}"
            tw = _tweet(ids[i], row.created_at, text, row.author, row.lang, rng,
                        retweeted_status=orig)
        else:
            text = compose(row.lang, row.sentiment, ops, row.created_at, rng, bank, launch, lifting)
            extra = {}
            if row.reply and row.parent >= 0:
                target = originals.get(int(roots[row.parent]))
                if target is not None:
                    text = f"@{target['user']['screen_name']} {text}"
                    extra = {"in_reply_to_status_id": target["id"],
                             "in_reply_to_status_id_str": target["id_str"],
                             "in_reply_to_user_id_str": target["user"]["id_str"],
                             "in_reply_to_screen_name": target["user"]["screen_name"]}
            tw = _tweet(ids[i], row.created_at, text, row.author, row.lang, rng, **extra)
            originals[i] = tw
        tweets.append(tw)
        texts.append(text)
    planted = pd.DataFrame({
        "post_id": ["twitter:" + str(x) for x in ids],
        "created_at": posts["created_at"].to_numpy(),
        "is_repost": posts["is_repost"].to_numpy(),
        "planted_sentiment": posts["sentiment"].to_numpy(),
        "planted_lang": posts["lang"].to_numpy(),
        "planted_operators": [operators_of(int(m), cfg.pages) for m in posts["ops"]],
        "text": texts,
    })
    return _with_noise(tweets, posts, rng, bank), planted


def _with_noise(tweets, posts, rng, bank: dict | None = None) -> list[dict]:
    """Mix in non-matching chatter, delete notices and one limit notice, time-ordered."""
    filler = (bank or phrase_banks())["filler"]
    start, end = posts["created_at"].min(), posts["created_at"].max()
    span = (end - start).value
    extra = []
    for j in range(max(1, len(tweets) // 30)):
        when = start + pd.Timedelta(int(rng.integers(span)), unit="ns")
        when = when.floor("s")
        text = filler[int(rng.integers(len(filler)))]
        extra.append(_tweet(_snowflake(when, 3_000_000 + j), when, text,
                            int(rng.integers(5000)), "fr", rng))
    for j in range(max(1, len(tweets) // 100)):
        victim = tweets[int(rng.integers(len(tweets)))]
        extra.append({"delete": {"status": {"id": victim["id"], "id_str": victim["id_str"],
                                            "user_id": victim["user"]["id"],
                                            "user_id_str": victim["user"]["id_str"]},
                                 "timestamp_ms": str(int(victim["timestamp_ms"]) + 3_600_000)}})
    extra.append({"limit": {"track": 17, "timestamp_ms": tweets[len(tweets) // 2]["timestamp_ms"]}})

    def key(obj):
        return int(obj.get("timestamp_ms") or obj.get("delete", obj.get("limit", {})).get("timestamp_ms"))

    return sorted(tweets + extra, key=key)


def write_archive(sim: Simulation, path: Path) -> pd.DataFrame:
    """Write the ``.json.bz2`` archive atomically; return the planted post table."""
    lines, planted = build_tweets(sim)
    path = Path(path)

    def write(tmp: Path) -> None:
        with bz2.open(tmp, "wt", encoding="ascii", compresslevel=1) as fh:
            for obj in lines:
                fh.write(json.dumps(obj, ensure_ascii=True, separators=(",", ":")) + "\n")

    atomic_write(path, write)
    return planted
