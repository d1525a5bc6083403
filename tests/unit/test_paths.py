"""Paths come from the package's own location, never the working directory."""

import subprocess
import sys

from analysis import paths


def test_root_holds_the_project_layout():
    for name in ("analysis", "data", "notebooks", "tests", "README.md"):
        assert (paths.ROOT / name).exists(), name


def test_paths_do_not_depend_on_the_working_directory(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", "from analysis import paths; print(paths.REFERENCE)"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == str(paths.REFERENCE)


def test_corpora_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("OPEUNLIKE_CORPORA", str(tmp_path))
    assert paths.corpora_dir() == tmp_path
    monkeypatch.setenv("OPEUNLIKE_CORPORA", str(tmp_path / "missing"))
    assert paths.corpora_dir() is None
