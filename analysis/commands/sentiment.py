"""``opeunlike sentiment classify|evaluate|train``: thin wrappers over analysis.sentiment."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from analysis import paths
from analysis.commands._options import add_json, add_output, add_progress, output, write_frame
from analysis.errors import UserFacingError


def register(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser("sentiment", help="classify, evaluate and train sentiment models")
    verbs = group.add_subparsers(dest="sentiment_verb", metavar="ACTION", required=True)

    classify = verbs.add_parser(
        "classify", help="add sentiment, p_positive, p_negative, p_neutral and sentiment_model "
        "to a post table (language ID first when it has no lang column)")
    classify.add_argument("input", help="post table (.parquet, .csv or .tsv)")
    add_output(classify, "output table (.parquet, .csv or .tsv)", legacy=True)
    classify.add_argument("--model", default="default",
                          help="default | lexicon | NAME (models/NAME.skops) | PATH")
    classify.add_argument("--text-column", default="text",
                          help="column holding the text (default: text)")
    classify.add_argument("--replace", action="store_true",
                          help="reclassify a table that already has sentiment columns")
    add_progress(classify)
    classify.set_defaults(func=run_classify)

    evaluate = verbs.add_parser(
        "evaluate", help="metrics of a model on a TSV in the shared corpora schema")
    evaluate.add_argument("data", help="TSV with text, label, lang, source, split")
    evaluate.add_argument("--model", default="default",
                          help="default | lexicon | NAME | PATH (a .skops file)")
    add_json(evaluate)
    evaluate.add_argument("--as-new-domain", action="store_true",
                          help="do not tell the model which corpus each row comes from "
                               "(the source column): score it as on a domain never seen")
    evaluate.set_defaults(func=run_evaluate)

    train = verbs.add_parser("train", help="train the sentiment model on the corpora train splits")
    train.add_argument("--corpora", default=None,
                       help="folder of normalised corpora (default: OPEUNLIKE_CORPORA or "
                            "data/external/corpora)")
    train.add_argument("-o", "--out", default=str(paths.MODELS / "sentiment.skops"),
                       help="model file to write (default: models/sentiment.skops)")
    train.add_argument("--config", default="default",
                       help="model configuration: default | light | reference")
    add_progress(train)
    train.set_defaults(func=run_train)


def _read_any(path: Path):
    import pandas as pd

    from analysis.io import read_table

    if path.suffix == ".parquet":
        return read_table(path)
    if path.suffix in (".csv", ".tsv"):
        return pd.read_csv(path, sep="\t" if path.suffix == ".tsv" else ",", dtype=str,
                           keep_default_na=False)
    raise ValueError(f"{path}: unsupported table format (use .parquet, .csv or .tsv)")


def _analyzer(model: str):
    from analysis.sentiment import create_analyzer
    from analysis.sentiment.persist import UntrustedModelError

    try:
        return create_analyzer(model)
    except (FileNotFoundError, UntrustedModelError) as exc:
        raise UserFacingError(str(exc), exit_code=2) from None


def run_classify(args: argparse.Namespace) -> int:
    from analysis.sentiment import classify

    out = output(args)
    source = Path(args.input)
    if not source.is_file():
        raise UserFacingError(f"{source}: no such file", exit_code=2)
    analyzer = _analyzer(args.model)
    try:
        posts = _read_any(source)
        result = classify(posts, analyzer, text_column=args.text_column, replace=args.replace,
                          progress=not args.no_progress)
    except (KeyError, ValueError) as exc:
        raise UserFacingError(f"{source}: {exc}", exit_code=2) from None
    write_frame(result, out)  # atomic; Parquet keeps raw cells, CSV/TSV neutralise formulas
    print(f"{len(result):,} posts classified with {analyzer.description} -> {out}",
          file=sys.stderr)
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
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
    report = evaluate(analyzer.model, data, use_domains=not args.as_new_domain)
    if args.json:
        keys = ("n", "macro_f1", "weighted_f1", "accuracy", "per_lang", "confusion",
                "posts_per_s")
        print(json.dumps({k: report[k] for k in keys}, ensure_ascii=False))
    else:
        print(format_report(report, f"{data_path} — {analyzer.description}"))
    return 0


def run_train(args: argparse.Namespace) -> int:
    from analysis.sentiment.train import train_and_save

    from analysis.progress import working

    try:
        with working(f"training the sentiment model ({args.config})", enabled=not args.no_progress):
            result = train_and_save(args.corpora, Path(args.out), config=args.config)
    except FileNotFoundError as exc:
        raise UserFacingError(str(exc), exit_code=2) from None
    print(f"wrote {result['path']} ({result['config']}): trained on {result['rows']:,} train "
          f"and dev rows in {result['seconds']:.0f} s; its cross-validated scores come from "
          "`python benchmarks/sentiment.py` (see the model card)")
    return 0
