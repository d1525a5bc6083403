"""The timeline chart draws the sourced reference data, pinned by a golden CSV."""

from pathlib import Path


from analysis import plots
from analysis.plots.timeline import LOSS_AXIS_CAP, timeline_data, timeline_figure

GOLDEN = Path(__file__).parents[1] / "golden" / "timeline.csv"


def test_timeline_data_matches_the_golden_file(tmp_path):
    # Regenerate after a deliberate change to the reference data:
    #   python -c "from analysis.plots.timeline import timeline_data as t; t().to_csv('tests/golden/timeline.csv', index=False, lineterminator='\n')"
    data = timeline_data()
    data.to_csv(tmp_path / "now.csv", index=False, lineterminator="\n")
    assert (tmp_path / "now.csv").read_text() == GOLDEN.read_text()


def test_every_drawn_like_figure_keeps_its_source():
    likes = timeline_data().query("panel == 'likes'")
    assert likes["source"].str.startswith("http").all()
    assert likes["lane"].isin(plots.COLORS_OPERATOR).all()


def test_like_panel_draws_one_marker_per_reported_figure():
    data = timeline_data()
    fig, _ = timeline_figure(data)
    ax_likes = fig.axes[2]
    markers = [line for line in ax_likes.lines if len(line.get_xdata()) == 1]
    drawn = sorted(float(line.get_xdata()[0]) for line in markers)
    expected = sorted(min(v, LOSS_AXIS_CAP) for v in data.query("panel == 'likes'")["value"])
    assert drawn == expected


def test_event_panel_draws_every_dated_event():
    data = timeline_data()
    fig, _ = timeline_figure(data)
    dots_and_bars = [line for line in fig.axes[0].lines if line.get_color() != "#B2182B"
                     or len(line.get_xdata()) == 1]
    events = data.query("panel == 'events'")
    assert len([line for line in dots_and_bars if line.get_marker() == "o"]) == (
        events["precision"] == "day").sum()
