"""Every notebook is paired, output-free, and executes headless on the shipped data."""

import pytest

from analysis import notebooks

NOTEBOOKS = notebooks.list_notebooks()


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks/NN-*.py found"


def test_paired_ipynb_are_in_sync_and_carry_no_outputs():
    assert notebooks.out_of_sync() == [], "run `make notebooks-sync`"


@pytest.mark.parametrize("py", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_each_notebook_has_one_parameters_cell(py):
    text = py.read_text(encoding="utf-8")
    assert text.count('tags=["parameters"]') == 1


@pytest.mark.notebooks
@pytest.mark.slow
@pytest.mark.parametrize("py", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes_without_error(py, tmp_path):
    # papermill raises PapermillExecutionError, naming the cell, on any cell error.
    executed = notebooks.execute(py, output_dir=tmp_path, cwd=tmp_path)
    assert executed.exists()


@pytest.mark.notebooks
@pytest.mark.slow
def test_timeline_notebook_writes_the_timeline_figure(tmp_path):
    from analysis import paths

    notebooks.execute(paths.NOTEBOOKS / "01-timeline.py", output_dir=tmp_path, cwd=tmp_path)
    for ext in ("png", "svg", "csv", "json"):
        assert (paths.figures_dir() / f"timeline.{ext}").stat().st_size > 0
