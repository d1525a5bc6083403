"""The figure index lists every figure with caption, notebook, function and files."""

import pandas as pd

from analysis import plots, report


@plots.figure_function
def _drawn(data):
    """A test figure: a line through the data."""
    fig, ax = plots.new_figure()
    x = data.iloc[:, 0]
    ax.plot(x, data.iloc[:, -1])
    ax.set(xlabel="x (count)", ylabel="y (count)")  # as the figure checks ask
    if pd.api.types.is_datetime64_any_dtype(x):
        # dates get the house date axis (year on the first tick), as every real figure does
        plots.style.date_axis(ax, x.max() - x.min())
    return fig, data


def test_index_lists_each_saved_figure(tmp_path):
    plots.save_figure(_drawn(pd.DataFrame({"x": [1, 2], "y": [3, 4]})), "alpha", source="src A",
                      caption="Alpha caption", notebook="notebooks/09-x.py", folder=tmp_path)
    plots.save_figure(_drawn(pd.DataFrame({"x": [1]})), "beta", source="src B", caption="Beta",
                      simulated=True, folder=tmp_path)
    index, readme = report.write_index(tmp_path)
    page = index.read_text()
    assert "Alpha caption" in page and "notebooks/09-x.py" in page and "test_report_index._drawn" in page
    assert 'href="alpha.csv"' in page and 'href="alpha.svg"' in page
    assert "SIMULATED" in page
    table = readme.read_text()
    assert "| alpha |" in table and "| beta_SIMULATED **SIMULATED** |" in table


def test_figure_csv_is_byte_identical_across_runs(tmp_path):
    data = pd.DataFrame({"bin": pd.date_range("2016-02-26", periods=3, freq="h", tz="UTC"),
                         "posts": [1.0, 2.5, 3.0]})
    for run in ("a", "b"):
        plots.save_figure(_drawn(data), "same", source="s", caption="c", folder=tmp_path / run)
    assert (tmp_path / "a" / "same.csv").read_bytes() == (tmp_path / "b" / "same.csv").read_bytes()


def _plan(tmp_path, posts="my_posts.jsonl", simulated=False):
    from types import SimpleNamespace

    from analysis import campaign

    return campaign.load(None), SimpleNamespace(posts_path=tmp_path / posts, simulated=simulated)


def test_user_runs_get_their_own_folder_and_the_demo_keeps_figures(tmp_path, monkeypatch):
    monkeypatch.setenv("OPEUNLIKE_FIGURES", str(tmp_path / "figures"))
    camp, plan = _plan(tmp_path)
    assert report.run_folder(camp, plan, None, demo=False) == tmp_path / "figures" / "opeunlike-2016-my_posts"
    assert report.run_folder(camp, plan, "march run", demo=False).name == "opeunlike-2016-march-run"
    assert report.run_folder(camp, plan, None, demo=True) == tmp_path / "figures"


def test_a_run_index_opens_with_the_data_panel_and_leaves_readme_alone(tmp_path):
    plots.save_figure(plots.not_enough_data_figure("Lag analysis", "too few bins"), "lag", source="s",
                      caption="c", folder=tmp_path,
                      skipped="needs at least 48 10min bins with both posts and likes, you have 32")
    run = {"campaign": "opeunlike-2016", "posts": "p.jsonl", "likes": "t.csv", "bin": "10min",
           "window": ["a", "b"], "panel": {"posts_read": 120, "posts_matched": 110, "posts_rejected": 3,
                                           "posts_rejects_link": "rejects/posts.rejects.csv",
                                           "likes_read": 285, "likes_rejected": 285,
                                           "likes_rejects_link": "rejects/likes.rejects.csv",
                                           "models": "language: rules"},
           "steps": [{"notebook": "05", "what": "lag analysis", "ok": False, "reason": "you have 32"}]}
    index, readme = report.write_index(tmp_path, run, readme=False)
    page = index.read_text()
    assert readme is None and not (tmp_path / "README.md").exists()
    assert page.index("<h2>Data</h2>") < page.index('<section id="lag">')
    assert "110 matched, 3 rejected" in page and 'href="rejects/posts.rejects.csv"' in page
    assert "285 rejected" in page and 'href="rejects/likes.rejects.csv"' in page
    assert "language: rules" in page and "Not computed" in page and "you have 32" in page
    assert "not enough data" in page


def test_each_edition_gets_its_own_index_with_the_reuse_kit(tmp_path):
    for lang in ("en", "fr"):
        plots.save_figure(_drawn(pd.DataFrame({"x": [1, 2]})), "alpha", source="src A", caption="Alpha",
                          title="Alpha headline", folder=tmp_path, lang=lang)
    index, _ = report.write_index(tmp_path, readme=False)
    index_fr, readme = report.write_index(tmp_path, lang="fr")
    assert index.name == "index.html" and index_fr.name == "index.fr.html" and readme is None
    page, page_fr = index.read_text(), index_fr.read_text()
    assert 'href="alpha.html"' in page and "&lt;iframe src=&quot;alpha.html&quot;" in page
    assert 'href="alpha.datawrapper.csv"' in page and "CC BY 4.0" in page and "src A" in page
    assert 'alt="Alpha headline.' in page  # alt text written from the data, headline first
    assert 'href="alpha.fr.html"' in page_fr and "Texte alternatif" in page_fr
    assert 'href="index.fr.html"' in page and 'href="index.html"' in page_fr  # editions linked
