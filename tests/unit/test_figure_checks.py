"""Every figure passes the graphics desk's checks in English, French and Arabic, and each
check catches the defect it is for (so a pass means something)."""

import matplotlib.pyplot as plt
import pytest

from analysis import i18n, plots
from analysis.plots import checks
from tests.unit.test_figures import FIGURES, draw

LONG_SOURCE = ("data/reference/policy_events.csv and data/reference/reported_like_figures.csv; "
               "posts: data/simulated/opeunlike_SIMULATED.jsonl.bz2; sentiment: corpus-aware model "
               "(models/sentiment.skops), language: langid.skops")
LONG_TITLE = ("Maroc Telecom lost at least 137,500 likes in 3 days 12 h (26 Feb – 1 Mar 2016), the "
              "losses tracking negative posts 30 minutes later (also on Inwi and Meditel)")


# Drawing every figure three times is a third of the unit tests' time: the English edition
# stays in `make test-fast` (the loop while editing); French and Arabic run in `make test`.
EDITIONS = [pytest.param(lang, marks=() if lang == i18n.DEFAULT else pytest.mark.slow)
            for lang in i18n.LANGS]


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_every_figure_passes_every_check(name, lang):
    fig, _ = draw(name, lang)
    plots.decorate(fig, LONG_SOURCE, title=LONG_TITLE, simulated=True, lang=lang)
    assert checks.problems(fig) == []


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_simulated_figures_say_so_in_every_language(lang):
    fig, _ = draw("campaign_volume_likes", lang)
    plots.decorate(fig, "simulate", simulated=True, lang=lang)
    texts = [t.get_text() for t in fig.findobj(plt.Text)]
    assert i18n.t("figures.common.simulated_banner", lang) in texts
    assert sum(t == "SIMULATED" for t in texts) == len(fig.axes)  # a watermark on every panel


@plots.figure_function
def _bad(overlap=False, legend_on_data=False, log=False, unlabelled=False):
    import pandas as pd

    fig, ax = plots.new_figure()
    steps = [i / 10 for i in range(31)]
    ax.plot(steps, steps, "o", label="points")
    ax.set_xlabel("hour" if not unlabelled else "")
    ax.set_ylabel("posts")
    if overlap:
        ax.text(1, 1, "a label here")
        ax.text(1, 1, "another label")
    if legend_on_data:
        ax.legend(loc="center", fontsize=30, markerscale=4)
    if log:
        ax.set_yscale("log")
    return fig, pd.DataFrame({"x": [0]})


def test_the_overlap_check_catches_two_texts_on_top_of_each_other():
    assert any("overlaps" in p for p in checks.text_overlaps(_bad(overlap=True)[0]))


def test_the_legend_check_catches_a_legend_over_points():
    assert checks.legend_covers(_bad(legend_on_data=True)[0])


def test_the_axis_check_catches_log_scales_and_unlabelled_numbers():
    assert any("log scale" in p for p in checks.axis_words(_bad(log=True)[0]))
    assert any("no label" in p for p in checks.axis_words(_bad(unlabelled=True)[0]))


def test_the_canvas_check_catches_a_footer_that_widens_the_figure():
    fig, _ = _bad()
    fig.text(0, -0.05, "x" * 400, fontsize=8)  # one unwrapped line, as footers used to be
    assert checks.canvas_waste(fig)
    fig2, _ = _bad()
    plots.decorate(fig2, "x " * 200)  # decorate wraps it
    assert checks.canvas_waste(fig2) == []


def test_dates_without_a_year_are_caught():
    import matplotlib.dates as mdates
    import pandas as pd

    fig, ax = plots.new_figure()
    ax.plot(pd.date_range("2016-01-01", periods=200, freq="D"), range(200))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b"))
    ax.set_ylabel("days")
    assert any("year" in p for p in checks.axis_words(fig))
    plots.style.date_axis(ax, pd.Timedelta(days=200))
    assert checks.axis_words(fig) == []
