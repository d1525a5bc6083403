"""Related hashtags: rank the hashtags that co-occur with a seed set, by PMI or lift.

For each hashtag ``h`` (by comparison key, so spelling variants pool together):
``support`` = posts holding both ``h`` and a seed, ``lift`` = P(h|seed)/P(h),
``pmi`` = log2 lift. Hashtags under ``min_support`` are dropped: rare co-occurrences
give huge, meaningless PMIs. Many tags are only ever seen with a seed, so their lift
ties at its maximum; ``lift_low``/``lift_high`` are a 95 % Wilson interval on
P(seed|h) divided by P(seed), and ranking by ``lift_low`` ("at least this many times
more often than chance") puts the tags with more evidence first. A snowball pass adds the accepted hashtags to the seeds
and ranks again.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

import pandas as pd

from analysis.collect.matching import normalise_token


def _script(tag: str) -> str:
    return "arabic" if any("\u0600" <= c <= "\u06ff" for c in tag) else "latin"


def _wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson score interval of a proportion k/n (never 0 wide at k = n)."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(centre - half, 0.0), min(centre + half, 1.0)


RANKINGS = ("pmi", "lift", "lift_low")


def rank_cooccurring(posts: pd.DataFrame, seeds: Iterable[str], *, by: str = "pmi",
                     min_support: int = 3, top: int | None = 30,
                     above_chance: bool = False) -> pd.DataFrame:
    """Hashtags co-occurring with ``seeds`` in ``posts["hashtags"]``, best first.

    ``by`` is ``pmi``, ``lift`` or ``lift_low`` (the interval's lower bound, which
    separates tags whose lift ties); ``above_chance`` keeps only tags whose whole 95 %
    interval is above 1, i.e. that travel with the seeds more often than chance.

    Examples
    --------
    >>> posts = pd.DataFrame({"hashtags": [["OpeUnlike", "VoIP"], ["opeunlike", "VoIP"],
    ...                                    ["VoIP"], ["Foot"], ["Foot"], ["OpeUnlike", "Foot"]]})
    >>> table = rank_cooccurring(posts, ["OpeUnlike"], min_support=2)
    >>> table[["hashtag", "support"]].values.tolist()
    [['VoIP', 2]]
    """
    if by not in RANKINGS:
        raise ValueError(f"rank by {', '.join(map(repr, RANKINGS))}, not {by!r}")
    seed_keys = {normalise_token(s) for s in seeds}
    n = len(posts)
    tag_posts: Counter = Counter()
    with_seed: Counter = Counter()
    spelling: dict[str, Counter] = {}
    n_seed = 0
    for tags in posts["hashtags"]:
        keys = {}
        for tag in tags if tags is not None else []:
            key = normalise_token(tag)
            keys.setdefault(key, tag)
            spelling.setdefault(key, Counter())[tag] += 1
        has_seed = bool(seed_keys & keys.keys())
        n_seed += has_seed
        for key in keys:
            tag_posts[key] += 1
            if has_seed:
                with_seed[key] += 1
    rows = []
    for key, both in with_seed.items():
        if key in seed_keys or both < min_support or not key:
            continue
        lift = (both / n_seed) / (tag_posts[key] / n)
        low, high = _wilson(both, tag_posts[key])
        rows.append({"hashtag": spelling[key].most_common(1)[0][0], "key": key,
                     "script": _script(key), "support": both, "posts_with_tag": tag_posts[key],
                     "lift": lift, "pmi": math.log2(lift), "lift_low": round(low * n / n_seed, 6),
                     "lift_high": round(high * n / n_seed, 6)})
    table = pd.DataFrame(rows, columns=["hashtag", "key", "script", "support", "posts_with_tag",
                                        "lift", "pmi", "lift_low", "lift_high"])
    if above_chance:
        table = table[table["lift_low"] > 1]
    table = table.sort_values([by, "support", "hashtag"], ascending=[False, False, True])
    table = table.reset_index(drop=True)
    return table if top is None else table.head(top)


def snowball(posts: pd.DataFrame, seeds: Iterable[str], *, rounds: int = 1, accept: int = 5,
             **kwargs) -> tuple[list[str], pd.DataFrame]:
    """Rank, accept the ``accept`` best hashtags as new seeds, rank again (``rounds`` times).

    Returns the final seed list and the last ranking.
    """
    seeds = list(seeds)
    table = rank_cooccurring(posts, seeds, **kwargs)
    for _ in range(rounds):
        seeds += [t for t in table["hashtag"].head(accept) if t not in seeds]
        table = rank_cooccurring(posts, seeds, **kwargs)
    return seeds, table
