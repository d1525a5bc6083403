"""Two consecutive ``make report`` runs write byte-identical figure CSVs."""

import pytest

from analysis import report


@pytest.mark.notebooks
@pytest.mark.slow
def test_two_report_runs_give_byte_identical_figure_csvs(tmp_path, monkeypatch):
    folders = []
    for run in ("first", "second"):
        folder = tmp_path / run
        monkeypatch.setenv("OPEUNLIKE_FIGURES", str(folder))
        report.run_all(log=lambda message: None)
        folders.append(folder)
    first = {p.name: p.read_bytes() for p in folders[0].glob("*.csv")}
    second = {p.name: p.read_bytes() for p in folders[1].glob("*.csv")}
    assert len(first) >= 7, sorted(first)
    assert first.keys() == second.keys()
    changed = [name for name in first if first[name] != second[name]]
    assert changed == []
