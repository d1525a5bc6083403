"""Every notebook is paired, output-free, and executes headless on the shipped data; two
report runs give byte-identical figure CSVs."""

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


def _run_report(folder, monkeypatch_env):
    """Every notebook, headless, in run order, figures to ``folder``; failures collected."""
    from analysis import report

    monkeypatch_env.setenv("OPEUNLIKE_FIGURES", str(folder / "figures"))
    failures = []
    report.run_all(log=lambda message: None, output_dir=folder / "executed", failures=failures)
    monkeypatch_env.undo()
    return {"figures": folder / "figures", "failures": {name: error for name, error, _ in failures}}


@pytest.fixture(scope="module")
def executed_report(tmp_path_factory):
    """One executed report, shared by every test below (each notebook runs once here)."""
    with pytest.MonkeyPatch.context() as mp:
        return _run_report(tmp_path_factory.mktemp("report"), mp)


@pytest.mark.notebooks
@pytest.mark.slow
@pytest.mark.parametrize("py", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes_without_error(py, executed_report):
    # papermill raises PapermillExecutionError, naming the cell, on any cell error.
    assert py.stem not in executed_report["failures"], executed_report["failures"][py.stem]


@pytest.mark.notebooks
@pytest.mark.slow
def test_timeline_notebook_writes_the_timeline_figure(executed_report):
    for ext in ("png", "svg", "csv", "json"):
        assert (executed_report["figures"] / f"timeline.{ext}").stat().st_size > 0


@pytest.mark.notebooks
@pytest.mark.slow
def test_a_second_report_run_gives_byte_identical_figure_csvs(executed_report, tmp_path):
    # Reuses the executed report above and runs every notebook once more.
    with pytest.MonkeyPatch.context() as mp:
        again = _run_report(tmp_path, mp)
    first = {p.name: p.read_bytes() for p in executed_report["figures"].glob("*.csv")}
    second = {p.name: p.read_bytes() for p in again["figures"].glob("*.csv")}
    assert len(first) >= 7, sorted(first)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
