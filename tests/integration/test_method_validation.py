"""The lag methods recover the planted truth of SIMULATED campaigns, and invent none.

A handful of fixed seeds (the 50-seed rates are in benchmarks/method_validity.py).
Likes are read from the simulator's irregular tracker snapshots and binned exactly
as the notebooks do, so this covers analysis.simulate -> timeseries/likes -> correlate.
"""

from __future__ import annotations

import pytest

from analysis import reference, validation

SEEDS = (11, 12)


@pytest.fixture(scope="module")
def refs():
    return reference.load_events(), reference.load_reported_figures()


@pytest.mark.parametrize("seed", SEEDS)
def test_coupling_on_recovers_lag_within_one_bin_and_sign(seed, refs):
    (row,) = validation.run(seed, coupling=True, events=refs[0], figures=refs[1])
    assert row["ccf_significant"] and row["ccf_lag_ok"] and row["ccf_sign_ok"], row
    assert row["granger_significant"] and row["granger_lag_ok"] and row["granger_sign_ok"], row


@pytest.mark.parametrize("seed", SEEDS)
def test_coupling_off_reports_no_significant_relation(seed, refs):
    (row,) = validation.run(seed, coupling=False, events=refs[0], figures=refs[1])
    assert not row["ccf_significant"], row
    assert not row["granger_significant"], row


def test_recovery_holds_for_every_operator_page(refs):
    rows = validation.run(13, coupling=True, pages=("maroc_telecom", "inwi", "meditel"),
                          events=refs[0], figures=refs[1])
    assert all(r["ccf_lag_ok"] and r["granger_lag_ok"] for r in rows), rows


def test_label_agreement_compares_originals_with_the_planted_labels():
    import pandas as pd

    posts = pd.DataFrame({"post_id": ["t:1", "t:2", "t:3"], "is_repost": [False, False, True],
                          "lang": ["fr", "ary", "fr"], "sentiment": ["negative", "neutral", None]})
    planted = pd.DataFrame({"post_id": ["t:1", "t:2", "t:3"], "planted_lang": ["fr", "ary", "ar"],
                            "planted_sentiment": ["negative", "negative", "negative"]})
    table = validation.label_agreement(posts, planted).set_index("labels")
    assert table.loc["lang", "agreement"] == 1.0  # the repost is not compared
    assert table.loc["sentiment", "agreement"] == 0.5
    assert table.loc["sentiment", "n_posts"] == 2
