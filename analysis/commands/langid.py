"""``opeunlike langid identify|train|evaluate``: thin wrappers over :mod:`analysis.langid`."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from analysis.commands._options import add_json, add_output, add_progress, output, write_frame
from analysis.errors import UserFacingError


def register(subparsers) -> None:
    parser = subparsers.add_parser("langid", help="identify fr / ar / ary / ary_latn / en / other")
    verbs = parser.add_subparsers(dest="langid_verb", metavar="VERB", required=True)

    p = verbs.add_parser("identify", help="add the language columns (lang, p_*, code_switched, "
                         "switch_labels, lang_model) to every post of a table")
    p.add_argument("input", type=Path, help="table with a `text` column (.parquet, .tsv, .csv)")
    add_output(p, "output table (.parquet, .csv or .tsv): the input plus the language columns",
               legacy=True)
    p.add_argument("--text-column", default="text", help="column holding the text (default: text)")
    p.add_argument("--model", type=Path, help="trained model (default: models/langid.skops)")
    p.add_argument("--rules", action="store_true", help="use the rule fallback even if a model exists")
    p.add_argument("--replace", action="store_true",
                   help="relabel a table that already has language columns (they are dropped)")
    add_progress(p)
    p.set_defaults(func=_identify)

    p = verbs.add_parser("train", help="train on the corpora's train splits; save models/langid.skops")
    p.add_argument("--corpora", type=Path, help="corpora folder (default: OPEUNLIKE_CORPORA)")
    p.add_argument("-o", "--out", type=Path, help="model file (default: models/langid.skops)")
    add_progress(p)
    p.set_defaults(func=_train)

    p = verbs.add_parser("evaluate", help="scores on a TSV in the shared corpus schema")
    p.add_argument("data", type=Path, help="TSV with text, label, lang, source, split")
    p.add_argument("--model", type=Path, help="trained model (default: models/langid.skops)")
    p.add_argument("--rules", action="store_true", help="evaluate the rule fallback")
    add_json(p)
    p.set_defaults(func=_evaluate)


def _model(args):
    from analysis.langid import RuleIdentifier, load_identifier

    if args.rules:
        return RuleIdentifier().fit()
    try:
        return load_identifier(args.model, fallback=args.model is None)
    except (FileNotFoundError, ValueError) as exc:
        raise UserFacingError(str(exc)) from exc


def read_table(path: Path, text_column: str = "text") -> pd.DataFrame:
    """Read a Parquet, TSV or CSV table that has ``text_column``."""
    if not path.is_file():
        raise UserFacingError(f"{path}: no such file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            frame = pd.read_parquet(path)
        elif suffix in (".tsv", ".tab", ".txt"):
            from analysis.datasets import read_tsv

            frame = read_tsv(path) if text_column == "text" and _has_schema(path) else pd.read_csv(
                path, sep="\t", keep_default_na=False, dtype=str)
        elif suffix == ".csv":
            frame = pd.read_csv(path, keep_default_na=False, dtype=str)
        else:
            raise UserFacingError(f"{path}: unknown table format {suffix!r} (use .parquet or .tsv)")
    except UserFacingError:
        raise
    except Exception as exc:  # pandas/pyarrow raise many types; the message names the problem
        raise UserFacingError(f"{path}: cannot read table: {exc}") from exc
    if text_column not in frame.columns:
        raise UserFacingError(f"{path}: no column {text_column!r} (columns: {list(frame.columns)})")
    return frame


def _has_schema(path: Path) -> bool:
    with open(path, encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
    return {"text", "label", "lang", "source", "split"} <= set(header)


def _identify(args) -> int:
    from analysis.langid import identify

    out = output(args)
    frame = read_table(args.input, args.text_column)
    try:
        result = identify(frame, model=_model(args), text_column=args.text_column,
                          replace=args.replace, progress=not args.no_progress,
                          batch_size=20_000)
    except ValueError as exc:
        raise UserFacingError(f"{args.input}: {exc} (--replace relabels it)", 2) from None
    write_frame(result, out)
    counts = result["lang"].value_counts().to_dict()
    print(f"{len(result)} posts ({result['lang_model'].iat[0] if len(result) else 'no'} model): "
          + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)
    return 0


def _train(args) -> int:
    from analysis.langid import DEFAULT_MODEL, evaluate_identifier, train_identifier
    from analysis import datasets

    from analysis.progress import working

    try:
        with working("training the language identifier", enabled=not args.no_progress):
            model = train_identifier(args.corpora, path=args.out)
    except FileNotFoundError as exc:
        raise UserFacingError(str(exc), exit_code=2) from exc
    print(f"saved {args.out or DEFAULT_MODEL}", file=sys.stderr)
    from analysis.langid.training import language_tagged

    try:
        dev = language_tagged(datasets.load_split("dev", args.corpora))
    except FileNotFoundError:
        return 0
    result = evaluate_identifier(dev, model=model)
    print(f"dev of the language-tagged corpora: macro-F1 {result['macro_f1']:.3f}, MAC MSA vs Darija "
          f"{result['msa_vs_darija_macro_f1']:.3f}", file=sys.stderr)
    return 0


def _evaluate(args) -> int:
    from analysis.datasets import read_tsv
    from analysis.langid import evaluate_identifier, evaluation_json

    if not args.data.is_file():
        raise UserFacingError(f"{args.data}: no such file")
    try:
        data = read_tsv(args.data)
    except ValueError as exc:
        raise UserFacingError(str(exc)) from exc
    result = evaluate_identifier(data, model=_model(args))
    if args.json:
        print(evaluation_json(result))
        return 0
    print(format_report(result))
    return 0


def format_report(result: dict) -> str:
    """Plain-text evaluation report: macro-F1, per-class scores, confusion matrix."""
    lines = [f"model: {result['model']}   posts: {result['n']}   "
             f"posts/s: {result['posts_per_s']:.0f}",
             f"macro-F1 (lang): {result['macro_f1']:.3f}"]
    msa = result["msa_vs_darija_macro_f1"]
    lines.append("MSA vs Darija macro-F1 (mac, ar/ary): " + ("n/a" if msa is None else f"{msa:.3f}"))
    lines.append("")
    lines.append(f"{'label':10s} {'precision':>9s} {'recall':>7s} {'f1':>6s} {'support':>8s}")
    for label, row in result["per_class"].items():
        lines.append(f"{label:10s} {row['precision']:9.3f} {row['recall']:7.3f} {row['f1']:6.3f} "
                     f"{row['support']:8d}")
    lines.append("")
    confusion = result["confusion"]
    predicted = list(next(iter(confusion.values()), {}))
    lines.append("confusion (rows: gold, columns: predicted)")
    lines.append(f"{'':10s}" + "".join(f"{p:>9s}" for p in predicted))
    for gold, row in confusion.items():
        lines.append(f"{gold:10s}" + "".join(f"{row[p]:9d}" for p in predicted))
    return "\n".join(lines)
