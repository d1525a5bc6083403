"""The SIMULATED campaign: deterministic, calibrated to the press, labelled everywhere."""

from __future__ import annotations

import bz2
import dataclasses
import json

import numpy as np
import pandas as pd
import pytest

from analysis import likes, reference
from analysis import simulate as simulator
from analysis.simulate import (
    CALIBRATION_END,
    LAUNCH,
    SimConfig,
    calibration_targets,
    simulate,
    write_demo,
)
from analysis.simulate import tweets as simulate_text

SHORT = dict(start="2016-02-10", end="2016-03-05")


@pytest.fixture(scope="module")
def sim():
    return simulate(SimConfig(seed=7, **SHORT))


DEMO = SimConfig(seed=3, launch_posts=150, start="2016-02-25", end="2016-02-28")  # a small demo


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    """One written demo, shared by the tests that read it (writing takes seconds)."""
    return write_demo(DEMO, out=tmp_path_factory.mktemp("demo"))


def test_same_seed_gives_identical_posts_likes_and_tracker(sim):
    again = simulate(SimConfig(seed=7, **SHORT))
    pd.testing.assert_frame_equal(sim.posts, again.posts)
    pd.testing.assert_frame_equal(sim.tracker, again.tracker)
    assert sim.truth == again.truth


def test_different_seeds_give_different_campaigns(sim):
    other = simulate(SimConfig(seed=8, **SHORT))
    assert len(other.posts) != len(sim.posts) or not other.posts["created_at"].equals(sim.posts["created_at"])


def test_calibration_targets_come_from_the_reported_figures():
    targets = calibration_targets(reference.load_reported_figures())
    assert targets["maroc_telecom"]["target"] == 137500
    # Inwi: page size from VoIP Sense's count and percentage, times Labass's 5.57 %
    assert targets["inwi"]["target"] == round(120815 / 0.0592 * 0.0557)
    assert targets["meditel"]["target"] == round(113235 / 0.0515 * 0.0484)


def test_tracker_losses_over_the_weekend_match_the_press_figures(sim):
    snaps = sim.tracker.rename(columns={"timestamp": "observed_at"})
    lost = likes.cumulative_loss(snaps, LAUNCH, CALIBRATION_END)
    for page, target in sim.truth["calibration_targets"].items():
        assert lost[page] == pytest.approx(target["target"], rel=0.02)


def test_peak_unlike_rate_is_near_the_reported_150_per_minute(sim):
    peaks = sim.truth["peak_unlikes_per_min_10min_mean"]
    assert 90 <= peaks["maroc_telecom"] <= 230


def test_no_coupling_plants_k_zero_and_no_campaign_losses():
    sim = simulate(SimConfig(seed=7, coupling=False, **SHORT))
    assert set(sim.truth["k_unlikes_per_negative_post"].values()) == {0.0}
    snaps = sim.tracker.rename(columns={"timestamp": "observed_at"})
    lost = likes.cumulative_loss(snaps, LAUNCH, CALIBRATION_END)
    assert lost["maroc_telecom"] < 1000


def test_planted_lag_is_in_the_truth_and_in_range(sim):
    assert 10 <= sim.truth["lag_minutes"] <= 90
    assert sim.truth["simulated"] is True


def test_sentiment_turns_negative_after_the_launch(sim):
    originals = sim.posts[~sim.posts["is_repost"]]
    before = originals[originals["created_at"] < LAUNCH - pd.Timedelta(days=3)]
    after = originals[(originals["created_at"] >= LAUNCH) & (originals["created_at"] < CALIBRATION_END)]
    share = lambda d: (d["sentiment"] == "negative").mean()  # noqa: E731
    assert share(after) > share(before) + 0.1


def test_four_languages_and_reposts_are_present(sim):
    assert set(sim.posts["lang"]) == {"fr", "ary", "ary_latn", "ar"}
    reposts = sim.posts[sim.posts["is_repost"]]
    assert len(reposts) > 0
    # a repost copies its root's sentiment: it adds volume, not a new opinion
    roots = sim.posts.loc[reposts["root"].to_numpy()]
    assert (roots["sentiment"].to_numpy() == reposts["sentiment"].to_numpy()).all()
    assert not roots["is_repost"].any()


