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


@pytest.mark.parametrize("py", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_papermill_reads_every_parameter_the_cell_declares(py, caplog):
    # A line papermill cannot parse (two `=`, say in a comment) drops that parameter:
    # papermill then warns "Passed unknown parameter" on every run.
    import papermill

    with caplog.at_level("WARNING", logger="papermill"):
        found = set(papermill.inspect_notebook(str(py.with_suffix(".ipynb"))))
    assert found == notebooks.declared_parameters(py)
    assert not [r for r in caplog.records if "Unable to parse" in r.getMessage()]


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
