"""Lagged correlation, Granger and the event study on series with a known answer."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import correlate

INDEX = pd.date_range("2016-02-26", periods=600, freq="10min", tz="UTC")


def _ar1(n, phi, rng):
    out = np.zeros(n)
    eps = rng.standard_normal(n)
    for t in range(1, n):
        out[t] = phi * out[t - 1] + eps[t]
    return out


def _coupled(lag=3, k=2.0, seed=0):
    rng = np.random.default_rng(seed)
    x = _ar1(len(INDEX), 0.7, rng)
    y = k * np.concatenate([np.zeros(lag), x[:-lag]]) + rng.standard_normal(len(INDEX))
    return pd.Series(x, INDEX), pd.Series(y, INDEX)


def test_ccf_finds_the_planted_lag_and_sign():
    x, y = _coupled(lag=3, k=-2.0)
    table = correlate.cross_correlation(x, y, max_lag=8, n_boot=100)
    top = correlate.best_lag(table)
    assert top["lag"] == 3 and top["ccf"] < 0 and top["significant"]


def test_ccf_bootstrap_interval_brackets_the_estimate_at_the_peak():
    x, y = _coupled()
    table = correlate.cross_correlation(x, y, max_lag=6, n_boot=200)
    top = correlate.best_lag(table)
    assert top["ci_low"] <= top["ccf"] <= top["ci_high"]
    assert top["ci_low"] > 0


def test_ccf_table_states_method_window_bin_and_uncertainty():
    x, y = _coupled()
    table = correlate.cross_correlation(x, y, max_lag=4, bin="10min", n_boot=50)
    for column in ("method", "window", "bin", "uncertainty"):
        assert table[column].nunique() == 1 and table[column].iloc[0]
    assert "prewhitening" in table["method"].iloc[0]
    assert table["bin"].iloc[0] == "10min"


def test_prewhitening_removes_the_spurious_correlation_of_two_random_walks():
    rng = np.random.default_rng(3)
    x = pd.Series(np.cumsum(rng.standard_normal(len(INDEX))), INDEX)
    y = pd.Series(np.cumsum(rng.standard_normal(len(INDEX))), INDEX)
    raw = correlate.cross_correlation(x, y, max_lag=6, prewhitened=False, n_boot=0)
    white = correlate.cross_correlation(x, y, max_lag=6, n_boot=0)
    assert raw["significant"].any()
    assert not white["significant"].any()


def test_independent_series_show_no_significant_lag():
    rng = np.random.default_rng(11)
    x = pd.Series(_ar1(len(INDEX), 0.6, rng), INDEX)
    y = pd.Series(_ar1(len(INDEX), 0.6, rng), INDEX)
    assert not correlate.cross_correlation(x, y, max_lag=8, n_boot=0)["significant"].any()


def test_ccf_uses_only_the_longest_gap_free_stretch():
    x, y = _coupled()
    y.iloc[100] = np.nan
    table = correlate.cross_correlation(x, y, max_lag=3, n_boot=0)
    assert "499 bins" in table["window"].iloc[0]


def test_granger_detects_the_leading_series_and_its_lag():
    x, y = _coupled(lag=2, k=1.5, seed=5)
    table = correlate.granger(x, y, max_lag=6, names=("posts", "losses"))
    forward = table.iloc[0]
    assert forward["direction"] == "posts -> losses"
    assert forward["significant"] and forward["strongest_lag"] == 2 and forward["strongest_coef"] > 0
    assert {"method", "window", "bin", "uncertainty"} <= set(table.columns)


def test_granger_on_differences_ignores_a_shared_slow_drift():
    rng = np.random.default_rng(2)
    drift = np.cumsum(rng.standard_normal(len(INDEX))) * 0.3
    x = pd.Series(drift + rng.standard_normal(len(INDEX)), INDEX)
    y = pd.Series(np.cumsum(rng.standard_normal(len(INDEX))) * 0.3 + rng.standard_normal(len(INDEX)), INDEX)
    assert not correlate.granger(x, y, max_lag=6).iloc[0]["significant"]


def _events(dates):
    return pd.DataFrame({
        "event_id": [f"E{i}" for i in range(len(dates))], "precision": "day",
        "date": pd.to_datetime(dates, utc=True), "event_type": "block",
        "title_en": [f"event {i}" for i in range(len(dates))],
    })


def _daily(values_at=None):
    index = pd.date_range("2016-01-01", "2016-06-30", freq="1h", tz="UTC")
    rng = np.random.default_rng(4)
    values = rng.poisson(3, len(index)).astype(float)
    for day, extra in (values_at or {}).items():
        sel = (index >= pd.Timestamp(day, tz="UTC")) & (index < pd.Timestamp(day, tz="UTC") + pd.Timedelta("2D"))
        values[sel] += extra
    return pd.DataFrame({"posts": values}, index=index)


def test_event_study_flags_a_planted_jump_after_an_event():
    series = _daily({"2016-03-01": 10})
    table = correlate.event_study(series, _events(["2016-03-01", "2016-05-01"]), n_placebo=1000)
    hit = table[table["event_ids"] == "E0"].iloc[0]
    miss = table[table["event_ids"] == "E1"].iloc[0]
    assert hit["significant"] and hit["abnormal"] > 8
    assert not miss["significant"]


def test_event_study_rows_state_method_window_bin_and_uncertainty():
    table = correlate.event_study(_daily(), _events(["2016-03-01"]), n_placebo=200)
    row = table.iloc[0]
    assert "placebo" in row["method"] and "fdr_bh" in row["method"]
    assert row["window"].startswith("[t0, t0+2D)")
    assert row["bin"] == "1h"
    assert row["n_placebo"] == 200 and row["placebo_low"] < row["placebo_high"]


def test_event_study_collapses_events_of_the_same_day():
    table = correlate.event_study(_daily(), _events(["2016-03-01", "2016-03-01"]), n_placebo=100)
    assert len(table) == 1 and table.iloc[0]["event_ids"] == "E0 E1"


def test_event_study_skips_events_without_a_day():
    events = _events(["2016-03-01", "2016-04-01"])
    events.loc[1, "precision"] = "month"
    assert len(correlate.event_study(_daily(), events, n_placebo=100)) == 1


def test_granger_on_the_shortest_series_a_lag_analysis_accepts():
    # 48 bins is the fewest the report plans a lag analysis for. With a strictly
    # periodic post count a VAR of order near max_lag fits exactly and leaves no
    # residual degrees of freedom: NaN t-values and, before the order cap, a crash
    # ("All-NaN slice encountered") inside the report's notebook 05.
    idx = pd.date_range("2016-02-28 08:00", periods=48, freq="10min", tz="UTC")
    x = pd.Series([1.0, 2.0, 1.0, 1.0] * 12, idx)
    y = pd.Series([66, 88, 92, 84, 85, 87, 72, 92, 83, 72, 95, 76, 73, 66, 79, 79, 99, 78, 82, 89, 74, 86,
                   97, 84, 84, 73, 82, 103, 88, 76, 65, 101, 83, 84, 87, 80, 82, 75, 76, 84, 97, 61, 78,
                   101, 77, 83, 84, 64], idx, dtype=float)
    table = correlate.granger(x, y, max_lag=12)
    assert len(table) == 2
    assert (table["lag_order"] <= (47 - 10) // 4).all()


def test_granger_on_a_series_whose_var_cannot_be_fitted_reports_not_computed():
    # A constant difference series gives the VAR a singular covariance at order
    # selection (LinAlgError "not positive definite"): both directions are reported as
    # not computed instead of crashing the report's notebook 05.
    idx = pd.date_range("2016-02-28 08:00", periods=48, freq="10min", tz="UTC")
    x = pd.Series(range(48), idx, dtype=float)  # differences are all 1: zero variance
    y = pd.Series([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0] * 6, idx)
    table = correlate.granger(x, y, max_lag=12)
    assert len(table) == 2 and not table["significant"].any()
    assert table["method"].str.contains("not computed").all()
