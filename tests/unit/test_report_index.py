"""The figure index lists every figure with caption, notebook, function and files."""

import pandas as pd

from analysis import plots, report


def test_index_lists_each_saved_figure(tmp_path):
    fig, ax = plots.new_figure()
    ax.plot([1, 2], [3, 4])
    plots.save_figure(fig, "alpha", pd.DataFrame({"x": [1, 2], "y": [3, 4]}), source="src A",
                      caption="Alpha caption", notebook="notebooks/09-x.py", made_by="analysis.f",
                      folder=tmp_path)
    plots.save_figure(fig, "beta", pd.DataFrame({"x": [1]}), source="src B", caption="Beta",
                      simulated=True, folder=tmp_path)
    index, readme = report.write_index(tmp_path)
    page = index.read_text()
    assert "Alpha caption" in page and "notebooks/09-x.py" in page and "analysis.f" in page
    assert 'href="alpha.csv"' in page and 'href="alpha.svg"' in page
    assert "SIMULATED" in page
    table = readme.read_text()
    assert "| alpha |" in table and "| beta_SIMULATED **SIMULATED** |" in table


def test_figure_csv_is_byte_identical_across_runs(tmp_path):
    data = pd.DataFrame({"bin": pd.date_range("2016-02-26", periods=3, freq="h", tz="UTC"),
                         "posts": [1.0, 2.5, 3.0]})
    for run in ("a", "b"):
        fig, ax = plots.new_figure()
        ax.plot(data["bin"], data["posts"])
        plots.save_figure(fig, "same", data, source="s", caption="c", folder=tmp_path / run)
    assert (tmp_path / "a" / "same.csv").read_bytes() == (tmp_path / "b" / "same.csv").read_bytes()
