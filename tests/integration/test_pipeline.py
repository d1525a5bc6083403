"""A small SIMULATED archive through the real collector, langid and sentiment stages."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis.langid
from analysis import paths, pipeline, schema
from analysis.langid import RuleIdentifier
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


def test_the_stages_ran_in_order(enriched):
    assert enriched.attrs["stages"] == "collect -> langid -> sentiment"


def test_the_table_holds_exactly_the_stage_columns(enriched):
    assert list(enriched.columns) == [*schema.POST_COLUMNS, *schema.LANGID_COLUMNS,
                                      *schema.SENTIMENT_COLUMNS]
    schema.validate_sentiment(enriched)


def test_language_id_runs_once_per_post(demo, tmp_path, monkeypatch):
    seen = []

    class Counting(RuleIdentifier):
        def predict_details(self, texts):
            seen.extend(texts)
            return super().predict_details(texts)

    model = Counting().fit()
    monkeypatch.setattr(analysis.langid, "load_identifier", lambda *a, **k: model)
    monkeypatch.setattr(paths, "PROCESSED", tmp_path / "processed")
    posts = pipeline.enrich_posts(demo["archive"])
    assert len(seen) == len(posts)  # every post once, reposts included, none twice
    assert set(posts["lang_model"]) == {"rules"}


def test_reposts_carry_no_sentiment_and_originals_do(enriched):
    reposts = enriched[enriched["is_repost"]]
    originals = enriched[~enriched["is_repost"]]
    assert reposts["sentiment"].isna().all()
    assert originals["sentiment"].isin(["positive", "negative", "neutral"]).all()


def test_languages_are_identified_for_every_post(enriched):
    assert enriched["lang"].notna().all()


def test_second_run_reads_the_cache(demo, tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "PROCESSED", tmp_path / "processed")
    first = pipeline.enrich_posts(demo["archive"])
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
