"""Train the issue's reference and our sentiment models in one run; print the dev table.

    OPEUNLIKE_CORPORA=../shared/corpora .venv/bin/python benchmarks/sentiment.py [--configs default light]

For each dev slice the table gives macro-F1 of the reference and of each of our
configurations, the difference in points, and whether the issue's target holds
(>= +4 points on xlmt_arabic, xlmt_french, afrisenti Arabizi and mac; no loss on
myc). Throughput is posts per second of ``predict_proba`` on all dev texts in one
process: "cold" is a model just loaded from its skops file (empty token caches),
"warm" is a second pass over the same texts. The table is written to
``models/sentiment-benchmark.md`` and included in the model card
``models/sentiment.md`` when that card's metadata exists.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a fresh clone
    sys.path.insert(0, str(ROOT))

from analysis import datasets, paths  # noqa: E402
from analysis.sentiment.models import build_pipeline, fit_pipeline  # noqa: E402
from analysis.sentiment.persist import load_metadata, load_model, save_model  # noqa: E402
from analysis.sentiment.train import DEV_SLICES, score_on_dev  # noqa: E402

TARGET_POINTS = {"xlmt_arabic": 4.0, "xlmt_french": 4.0, "afrisenti_ary_latn": 4.0,
                 "mac": 4.0, "myc": 0.0}


def _throughput(model, texts: list[str]) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = load_model(save_model(model, Path(tmp) / "m.skops"))
    start = time.perf_counter()
    fresh.predict_proba(texts)
    cold = len(texts) / (time.perf_counter() - start)
    start = time.perf_counter()
    fresh.predict_proba(texts)
    warm = len(texts) / (time.perf_counter() - start)
    return cold, warm


def run(corpora_dir, configs: list[str]) -> dict:
    train = datasets.load_split("train", corpora_dir)
    dev = datasets.load_split("dev", corpora_dir)
    texts = dev["text"].tolist()
    results = {}
    for config in ["reference", *configs]:
        print(f"training {config} on {len(train):,} rows…", file=sys.stderr, flush=True)
        start = time.perf_counter()
        model = fit_pipeline(build_pipeline(config), train["text"], train["label"],
                             train["source"])
        seconds = time.perf_counter() - start
        reports = score_on_dev(model, dev)
        cold, warm = _throughput(model, texts)
        results[config] = {"f1": {k: r["macro_f1"] for k, r in reports.items()},
                           "train_s": seconds, "cold": cold, "warm": warm}
    return results


def table(results: dict, configs: list[str]) -> str:
    ref = results["reference"]
    head = "| dev slice | reference | " + " | ".join(configs) + " | Δ points (" + configs[0] \
        + ") | target |"
    lines = [head, "| --- | ---: | " + " | ".join("---:" for _ in configs) + " | ---: | --- |"]
    for name in DEV_SLICES:
        if name not in ref["f1"]:
            continue
        ours = [results[c]["f1"][name] for c in configs]
        delta = 100 * (ours[0] - ref["f1"][name])
        need = TARGET_POINTS[name]
        verdict = ("met" if delta >= need - 1e-9 else "NOT met") + \
            (f" (≥ +{need:.0f})" if need else " (no loss)")
        lines.append(f"| {name} | {ref['f1'][name]:.3f} | "
                     + " | ".join(f"{v:.3f}" for v in ours)
                     + f" | {delta:+.1f} | {verdict} |")
    for key, label in (("cold", "posts/s, cold (just loaded)"), ("warm", "posts/s, warm"),
                       ("train_s", "training seconds")):
        lines.append(f"| {label} | {ref[key]:,.0f} | "
                     + " | ".join(f"{results[c][key]:,.0f}" for c in configs)
                     + f" | ×{results[configs[0]][key] / ref[key]:.1f} | "
                     + ("≥ 10,000 posts/s" if key != "train_s" else "") + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", default=None)
    parser.add_argument("--configs", nargs="+", default=["default"])
    parser.add_argument("--no-write", action="store_true", help="only print the table")
    args = parser.parse_args(argv)
    corpora = args.corpora or paths.corpora_dir() or (paths.ROOT.parent / "shared" / "corpora")
    results = run(corpora, args.configs)
    text = table(results, args.configs)
    print(text)
    if args.no_write:
        return 0
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    bench = (f"Measured {stamp} on one process (Python {platform.python_version()}, "
             f"{platform.machine()}; load average {os.getloadavg()[0]:.1f} on "
             f"{os.cpu_count()} CPUs when it finished, and speeds fall when the machine is busy):\n\n```\n.venv/bin/python benchmarks/sentiment.py "
             f"--configs {' '.join(args.configs)}\n```\n\n{text}\n")
    out = paths.MODELS / "sentiment-benchmark.md"
    paths.ensure(paths.MODELS)
    out.write_text(bench, encoding="utf-8")
    card_meta = load_metadata(paths.MODELS / "sentiment.skops")
    if card_meta:
        from analysis.sentiment.card import write_card

        write_card(paths.MODELS / "sentiment.md", "sentiment", card_meta)
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
