"""What each idea is worth: the shipped sentiment configuration against variants, under
the cross-validation protocol, with the reference on the same folds.

    OPEUNLIKE_CORPORA=../shared/corpora .venv/bin/python benchmarks/sentiment_ablations.py

Each row changes one parameter of a base configuration (``--base``, by default
``build_pipeline("default")``, the shipped model) and gives the macro-F1
gain over the reference in points, per corpus and on the mean of corpora, over the first
repetition (2 folds) of the folds of ``benchmarks/sentiment.py``: a screening pass (the
intervals of ``benchmarks/sentiment.py`` say how much a point is worth). The reference's
and the shipped model's scores on those folds are taken from that benchmark's cache in
``benchmarks/out/`` when it is there, and so are a variant's when it equals another
configuration that benchmark measured. ``--only NAME…`` measures some variants and caches
them, so two processes can share the work; ``--reuse`` assembles the table from what is
cached (a variant never measured is listed as such, not trained), written to
``models/sentiment-ablations.md``, which the model card includes.

``--loco CORPUS…`` also measures leave-one-corpus-out for the variants run (``--only``),
as a gain over the reference's leave-one-corpus-out in ``benchmarks/sentiment.py``'s
cache; the table shows "–" where a variant was not measured that way.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a fresh clone
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from analysis import datasets, paths  # noqa: E402
from analysis.sentiment import protocol  # noqa: E402
from analysis.sentiment.card import refresh_shipped_card  # noqa: E402
from analysis.sentiment.train import training_rows  # noqa: E402
from analysis.sentiment.models import CONFIGS, build_pipeline  # noqa: E402

CACHE = ROOT / "benchmarks" / "out"
#: name -> parameters changed from the base configuration
VARIANTS = {
    "no corpus model (pooled model alone)": {"corpus_copies": False},
    "corpus model alone on known corpora": {"corpus_blend": 1.0},
    "no NB weighting": {"nb": False},
    "no expert": {"experts": ()},
    "no corpus balance in the pooled model": {"corpus_power": 0.0},
    "labels balanced over all rows (not per corpus)": {"label_balance": "global"},
    "binary corpora count as not neutral": {"corpus_labels": False},
    "2**18 columns": {"n_bits": 18},
    "Arabizi also read in Arabic script": {"arabizi_view": True},
    "emoji-free copies for the pooled model": {"emoji_free_copies": 1.0,
                                               "emoji_free_scope": "pooled"},
    "emoji-free copies for every part": {"emoji_free_copies": 1.0, "emoji_free_scope": "all"},
    "no emoji-free copies": {"emoji_free_copies": 0.0},
}


def _slug(name: str) -> str:
    return name.replace(" ", "_").replace("*", "")


def first_repetition(name: str) -> pd.DataFrame | None:
    """Folds 0-1 of a model cached by ``benchmarks/sentiment.py`` (same seed, same folds)."""
    for cached in sorted(CACHE.glob(f"sentiment-{name}-*x2-cv.json")):
        table = pd.DataFrame(json.loads(cached.read_text(encoding="utf-8"))["cv"])
        return table[table["fold"] < 2]
    return None


def benchmarked_as(base: str, change: dict) -> str | None:
    """The configuration of :data:`CONFIGS` that ``base`` changed by ``change`` equals,
    if ``benchmarks/sentiment.py`` has measured it: its folds serve, no training."""
    wanted = build_pipeline(base).set_params(**change).get_params()
    for name in CONFIGS:
        if build_pipeline(name).get_params() == wanted and first_repetition(name) is not None:
            return name
    return None


def scores_of(name: str, base: str, change: dict, same: str | None, frame: pd.DataFrame,
              measure: bool) -> pd.DataFrame | None:
    """First-repetition scores of ``base`` changed by ``change``: from ``same``, the
    benchmarked configuration it equals, the cache, or (``measure``) trained now. None
    when not measured."""
    if same is not None:
        return first_repetition(same)
    cached = CACHE / f"ablation-{base}-{_slug(name)}.json"
    if cached.is_file():
        return pd.DataFrame(json.loads(cached.read_text(encoding="utf-8")))
    if not measure:
        return None
    start = time.perf_counter()
    scores = protocol.cross_validate(lambda: build_pipeline(base).set_params(**change), frame,
                                     repeats=1, folds=2)
    print(f"{name}: {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(scores.to_dict("list")), encoding="utf-8")
    return scores


def benchmark_loco(config: str) -> pd.Series:
    scores = {}
    for cached in sorted(CACHE.glob(f"sentiment-{config}-loco-*.json")):
        table = pd.DataFrame(json.loads(cached.read_text(encoding="utf-8"))["loco"])
        scores.update(zip(table["corpus"], table["macro_f1"], strict=True))
    return pd.Series(scores, dtype=float)


def loco_of(name: str, base: str, change: dict, same: str | None, frame: pd.DataFrame,
            corpora: list[str], measure: bool) -> pd.Series:
    """Leave-one-corpus-out macro-F1 per held-out corpus of ``base`` changed by ``change``:
    ``same``'s (the benchmarked configuration it equals), a variant's own cache, or
    (``measure``) measured now. Corpora not measured are missing from the series."""
    if same is not None:
        return benchmark_loco(same)
    cached = CACHE / f"ablation-loco-{base}-{_slug(name)}.json"
    scores = json.loads(cached.read_text(encoding="utf-8")) if cached.is_file() else {}
    todo = [c for c in corpora if c not in scores] if measure else []
    if todo:
        start = time.perf_counter()
        table = protocol.leave_one_corpus_out(
            lambda: build_pipeline(base).set_params(**change), frame, todo)
        print(f"{name}: left out {todo} in {time.perf_counter() - start:.0f} s",
              file=sys.stderr, flush=True)
        scores.update(zip(table["corpus"], table["macro_f1"].astype(float), strict=True))
        CACHE.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(scores), encoding="utf-8")
    return pd.Series(scores, dtype=float)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", default=None)
    parser.add_argument("--base", default="default", choices=sorted(CONFIGS),
                        help="the configuration every variant changes (default: the shipped one)")
    parser.add_argument("--only", nargs="*", help="variant names to measure and cache")
    parser.add_argument("--reuse", action="store_true",
                        help="assemble the table from cached results only")
    parser.add_argument("--loco", nargs="*", default=[],
                        help="also measure leave-one-corpus-out on these corpora for the "
                             "variants run with --only")
    args = parser.parse_args(argv)
    corpora = datasets.resolve_corpora(args.corpora)
    frame = training_rows(corpora)  # train and dev of every corpus, as the shipped model
    ref_scores = first_repetition("reference")
    if ref_scores is None:
        raise SystemExit("run benchmarks/sentiment.py --models reference first: the "
                         "reference's folds come from its cache")
    ref = ref_scores.groupby("corpus")["macro_f1"].mean()
    ref_loco = benchmark_loco("reference")
    base_row = f"{args.base} (the base)"
    rows, loco_rows, missing = [], {}, []
    for name, change in {base_row: {}, **VARIANTS}.items():
        if args.only and name not in args.only:
            continue
        if change and build_pipeline(args.base).get_params() == \
                build_pipeline(args.base).set_params(**change).get_params():
            continue  # the base already has it
        same = benchmarked_as(args.base, change)  # its folds serve, no training
        scores = scores_of(name, args.base, change, same, frame, measure=not args.reuse)
        if scores is None:
            missing.append(name)
            continue
        ours = scores.groupby("corpus")["macro_f1"].mean()
        gain = (100 * (ours - ref)).round(1)
        rows.append({"variant": name, "change": str(change) if change else "",
                     "mean": round(100 * (ours.mean() - ref.mean()), 1), **gain.to_dict()})
        loco_rows[name] = 100 * (loco_of(name, args.base, change, same, frame, args.loco,
                                         measure=bool(args.only)) - ref_loco)
    if args.only:
        return 0
    table = pd.DataFrame(rows)
    corpora_cols = [c for c in table.columns if c not in ("variant", "change", "mean")]
    loco_cols = sorted({c for gains in loco_rows.values() for c in gains.dropna().index})
    lines = ["| variant | change | mean | " + " | ".join(corpora_cols)
             + "".join(f" | left out: {c}" for c in loco_cols) + " |",
             "| --- | --- | ---: | " + " | ".join("---:" for _ in corpora_cols + loco_cols) + " |"]
    for row in table.to_dict("records"):
        loco = loco_rows[row["variant"]]
        lines.append(f"| {row['variant']} | `{row['change']}` | {row['mean']:+.1f} | "
                     + " | ".join(f"{row[c]:+.1f}" for c in corpora_cols)
                     + "".join(f" | {loco[c]:+.1f}" if pd.notna(loco.get(c)) else " | –"
                               for c in loco_cols) + " |")
    base_note = "the shipped configuration" if args.base == "default" else \
        "not the shipped configuration (`default`)"
    command = ("OPEUNLIKE_CORPORA=../shared/corpora .venv/bin/python "
               "benchmarks/sentiment_ablations.py" +
               ("" if args.base == "default" else f" --base {args.base}") + " --reuse")
    text = (f"Gain over the reference in macro-F1 points on the first repetition (2 folds) of "
            f"the benchmark's folds. Each row changes one parameter of `{args.base}` = "
            f"`{CONFIGS[args.base]}`, {base_note}. The \"left out\" columns are "
            "leave-one-corpus-out gains (\"–\": not measured for that variant):\n\n"
            f"```\n{command}\n```\n\n" + "\n".join(lines) + "\n")
    if missing:
        text += "\nNot measured on this base: " + "; ".join(missing) + ".\n"
    print(text)
    (paths.MODELS / "sentiment-ablations.md").write_text(text, encoding="utf-8")
    refresh_shipped_card(paths.MODELS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
