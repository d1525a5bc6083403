"""The registry of public labelled corpora: where each lives, under what terms,
and how its raw files become the shared TSV schema.

URLs point at ``raw.githubusercontent.com`` at the full commit pinned in the
corpora README, so a fetch is reproducible. **sha256 is ``None`` for every file**:
this project was built on a machine without internet access, so the real
upstream checksums could not be computed, and inventing them would make the
verification a lie. :func:`analysis.datasets.fetch.fetch` therefore refuses a file
with no known checksum unless ``trust_on_first_use`` is set, in which case it
records the checksum it saw into a local lock file and verifies against that
from then on. Fill the ``sha256`` fields here once someone computes them.

Only train and dev(val) files are listed: test splits are never fetched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

import pandas as pd

from analysis.datasets import clean, parsers

RAW_HOST = "https://raw.githubusercontent.com"


@dataclass(frozen=True)
class UpstreamFile:
    """One upstream file at a pinned commit."""

    path: str
    sha256: str | None = None


@dataclass(frozen=True)
class Corpus:
    """A public corpus: provenance, terms, and its normaliser.

    ``normalise`` takes ``{role: raw bytes}`` for the roles in ``files`` and returns
    the train and dev rows in the shared schema.
    """

    id: str
    repo: str
    commit: str
    files: dict[str, UpstreamFile]
    licence: str
    citation: str
    normalise: Callable[[dict[str, bytes]], pd.DataFrame]
    notes: str = ""
    langs: tuple[str, ...] = field(default_factory=tuple)

    def url(self, role: str, host: str = RAW_HOST) -> str:
        """Download address of one file (``host`` can point at a mirror)."""
        path = quote(self.files[role].path)
        return f"{host.rstrip('/')}/{self.repo}/{self.commit}/{path}"


def _afrisenti(raw: dict[str, bytes]) -> pd.DataFrame:
    parts = {}
    for split in ("train", "dev"):
        rows = parsers.parse_afrisenti(raw[split], f"afrisenti/{split}.tsv")
        # The trailing ' or , marked the row's origin (README): strip it so models cannot learn it.
        rows["text"] = rows["text"].map(lambda t: clean.clean_text(t, strip_trailing_marker=True))
        rows["lang"] = rows["text"].map(clean.script_lang)
        parts[split] = clean.deduplicate(rows.dropna(subset=["lang"])).assign(split=split)
    parts["dev"] = clean.drop_seen(parts["dev"], parts["train"])
    return clean.to_schema(pd.concat(parts.values(), ignore_index=True), "afrisenti_ary")


def _xlmt(corpus_id: str, lang: str) -> Callable[[dict[str, bytes]], pd.DataFrame]:
    def normalise(raw: dict[str, bytes]) -> pd.DataFrame:
        parts = {}
        for split, upstream in (("train", "train"), ("dev", "val")):
            rows = parsers.parse_xlmt(raw[f"{upstream}_text"], raw[f"{upstream}_labels"],
                                      f"{corpus_id}/{upstream}")
            rows["text"] = rows["text"].map(clean.clean_text)
            parts[split] = clean.deduplicate(rows.assign(lang=lang)).assign(split=split)
        parts["dev"] = clean.drop_seen(parts["dev"], parts["train"])
        return clean.to_schema(pd.concat(parts.values(), ignore_index=True), corpus_id)
    return normalise


def _split_whole(rows: pd.DataFrame, corpus_id: str) -> pd.DataFrame:
    rows = clean.deduplicate(rows)
    rows["split"] = clean.deterministic_split(rows, corpus_id)
    # The created test part is dropped here: this project never holds it.
    return clean.to_schema(rows[rows["split"] != "test"], corpus_id)


def _mac(raw: dict[str, bytes]) -> pd.DataFrame:
    rows = parsers.parse_mac(raw["corpus"], "MAC corpus.csv")
    rows = rows[rows["label"] != "mixed"].copy()
    rows["text"] = rows["text"].map(clean.clean_text)
    rows = rows[rows["text"] != ""]
    # MAC tags each row standard/dialectal ("diatectal" is an upstream typo).
    rows["lang"] = rows["class"].map({"standard": "ar", "dialectal": "ary", "diatectal": "ary"})
    rows = rows.dropna(subset=["lang"]).drop(columns="class")
    return _split_whole(rows, "mac")


def _myc(raw: dict[str, bytes]) -> pd.DataFrame:
    rows = parsers.parse_myc(raw["corpus"], "DATA_CLEANED.csv")
    rows["text"] = rows["text"].map(lambda t: clean.clean_text(t, strip_quote_debris=True))
    rows["lang"] = rows["text"].map(clean.script_lang)
    return _split_whole(rows.dropna(subset=["lang"]), "myc")


_XLMT_CITATION = (
    "Barbieri, Espinosa Anke & Camacho-Collados 2022, XLM-T: Multilingual Language Models "
    "in Twitter for Sentiment Analysis and Beyond, LREC 2022")
_XLMT_LICENCE = ("repository Apache-2.0 (LICENSE); README: the restrictions of the original "
                 "datasets and of Twitter apply to the data")
_XLMT_REPO, _XLMT_COMMIT = "cardiffnlp/xlm-t", "874214d64d96599eb869a033c22ec2cc57d19256"


def _xlmt_files(folder: str) -> dict[str, UpstreamFile]:
    return {f"{split}_{kind}": UpstreamFile(f"data/sentiment/{folder}/{split}_{kind}.txt")
            for split in ("train", "val") for kind in ("text", "labels")}


REGISTRY: dict[str, Corpus] = {c.id: c for c in (
    Corpus(
        id="afrisenti_ary", repo="afrisenti-semeval/afrisent-semeval-2023",
        commit="5aec3cfcf87b59f885e98641f72e52182776429d",
        files={"train": UpstreamFile("data/ary/train.tsv"),
               "dev": UpstreamFile("data/ary/dev.tsv")},
        licence="CC BY 4.0 (README, 'License' section)",
        citation=("Muhammad et al. 2023, AfriSenti: A Twitter Sentiment Analysis Benchmark for "
                  "African Languages, EMNLP 2023; Muhammad et al. 2023, SemEval-2023 Task 12"),
        normalise=_afrisenti, langs=("ary", "ary_latn"),
        notes="Use for 3-class Arabizi; its Arabic-script rows are nearly all neutral headlines."),
    Corpus(
        id="xlmt_arabic", repo=_XLMT_REPO, commit=_XLMT_COMMIT, files=_xlmt_files("arabic"),
        licence=_XLMT_LICENCE,
        citation=_XLMT_CITATION + "; Rosenthal, Farra & Nakov 2017, SemEval-2017 Task 4",
        normalise=_xlmt("xlmt_arabic", "ar"), langs=("ar",),
        notes="Gulf, Egyptian and Levantine tweets: Arabic, not Moroccan."),
    Corpus(
        id="xlmt_french", repo=_XLMT_REPO, commit=_XLMT_COMMIT, files=_xlmt_files("french"),
        licence=_XLMT_LICENCE,
        citation=_XLMT_CITATION + "; Benamara et al. 2017, DEFT 2017",
        normalise=_xlmt("xlmt_french", "fr"), langs=("fr",),
        notes="Dominated by environment, energy and politics tweets."),
    Corpus(
        id="mac", repo="LeMGarouani/MAC", commit="9fa9d89dcb0d485f12c81cd09a6681b8dae2b828",
        files={"corpus": UpstreamFile("MAC corpus.csv")},
        licence="no licence file; README: 'an open and free Moroccan Arabic corpus', cite it",
        citation=("Garouani & Kharroubi 2022, MAC: An Open and Free Moroccan Arabic Corpus for "
                  "Sentiment Analysis, SCA 2021, LNNS 393, doi:10.1007/978-3-030-94191-8_68"),
        normalise=_mac, langs=("ar", "ary"),
        notes="Pre-cleaned by its authors: no emoji, URLs, Latin letters or digits."),
    Corpus(
        id="myc", repo="MouadJb/MYC", commit="645d51af6dce7bae3f27ffc3005e4d788d5ee2e4",
        files={"corpus": UpstreamFile("DATA_CLEANED.csv")},
        licence="no licence file; README: 'Kindly cite our work upon any usage of our dataset'",
        citation=("Jbel et al. 2024, Sentiment analysis dataset in Moroccan dialect: bridging the "
                  "gap between Arabic and Latin scripted dialect, Language Resources and "
                  "Evaluation, doi:10.1007/s10579-024-09764-6 (arXiv:2303.15987)"),
        normalise=_myc, langs=("ary", "ary_latn"),
        notes="Binary; labels follow emoji almost mechanically (see the corpora README)."),
)}


def get_corpus(corpus_id: str) -> Corpus:
    """The registry entry, or an error listing the known ids.

    Examples
    --------
    >>> get_corpus("mac").url("corpus")[:60]
    'https://raw.githubusercontent.com/LeMGarouani/MAC/9fa9d89dcb'
    """
    try:
        return REGISTRY[corpus_id]
    except KeyError:
        raise KeyError(f"unknown corpus {corpus_id!r}; known: {sorted(REGISTRY)}") from None
