"""Model files are refused unless they hold only the exact classes of an allow-list.

Issue 10, defect 1: the sentiment loader trusted every type named ``analysis.*``, so a
crafted ``.skops`` file could reach any function of the package. These tests tamper
with real saved models and hand-write call gadgets; each must be refused with one
line naming the file, before anything is built and without writing anything.
"""

from __future__ import annotations

import json
import pickle
import zipfile
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.safe_load import UntrustedModelError, load_skops
from analysis.sentiment import persist as sentiment_persist
from analysis.sentiment.scorer import LexiconScorer


def _rewrite_schema(path: Path, edit) -> Path:
    """Rewrite the JSON schema inside a skops zip with ``edit(schema) -> schema``."""
    with zipfile.ZipFile(path) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    members["schema.json"] = json.dumps(edit(json.loads(members["schema.json"]))).encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _lexicon_file(tmp_path: Path) -> Path:
    return sentiment_persist.save_model(LexiconScorer().fit(None), tmp_path / "lex.skops")


def _function_node(module: str, name: str) -> dict:
    # an id no other node of the file uses (saved files number their objects 0, 1, 2…)
    return {"__class__": name, "__module__": module, "__loader__": "FunctionNode",
            "__id__": 10**9}


def _gadget(tmp_path: Path, module: str, name: str) -> Path:
    """A real model whose state also holds a reference to a function (a call gadget)."""
    path = _lexicon_file(tmp_path)

    def edit(schema):
        schema["content"]["content"]["gadget"] = _function_node(module, name)
        return schema

    return _rewrite_schema(path, edit)


def _files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def test_saved_lexicon_model_still_loads(tmp_path):
    loaded = sentiment_persist.load_model(_lexicon_file(tmp_path))
    assert isinstance(loaded, LexiconScorer)


def test_tampered_file_naming_another_project_class_is_refused(tmp_path):
    path = _lexicon_file(tmp_path)

    def edit(schema):  # same state, but rebuilt as another class of the package
        schema["__class__"], schema["__module__"] = "RuleIdentifier", "analysis.langid.model"
        return schema

    _rewrite_schema(path, edit)
    with pytest.raises(UntrustedModelError, match="analysis.langid.model.RuleIdentifier") as err:
        sentiment_persist.load_model(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("module, name", [
    ("analysis.io", "atomic_write"),
    ("builtins", "eval"),
    ("os", "system"),
    ("analysis.sentiment.persist", "save_model"),
])
def test_function_gadget_is_refused_and_writes_nothing(tmp_path, module, name):
    path = _gadget(tmp_path, module, name)
    before = _files(tmp_path)
    with pytest.raises(UntrustedModelError, match=f"{module}.{name}") as err:
        sentiment_persist.load_model(path)
    assert "\n" not in str(err.value)
    assert _files(tmp_path) == before


def test_allow_list_entry_that_is_a_function_is_still_refused(tmp_path):
    path = _gadget(tmp_path, "analysis.io", "atomic_write")
    allowed = sentiment_persist.TRUSTED_TYPES | {"analysis.io.atomic_write"}
    with pytest.raises(UntrustedModelError, match="atomic_write"):
        load_skops(path, allowed)


def test_allow_lists_hold_classes_only():
    from analysis.langid import persist as langid_persist
    from analysis.safe_load import _is_class

    for name in sentiment_persist.TRUSTED_TYPES | langid_persist.TRUSTED_TYPES:
        assert _is_class(name), name


@pytest.mark.parametrize("content", [
    pickle.dumps({"model": [1, 2, 3]}),
    b"\x00\xffgarbage" * 10,
    b"",
    b"PK\x03\x04 truncated zip",
])
def test_non_skops_files_are_refused_with_one_line(tmp_path, content):
    path = tmp_path / "model.skops"
    path.write_bytes(content)
    with pytest.raises(UntrustedModelError) as err:
        sentiment_persist.load_model(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def _posts_csv(tmp_path: Path) -> Path:
    path = tmp_path / "posts.csv"
    path.write_text("text\nzwin bzaf\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["gadget", "pickle", "garbage"])
def test_sentiment_classify_refuses_bad_model_files_in_one_line(tmp_path, capsys, kind):
    model = {"gadget": lambda: _gadget(tmp_path, "analysis.io", "atomic_write"),
             "pickle": lambda: _write(tmp_path / "p.skops", pickle.dumps(object)),
             "garbage": lambda: _write(tmp_path / "g.skops", b"not a model")}[kind]()
    out = tmp_path / "out" / "classified.csv"
    code = main(["sentiment", "classify", str(_posts_csv(tmp_path)), "-o", str(out),
                 "--model", str(model), "--no-progress"])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1 and str(model) in err and "Traceback" not in err
    assert not out.parent.exists()


def test_sentiment_evaluate_refuses_a_pickle(tmp_path, capsys):
    data = tmp_path / "eval.tsv"
    data.write_text("text\tlabel\tlang\tsource\tsplit\nzwin\tpositive\tary_latn\tx\ttest\n",
                    encoding="utf-8")
    model = _write(tmp_path / "p.skops", pickle.dumps({"a": 1}))
    code = main(["sentiment", "evaluate", str(data), "--model", str(model)])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and "not a skops model file" in err


def test_langid_identify_refuses_a_pickle(tmp_path, capsys):
    model = _write(tmp_path / "p.skops", pickle.dumps({"a": 1}))
    out = tmp_path / "out.parquet"
    code = main(["langid", "identify", str(_posts_csv(tmp_path)), "-o", str(out), "--model", str(model),
                 "--no-progress"])
    err = capsys.readouterr().err.strip()
    assert code != 0 and len(err.splitlines()) == 1 and "not a skops model file" in err
    assert not out.exists()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
