"""The two committed models: small, holding no corpus text, and rebuilt byte for byte.

``models/sentiment.skops`` and ``models/langid.skops`` ship with the project so a fresh
clone uses trained models. They may hold hashed columns, numbers and code names only:

* every array in the file is numeric (no string or object array);
* every string in the skops schema is a code name, a number or a label;
* with the corpora at hand, no 5-character piece of a training text appears in the
  file's strings unless it also appears in the package's own source code (words such
  as ``class`` or ``positive`` are code, not corpus text);
* ``make models`` (the functions it calls) rebuilds both files byte for byte.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest

from analysis import datasets, paths
from analysis.datasets import REGISTRY
from analysis.langid import LABELS as LANG_LABELS
from analysis.schema import SENTIMENTS

SHIPPED = ("sentiment.skops", "langid.skops")
MAX_BYTES = 8 * 1024 * 1024
#: A code name (identifier, dotted module path, label such as ary_latn), a number as
#: skops writes it, or an array file name.
_ALLOWED = re.compile(r'^"?(?:[A-Za-z_][\w.]*|[-+]?(?:\d+\.?\d*(?:e[-+]?\d+)?|nan|inf|infinity)'
                      r'|\d+(?:\.\d+)+|\d+\.npy|<[fiub]\d|\|[iub]1)"?$', re.IGNORECASE)
#: The only strings an array in a shipped file may hold: the label sets.
LABELS = {*SENTIMENTS, *LANG_LABELS}
#: the sentiment model's corpus model knows its training corpora by their registry ids
CORPUS_IDS = set(REGISTRY)


def _strings(node, out: list[str]) -> list[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            out.append(str(key))
            _strings(value, out)
    elif isinstance(node, list):
        for item in node:
            _strings(item, out)
    elif isinstance(node, str):
        out.append(node)
    return out


def _file_strings(path: Path) -> tuple[list[str], list[np.dtype]]:
    """The schema's strings plus those of any string array, and every array's dtype."""
    archive = zipfile.ZipFile(path)
    strings = _strings(json.loads(archive.read("schema.json")), [])
    dtypes = []
    for name in archive.namelist():
        if name.endswith(".npy"):
            # allow_pickle=False: an object array would fail to load here
            array = np.load(io.BytesIO(archive.read(name)), allow_pickle=False)
            dtypes.append(array.dtype)
            if array.dtype.kind == "U":
                strings.extend(array.ravel().tolist())
    return strings, dtypes


@pytest.fixture(scope="module", params=SHIPPED)
def shipped(request) -> Path:
    path = paths.MODELS / request.param
    assert path.is_file(), f"{path} is missing: run `make models` and commit it"
    return path


def test_shipped_model_is_at_most_8_megabytes(shipped):
    assert shipped.stat().st_size <= MAX_BYTES


def test_shipped_model_holds_only_numeric_arrays_label_names_and_corpus_ids(shipped):
    archive = zipfile.ZipFile(shipped)
    arrays = [np.load(io.BytesIO(archive.read(n)), allow_pickle=False)
              for n in archive.namelist() if n.endswith(".npy")]
    assert arrays and all(a.dtype.kind in "fiubU" for a in arrays)
    named = {v for a in arrays if a.dtype.kind == "U" for v in a.ravel().tolist()}
    assert named <= LABELS | CORPUS_IDS, named - LABELS - CORPUS_IDS


def test_shipped_model_schema_holds_only_code_names_and_numbers(shipped):
    strings, _ = _file_strings(shipped)
    odd = sorted({s for s in strings if not _ALLOWED.match(s)})
    assert not odd, f"{shipped.name}: strings that are not code names: {odd[:10]}"


def _five_grams(texts) -> set[str]:
    grams = set()
    for text in texts:
        text = text.casefold()
        grams.update(text[i:i + 5] for i in range(len(text) - 4))
    return grams


@pytest.mark.corpora
def test_no_training_text_piece_in_the_shipped_files(corpora):
    import skops

    # code words: ours, and skops' own (its schema keys such as __loader__, ArrayNode)
    code = [*(paths.ROOT / "analysis").rglob("*.py"), *Path(skops.__file__).parent.rglob("*.py")]
    source = _five_grams(p.read_text(encoding="utf-8") for p in code)
    training = datasets.load_split("train", corpora)["text"].tolist() + \
        datasets.load_split("dev", corpora)["text"].tolist()
    corpus = _five_grams(training)
    for name in SHIPPED:
        strings, _ = _file_strings(paths.MODELS / name)
        found = (_five_grams(strings) & corpus) - source
        assert not found, f"{name}: pieces of training text in the file: {sorted(found)[:10]}"


@pytest.mark.corpora
@pytest.mark.slow
def test_make_models_rebuilds_the_committed_files_byte_for_byte(corpora, tmp_path):
    from analysis.langid import train_identifier
    from analysis.sentiment.train import train_and_save

    train_identifier(corpora, path=tmp_path / "langid.skops")
    train_and_save(corpora, tmp_path / "sentiment.skops")
    for name in SHIPPED:
        rebuilt, committed = (tmp_path / name).read_bytes(), (paths.MODELS / name).read_bytes()
        assert rebuilt == committed, (
            f"models/{name} differs from a rebuild from {corpora}: run `make models` "
            "and commit the result")