def test_composed_text_after_launch_carries_a_campaign_hashtag():
    rng = np.random.default_rng(1)
    texts = [simulate_text.compose("ary", "negative", ["inwi"], LAUNCH, rng) for _ in range(50)]
    assert all("#" in t for t in texts)
    assert sum("OpeUnlike" in t or "opeunlike" in t.lower() for t in texts) >= 30


def test_written_demo_files_all_say_simulated_and_use_real_formats(demo_files):
    files = demo_files
    assert all("SIMULATED" in p.name for p in files.values())
    raw = bz2.open(files["archive"], "rb").read()
    assert raw.isascii()  # v1.1 JSON escapes Arabic and emoji as \uXXXX
    lines = [json.loads(line) for line in raw.decode().splitlines()]
    tweets = [x for x in lines if "id_str" in x]
    assert any("delete" in x for x in lines) and any("limit" in x for x in lines)
    assert any("retweeted_status" in t and t["text"].startswith("RT @") for t in tweets)
    assert all(t["created_at"].endswith("2016") for t in tweets)
    tracker = pd.read_csv(files["tracker"])
    assert list(tracker.columns) == ["timestamp", "page", "likes"]
    truth = json.loads(files["truth"].read_text())
    assert {"lag_minutes", "k_unlikes_per_negative_post", "seed"} <= set(truth)
    assert truth["seed"] == 3


def test_simulate_command_takes_seed_out_and_no_coupling(tmp_path):
    from analysis.cli import build_parser

    args = build_parser().parse_args(["simulate", "--seed", "5", "--out", str(tmp_path), "--no-coupling"])
    assert (args.seed, args.out, args.no_coupling) == (5, tmp_path, True)
    assert args.func.__module__ == "analysis.commands.simulate"


def test_demo_files_are_byte_identical_across_runs(demo_files, tmp_path):
    first = demo_files
    second = write_demo(DEMO, out=tmp_path)
    for name in first:
        assert first[name].read_bytes() == second[name].read_bytes(), name


def test_the_campaign_file_reproduces_the_default_demo_exactly():
    # campaigns/opeunlike-2016.yml must describe the same seeded demo as SimConfig():
    # the data card's numbers and the planted truth depend on it.
    from analysis import campaign

    # four days around the launch: every planted piece is in them, at a third of the cost
    a = simulator.simulate(simulator.SimConfig(seed=3, start="2016-02-25", end="2016-02-28"))
    cfg = simulator.config_for(campaign.load(None))
    b = simulator.simulate(dataclasses.replace(cfg, seed=3, start="2016-02-25", end="2016-02-28"))
    assert a.tracker.equals(b.tracker) and a.posts.equals(b.posts)
    assert a.truth["lag_minutes"] == b.truth["lag_minutes"]


def test_another_campaign_simulates_its_own_pages_and_files(tmp_path):
    from analysis import campaign

    boycott = campaign.load("boycott-2018")
    cfg = dataclasses.replace(simulator.config_for(boycott), end="2018-05-01")
    sim = simulator.simulate(cfg)
    assert set(sim.tracker["page"]) == {"centrale_danone", "afriquia", "sidi_ali"}
    assert sim.truth["launch_utc"].startswith("2018-04-20")
    # the launch burst is planted: the launch day has far more posts than the day before
    day = sim.posts["created_at"].dt.floor("D").value_counts()
    assert day.get(pd.Timestamp("2018-04-20", tz="UTC"), 0) > 5 * day.get(pd.Timestamp("2018-04-18", tz="UTC"), 0)
    files = simulator.demo_paths(tmp_path, cfg.seed, cfg.coupling, cfg.name)
    assert files["archive"].name == "boycott-2018_SIMULATED_seed2018.json.bz2"
    files["truth"].write_text('{"planted": true}')  # load_truth finds the truth beside the archive
    assert simulator.load_truth(files["archive"]) == {"planted": True}
