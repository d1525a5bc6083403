"""Every figure function returns ``(Figure, data)``; ``save_figure`` writes exactly that data,
and each figure's data is pinned by a golden CSV in ``tests/golden/``.

The inputs are small hand-made tables (or the real reference data for the timeline and
the counter), so a change to what a chart draws shows up as a diff of its golden file.
Regenerate after a deliberate change with ``OPEUNLIKE_REGENERATE_GOLDEN=1`` and read
the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest

from analysis import plots, reference
from analysis.collect.expand import rank_cooccurring
from analysis.langid.explore import confusion_long, language_mix
from analysis.plots import campaign, collect, events, languages, sentiment, timeline
from analysis.sentiment.explore import share_by_language

GOLDEN = Path(__file__).parents[1] / "golden"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
T0 = pd.Timestamp("2016-02-26 18:00", tz="UTC")


def _times(n: int, step: str = "10min") -> pd.DatetimeIndex:
    return pd.date_range(T0, periods=n, freq=step)


def _campaign_inputs():
    t = _times(12)
    volume = pd.DataFrame({"negative": [1, 2, 8, 12, 6, 3, 2, 1, 1, 0, 1, 2],
                           "neutral": [2] * 12, "positive": [0, 1] * 6, "reposts": [3] * 12},
                          index=t)
    rate = pd.DataFrame({"maroc_telecom": np.linspace(0, 11, 12), "inwi": np.linspace(1, 6, 12)},
                        index=t)
    rate.iloc[5, 1] = np.nan  # a tracker gap is never bridged
    gaps = pd.DataFrame({"page": ["inwi"], "gap_start": [t[4]], "gap_end": [t[6]]})
    markers = pd.DataFrame({"observed_at": [t[3]], "page": ["maroc_telecom"],
                            "quantity": ["likes_lost_since_campaign_start"], "value": [40.0],
                            "source_outlet": ["Labass.net"]})
    spikes = pd.DataFrame({"start": [t[2], t[8]], "end": [t[4], t[9]],
                           "method": ["robust z-score", "PELT change point"]})
    cumulative = rate.fillna(0).cumsum() * 10
    return volume, rate, gaps, markers, spikes, cumulative


def _lag_tables():
    lags = np.arange(-2, 3)
    return {page: pd.DataFrame({"lag": lags, "ccf": ccf, "ci_low": np.array(ccf) - 0.1,
                                "ci_high": np.array(ccf) + 0.1, "p_holm": p,
                                "significant": np.array(p) < 0.05})
            for page, ccf, p in (("maroc_telecom", [0.0, 0.1, 0.05, 0.4, 0.1], [1, 1, 1, 0.01, 1]),
                                 ("inwi", [0.02, -0.05, 0.0, 0.2, 0.3], [1, 1, 1, 0.2, 0.03]))}


def _event_study_table():
    rows = []
    for metric in ("posts", "likes_lost", "negative_share"):
        for date, types, abnormal, sig in (("2016-01-07", "block", 3.0, True),
                                           ("2016-02-26", "campaign media", 40.0, True),
                                           ("2016-11-04", "unblock", -0.5, False)):
            rows.append({"event_date": pd.Timestamp(date, tz="UTC"), "event_ids": "E01",
                         "event_types": types, "metric": metric, "baseline_mean": 1.0,
                         "event_mean": 1.0 + abnormal, "abnormal": abnormal, "placebo_low": -1.0,
                         "placebo_high": 1.5, "p_placebo": 0.01 if sig else 0.4,
                         "p_adjusted": 0.03 if sig else 0.6, "significant": sig})
    return pd.DataFrame(rows)


def _hashtag_posts():
    return pd.DataFrame({"hashtags": [["OpeUnlike", "VoIP"], ["opeunlike", "VoIP"], ["VoIP"],
                                      ["OpeUnlike", "مقاطعة"], ["OpeUnlike", "مقاطعة"], ["Foot"],
                                      ["OpeUnlike", "VoIP", "IAM"], ["IAM"]]})


FIGURES = {
    "timeline": lambda lang="en": timeline.timeline_figure(timeline.timeline_data(), lang=lang),
    "collect_hashtags": lambda lang="en": collect.hashtag_figure(
        rank_cooccurring(_hashtag_posts(), ["OpeUnlike"], min_support=2, by="lift_low"),
        by="lift_low", lang=lang),
    "languages_mix": lambda lang="en": languages.language_mix_figure(
        language_mix(pd.DataFrame({"lang": ["fr", "fr", "ary", "ary_latn", "ar", "ary"]})),
        "rules", lang=lang),
    "languages_confusion": lambda lang="en": languages.confusion_figure(
        confusion_long(["fr", "fr", "ary", "ar", "ar"], ["fr", "ary_latn", "ary", "ary", "ar"]),
        "rules", lang=lang),
    "sentiment_by_language": lambda lang="en": sentiment.share_by_language_figure(
        share_by_language(pd.DataFrame({"lang": ["fr", "fr", "ary", "ary", "ary"],
                                        "sentiment": ["positive", "negative", "negative",
                                                      "neutral", "negative"]})), lang=lang),
    "sentiment_confusions": lambda lang="en": sentiment.confusions_figure(
        pd.DataFrame([{"slice": s, "gold": g, "predicted": p, "rows": (i * 7 + j * 3) % 5}
                      for s in ("a", "b") for i, g in enumerate(("positive", "neutral", "negative"))
                      for j, p in enumerate(("positive", "neutral", "negative"))]), lang=lang),
    "campaign_volume_likes": lambda lang="en": campaign.campaign_figure(*_campaign_inputs(), lang=lang),
    "lag_negative_posts_likes": lambda lang="en": campaign.lag_figure(
        _lag_tables(), pd.Timedelta("10min"), 30.0, lang=lang),
    "event_study": lambda lang="en": events.event_study_figure(_event_study_table(), lang=lang),
    "block_days_counter": lambda lang="en": events.block_counter_figure(
        reference.block_counter({"early": pd.Timestamp("2015-12-31", tz="UTC"),
                                 "stated": pd.Timestamp("2016-01-05", tz="UTC")},
                                pd.Timestamp("2016-11-04", tz="UTC")),
        {"early": "from 31 Dec 2015", "stated": "from 5 Jan 2016"}, lang=lang),
    "not_enough_data": lambda lang="en": plots.not_enough_data_figure("Lag analysis", "too few bins",
                                                                      lang=lang),
}


def draw(name: str, lang: str = "en"):
    """Figure ``name`` drawn from its small fixture, in edition ``lang``."""
    return FIGURES[name](lang)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_function_returns_the_figure_and_the_data_it_drew(name):
    fig, data = FIGURES[name]()
    assert isinstance(data, pd.DataFrame) and len(data)
    assert fig.get_label().startswith("analysis.plots.")  # recorded by @figure_function


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_data_matches_its_golden_file(name):
    from analysis.io import csv_text

    drawn = csv_text(FIGURES[name]()[1])  # the exact text save_figure writes (next test)
    golden = GOLDEN / f"{name}.csv"
    if os.environ.get("OPEUNLIKE_REGENERATE_GOLDEN"):
        golden.write_text(drawn, encoding="utf-8")
    assert drawn == golden.read_text(encoding="utf-8"), f"{name}: drawn data changed"


@pytest.mark.slow  # renders every figure to PNG and SVG: about 20 s on two cores
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_saved_csv_is_the_returned_data_and_matches_its_golden_file(name, tmp_path):
    drawn = FIGURES[name]()
    out = plots.save_figure(drawn, name, source="unit test", caption="c", folder=tmp_path)
    written = out["csv"].read_text(encoding="utf-8")
    from analysis.io import csv_text

    assert written == csv_text(drawn[1])  # exactly the data returned, nothing added or lost
    assert written == (GOLDEN / f"{name}.csv").read_text(encoding="utf-8"), f"{name}: drawn data changed"


def test_saved_csv_is_the_returned_data_for_one_figure(tmp_path):
    # The fast tier's stand-in for the test above (make test-fast runs this one only).
    drawn = FIGURES["languages_mix"]()
    out = plots.save_figure(drawn, "languages_mix", source="unit test", caption="c", folder=tmp_path)
    from analysis.io import csv_text

    assert out["csv"].read_text(encoding="utf-8") == csv_text(drawn[1])


def test_campaign_csv_holds_every_shaded_span_the_chart_draws():
    fig, data = campaign.campaign_figure(*_campaign_inputs())
    top, bottom = fig.axes[0], fig.axes[1]
    yellow = [p for p in top.patches if mcolors.to_hex(p.get_facecolor()) == "#ffd92f"]
    grey = [p for p in bottom.patches if mcolors.to_hex(p.get_facecolor()) == "#bbbbbb"]
    assert len(yellow) == (data["panel"] == "posting_spike").sum() == 1  # z-score spikes only
    assert len(grey) == (data["panel"] == "tracker_gap").sum() == 1


def test_language_bars_are_the_shares_in_the_csv():
    fig, data = FIGURES["languages_mix"]()
    widths = sorted(round(p.get_width(), 6) for p in fig.axes[0].patches)
    assert widths == sorted(round(v * 100, 6) for v in data["share"])


def test_lag_points_are_the_rows_in_the_csv():
    fig, data = FIGURES["lag_negative_posts_likes"]()
    from matplotlib.collections import PathCollection

    points = sum(len(c.get_offsets()) for ax in fig.axes for c in ax.collections
                 if isinstance(c, PathCollection))
    assert points == len(data)


def test_a_figure_function_must_return_its_data():
    @plots.figure_function
    def only_a_figure():
        return plots.new_figure()[0]

    with pytest.raises(TypeError, match="must return \\(Figure, DataFrame"):
        only_a_figure()


def test_save_figure_refuses_a_figure_nobody_claims(tmp_path):
    fig, _ = plots.new_figure()
    with pytest.raises(ValueError, match="figure_function"):
        plots.save_figure((fig, pd.DataFrame({"x": [1]})), "anon", source="s", caption="c",
                          folder=tmp_path)
