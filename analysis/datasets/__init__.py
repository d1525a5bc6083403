"""Labelled sentiment corpora: the registry of public corpora and the shared TSV schema.

Every corpus is normalised to one TSV schema, ``text, label, lang, source, split``
(see the corpora README). Corpus text is never committed: it is read from the folder
given by ``--corpora DIR``, ``OPEUNLIKE_CORPORA`` or ``data/external/corpora``, which
``opeunlike data fetch`` fills from the pinned upstream files. The one labelled set
that ships is the team's own small sample (:func:`load_team_sample`), for demos and
tests only.

Modules: :mod:`~analysis.datasets.local` reads normalised TSVs and the team sample,
:mod:`~analysis.datasets.registry` knows each public corpus,
:mod:`~analysis.datasets.parsers` (and :mod:`~analysis.datasets.xlsx`) read the raw
upstream formats, :mod:`~analysis.datasets.builders` and
:mod:`~analysis.datasets.clean` normalise them to the shared schema,
:mod:`~analysis.datasets.overlap` finds texts already held elsewhere and
:mod:`~analysis.datasets.fetch` downloads and verifies them.
"""

from analysis.datasets.clean import clean_text, loose_key, script_lang
from analysis.datasets.fetch import ChecksumError, FetchError, HeldOutRequired, fetch
from analysis.datasets.local import (
    SPLITS, TSV_COLUMNS, load_split, load_team_sample, read_tsv, resolve_corpora,
)
from analysis.datasets.registry import FETCH_ORDER, REGISTRY, Corpus, UpstreamFile, get_corpus

__all__ = [
    "FETCH_ORDER", "REGISTRY", "SPLITS", "TSV_COLUMNS", "ChecksumError", "Corpus", "FetchError",
    "HeldOutRequired", "UpstreamFile", "clean_text", "fetch", "get_corpus", "load_split",
    "load_team_sample", "loose_key", "read_tsv", "resolve_corpora", "script_lang",
]
