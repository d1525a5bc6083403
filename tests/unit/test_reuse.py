"""The reuse kit read back from a figure: a wide Datawrapper table, alt text from the data,
and an offline interactive page that shows the same series."""

import json
import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import plots
from analysis.plots import interactive, reuse
from tests.unit.test_figures import draw


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_the_wide_table_has_one_row_per_time_bin_iso_dates_and_legend_names():
    fig, data = draw("campaign_volume_likes")
    table = reuse.wide_table(reuse.extract(fig))
    times = table.iloc[:, 0]
    assert times.is_unique and times.str.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d").all()
    assert len(table) == 12  # the fixture's twelve 10-minute bins
    negative = [c for c in table.columns if c.endswith("negative posts")]
    assert table[negative[0]].tolist() == [1, 2, 8, 12, 6, 3, 2, 1, 1, 0, 1, 2]
    assert not any("maroc_telecom" in c for c in table.columns)  # names, never ids
    assert any(c.endswith("Maroc Telecom") for c in table.columns)


def test_categories_are_named_as_on_the_axis():
    fig, data = draw("languages_mix", "fr")
    table = reuse.wide_table(reuse.extract(fig))
    shares = dict(zip(table.iloc[:, 0], table.iloc[:, 1]))
    assert shares["français"] == pytest.approx(100 * data.set_index("label").loc["fr", "share"])


def test_alt_text_gives_the_key_numbers_of_the_data():
    fig, data = draw("block_days_counter")
    alt = reuse.alt_text(reuse.extract(fig), "Headline", "en")
    assert alt.startswith("Headline.")
    assert "highest 309" in alt and "highest 304" in alt  # the two counts' final values
    alt_fr = reuse.alt_text(reuse.extract(draw("block_days_counter", "fr")[0]), "Titre", "fr")
    assert "maximum 309" in alt_fr and "nov. 2016" in alt_fr


def test_the_interactive_page_loads_only_the_shared_local_bundle(tmp_path):
    out = plots.save_figure(draw("lag_negative_posts_likes"), "lag", source="src", caption="c",
                            title="Lag headline", simulated=True, folder=tmp_path)
    page = out["html"].read_text(encoding="utf-8")
    assert re.findall(r'src="([^"]+)"', page) == ["plotly.min.js"]
    assert "http://" not in page.split("<script>", 1)[0] and "https://" not in page.split("<script>", 1)[0]
    assert (tmp_path / "plotly.min.js").stat().st_size > 1_000_000
    assert 'id="simulated"' in page and "Lag headline" in page and "Source: src" in page
    spec = json.loads(re.search(r"const spec = (.*?);\n", page, re.S).group(1))
    markers = [t for t in spec["data"] if t.get("mode") == "markers"]
    assert sum(len(t["x"]) for t in markers) == 10  # every lag of both pages, as in the PNG


@pytest.mark.slow  # an Arabic edition: make test runs it, test-fast keeps English
def test_an_arabic_page_is_right_to_left_with_moroccan_months(tmp_path):
    out = plots.save_figure(draw("timeline", "ar"), "timeline", source="src", caption="c",
                            title="عنوان", folder=tmp_path, lang="ar")
    assert out["html"].name == "timeline.ar.html" and out["png"].name == "timeline.ar.png"
    page = out["html"].read_text(encoding="utf-8")
    assert 'dir="rtl"' in page and "غشت" in interactive.locale_js("ar")
    meta = json.loads(out["json"].read_text(encoding="utf-8"))
    assert meta["lang"] == "ar" and meta["problems"] == []


def test_the_datawrapper_file_is_written_beside_the_figure(tmp_path):
    out = plots.save_figure(draw("languages_mix"), "mix", source="s", caption="c", folder=tmp_path)
    table = pd.read_csv(out["datawrapper"])
    assert list(table.columns)[0] == "category" and len(table) == 6
