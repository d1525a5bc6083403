"""save_figure writes a PNG that opens, an SVG that parses, the stamps and the metadata.

That the CSV is exactly the data a figure function drew is tested per figure in
``test_figures.py``."""

import json
import xml.etree.ElementTree as ET

import matplotlib.image as mpimg
import pandas as pd

from analysis import plots


@plots.figure_function
def _line_figure():
    data = pd.DataFrame({"hour": [0, 1, 2, 3], "posts": [5, 40, 12, 3]})
    fig, ax = plots.new_figure()
    ax.plot(data["hour"], data["posts"], color=plots.COLORS_SENTIMENT["negative"])
    ax.set_title("منشورات سلبية (Darija)")  # Arabic label must render without error
    ax.set(xlabel="hour of the day", ylabel="posts per hour")  # as the figure checks ask
    return fig, data


def test_save_figure_writes_png_svg_csv_and_metadata(tmp_path):
    out = plots.save_figure(_line_figure(), "demo", source="unit test", caption="a caption",
                            folder=tmp_path)
    image = mpimg.imread(out["png"])
    assert image.shape[0] > 300 and image.shape[1] > 600
    assert ET.parse(out["svg"]).getroot().tag.endswith("svg")
    meta = json.loads(out["json"].read_text())
    assert meta["caption"] == "a caption" and meta["simulated"] is False
    assert meta["made_by"].endswith("test_plots._line_figure")


def test_figure_is_stamped_with_source_and_date(tmp_path, monkeypatch):
    monkeypatch.setenv("OPEUNLIKE_STAMP_DATE", "2016-02-28")
    fig, data = _line_figure()
    plots.save_figure((fig, data), "demo", source="Labass.net", caption="c", folder=tmp_path)
    texts = " ".join(t.get_text() for t in fig.texts)
    assert "Source: Labass.net" in texts and "28 Feb 2016" in texts  # the edition's date format
    fig_fr, data = _line_figure()
    plots.save_figure((fig_fr, data), "demo", source="Labass.net", caption="c", folder=tmp_path, lang="fr")
    texts_fr = " ".join(t.get_text() for t in fig_fr.texts)
    assert "Source : Labass.net" in texts_fr and "28 févr. 2016" in texts_fr


def test_simulated_figures_say_so(tmp_path):
    fig, data = _line_figure()
    out = plots.save_figure((fig, data), "demo", source="simulate", caption="c", simulated=True,
                            folder=tmp_path)
    assert any("SIMULATED" in t.get_text() for t in fig.texts)
    assert "SIMULATED" in out["svg"].read_text()
    assert all("SIMULATED" in path.name for path in out.values())
    assert json.loads(out["json"].read_text())["simulated"] is True


def test_figure_function_labels_the_figure_with_its_name():
    @plots.figure_function
    def tiny():
        fig, _ = plots.new_figure()
        return fig, pd.DataFrame({"x": [1]})

    assert tiny()[0].get_label().endswith("tiny")


def test_each_category_has_one_colour():
    from analysis import schema

    assert set(plots.COLORS_OPERATOR) == set(schema.OPERATORS)
    assert set(plots.COLORS_LANG) == set(schema.LANGS) == set(plots.LANG_NAMES)
    assert set(plots.COLORS_SENTIMENT) == set(schema.SENTIMENTS)
    assert len(set(plots.COLORS_LANG.values())) == len(plots.COLORS_LANG)
