"""``opeunlike sentiment classify|evaluate|train``: thin wrappers over analysis.sentiment."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from analysis import paths


def register(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser("sentiment", help="classify, evaluate and train sentiment models")
    verbs = group.add_subparsers(dest="sentiment_verb", metavar="ACTION", required=True)

    classify = verbs.add_parser("classify", help="add sentiment columns to a post table")
    classify.add_argument("input", help="post table (.parquet, .csv or .tsv)")
    classify.add_argument("output", help="output table (.parquet, .csv or .tsv)")
    classify.add_argument("--model", default="default",
                          help="default | lexicon | NAME (models/NAME.skops) | PATH")
    classify.add_argument("--text-column", default="text")
    classify.add_argument("--no-progress", action="store_true")
    classify.set_defaults(func=run_classify)

    evaluate = verbs.add_parser(
        "evaluate", help="metrics of a model on a TSV in the shared corpora schema")
    evaluate.add_argument("data", help="TSV with text, label, lang, source, split")
    evaluate.add_argument("--model", default="default",
                          help="default | lexicon | NAME | PATH (a .skops file)")
    evaluate.add_argument("--json", action="store_true",
                          help="print exactly one JSON object on stdout")
    evaluate.set_defaults(func=run_evaluate)

    train = verbs.add_parser("train", help="train the sentiment model on the corpora train splits")
    train.add_argument("--corpora", default=None,
                       help="folder of normalised corpora (default: OPEUNLIKE_CORPORA or "
                            "data/external/corpora)")
    train.add_argument("--out", default=str(paths.MODELS / "sentiment.skops"),
                       help="model file to write (default: models/sentiment.skops)")
    train.add_argument("--config", default="default",
                       help="model configuration: default | light | reference")
    train.set_defaults(func=run_train)


def _read_any(path: Path):
    import pandas as pd

    from analysis.schema import read_table

    if path.suffix == ".parquet":
        return read_table(path)
    if path.suffix in (".csv", ".tsv"):
        return pd.read_csv(path, sep="\t" if path.suffix == ".tsv" else ",", dtype=str,
                           keep_default_na=False)
    raise ValueError(f"{path}: unsupported table format (use .parquet, .csv or .tsv)")


def _write_any(frame, path: Path) -> None:
    from analysis.io import write_table

    write_table(frame, path)  # atomic; Parquet keeps raw cells, CSV/TSV neutralise formulas


def _analyzer(model: str):
    from analysis.errors import UserFacingError
    from analysis.sentiment import create_analyzer
    from analysis.sentiment.persist import UntrustedModelError

    try:
        return create_analyzer(model)
    except (FileNotFoundError, UntrustedModelError) as exc:
        raise UserFacingError(str(exc), exit_code=2) from None


def run_classify(args: argparse.Namespace) -> int:
    from analysis.errors import UserFacingError

    source, target = Path(args.input), Path(args.output)
    if not source.is_file():
        raise UserFacingError(f"{source}: no such file", exit_code=2)
    analyzer = _analyzer(args.model)
    try:
        posts = _read_any(source)
        out = analyzer.predict_frame(posts, text_column=args.text_column,
                                     progress=not args.no_progress)
        _write_any(out, target)
    except (KeyError, ValueError) as exc:
        raise UserFacingError(f"{source}: {exc}", exit_code=2) from None
    print(f"{len(out):,} posts classified with {analyzer.description} -> {target}",
          file=sys.stderr)
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    from analysis.errors import UserFacingError
    from analysis.datasets import read_tsv
    from analysis.sentiment.evaluate import evaluate, format_report

    data_path = Path(args.data)
    if not data_path.is_file():
        raise UserFacingError(f"{data_path}: no such file", exit_code=2)
    try:
        data = read_tsv(data_path)
    except ValueError as exc:
        raise UserFacingError(str(exc), exit_code=2) from None
    analyzer = _analyzer(args.model)
    report = evaluate(analyzer.model, data)
    if args.json:
        keys = ("n", "macro_f1", "weighted_f1", "accuracy", "per_lang", "confusion",
                "posts_per_s")
        print(json.dumps({k: report[k] for k in keys}, ensure_ascii=False))
    else:
        print(format_report(report, f"{data_path} — {analyzer.description}"))
    return 0


def run_train(args: argparse.Namespace) -> int:
    from analysis.errors import UserFacingError
    from analysis.sentiment.train import train_and_save

    try:
        result = train_and_save(args.corpora, Path(args.out), config=args.config)
    except FileNotFoundError as exc:
        raise UserFacingError(str(exc), exit_code=2) from None
    print(f"wrote {result['path']} ({result['config']}): trained on {result['rows']:,} train "
          f"and dev rows in {result['seconds']:.0f} s; its cross-validated scores come from "
          "`python benchmarks/sentiment.py` (see the model card)")
    return 0
