"""Our sentiment model against the issue's reference, under the selection protocol.

    OPEUNLIKE_CORPORA=../shared/corpora .venv/bin/python benchmarks/sentiment.py
        [--repeats 5] [--folds 2] [--loco mac afrisenti_ary xlmt_french] [--configs default]

In one run, on the same folds, for the reference (char_wb 2-5 + word 1-2 TF-IDF,
logistic regression, C=3) and each configuration of ours:

1. **repeated stratified cross-validation** on train+dev pooled, stratified by corpus
   and label (:mod:`analysis.sentiment.protocol`): macro-F1 per corpus, mean ± 95 %
   corrected interval, and our gain in points with its interval (paired by fold);
2. **leave-one-corpus-out** for the ``--loco`` corpora: trained on all other corpora;
3. **speed**: the last fold's models, saved and loaded again (load seconds), label
   that fold's held-out texts, which they never saw ("cold"), in one process; ours
   against the reference measured in the same run.

``--models reference`` and ``--models default`` in two processes share the work on two
cores (each caches its results in ``benchmarks/out/``); ``--reuse`` then assembles the
tables. Speeds measured in two concurrent processes are each slowed by the other; the
ratio between them is what the target is about.

The tables are printed and written to ``models/sentiment-benchmark.md``, which the
model card ``models/sentiment.md`` includes.
"""

from __future__ import annotations

import argparse
import json
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

import pandas as pd  # noqa: E402

from analysis import datasets, paths  # noqa: E402
from analysis.sentiment import protocol  # noqa: E402
from analysis.sentiment.card import refresh_shipped_card  # noqa: E402
from analysis.sentiment.train import training_rows  # noqa: E402
from analysis.sentiment.models import build_pipeline  # noqa: E402

CACHE = ROOT / "benchmarks" / "out"
CACHE_SHOWN = "benchmarks/out/"
TARGETS = (f"mean of corpora >= +{protocol.CV_MEAN_GAIN}, "
           + ", ".join(f"{c} >= +{g}" for c, g in protocol.CV_CORPUS_GAINS.items())
           + ", no corpus below the reference; leave-one-corpus-out "
           + ", ".join(f"{c} >= +{g}" for c, g in protocol.LOCO_GAINS.items())
           + "; >= 20,000 posts/s cold and >= 4x the reference; load <= 1 s")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def speed(model, test: pd.DataFrame, runs: int = 3) -> tuple[float, float | None, float | None]:
    """Best (posts/s cold, load seconds, posts/s cold with corpus ids) of ``runs``: ours
    is saved with skops and loaded afresh before each run (empty caches: "cold"); the
    reference keeps no state between calls and is not saved. The best of several runs,
    because the machine is shared. Posts go in without their corpus ids (a user's own
    archive) and, for a model that takes them, with them (as ``sentiment evaluate``
    gives them)."""
    from analysis.sentiment.hashed import HashedSentiment
    from analysis.sentiment.persist import load_model, save_model

    ours = isinstance(model, HashedSentiment)
    best = {"plain": 0.0, "ids": 0.0}
    best_load = None
    with tempfile.TemporaryDirectory() as tmp:
        path = save_model(model, Path(tmp) / "m.skops") if ours else None
        for _ in range(runs):
            for mode in ("plain", "ids") if ours else ("plain",):
                fresh, loaded = model, None
                if path is not None:
                    start = time.perf_counter()
                    fresh = load_model(path)
                    loaded = time.perf_counter() - start
                start = time.perf_counter()
                if mode == "ids":
                    protocol.predict_with_domains(fresh, test)
                else:
                    fresh.predict_proba(test["text"].tolist())
                posts = len(test) / (time.perf_counter() - start)
                if posts > best[mode]:
                    best[mode] = posts
                    if mode == "plain":
                        best_load = loaded
    return best["plain"], best_load, (best["ids"] or None)


