"""From the raw upstream bytes of one corpus to rows in the shared schema.

One builder per corpus, each ``build(raw, exclude) -> DataFrame``: ``raw`` maps
the registry's file roles to the bytes downloaded, ``exclude`` (a
:class:`~analysis.datasets.overlap.TextIndex` or ``None``) holds texts whose
matches must go (held-out texts, and for the four Arabic tweet corpora the rows
of earlier corpora). The rows returned carry ``split`` ``train``, ``dev`` and, for
corpora split here, the created ``test`` part. That part is kept in memory only
so that later corpora can be de-duplicated against it: the fetcher never writes
it (see :meth:`analysis.datasets.registry.Corpus.normalise`).

The steps follow the "Processing" section and the per-corpus cards of the
corpora README.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis.datasets import clean, parsers
from analysis.datasets.overlap import TextIndex, drop_matching

Builder = Callable[[dict[str, bytes], TextIndex | None], pd.DataFrame]


def _official_splits(parts: dict[str, pd.DataFrame], corpus_id: str) -> pd.DataFrame:
    """De-duplicate each official split and drop dev rows already in train."""
    done = {split: clean.deduplicate(rows).assign(split=split) for split, rows in parts.items()}
    done["dev"] = clean.drop_seen(done["dev"], done["train"])
    return clean.to_schema(pd.concat(done.values(), ignore_index=True), corpus_id)


def afrisenti(raw: dict[str, bytes], exclude: TextIndex | None = None) -> pd.DataFrame:
    parts = {}
    for split in ("train", "dev"):
        rows = parsers.parse_afrisenti(raw[split], f"afrisenti/{split}.tsv")
        # The trailing ' or , marked the row's origin (README): strip it so models cannot learn it.
        rows["text"] = rows["text"].map(lambda t: clean.clean_text(t, strip_trailing_marker=True))
        rows["lang"] = rows["text"].map(clean.script_lang)
        parts[split] = drop_matching(rows.dropna(subset=["lang"]), exclude)
    return _official_splits(parts, "afrisenti_ary")


def xlmt(corpus_id: str, lang: str) -> Builder:
    def build(raw: dict[str, bytes], exclude: TextIndex | None = None) -> pd.DataFrame:
        parts = {}
        for split, upstream in (("train", "train"), ("dev", "val")):
            rows = parsers.parse_xlmt(raw[f"{upstream}_text"], raw[f"{upstream}_labels"],
                                      f"{corpus_id}/{upstream}")
            rows["text"] = rows["text"].map(clean.clean_text)
            parts[split] = drop_matching(rows.assign(lang=lang), exclude)
        return _official_splits(parts, corpus_id)
    return build


def split_whole(rows: pd.DataFrame, corpus_id: str, exclude: TextIndex | None = None,
                *, drop_labels: tuple[str, ...] = ()) -> pd.DataFrame:
    """De-duplicate a corpus without an official split, drop ``drop_labels`` (they took
    part in de-duplication, as the README says of the mixed classes), drop rows
    matching ``exclude``, then make the 80/10/10 split. Returns all three parts."""
    rows = clean.deduplicate(rows[rows["text"] != ""])
    rows = rows[~rows["label"].isin(drop_labels)].reset_index(drop=True)
    rows = drop_matching(rows, exclude)
    rows["split"] = clean.deterministic_split(rows, corpus_id)
    return clean.to_schema(rows, corpus_id)


def mac(raw: dict[str, bytes], exclude: TextIndex | None = None) -> pd.DataFrame:
    rows = parsers.parse_mac(raw["corpus"], "MAC corpus.csv")
    rows = rows[rows["label"] != "mixed"].copy()
    rows["text"] = rows["text"].map(clean.clean_text)
    # MAC tags each row standard/dialectal ("diatectal" is an upstream typo).
    rows["lang"] = rows["class"].map({"standard": "ar", "dialectal": "ary", "diatectal": "ary"})
    rows = rows.dropna(subset=["lang"]).drop(columns="class")
    return split_whole(rows, "mac", exclude)


def myc(raw: dict[str, bytes], exclude: TextIndex | None = None) -> pd.DataFrame:
    rows = parsers.parse_myc(raw["corpus"], "DATA_CLEANED.csv")
    rows["text"] = rows["text"].map(lambda t: clean.clean_text(t, strip_quote_debris=True))
    rows["lang"] = rows["text"].map(clean.script_lang)
    return split_whole(rows.dropna(subset=["lang"]), "myc", exclude)


def _arabic_tweets(rows: pd.DataFrame, corpus_id: str, exclude: TextIndex | None,
                   **clean_options) -> pd.DataFrame:
    """The four Arabic tweet corpora: all ``ar``, pooled, mixed dropped after dedup."""
    rows = rows.assign(text=rows["text"].map(lambda t: clean.clean_text(t, **clean_options)),
                       lang="ar")
    return split_whole(rows, corpus_id, exclude, drop_labels=("mixed",))


def arsarcasm_v2(raw: dict[str, bytes], exclude: TextIndex | None = None) -> pd.DataFrame:
    rows = pd.concat([parsers.parse_arsarcasm(raw["training"], "training_data.csv"),
                      parsers.parse_arsarcasm(raw["testing"], "testing_data.csv")],
                     ignore_index=True)
    # Tweets wrapped in tripled quotes upstream keep one " at each end after CSV parsing.
    return _arabic_tweets(rows, "arsarcasm_v2", exclude, strip_quote_debris=True)


def astd(raw: dict[str, bytes], exclude: TextIndex | None = None) -> pd.DataFrame:
    rows = parsers.parse_text_tab_label(raw["tweets"], parsers.ASTD_LABELS, "Tweets.txt")
    return _arabic_tweets(rows, "astd", exclude)


def arsas(raw: dict[str, bytes], exclude: TextIndex | None = None) -> pd.DataFrame:
    rows = pd.concat([
        parsers.parse_text_tab_label(raw["train"], parsers.ARSAS_LABELS, "ArSAS-train.txt"),
        parsers.parse_text_tab_label(raw["test"], parsers.ARSAS_LABELS, "ArSAS-test.txt"),
    ], ignore_index=True)
    return _arabic_tweets(rows, "arsas", exclude)


def ajgt(raw: dict[str, bytes], exclude: TextIndex | None = None) -> pd.DataFrame:
    rows = parsers.parse_ajgt(raw["corpus"], "AJGT.xlsx")
    return _arabic_tweets(rows, "ajgt", exclude)
