"""The sourced reference tables: every row sourced, every date parsed, no silent conflict."""

import pandas as pd

from analysis import reference


def test_every_event_has_a_source_url():
    events = reference.load_events()
    assert len(events) == 56
    assert events["source_url"].map(len).min() >= 1
    assert all(url.startswith("http") for urls in events["source_url"] for url in urls)


def test_event_sources_are_aligned_with_outlets_and_dates():
    events = reference.load_events()
    lengths = events[["source_url", "source_outlet", "source_date"]].map(len)
    assert (lengths.nunique(axis=1) == 1).all()


def test_every_figure_has_a_source_url():
    figures = reference.load_reported_figures()
    assert len(figures) == 48
    assert figures["source_url"].str.startswith("http").all()


def test_every_dated_event_parses_to_a_utc_interval():
    events = reference.load_events()
    dated = events[events["precision"] != "unknown"]
    assert dated["date"].notna().all()
    assert (dated["date_end"] > dated["date"]).all()
    assert str(events["date"].dt.tz) == "UTC"
    assert events.loc[events["precision"] == "unknown", "date"].isna().all()


def test_local_dates_convert_with_moroccan_summer_time():
    # 2 June 2016: Morocco on UTC+1, so the local day starts at 23:00 UTC the day before.
    start, end = reference.local_period_to_utc("2016-06-02", "day")
    assert start == pd.Timestamp("2016-06-01 23:00", tz="UTC")
    # 26 February 2016: winter time, UTC+0.
    assert reference.local_period_to_utc("2016-02-26", "day")[0] == pd.Timestamp("2016-02-26", tz="UTC")


def test_stated_clock_time_narrows_the_interval():
    events = reference.load_events().set_index("event_id")
    assert events.loc["E07", "date"] == pd.Timestamp("2016-01-07 17:00", tz="UTC")
    assert events.loc["E07", "time_known"]


def test_every_figure_date_parses():
    figures = reference.load_reported_figures()
    dated = figures[figures["observed_on"] != ""]
    assert dated["observed_at"].notna().all()


def test_no_two_figures_silently_disagree():
    assert reference.silent_disagreements().empty


def test_silent_disagreement_is_caught_when_a_conflict_id_is_missing():
    figures = reference.load_reported_figures()
    figures.loc[figures["figure_id"] == "F01", "conflict"] = None
    figures.loc[figures["figure_id"] == "F01", "observed_on"] = "2016-03-01"
    twin = figures[figures["figure_id"] == "F01"].assign(figure_id="FXX", value=1.0)
    problems = reference.silent_disagreements(pd.concat([figures, twin]))
    assert list(problems["figure_ids"]) == ["F01, FXX"]


def test_every_conflict_id_is_documented():
    documented = set(reference.load_conflicts()["conflict_id"])
    used = set(reference.load_events()["conflict"].dropna()) | set(
        reference.load_reported_figures()["conflict"].dropna()
    )
    assert used <= documented


def test_conflicting_figures_are_kept_not_averaged():
    mt = reference.conflicting(page="maroc_telecom", quantity="likes_lost_since_campaign_start")
    assert {137500.0, 145431.0, 123380.0} <= set(mt["value"])
    assert mt["group_n"].iloc[0] == len(mt)


def test_block_period_spans_the_documented_dates():
    start, end = reference.block_period("confirmed")
    assert start == pd.Timestamp("2016-01-05", tz="UTC")
    assert end == pd.Timestamp("2016-11-04", tz="UTC")
    assert reference.block_period()[0] == pd.Timestamp("2015-12-31", tz="UTC")
