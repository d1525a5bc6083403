"""What each idea is worth: the shipped sentiment configuration against variants, under
the cross-validation protocol, with the reference on the same folds.

    OPEUNLIKE_CORPORA=../shared/corpora .venv/bin/python benchmarks/sentiment_ablations.py [--repeats 1]

Each row changes one or two parameters of ``build_pipeline("default")`` and gives the
macro-F1 gain over the reference in points, per corpus and on the mean of corpora.
One repetition of 2 folds is the default (a screening pass; the intervals of
``benchmarks/sentiment.py`` say how much a point is worth). The table is written to
``models/sentiment-ablations.md``, which the model card includes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a fresh clone
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from analysis import datasets, paths  # noqa: E402
from analysis.sentiment import protocol  # noqa: E402
from analysis.sentiment.models import build_pipeline  # noqa: E402

#: name -> parameters changed from the shipped configuration
VARIANTS = {
    "shipped": {},
    "no NB weighting": {"nb": False},
    "no French expert": {"experts": ()},
    "French and MAC experts": {"experts": ("fr", "mac")},
    "no corpus balance": {"corpus_power": 0.0},
    "full corpus balance": {"corpus_power": 1.0},
    "2**19 columns": {"n_bits": 19},
    "char 2-5 (no single characters)": {"char_range": (2, 5)},
    "no word pairs": {"word_range": (1, 1)},
    "C = 3": {"C": 3.0},
}


def refresh_card() -> None:
    """Re-render ``models/sentiment.md`` with the new table, when the model's metadata exists."""
    from analysis.sentiment.card import write_card
    from analysis.sentiment.persist import load_metadata

    metadata = load_metadata(paths.MODELS / "sentiment.skops")
    if metadata:
        write_card(paths.MODELS / "sentiment.md", "sentiment", metadata)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", default=None)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--only", nargs="*", help="variant names to run (default: all)")
    args = parser.parse_args(argv)
    corpora = datasets.resolve_corpora(args.corpora)
    frame = pd.concat([datasets.load_split("train", corpora), datasets.load_split("dev", corpora)],
                      ignore_index=True)
    reference = protocol.cross_validate(lambda: build_pipeline("reference"), frame,
                                        repeats=args.repeats)
    ref = reference.groupby("corpus")["macro_f1"].mean()
    rows = []
    for name, change in VARIANTS.items():
        if args.only and name not in args.only:
            continue
        start = time.perf_counter()
        scores = protocol.cross_validate(
            lambda change=change: build_pipeline("default").set_params(**change), frame,
            repeats=args.repeats)
        ours = scores.groupby("corpus")["macro_f1"].mean()
        gain = (100 * (ours - ref)).round(1)
        rows.append({"variant": name, "change": str(change) if change else "",
                     "mean": round(100 * (ours.mean() - ref.mean()), 1), **gain.to_dict()})
        print(f"{name}: {time.perf_counter() - start:.0f} s, mean {rows[-1]['mean']:+.1f}",
              file=sys.stderr, flush=True)
    table = pd.DataFrame(rows)
    corpora_cols = [c for c in table.columns if c not in ("variant", "change", "mean")]
    lines = ["| variant | change | mean | " + " | ".join(corpora_cols) + " |",
             "| --- | --- | ---: | " + " | ".join("---:" for _ in corpora_cols) + " |"]
    for row in table.itertuples(index=False):
        values = row._asdict()
        lines.append(f"| {values['variant']} | `{values['change']}` | {values['mean']:+.1f} | "
                     + " | ".join(f"{values[c]:+.1f}" for c in corpora_cols) + " |")
    text = (f"Gain over the reference in macro-F1 points, {args.repeats}x2 folds, same folds "
            "for every row:\n\n```\nOPEUNLIKE_CORPORA=../shared/corpora .venv/bin/python "
            f"benchmarks/sentiment_ablations.py --repeats {args.repeats}\n```\n\n"
            + "\n".join(lines) + "\n")
    print(text)
    if not args.only:
        (paths.MODELS / "sentiment-ablations.md").write_text(text, encoding="utf-8")
        refresh_card()
    return 0


if __name__ == "__main__":
    sys.exit(main())
