"""Model cards: ``models/NAME.md`` written next to every saved model.

The card is generated from the training run's metadata and the corpora registry
(citations, licences), so its figures are always those of the saved file.
"""

from __future__ import annotations

from pathlib import Path

from analysis.datasets import REGISTRY

FAILURE_MODES = """\
- **Domain shift.** Every training corpus is narrow (MAC: pre-cleaned tweets with no
  emoji, URLs or Latin letters; XLM-T Arabic: Gulf/Egyptian/Levantine tweets; XLM-T
  French: environment and politics; MYC: YouTube comments; AfriSenti: Arabizi tweets).
  Posts unlike all of them (2016 Facebook comments about telecom operators) get a
  blend of experts; expect lower accuracy than the dev figures above.
- **Emoji shortcuts.** MYC's labels follow emoji almost mechanically. The mixture keeps
  MYC's habits in the MYC expert, but a post that looks like a YouTube comment will
  still be read through "😂 = positive", which is wrong for sarcasm.
- **Sarcasm and irony** are mostly missed, as are negations outside the patterns the
  lexicon rules know.
- **Neutral vs. binary.** MYC has no neutral class: its expert never predicts neutral.
- **MSA vs. Darija** are not separated by the model; the language column printed by the
  analyzer comes from the language identifier, not from this model.
- **Dev figures are in-domain.** Tuning used the dev splits only; the held-out test sets
  (and two cross-domain corpora) are not available here and will score lower."""


def _training_data(trained_on: dict[str, int]) -> str:
    lines = ["| corpus | train rows | upstream @ commit | licence | citation |",
             "| --- | ---: | --- | --- | --- |"]
    for corpus_id, rows in sorted(trained_on.items()):
        c = REGISTRY.get(corpus_id)
        if c is None:
            lines.append(f"| {corpus_id} | {rows:,} | (not in registry) | | |")
            continue
        lines.append(f"| {corpus_id} | {rows:,} | {c.repo} @ {c.commit[:7]} | {c.licence} | "
                     f"{c.citation} |")
    return "\n".join(lines)


def _dev_table(dev: dict[str, dict]) -> str:
    lines = ["| dev slice | n | macro-F1 | weighted-F1 | accuracy |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for name, m in dev.items():
        lines.append(f"| {name} | {m['n']} | {m['macro_f1']:.3f} | {m['weighted_f1']:.3f} | "
                     f"{m['accuracy']:.3f} |")
    return "\n".join(lines)


def render_card(name: str, metadata: dict, benchmark: str | None = None) -> str:
    """The Markdown card of model ``name`` from its training metadata.

    ``benchmark`` (Markdown written by ``benchmarks/sentiment.py``) is included as is.
    """
    bench = benchmark.strip() if benchmark else (
        "Not run yet: `python benchmarks/sentiment.py` trains the reference and this model "
        "in one run and writes the side-by-side table here.")
    return f"""# Model card: `{name}`

Sentiment classifier (positive / negative / neutral) for French, MSA, Moroccan Darija
in Arabic script and Arabizi. Configuration `{metadata['config']}` of
`analysis.sentiment.models.build_pipeline` (scikit-learn Pipeline, saved with skops:
`models/{name}.skops`, git-ignored; metadata in `models/{name}.json`).

Load it with `analysis.sentiment.create_analyzer("{name}")`, or
`create_analyzer("default")` when it is `models/sentiment.skops`.

## How it was built

```
{metadata['command']}
```

Training took {metadata['train_seconds']} s in one process (Python {metadata['python']}).
Only the train splits were fitted; the figures below are on the dev splits.

## Training data

{_training_data(metadata['trained_on'])}

Do not redistribute the texts; cite the papers above in anything published
(see `../shared/corpora/README.md` for the licence notes).

## Dev figures

Protocol (`analysis.sentiment.evaluate`): the model predicts from raw text only; on
a file whose gold labels contain no `neutral` (MYC) the prediction is the likelier of
positive and negative. `afrisenti_ary_latn` is AfriSenti's Arabizi rows.

{_dev_table(metadata['dev'])}

Re-score any TSV in the shared schema:
`opeunlike sentiment evaluate DATA.tsv --model models/{name}.skops`.

## Benchmark against the reference

{bench}

## Known failure modes

{FAILURE_MODES}
"""


def benchmark_path(card_path: Path) -> Path:
    """Where ``benchmarks/sentiment.py`` leaves its table for the card of ``card_path``."""
    return card_path.with_name(card_path.stem + "-benchmark.md")


def write_card(path: Path, name: str, metadata: dict) -> Path:
    """Write the card, including the benchmark table when one was written before."""
    path = Path(path)
    bench = benchmark_path(path)
    text = bench.read_text(encoding="utf-8") if bench.is_file() else None
    path.write_text(render_card(name, metadata, text), encoding="utf-8")
    return path
