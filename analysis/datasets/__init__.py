"""Labelled sentiment corpora: the registry of public corpora and the shared TSV schema.

Every corpus is normalised to one TSV schema, ``text, label, lang, source, split``
(see the corpora README). Corpus text is never committed: it is read from the folder
given by ``--corpora DIR``, ``OPEUNLIKE_CORPORA`` or ``data/external/corpora``, which
``opeunlike data fetch`` fills from the pinned upstream files.

Modules: :mod:`~analysis.datasets.local` reads normalised TSVs,
:mod:`~analysis.datasets.registry` knows each public corpus,
:mod:`~analysis.datasets.parsers` reads the raw upstream formats,
:mod:`~analysis.datasets.clean` normalises them to the shared schema and
:mod:`~analysis.datasets.fetch` downloads and verifies them.
"""

from analysis.datasets.clean import clean_text, loose_key, script_lang
from analysis.datasets.fetch import ChecksumError, fetch
from analysis.datasets.local import SPLITS, TSV_COLUMNS, load_split, read_tsv, resolve_corpora
from analysis.datasets.registry import REGISTRY, Corpus, UpstreamFile, get_corpus

__all__ = [
    "REGISTRY", "SPLITS", "TSV_COLUMNS", "ChecksumError", "Corpus", "UpstreamFile",
    "clean_text", "fetch", "get_corpus", "load_split", "loose_key", "read_tsv",
    "resolve_corpora", "script_lang",
]