def measure(name: str, frame: pd.DataFrame, folds, args, last_test: pd.DataFrame,
            parts: tuple[str, ...] = ("cv", "loco")) -> dict:
    """Cross-validation (with speed) and/or leave-one-corpus-out of one model, as plain
    data."""
    result = {}
    if "cv" in parts:
        last = {}

        def make():
            last["model"] = build_pipeline(name)
            return last["model"]

        start = time.perf_counter()
        cv = protocol.cross_validate(
            make, frame, repeats=args.repeats, folds=args.folds,
            progress=lambda fold: log(f"  {name}: fold {fold + 1}/{len(folds)}"))
        log(f"{name}: cross-validation took {time.perf_counter() - start:.0f} s")
        result["cv"] = cv.to_dict("list")
        result["speed"] = list(speed(last["model"], last_test))
    if "loco" in parts:
        loco = protocol.leave_one_corpus_out(
            lambda: build_pipeline(name), frame, args.loco,
            progress=lambda corpus: log(f"  {name}: left out {corpus}")) if args.loco else \
            pd.DataFrame(columns=["corpus", "macro_f1", "n_test", "fit_s"])
        result["loco"] = loco.to_dict("list")
    return result


def speed_table(speeds: dict[str, tuple], n_posts: int) -> str:
    ref_speed = speeds["reference"][0]
    lines = ["| model | posts/s cold | × reference | with corpus ids: posts/s | × reference "
             "| load s |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, measured in speeds.items():
        # caches written before December 2026 hold (posts/s, load s): with corpus ids for
        # our models, without for the reference (which takes none)
        if len(measured) == 3:
            posts, loaded, with_ids = measured
        elif name == "reference":
            (posts, loaded), with_ids = measured, None
        else:
            posts, (with_ids, loaded) = None, measured
        cells = [f"{posts:,.0f}" if posts else "–", f"{posts / ref_speed:.1f}" if posts else "–",
                 f"{with_ids:,.0f}" if with_ids else "–",
                 f"{with_ids / ref_speed:.1f}" if with_ids else "–",
                 "" if loaded is None else f"{loaded:.2f}"]
        lines.append(f"| {name} | {' | '.join(cells)} |")
    return (f"### Speed (one process, {n_posts:,} held-out posts never seen; best of 3 "
            "runs; posts without corpus ids, as a user's archive, and with them, as "
            "`sentiment evaluate` passes them)\n\n" + "\n".join(lines))


def speed_only(frame: pd.DataFrame, folds, names: list[str], args, load_start: float) -> int:
    """Time every model one after the other in this process, with no cross-validation:
    the only honest ratio, since both sides see the same machine state."""
    train, test = frame.iloc[folds[0][0]], frame.iloc[folds[0][1]]
    speeds = {}
    for name in names:
        log(f"{name}: training on {len(train):,} rows for the speed run")
        model = protocol.fit_with_domains(build_pipeline(name), train)
        speeds[name] = speed(model, test)
        log(f"{name}: {speeds[name][0]:,.0f} posts/s")
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    command = ("OPEUNLIKE_CORPORA=../shared/corpora .venv/bin/python benchmarks/sentiment.py "
               f"--speed-only --folds {args.folds} --configs {' '.join(args.configs)}")
    text = "\n\n".join([
        f"Speed measured {stamp} (Python {platform.python_version()}, {os.cpu_count()} CPUs; "
        f"load average {load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end), "
        "every model timed in one process, one after the other:",
        f"```\n{command}\n```", speed_table(speeds, len(test)),
        "Targets: >= 20,000 posts/s cold and >= 4x the reference; load <= 1 s."]) + "\n"
    print(text)
    if not args.no_write:
        out = paths.MODELS / "sentiment-speed.md"
        out.write_text(text, encoding="utf-8")
        log(f"wrote {out}")
        refresh_shipped_card(paths.MODELS)
    return 0


def cache_files(name: str, args) -> dict[str, Path]:
    """Where each part of a model's results is cached: one file per part, so that two
    processes can measure the cross-validation and the leave-one-corpus-out of one model
    at once."""
    return {"cv": CACHE / f"sentiment-{name}-{args.repeats}x{args.folds}-cv.json",
            "loco": CACHE / f"sentiment-{name}-loco-{'-'.join(args.loco)}.json"}


def cached_result(name: str, args) -> dict | None:
    """A model's cached results for these folds. A run with more repetitions of the same
    fold count serves too: with the same seed, its first repetitions are these folds
    (``tests/unit/sentiment/test_evaluate_protocol.py`` checks it)."""
    loco = cache_files(name, args)["loco"]
    if not loco.is_file():
        return None
    result = json.loads(loco.read_text(encoding="utf-8"))
    for path in sorted(CACHE.glob(f"sentiment-{name}-*x{args.folds}-cv.json")):
        repeats = int(path.name.split("-")[-2].split("x")[0])  # sentiment-NAME-RxF-cv.json
        if repeats < args.repeats:
            continue
        result.update(json.loads(path.read_text(encoding="utf-8")))
        if repeats > args.repeats:
            wanted = args.repeats * args.folds
            log(f"{name}: the first {wanted} folds of {path.name}")
            cv = pd.DataFrame(result["cv"])
            result["cv"] = cv[cv["fold"] < wanted].to_dict("list")
            result["measured_by"] = f"--repeats {repeats} --models {name}"
        return result
    return None


def cv_table(summary: pd.DataFrame, name: str) -> str:
    lines = [f"| corpus | reference | {name} | Δ points (95 % CI) |",
             "| --- | ---: | ---: | ---: |"]
    for row in summary.itertuples():
        label = f"**{row.corpus}**" if row.corpus == "mean of corpora" else row.corpus
        lines.append(f"| {label} | {row.reference:.3f} ± {row.reference_ci:.3f} | "
                     f"{row.ours:.3f} ± {row.ours_ci:.3f} | "
                     f"{row.delta_points:+.1f} ± {row.delta_ci:.1f} |")
    return "\n".join(lines)


def loco_table(ours: pd.DataFrame, ref: pd.DataFrame, name: str) -> str:
    merged = ours.merge(ref, on="corpus", suffixes=("", "_ref"))
    lines = [f"| held-out corpus | rows | reference | {name} | Δ points |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for row in merged.itertuples():
        lines.append(f"| {row.corpus} | {row.n_test:,} | {row.macro_f1_ref:.3f} | "
                     f"{row.macro_f1:.3f} | {100 * (row.macro_f1 - row.macro_f1_ref):+.1f} |")
    return "\n".join(lines)


def target_table(verdicts: pd.DataFrame) -> str:
    """The issue's accuracy targets, met or not, as computed from the tables above."""
    lines = ["| target | wanted | measured, points over the reference | met |",
             "| --- | --- | ---: | --- |"]
    for row in verdicts.itertuples():
        detail = f" ({row.detail})" if row.detail else ""
        lines.append(f"| {row.target} | {row.wanted} | {row.points:+.1f}{detail} | "
                     f"{'**met**' if row.met else '**not met**'} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", default=None, help="default: OPEUNLIKE_CORPORA")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--loco", nargs="*", default=["mac", "afrisenti_ary", "xlmt_french"])
    parser.add_argument("--configs", nargs="+", default=["default"])
    parser.add_argument("--no-write", action="store_true", help="only print the tables")
    parser.add_argument("--models", nargs="*",
                        help="measure only these (reference and/or configs) and cache them, "
                             "so two processes can share the work; then rerun with --reuse")
    parser.add_argument("--part", choices=["cv", "loco"],
                        help="with --models: measure only the cross-validation (and speed) "
                             "or only leave-one-corpus-out, so two processes share one model")
    parser.add_argument("--speed-only", action="store_true",
                        help="only the speed part: each model trained on the first fold's "
                             "training half and timed on its held-out half, one after the "
                             "other; writes models/sentiment-speed.md")
    parser.add_argument("--speed", action="store_true",
                        help="with --reuse: measure speed again, the models one after the other")
    parser.add_argument("--reuse", action="store_true",
                        help=f"reuse results cached in {CACHE_SHOWN} by an earlier run")
    args = parser.parse_args(argv)
    corpora = datasets.resolve_corpora(args.corpora)
    frame = training_rows(corpora)  # train and dev of every corpus, as the shipped model
    load_start = os.getloadavg()[0]
    log(f"{len(frame):,} rows of {frame['source'].nunique()} corpora (train+dev); "
        f"{args.repeats}x{args.folds} folds; load average {load_start:.1f}")

    names = ["reference", *args.configs]
    folds = protocol.cv_splits(frame, args.repeats, args.folds)
    if args.speed_only:
        return speed_only(frame, folds, names, args, load_start)
    last_test = frame.iloc[folds[-1][1]]
    cv, loco, speeds, measured_by = {}, {}, {}, {}
    for name in names:
        result = cached_result(name, args) if args.reuse else None
        if result is not None:
            log(f"{name}: reusing {CACHE_SHOWN}")
        elif args.models and name not in args.models:
            continue
        else:
            parts = (args.part,) if args.part else ("cv", "loco")
            result = measure(name, frame, folds, args, last_test, parts)
            CACHE.mkdir(parents=True, exist_ok=True)
            files = cache_files(name, args)
            for part in parts:
                keys = ("cv", "speed") if part == "cv" else ("loco",)
                files[part].write_text(json.dumps({k: result[k] for k in keys}),
                                       encoding="utf-8")
            if args.part:
                log(f"{name}: {args.part} cached; rerun with --reuse once every part is there")
                continue
        if "measured_by" in result:
            measured_by[name] = result["measured_by"]
        cv[name] = pd.DataFrame(result["cv"])
        loco[name] = pd.DataFrame(result["loco"])
        speeds[name] = tuple(result["speed"])
    if set(names) - set(cv):
        log(f"measured {sorted(cv)}; rerun with --reuse once every model is cached")
        return 0
    if args.speed:
        # Speed again, one model after the other in this process, on a quiet machine:
        # trained on the first fold's training half, timed on its held-out half.
        train, test = frame.iloc[folds[0][0]], frame.iloc[folds[0][1]]
        for name in names:
            log(f"{name}: training for the speed run")
            model = protocol.fit_with_domains(build_pipeline(name), train)
            speeds[name] = speed(model, test)
        last_test = test
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    flags = (f"--repeats {args.repeats} --folds {args.folds} --loco {' '.join(args.loco)} "
             f"--configs {' '.join(args.configs)}")
    run = "OPEUNLIKE_CORPORA=../shared/corpora .venv/bin/python benchmarks/sentiment.py " + flags
    if args.reuse:  # say how this table was actually made
        lines = []
        for name in names:
            if name in measured_by:  # its first folds, reused from a longer run
                lines.append(f"{run.replace(f'--repeats {args.repeats} ', '')} "
                             f"{measured_by[name]} &")
            else:
                lines += [f"{run} --models {name} --part {part} &" for part in ("cv", "loco")]
        command = "\n".join(lines + ["wait", f"{run} --reuse" + (" --speed" if args.speed
                                                                   else "")])
    else:
        command = run
    parts = [f"Measured {stamp} (Python {platform.python_version()}, {os.cpu_count()} CPUs; "
             f"load average {load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end):",
             f"```\n{command}\n```"]
    for name in args.configs:
        summary = protocol.summarise(cv[name], cv["reference"], args.folds)
        parts += [f"### Cross-validation ({args.repeats}x{args.folds} folds, macro-F1, "
                  f"mean ± 95 % corrected interval): `{name}`", cv_table(summary, name)]
        if args.loco:
            parts += [f"### Leave one corpus out: `{name}`",
                      loco_table(loco[name], loco["reference"], name)]
        parts += [f"### Accuracy targets: `{name}`",
                  target_table(protocol.target_verdicts(
                      summary, loco[name] if args.loco else None,
                      loco["reference"] if args.loco else None))]
    parts.append(speed_table({n: speeds[n] for n in names}, len(last_test)))
    if args.reuse and not args.speed:
        parts.append("These speeds were timed by the runs above, each at its own load: the "
                     "ratios compare different machine states. `--reuse --speed` times every "
                     "model again, one after the other in one process.")
    parts.append(f"Targets: {TARGETS}.")
    text = "\n\n".join(parts) + "\n"
    print(text)
    if not args.no_write:
        out = paths.MODELS / "sentiment-benchmark.md"
        out.write_text(text, encoding="utf-8")
        # every fold's score, so the table can be checked or re-summarised without rerunning
        pd.concat([cv[n].assign(model=n) for n in names]).to_csv(
            paths.MODELS / "sentiment-cv-folds.csv", index=False, float_format="%.4f")
        log(f"wrote {out}")
        refresh_shipped_card(paths.MODELS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
