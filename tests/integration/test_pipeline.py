"""A small SIMULATED archive through the real collector, langid and sentiment stages."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import paths, pipeline
from analysis.simulate import SimConfig, write_demo

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("sim")
    return write_demo(SimConfig(seed=4, launch_posts=120, start="2016-02-24", end="2016-03-01"), out=out)


@pytest.fixture
def enriched(demo, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "PROCESSED", tmp_path / "processed")
    return pipeline.enrich_posts(demo["archive"])


def test_every_planted_post_is_collected_once(demo, enriched):
    planted = pd.read_parquet(demo["planted"])
    assert sorted(enriched["post_id"]) == sorted(planted["post_id"])


def test_reposts_carry_no_sentiment_and_originals_do(enriched):
    if "sentiment MISSING" in enriched.attrs["stages"]:
        pytest.skip("analysis.sentiment not available")
    reposts = enriched[enriched["is_repost"]]
    originals = enriched[~enriched["is_repost"]]
    assert reposts["sentiment"].isna().all()
    assert originals["sentiment"].isin(["positive", "negative", "neutral"]).all()


def test_languages_are_identified_for_every_post(enriched):
    if "langid MISSING" in enriched.attrs["stages"]:
        pytest.skip("analysis.langid.identify not available yet")
    assert enriched["lang"].notna().all()


def test_second_run_reads_the_cache(demo, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "PROCESSED", tmp_path / "processed")
    first = pipeline.enrich_posts(demo["archive"])
    if "MISSING" in first.attrs["stages"]:
        pytest.skip("a stage is missing, so nothing is cached")
    second = pipeline.enrich_posts(demo["archive"])
    assert second.attrs["stages"].startswith("cache")
    pd.testing.assert_frame_equal(first.reset_index(drop=True), second.reset_index(drop=True),
                                  check_dtype=False)


def test_tracker_csv_loads_through_the_collector(demo):
    likes = pipeline.load_likes(demo["tracker"])
    assert set(likes["page"]) == {"maroc_telecom", "inwi", "meditel"}
    assert str(likes["observed_at"].dt.tz) == "UTC"


def test_missing_input_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no post archive"):
        pipeline.enrich_posts(tmp_path / "nothing.json.bz2")


def test_enriched_posts_name_the_models_that_labelled_them(enriched):
    from analysis import pipeline

    used = pipeline.models_used(enriched)
    assert used.startswith("language: ") and "sentiment: " in used
