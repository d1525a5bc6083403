"""Like snapshots to loss rates: interpolate inside short gaps only, report the rest."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import likes


def _snaps(page, rows):
    return pd.DataFrame({
        "page": page,
        "observed_at": pd.to_datetime([t for t, _ in rows], utc=True),
        "likes": [v for _, v in rows],
    })


def test_losses_between_close_snapshots_are_interpolated_exactly():
    snaps = _snaps("maroc_telecom", [("2016-02-27 10:00", 1000), ("2016-02-27 10:15", 850),
                                     ("2016-02-27 10:30", 700)])
    rate = likes.loss_rate(snaps, "10min", max_gap="30min")
    assert rate["lost"].tolist() == pytest.approx([100, 100, 100])
    assert rate["rate_per_min"].tolist() == pytest.approx([10, 10, 10])


def test_no_interpolation_across_a_gap_longer_than_the_limit():
    snaps = _snaps("inwi", [("2016-02-27 10:00", 1000), ("2016-02-27 10:10", 900),
                            ("2016-02-27 12:00", 100), ("2016-02-27 12:10", 50)])
    rate = likes.loss_rate(snaps, "10min", max_gap="30min")
    gap_bins = rate[(rate["bin_start"] >= "2016-02-27 10:10") & (rate["bin_start"] < "2016-02-27 12:00")]
    assert gap_bins["lost"].isna().all()
    assert set(gap_bins["status"]) == {"gap"}
    assert rate["lost"].iloc[0] == 100 and rate["lost"].iloc[-1] == 50


def test_find_gaps_reports_each_outage_per_page():
    snaps = pd.concat([
        _snaps("inwi", [("2016-02-27 10:00", 1), ("2016-02-27 10:05", 1), ("2016-02-27 13:00", 1)]),
        _snaps("meditel", [("2016-02-27 10:00", 1), ("2016-02-27 10:05", 1)]),
    ])
    gaps = likes.find_gaps(snaps, "30min")
    assert gaps[["page", "duration"]].values.tolist() == [["inwi", pd.Timedelta("2h55min")]]


def test_gains_show_as_negative_losses():
    snaps = _snaps("meditel", [("2016-03-10 00:00", 100), ("2016-03-10 00:10", 120)])
    assert likes.loss_rate(snaps, "10min")["lost"].tolist()[:1] == [-20]


def test_cumulative_loss_reads_the_count_at_both_instants():
    snaps = _snaps("maroc_telecom", [("2016-02-26 20:00", 2_000_000), ("2016-02-28 12:00", 1_862_500)])
    lost = likes.cumulative_loss(snaps, "2016-02-26 20:00", "2016-02-28 12:00", max_gap="3D")
    assert lost["maroc_telecom"] == 137_500


def test_read_snapshots_turns_a_tracker_csv_into_a_like_table(tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text("timestamp,page,likes\n2016-02-27T10:00:00Z,inwi,2000\n"
                    "2016-02-27T10:02:00Z,nobody,5\n2016-02-27T10:04:00Z,inwi,1990\n")
    table = likes.read_snapshots(path)
    assert table["likes"].tolist() == [2000, 1990]
    assert table.attrs["rejected"] == 1
    assert str(table["observed_at"].dt.tz) == "UTC"


def test_press_markers_are_a_separate_table_of_dated_figures_only():
    figures = pd.DataFrame({
        "page": ["maroc_telecom", "inwi"], "quantity": ["likes_lost_since_campaign_start"] * 2,
        "value": [137500.0, 120815.0],
        "observed_at": pd.to_datetime(["2016-02-28", None], utc=True),
        "source_outlet": ["Labass.net", "VoIP Sense"], "source_url": ["u1", "u2"],
    })
    markers = likes.press_markers(figures)
    assert markers["value"].tolist() == [137500.0]
    assert markers.attrs["undated_dropped"] == 1



def test_cumulative_since_is_empty_inside_a_gap_and_resumes_after():
    snaps = _snaps("inwi", [("2016-02-27 10:00", 1000), ("2016-02-27 10:10", 900),
                            ("2016-02-27 12:00", 100), ("2016-02-27 12:10", 50)])
    cum = likes.cumulative_since(likes.loss_rate(snaps, "10min", "30min"), "2016-02-27 10:00")["inwi"]
    assert cum.iloc[0] == 0 and cum.iloc[1] == 100
    assert cum["2016-02-27 10:20":"2016-02-27 11:50"].isna().all()
    assert cum["2016-02-27 12:00"] == 900
