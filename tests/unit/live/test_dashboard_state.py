"""What the dashboard sends to the browser, built without a server."""

from __future__ import annotations

import json

import pandas as pd

from analysis import campaign as campaigns
from analysis.live.dashboard.app import DashboardConfig, build_state, render_page, series
from analysis.live.store import LiveStore

T0 = pd.Timestamp("2026-03-01 10:00", tz="UTC")


def _record(tmp_path, minutes=(0, 1, 2, 3)):
    out = tmp_path / "likes.parquet"
    store = LiveStore.open(out, ("maroc_telecom", "inwi", "meditel"))
    store.append([{"page": "inwi", "observed_at": T0 + pd.Timedelta(minutes=m), "likes": 1000 - 10 * m,
                   "source": "http://127.0.0.1/inwi.ma", "parser": "graph:fan_count"} for m in minutes], [])
    return out


def test_state_has_each_page_the_counter_and_the_series(tmp_path):
    config = DashboardConfig(campaigns.load("opeunlike-2016"), _record(tmp_path), lang="fr")
    state = build_state(config, now=pd.Timestamp("2026-03-01 10:05", tz="UTC"))
    inwi = next(p for p in state["pages"] if p["page"] == "inwi")
    assert (inwi["likes"], inwi["lost_since_start"], inwi["lost_per_minute"]) == (970, 30, 10.0)
    assert inwi["name"] == "Inwi" and state["counter"]["label"] == "jours de blocage de la VoIP"
    assert state["series"]["inwi"][1] == [1000, 990, 980, 970]
    assert state["series"]["meditel"] == [[], []]
    json.dumps(state)  # what the stream sends must be JSON as it is


def test_the_chart_breaks_at_a_gap_instead_of_drawing_through_it(tmp_path):
    likes = pd.read_parquet(_record(tmp_path, minutes=(0, 1, 2, 30, 31)))
    xs, ys = series(likes, "inwi")
    assert ys == [1000, 990, 980, None, 700, 690] and len(xs) == len(ys)


def test_a_missing_like_table_is_waited_for_not_an_error(tmp_path):
    config = DashboardConfig(campaigns.load("opeunlike-2016"), tmp_path / "not-yet.parquet")
    state = build_state(config)
    assert state["rows"] == 0 and all(p["likes"] is None for p in state["pages"])


def test_the_arabic_page_is_laid_out_right_to_left(tmp_path):
    config = DashboardConfig(campaigns.load("opeunlike-2016"), _record(tmp_path), lang="ar")
    page = render_page(config)
    assert '<html lang="ar" dir="rtl">' in page and "الإعجابات عبر الزمن" in page


def test_the_page_loads_nothing_from_outside():
    config = DashboardConfig(campaigns.load("opeunlike-2016"), "x.parquet")
    page = render_page(config)
    assert "http://" not in page and "https://" not in page and "//cdn" not in page


def test_posts_per_10_minutes_and_their_negative_share(tmp_path):
    from analysis.io import write_table
    from analysis.live.dashboard.app import posts_series

    times = pd.to_datetime(["2026-03-01 10:01", "2026-03-01 10:02", "2026-03-01 10:04",
                            "2026-03-01 10:12", "2026-03-01 10:31"], utc=True)
    path = tmp_path / "posts.parquet"
    write_table(pd.DataFrame({"created_at": times,
                              "sentiment": ["negative", "neutral", "negative", "positive", "negative"]}), path)
    out = posts_series(path)
    assert out["posts"] == [3, 1, 0, 1]
    assert out["negative_share"] == [0.667, 0.0, None, 1.0]  # an empty bin has no share, not 0
    assert out["t"][1] - out["t"][0] == 600


def test_counts_from_a_real_address_are_not_labelled_simulated():
    from analysis.live.dashboard.app import read_from_this_machine

    real = pd.DataFrame({"source": ["https://graph.facebook.com/v19.0/inwi.ma?fields=followers_count,fan_count"]})
    assert not read_from_this_machine(real)
    assert read_from_this_machine(pd.concat([real, pd.DataFrame({"source": ["http://localhost:8765/x"]})]))
