"""Volume aggregation and spike detection."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import timeseries


def _posts(rows):
    df = pd.DataFrame(rows, columns=["created_at", "is_repost", "sentiment", "lang", "text"])
    df["created_at"] = pd.to_datetime(df["created_at"], utc=True)
    return df


def test_reposts_count_toward_volume_but_not_sentiment():
    posts = _posts([
        ("2016-02-27 10:00", False, "negative", "fr", "Honte à Inwi"),
        ("2016-02-27 10:10", True, "negative", "fr", "RT @a: Honte à Inwi"),
        ("2016-02-27 10:20", True, "negative", "fr", "RT @a: Honte à Inwi"),
    ])
    row = timeseries.volume(posts, "1h").iloc[0]
    assert (row["posts"], row["reposts"], row["originals"], row["negative"]) == (3, 2, 1, 1)


def test_volume_keeps_empty_bins_as_zero():
    posts = _posts([("2016-02-27 10:00", False, "neutral", "ar", "x"),
                    ("2016-02-27 13:30", False, "neutral", "ar", "y")])
    table = timeseries.volume(posts, "1h")
    assert table["posts"].tolist() == [1, 0, 0, 1]
    assert np.isnan(table["negative_share"].iloc[1])  # no labelled post: unknown, not 0


def test_volume_counts_each_language():
    posts = _posts([("2016-02-27 10:00", False, "neutral", "ary", "x"),
                    ("2016-02-27 10:05", True, "neutral", "ary_latn", "y")])
    table = timeseries.volume(posts, "1h")
    assert table[["lang_ary", "lang_ary_latn"]].iloc[0].tolist() == [1, 1]


def test_volume_grid_honours_explicit_start_and_end():
    posts = _posts([("2016-02-27 10:00", False, "neutral", "fr", "x")])
    table = timeseries.volume(posts, "1h", start="2016-02-27 08:00", end="2016-02-27 12:00")
    assert table["posts"].tolist() == [0, 0, 1, 0]
    assert str(table.index.tz) == "UTC"


def test_operators_are_found_in_arabic_latin_and_handles():
    texts = pd.Series(["سحبت إعجابي من صفحة اتصالات المغرب", "9at3o 3lina inwi",
                       "@Meditel honte", "rien à voir"])
    found = timeseries.operators_mentioned(texts)
    assert found.to_dict("list") == {
        "maroc_telecom": [True, False, False, False],
        "inwi": [False, True, False, False],
        "meditel": [False, False, True, False],
    }


def test_by_operator_counts_negative_originals_naming_each_page():
    posts = _posts([("2016-02-27 10:00", False, "negative", "fr", "IAM bloque"),
                    ("2016-02-27 10:01", True, "negative", "fr", "RT IAM bloque"),
                    ("2016-02-27 10:02", False, "positive", "fr", "bravo Inwi")])
    table = timeseries.by_operator(posts, "1h", sentiment="negative")
    assert table.iloc[0].tolist() == [1, 0, 0]


def _series_with_burst():
    rng = np.random.default_rng(0)
    values = rng.poisson(5, 300).astype(float)
    values[200:206] += [30, 60, 90, 60, 30, 10]
    index = pd.date_range("2016-02-20", periods=300, freq="10min", tz="UTC")
    return pd.Series(values, index=index)


def test_robust_zscore_flags_a_planted_burst():
    z = timeseries.robust_zscore(_series_with_burst(), window=48)
    assert z.iloc[202] > 10
    assert z.iloc[:200].max() < 6


def test_detect_spikes_returns_one_row_per_burst_with_start_peak_end():
    series = _series_with_burst()
    table = timeseries.detect_spikes(series, window=48, threshold=4)
    assert len(table) == 1
    spike = table.iloc[0]
    assert spike["start"] <= series.index[200] <= series.index[202] == spike["peak"] <= spike["end"]


def test_a_single_post_in_a_quiet_series_is_not_a_spike():
    index = pd.date_range("2016-06-01", periods=200, freq="1h", tz="UTC")
    series = pd.Series(0.0, index=index)
    series.iloc[150] = 1
    assert timeseries.detect_spikes(series).empty


def test_change_point_spikes_find_a_raised_segment():
    series = _series_with_burst()
    table = timeseries.change_point_spikes(series)
    assert len(table) >= 1
    assert (table["start"] <= series.index[202]).any() and (table["end"] >= series.index[202]).any()


def test_spikes_table_has_both_methods_sorted_by_start():
    table = timeseries.spikes(_series_with_burst())
    assert {"start", "peak", "end", "method"} <= set(table.columns)
    assert table["start"].is_monotonic_increasing
    assert table["method"].str.contains("z-score").any() and table["method"].str.contains("PELT").any()
