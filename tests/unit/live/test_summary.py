"""Likes now, lost since the start, lost per minute, and the days-of-block counter."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import campaign as campaigns
from analysis.live.summary import days_counter, page_summary, status_line, summaries


def _likes(page, rows):
    return pd.DataFrame({"page": page, "observed_at": pd.to_datetime([t for t, _ in rows], utc=True),
                         "likes": pd.array([n for _, n in rows], dtype="Int64")})


RECORD = _likes("inwi", [("2026-03-01 09:50", 2000), ("2026-03-01 10:00", 1900),
                         ("2026-03-01 10:05", 1850), ("2026-03-01 10:10", 1700)])


def test_loss_counts_from_the_last_count_at_or_before_the_launch():
    s = page_summary(RECORD, "inwi", launch=pd.Timestamp("2026-03-01 10:02", tz="UTC"))
    assert (s.since_kind, s.lost_since_start, s.likes) == ("launch", 200, 1700)
    assert s.since == pd.Timestamp("2026-03-01 10:00", tz="UTC")


def test_loss_counts_from_the_first_count_when_tracking_began_after_the_launch():
    s = page_summary(RECORD, "inwi", launch=pd.Timestamp("2016-02-26 20:00", tz="UTC"))
    assert (s.since_kind, s.lost_since_start) == ("first_count", 300)


def test_rate_per_minute_uses_only_the_last_ten_minutes():
    s = page_summary(RECORD, "inwi")
    assert s.lost_per_minute == pytest.approx((1900 - 1700) / 10)


def test_a_gain_is_a_negative_loss():
    s = page_summary(_likes("inwi", [("2026-03-01 10:00", 100), ("2026-03-01 10:05", 110)]), "inwi")
    assert s.lost_since_start == -10 and s.lost_per_minute == pytest.approx(-2)


def test_a_page_without_counts_has_no_numbers():
    s = page_summary(RECORD, "meditel")
    assert s.likes is None and s.lost_since_start is None and s.lost_per_minute is None


def test_a_single_count_has_no_rate():
    assert page_summary(RECORD.iloc[:1], "inwi").lost_per_minute is None


def test_status_line_names_every_page_and_its_problem():
    sums = summaries(RECORD, ["inwi", "meditel"])
    line = status_line(4, pd.Timestamp("2026-03-01 10:10", tz="UTC"), sums, {"meditel": "FAILING (timeout)"})
    assert line == ("poll 4 2026-03-01 10:10:00Z | inwi 1,700 (-300 since start, -20.0/min) "
                    "| meditel: FAILING (timeout)")


# --------------------------------------------------------------------------- days counter
@pytest.fixture(scope="module")
def opeunlike():
    camp = campaigns.load("opeunlike-2016")
    return camp, pd.read_csv(camp.events, dtype=str, keep_default_na=False)


def test_voip_down_counter_runs_from_the_confirmed_start_to_the_restoration(opeunlike):
    camp, events = opeunlike
    counter = days_counter(camp, pd.Timestamp("2026-12-02", tz="UTC"), events=events)
    head = counter["starts"][0]
    # 5 Jan 2016 to 4 Nov 2016: 26 + 29 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 4 days
    assert head["days"] == 304 and head["event"] == "E04" and not counter["running"]
    assert head["source"]["url"].startswith("https://telquel.ma/2016/01/05/")
    assert [s["days"] for s in counter["starts"]] == [304, 309, 273]


def test_days_since_an_event_of_the_events_file_run_to_today(opeunlike):
    camp, events = opeunlike
    counter = days_counter(camp, pd.Timestamp("2016-03-06 15:00", tz="UTC"), "E04", events)
    assert counter["starts"][0]["days"] == 61 and counter["running"]


def test_an_unknown_event_is_refused(opeunlike):
    camp, events = opeunlike
    with pytest.raises(ValueError, match="E999"):
        days_counter(camp, pd.Timestamp("2026-01-01", tz="UTC"), "E999", events)
