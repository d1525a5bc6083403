"""The registry of public labelled corpora: where each lives, under what terms,
and how its raw files become the shared TSV schema.

URLs point at ``raw.githubusercontent.com`` at the full commit pinned in the
corpora README, so a fetch is reproducible, and every file carries the sha256 of
its bytes at that commit, copied from ``../shared/corpora/UPSTREAM.tsv`` (a test
checks that they agree). :func:`analysis.datasets.fetch.fetch` refuses a download
whose checksum differs. The old trust-on-first-use path remains only for a file
registered without a checksum (none is today).

Held-out data is never fetched: the test splits of AfriSenti and XLM-T are not
listed. ArSarcasm-v2's ``testing_data.csv`` and the ArSAS copy's
``ArSAS-test.txt`` are listed because the shared copies pool them with the
training files and re-split 80/10/10 (neither is a held-out set of this project).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import quote

import pandas as pd

from analysis.datasets import builders
from analysis.datasets.overlap import TextIndex

RAW_HOST = "https://raw.githubusercontent.com"


@dataclass(frozen=True)
class UpstreamFile:
    """One upstream file at a pinned commit, with the sha256 of its bytes."""

    path: str
    sha256: str | None = None


@dataclass(frozen=True)
class Corpus:
    """A public corpus: provenance, terms, and its builder.

    ``build`` takes ``{role: raw bytes}`` for the roles in ``files`` and a
    :class:`~analysis.datasets.overlap.TextIndex` of texts to exclude, and returns
    every part in the shared schema, including a created ``test`` part (kept in
    memory only). :meth:`normalise` returns what may be written: train and dev.

    ``dedup_against_earlier``: rows matching a corpus earlier in :data:`FETCH_ORDER`
    are dropped (the README's rule for the four Arabic tweet corpora).
    ``held_out``: a held-out set this corpus re-annotates; a fetch must be given
    its texts to remove them (see :func:`analysis.datasets.fetch.fetch`).
    """

    id: str
    repo: str
    commit: str
    files: dict[str, UpstreamFile]
    licence: str
    citation: str
    build: builders.Builder
    notes: str = ""
    langs: tuple[str, ...] = field(default_factory=tuple)
    dedup_against_earlier: bool = False
    held_out: str = ""

    def url(self, role: str, host: str = RAW_HOST) -> str:
        """Download address of one file (``host`` can point at a mirror)."""
        path = quote(self.files[role].path)
        return f"{host.rstrip('/')}/{self.repo}/{self.commit}/{path}"

    def normalise(self, raw: dict[str, bytes], exclude: TextIndex | None = None) -> pd.DataFrame:
        """The train and dev rows in the shared schema (a created test part is dropped)."""
        rows = self.build(raw, exclude)
        return rows[rows["split"] != "test"].reset_index(drop=True)

    def with_checksums(self, checksums: dict[str, str | None]) -> Corpus:
        """A copy whose files carry ``checksums`` (by role) instead of the pinned ones.

        For tests that serve small fixture files in place of the upstream ones: the
        production pins stay in :data:`REGISTRY`.
        """
        unknown = set(checksums) - set(self.files)
        if unknown:
            raise KeyError(f"{self.id}: no file role {sorted(unknown)}; "
                           f"roles: {sorted(self.files)}")
        files = {role: replace(f, sha256=checksums.get(role, f.sha256))
                 for role, f in self.files.items()}
        return replace(self, files=files)


_XLMT_CITATION = (
    "Barbieri, Espinosa Anke & Camacho-Collados 2022, XLM-T: Multilingual Language Models "
    "in Twitter for Sentiment Analysis and Beyond, LREC 2022")
_XLMT_LICENCE = ("repository Apache-2.0 (LICENSE); README: the restrictions of the original "
                 "datasets and of Twitter apply to the data")
_XLMT_REPO, _XLMT_COMMIT = "cardiffnlp/xlm-t", "874214d64d96599eb869a033c22ec2cc57d19256"


#: sha256 of each XLM-T file (``../shared/corpora/UPSTREAM.tsv``). Arabic and French
#: share their label files byte for byte (balanced sets of the same size).
_XLMT_SHA256 = {
    "arabic": {
        "train_text": "b817404aa3ed1c4876155f862ef8c2fdedd8fd39b29c40a2323d5b6fbb4d760c",
        "train_labels": "1225a2d319fe4831e1dcb859a51e21c6a8a40c627f4a18c4e872554c385d23f5",
        "val_text": "b25ef545f5ec29f91d53c1805e27f0b73f64eecf04d0194844b9682e65fbe7ee",
        "val_labels": "2728c5af0a67fdb89dfbab4663e5df365c529bb7c513192e829771ebe16aef65",
    },
    "french": {
        "train_text": "11b9d5d5c75b47c2f38e84a843153979e72fe06c89d57c33e242b342b98e70f7",
        "train_labels": "1225a2d319fe4831e1dcb859a51e21c6a8a40c627f4a18c4e872554c385d23f5",
        "val_text": "fc6a9b759e27a9b57db5db90e73e4c280a75b4771637ed5be583f931cde6d9c1",
        "val_labels": "2728c5af0a67fdb89dfbab4663e5df365c529bb7c513192e829771ebe16aef65",
    },
}


def _xlmt_files(folder: str) -> dict[str, UpstreamFile]:
    return {f"{split}_{kind}": UpstreamFile(f"data/sentiment/{folder}/{split}_{kind}.txt",
                                             _XLMT_SHA256[folder][f"{split}_{kind}"])
            for split in ("train", "val") for kind in ("text", "labels")}


_ARABIC_TWEETS_NOTE = ("MSA and Eastern dialects (Egyptian, Gulf, Levantine), not Moroccan: "
                       "tagged ar. Pooled, de-duplicated against earlier corpora, split 80/10/10.")

REGISTRY: dict[str, Corpus] = {c.id: c for c in (
    Corpus(
        id="afrisenti_ary", repo="afrisenti-semeval/afrisent-semeval-2023",
        commit="5aec3cfcf87b59f885e98641f72e52182776429d",
        files={"train": UpstreamFile(
                   "data/ary/train.tsv",
                   "9cf4e642bd8425e506192c161e22498e4867c7cc9814ea5bae7e2182b87c9c2b"),
               "dev": UpstreamFile(
                   "data/ary/dev.tsv",
                   "03c4b5612080aeb7011b2d893504ccd6cd0d0aca329dd3ba34ba7defc170cd60")},
        licence="CC BY 4.0 (README, 'License' section)",
        citation=("Muhammad et al. 2023, AfriSenti: A Twitter Sentiment Analysis Benchmark for "
                  "African Languages, EMNLP 2023; Muhammad et al. 2023, SemEval-2023 Task 12"),
        build=builders.afrisenti, langs=("ary", "ary_latn"),
        notes="Use for 3-class Arabizi; its Arabic-script rows are nearly all neutral headlines."),
    Corpus(
        id="xlmt_arabic", repo=_XLMT_REPO, commit=_XLMT_COMMIT, files=_xlmt_files("arabic"),
        licence=_XLMT_LICENCE,
        citation=_XLMT_CITATION + "; Rosenthal, Farra & Nakov 2017, SemEval-2017 Task 4",
        build=builders.xlmt("xlmt_arabic", "ar"), langs=("ar",),
        notes="Gulf, Egyptian and Levantine tweets: Arabic, not Moroccan."),
    Corpus(
        id="xlmt_french", repo=_XLMT_REPO, commit=_XLMT_COMMIT, files=_xlmt_files("french"),
        licence=_XLMT_LICENCE,
        citation=_XLMT_CITATION + "; Benamara et al. 2017, DEFT 2017",
        build=builders.xlmt("xlmt_french", "fr"), langs=("fr",),
        notes="Dominated by environment, energy and politics tweets."),
    Corpus(
        id="mac", repo="LeMGarouani/MAC", commit="9fa9d89dcb0d485f12c81cd09a6681b8dae2b828",
        files={"corpus": UpstreamFile(
            "MAC corpus.csv",
            "094e624dfdd65e4d3522251a66183ee6eb089c5a55593e8739c48588fd109f61")},
        licence="no licence file; README: 'an open and free Moroccan Arabic corpus', cite it",
        citation=("Garouani & Kharroubi 2022, MAC: An Open and Free Moroccan Arabic Corpus for "
                  "Sentiment Analysis, SCA 2021, LNNS 393, doi:10.1007/978-3-030-94191-8_68"),
        build=builders.mac, langs=("ar", "ary"),
        notes="Pre-cleaned by its authors: no emoji, URLs, Latin letters or digits."),
    Corpus(
        id="myc", repo="MouadJb/MYC", commit="645d51af6dce7bae3f27ffc3005e4d788d5ee2e4",
        files={"corpus": UpstreamFile(
            "DATA_CLEANED.csv",
            "e01093086222a94ee698fae0514c312346aaae3c0eadd2e2c76fc58aeae3081f")},
        licence="no licence file; README: 'Kindly cite our work upon any usage of our dataset'",
        citation=("Jbel et al. 2024, Sentiment analysis dataset in Moroccan dialect: bridging the "
                  "gap between Arabic and Latin scripted dialect, Language Resources and "
                  "Evaluation, doi:10.1007/s10579-024-09764-6 (arXiv:2303.15987)"),
        build=builders.myc, langs=("ary", "ary_latn"),
        notes="Binary; labels follow emoji almost mechanically (see the corpora README)."),
    Corpus(
        id="arsarcasm_v2", repo="iabufarha/ArSarcasm-v2",
        commit="eb85513e133cfc67e30aca4968fadbe2594fcb42",
        files={"training": UpstreamFile(
                   "ArSarcasm-v2/training_data.csv",
                   "1da727eb763459f436c4e61f52c6a0bc63d5300af8fcc99b5675ae4616dae04a"),
               "testing": UpstreamFile(
                   "ArSarcasm-v2/testing_data.csv",
                   "0f0a77ba8a4a0a9370846a42a93a63244092f1fb30a909595b70e17e299bcf6c")},
        licence="MIT (LICENSE, (c) 2021 iabufarha)",
        citation=("Abu Farha, Zaghouani & Magdy 2021, Overview of the WANLP 2021 Shared Task on "
                  "Sarcasm and Sentiment Detection in Arabic, WANLP 2021; Abu Farha & Magdy "
                  "2020, From Arabic Sentiment Analysis to Sarcasm Detection: The ArSarcasm "
                  "Dataset, OSACT 2020"),
        build=builders.arsarcasm_v2, langs=("ar",), dedup_against_earlier=True,
        held_out=("XLM-T's Arabic test split (SemEval-2017 tweets; cardiffnlp/xlm-t "
                  "data/sentiment/arabic/test_text.txt)"),
        notes=_ARABIC_TWEETS_NOTE + " Sarcasm flag and dialect not kept. Its rows that are "
              "XLM-T Arabic test tweets go only with the user's copy of that file "
              "(--held-out): the project never downloads test splits, so without it the "
              "fetch refuses, or records --skip-held-out-filter in PROVENANCE.json."),
    Corpus(
        id="astd", repo="mahmoudnabil/ASTD", commit="0eac69a559bbc38a2cf06266411fa8bf47eed042",
        files={"tweets": UpstreamFile(
            "data/Tweets.txt",
            "616de26a4e420d98611e16a2c4b61be6b83fd6e6951a8a4985da565871506e04")},
        licence="GPL-2.0 (LICENSE file of the repository; no separate data licence)",
        citation=("Nabil, Aly & Atiya 2015, ASTD: Arabic Sentiment Tweets Dataset, EMNLP 2015, "
                  "pp. 2515-2519"),
        build=builders.astd, langs=("ar",), dedup_against_earlier=True,
        notes=_ARABIC_TWEETS_NOTE + " OBJ -> neutral; NEUTRAL (subjective mixed) dropped. "
              "About 92 % neutral once ArSarcasm-v2's re-annotations are removed."),
    Corpus(
        id="arsas", repo="malkaoud/On-the-Effectiveness-of-Fine-Tuning",
        commit="9b8c08f4d1f68ad669a11238029a09157985241c",
        files={"train": UpstreamFile(
                   "data/ArSAS/ArSAS-train.txt",
                   "c0eb772c43ba4bee4c406c327fce22daec41f3df10a96f8a59134c6c4f205f85"),
               "test": UpstreamFile(
                   "data/ArSAS/ArSAS-test.txt",
                   "9129a5012322ef940cb3223ed90764615411d976f837980fd7182824ddc5ab6e")},
        licence=("redistributed copy: its README says 'redistributed here for academic research "
                 "purposes, and its use is subject to the terms of its original license' "
                 "(original ArSAS: free for research use)"),
        citation=("Elmadany, Mubarak & Magdy 2018, ArSAS: An Arabic Speech-Act and Sentiment "
                  "Corpus of Tweets, LREC 2018"),
        build=builders.arsas, langs=("ar",), dedup_against_earlier=True,
        notes=_ARABIC_TWEETS_NOTE + " Mixed dropped; speech acts not kept."),
    Corpus(
        id="ajgt", repo="komari6/Arabic-twitter-corpus-AJGT",
        commit="19f8d21a400ee23d519ee71c59e556687e72f927",
        files={"corpus": UpstreamFile(
            "AJGT.xlsx",
            "966c52213872b6b8a3ced5fb7c60aee2abf47ca673c7d2c2eeb064a60bc9ed51")},
        licence="Academic Free License v3.0 (LICENSE.md)",
        citation=("Alomari, ElSherif & Shaalan 2017, Arabic Tweets Sentimental Analysis Using "
                  "Machine Learning, IEA/AIE 2017, LNCS 10350, pp. 602-610"),
        build=builders.ajgt, langs=("ar",), dedup_against_earlier=True,
        notes=_ARABIC_TWEETS_NOTE + " Jordanian dialect and MSA, binary."),
)}

#: The order corpora are built in: a corpus with ``dedup_against_earlier`` loses the
#: rows that any corpus before it holds (README: "earlier in the order ArSarcasm-v2,
#: ASTD, ArSAS, AJGT", after the older shared corpora).
FETCH_ORDER: tuple[str, ...] = (
    "afrisenti_ary", "xlmt_arabic", "xlmt_french", "mac", "myc",
    "arsarcasm_v2", "astd", "arsas", "ajgt",
)


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
