"""Benchmark: peak memory of ``opeunlike collect csv`` on a large CrowdTangle export.

Generates, in a temporary folder (never committed), a synthetic CrowdTangle-style CSV
export (default 1,000,000 rows, about 165 MB: French, Arabic and Latin-script
Darija messages, thousands-separated counts, a few duplicate and bad rows). Then, in
the same run and each in its own child process, it measures the peak resident set
size (``ru_maxrss`` of the finished child) of

1. a reference: ``pandas.read_csv`` of the whole file (what "just load it" costs),
2. ``opeunlike collect csv FILE --preset crowdtangle --out OUT.parquet``.

and prints both with the rows written. Goal: the collector's peak stays at or under
500 MB at any file size (it streams the file in batches).

    .venv/bin/python benchmarks/export_memory.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HEADER = ["Page Name", "User Name", "Facebook Id", "Post Created", "Type", "Likes", "Shares",
          "URL", "Message", "Link", "Image Text", "Link Text", "Description", "Final Link"]
MESSAGES = ["Retirez vos likes #OpeUnlike, la VoIP doit revenir au Maroc",
            "حملة #مقاطعة_اتصالات_المغرب مستمرة حتى رفع الحظر على المكالمات",
            "had l'ANRT ma3endha la7ya, #OpeUnlike daba",
            "Le match de ce soir, qui regarde ? on se retrouve au café",
            "الجو جميل اليوم في الرباط، صباح الخير للجميع"]


def write_export(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for i in range(rows):
            page = rng.randrange(5000)
            post = i if rng.random() > 0.001 else max(i - 1, 0)  # a few repeats
            likes = rng.randrange(0, 3_000_000)
            writer.writerow([
                f"Page {page}", f"page{page}", str(100000 + page),
                f"2016-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:00 CET",
                "Status", f"{likes:,}", str(rng.randrange(500)),
                f"https://www.facebook.com/page{page}/posts/{10**9 + post}",
                rng.choice(MESSAGES) + f" #{i % 97}", "", "", "", "", ""])


REFERENCE = "import pandas, sys; pandas.read_csv(sys.argv[1], dtype=str, keep_default_na=False)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="opeunlike-export-") as tmp:
        folder = Path(tmp)
        export = folder / "crowdtangle_export.csv"
        write_export(export, args.rows)
        size_mb = export.stat().st_size / 1e6
        out = folder / "posts.parquet"
        env = dict(os.environ, OPEUNLIKE_PSEUDONYM_KEY="benchmark-key")
        cli = [sys.executable, "-c", "import sys; from analysis.cli import main; "
               "sys.exit(main(sys.argv[1:]))", "collect", "csv", str(export),
               "--preset", "crowdtangle", "--out", str(out), "--no-progress"]
        # One measuring child per interpreter, so each maximum is that command's own.
        ours = _measure_in_child(cli, env)
        reference = _measure_in_child([sys.executable, "-c", REFERENCE, str(export)], env)
        import pyarrow.parquet as pq

        written = pq.ParquetFile(out).metadata.num_rows
    print(f"export: {args.rows:,} rows, {size_mb:.0f} MB")
    print(f"reference pandas.read_csv (whole file): peak RSS {reference[0]:,.0f} MB, "
          f"{reference[1]:.1f} s")
    print(f"opeunlike collect csv --preset crowdtangle: peak RSS {ours[0]:,.0f} MB, "
          f"{ours[1]:.1f} s, {written:,} posts written (goal: peak <= 500 MB)")


def _measure_in_child(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``argv`` under a fresh measuring interpreter; returns (peak MB, seconds)."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:]); s = time.perf_counter() - t; "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, s); "
             "sys.exit(r.returncode)")
    done = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True,
                          env=env)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:6])} failed: {done.stderr[-2000:]}")
    kb, seconds = done.stdout.split()[-2:]
    return int(kb) / 1024, float(seconds)


if __name__ == "__main__":
    main()
