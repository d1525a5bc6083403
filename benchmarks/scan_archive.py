"""Benchmark: archive scan speed against plain bz2 decompression of the same files.

Generates, in a temporary folder (never committed), a synthetic Stream-Grab-like
archive: hourly ``.json.bz2`` files of Twitter v1.1 JSON lines (default 200,000
tweets, 0.1 % of them matching the ``opeunlike`` query in Latin or escaped Arabic
script). Then, in the same run, it measures

1. plain bz2 decompression of the files (``bz2.open(...).read`` in 1 MiB chunks),
2. ``collect_archive`` with one process,
3. ``collect_archive`` with two processes (``--jobs 2``),

and prints tweets/s for each, the scan/decompression ratio (goal ≥ 0.8) and the
2-job speed-up (goal: near 2 on an idle 2-core machine).

    .venv/bin/python benchmarks/scan_archive.py [--tweets 200000] [--files 8]
"""

from __future__ import annotations

import argparse
import bz2
import json
import os
import random
import resource
import string
import tempfile
import time
from pathlib import Path

from analysis.collect import collect_archive

LATIN_MATCHES = ["Retirez vos likes #OpeUnlike", "La VoIP est toujours bloquée par l'ANRT",
                 "#Ope_Unlike contre Maroc Telecom", "Boycott #inwi #OpeUnlike"]
ARABIC_MATCHES = ["حملة #مقاطعة_اتصالات_المغرب مستمرة", "سحبت الإعجاب #OpeUnlike",
                  "المقاطعة ضد ميديتل"]
ARABIC_FILLER = ["صباح الخير", "الجو جميل اليوم", "مبروك للفريق", "شكرا لكم", "الله يحفظكم"]


def _words(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 9))) for _ in range(n)]


def synthetic_tweet(rng: random.Random, i: int, vocab: list[str], match: bool) -> str:
    if match:
        text = rng.choice(LATIN_MATCHES + ARABIC_MATCHES)
    elif rng.random() < 0.06:
        text = " ".join(rng.choices(ARABIC_FILLER, k=3))
    else:
        text = " ".join(rng.choices(vocab, k=rng.randint(5, 20)))
    tags = [w[1:] for w in text.split() if w.startswith("#")]
    uid = rng.randint(1, 10**9)
    tweet = {
        "created_at": "Sat Feb 27 %02d:%02d:%02d +0000 2016" % (i % 24, i % 60, i % 59),
        "id": 703000000000000000 + i, "id_str": str(703000000000000000 + i), "text": text,
        "source": "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">"
                  "Twitter for Android</a>",
        "truncated": False, "in_reply_to_status_id": None, "in_reply_to_user_id": None,
        "user": {"id": uid, "id_str": str(uid), "name": " ".join(rng.choices(vocab, k=2)),
                 "screen_name": rng.choice(vocab) + str(rng.randint(1, 999)),
                 "location": rng.choice(["", "Paris", "Casablanca", "London", "Tokyo"]),
                 "description": " ".join(rng.choices(vocab, k=rng.randint(0, 25))),
                 "followers_count": rng.randint(0, 50000), "friends_count": rng.randint(0, 5000),
                 "statuses_count": rng.randint(0, 90000), "lang": "en",
                 "profile_image_url": f"http://pbs.twimg.com/profile_images/{uid}/x_normal.jpg",
                 "created_at": "Mon Mar 02 10:00:00 +0000 2009", "verified": False},
        "geo": None, "coordinates": None, "place": None, "is_quote_status": False,
        "retweet_count": 0, "favorite_count": 0,
        "entities": {"hashtags": [{"text": t, "indices": [0, 1]} for t in tags], "urls": [],
                     "user_mentions": [], "symbols": []},
        "favorited": False, "retweeted": False, "filter_level": "low",
        "lang": "ar" if any("\u0600" <= c <= "\u06ff" for c in text) else "en",
        "timestamp_ms": str(1456531200000 + i * 10),
    }
    return json.dumps(tweet, separators=(",", ":"))  # ASCII with \\uXXXX, like the API


def generate(folder: Path, tweets: int, files: int, rate: float, seed: int = 0) -> int:
    rng = random.Random(seed)
    vocab = _words(rng, 5000)
    per_file = tweets // files
    planted = 0
    for f in range(files):
        lines = []
        for j in range(per_file):
            match = rng.random() < rate
            planted += match
            lines.append(synthetic_tweet(rng, f * per_file + j, vocab, match))
        path = folder / "2016" / "02" / "27" / f"{f:02d}" / "00.json.bz2"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bz2.compress(("\n".join(lines) + "\n").encode(), 9))
    return planted


def decompress_only(folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds to decompress every file (the reference)."""
    start, cpu = time.perf_counter(), time.process_time()
    for path in sorted(folder.rglob("*.json.bz2")):
        with bz2.open(path, "rb") as fh:
            while fh.read(1 << 20):
                pass
    return time.perf_counter() - start, time.process_time() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_scan(folder: Path, jobs: int):
    """Wall seconds, CPU seconds (this process plus its worker processes) and the result."""
    start, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    result = collect_archive(folder, query="opeunlike", match="both", jobs=jobs)
    used = time.process_time() - cpu + _children_cpu() - children
    return time.perf_counter() - start, used, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tweets", type=int, default=200_000)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--rate", type=float, default=0.001)
    args = parser.parse_args()
    # synthetic tweets: hash them with a throw-away key, not the user's generated one
    os.environ.setdefault("OPEUNLIKE_PSEUDONYM_KEY", "benchmark-not-secret")
    with tempfile.TemporaryDirectory(prefix="opeunlike-bench-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        planted = generate(folder, args.tweets, args.files, args.rate)
        n = args.tweets // args.files * args.files
        size = sum(p.stat().st_size for p in folder.rglob("*.bz2"))
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"generated {n:,} tweets ({planted} matching) in {args.files} files, "
              f"{size / 1e6:.1f} MB bz2, in {time.perf_counter() - t0:.0f} s")
        t_dec, c_dec = decompress_only(folder)
        t_one, c_one, one = timed_scan(folder, 1)
        t_two, c_two, two = timed_scan(folder, 2)
        assert one.summary.lines == n, (one.summary.lines, n)
        assert len(one.posts) == planted == len(two.posts), (len(one.posts), planted)
        print(f"bz2 decompression only : {n / t_dec:12,.0f} tweets/s ({t_dec:.1f} s)")
        print(f"scan, 1 process        : {n / t_one:12,.0f} tweets/s ({t_one:.1f} s), "
              f"{one.summary.candidates} candidate lines parsed, {len(one.posts)} matched")
        print(f"scan, 2 processes      : {n / t_two:12,.0f} tweets/s ({t_two:.1f} s)")
        print(f"ratio scan/decompression (1 process): {t_dec / t_one:.2f} wall, "
              f"{c_dec / c_one:.2f} CPU time  (goal >= 0.8)")
        print(f"speed-up with 2 jobs                 : {t_one / t_two:.2f}  (goal near 2)")
        print(f"CPU seconds, 1 process vs 2 processes: {c_one:.1f} vs {c_two:.1f} "
              "(equal = no parallel overhead; the wall-clock gain then depends on free cores)")
        print(f"load average after: {os.getloadavg()[0]:.1f} (a busy machine distorts "
              "the wall-clock figures, the CPU-time ratio much less)")


if __name__ == "__main__":
    main()
