"""Language identification: rules, trained model, output table, persistence."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from analysis import datasets
from analysis.langid import (
    LABELS,
    LanguageIdentifier,
    RuleIdentifier,
    evaluate_identifier,
    evaluation_json,
    identify,
    identify_texts,
    load_identifier,
)
from analysis.langid.cues import token_cue
from analysis.langid.features import WordNgramVectorizer
from analysis.langid.persist import load_model, save_model
from tests.support.sklearn_checks import expected_failures

RULES = RuleIdentifier().fit()


@pytest.fixture(scope="module")
def small(request):
    from pathlib import Path

    return datasets.read_tsv(Path(__file__).parents[1] / "fixtures" / "text" / "langid_small.tsv")


@pytest.fixture(scope="module")
def trained(small):
    return LanguageIdentifier(min_df=1).fit(small["text"], small["lang"])


@pytest.mark.parametrize("text, label", [
    ("c'est vraiment pas normal pour nous", "fr"),
    ("لماذا هذا القرار الذي لا نفهمه", "ar"),
    ("واش هادشي معقول دابا", "ary"),
    ("wach had chi m3qoul daba", "ary_latn"),
    ("this is really not good for you", "en"),
    ("😂😂😂", "other"),
    ("Привет как дела", "other"),
])
def test_rule_fallback_labels(text, label):
    assert identify_texts([text], model=RULES)["label"].item() == label


def test_output_has_every_documented_column():
    frame = identify_texts(["salam"], model=RULES)
    expected = (["label"] + [f"p_{label}" for label in LABELS]
                + ["arabic_share", "latin_share", "code_switched", "switch_labels", "model"])
    assert list(frame.columns) == expected


def test_probabilities_sum_to_one():
    frame = identify_texts(["wach nta", "شنو", "😂", ""], model=RULES)
    assert np.allclose(frame[[f"p_{label}" for label in LABELS]].sum(axis=1), 1.0)


def test_series_index_is_kept():
    frame = identify_texts(pd.Series(["wach", "oui"], index=[10, 20]), model=RULES)
    assert frame.index.tolist() == [10, 20]


def test_missing_texts_do_not_lose_rows():
    assert len(identify_texts(["ok", None, float("nan")], model=RULES)) == 3


def test_script_shares_are_reported():
    row = identify_texts(["salam سلام"], model=RULES).iloc[0]
    assert (round(row.arabic_share, 3), round(row.latin_share, 3)) == (0.444, 0.556)


def test_cross_script_post_is_code_switched():
    row = identify_texts(["الله يعطيك الصحة c'est vraiment bien fait"], model=RULES).iloc[0]
    assert row.code_switched and row.switch_labels == "fr+ary"


def test_french_and_arabizi_cues_in_one_post_are_code_switched():
    row = identify_texts(["wach nta mzyan? c'est vraiment pas normal"], model=RULES).iloc[0]
    assert row.switch_labels == "fr+ary_latn"


def test_single_loanword_is_not_code_switching():
    assert not identify_texts(["wach nta merci"], model=RULES)["code_switched"].item()


def test_latin_post_never_gets_an_arabic_label(trained):
    # Even a model trained mostly on Arabic cannot cross scripts: the label is
    # chosen within the script holding most of the letters.
    labels = trained.predict(["lmaghrib daba", "bonjour", "xyz abc"])
    assert set(labels) <= {"fr", "ary_latn", "en", "other"}


def test_arabic_post_never_gets_a_latin_label(trained):
    assert set(trained.predict(["مرحبا", "سلام عليكم", "ok ok واش هادشي"])) <= {"ar", "ary"}


def test_trained_model_learns_the_fixture(trained, small):
    assert (trained.predict(small["text"]) == small["lang"].to_numpy()).mean() > 0.9


def test_trained_model_without_latin_data_uses_the_prior(small):
    arabic = small[small["lang"].isin(["ar", "ary"])]
    model = LanguageIdentifier(min_df=1).fit(arabic["text"], arabic["lang"])
    assert model.latin_model_ is None and model.predict(["bonjour"])[0] in ("fr", "ary_latn")


def test_unknown_training_label_is_rejected():
    with pytest.raises(ValueError, match="unknown labels"):
        LanguageIdentifier(min_df=1).fit(["a b", "c d"], ["fr", "xx"])


def test_skops_round_trip_keeps_probabilities(trained, small, tmp_path):
    path = save_model(trained, tmp_path / "langid.skops")
    again = load_model(path)
    assert np.allclose(again.predict_proba(small["text"]), trained.predict_proba(small["text"]))


class _Foreign:  # a type the loader must refuse
    pass


def test_loader_refuses_unknown_types(tmp_path):
    path = save_model({"x": _Foreign()}, tmp_path / "bad.skops")
    with pytest.raises(ValueError, match="untrusted"):
        load_model(path)


def test_missing_model_file_gives_the_rule_fallback(tmp_path):
    model = load_identifier(tmp_path / "none.skops")
    assert identify_texts(["salam"], model=model)["model"].item() == "rules"


def test_missing_model_file_can_be_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="langid train"):
        load_identifier(tmp_path / "none.skops", fallback=False)


def test_saved_model_is_used_when_present(trained, tmp_path):
    path = save_model(trained, tmp_path / "langid.skops")
    assert identify_texts(["salam"], model=load_identifier(path))["model"].item() == "trained"


def test_evaluation_json_has_exactly_the_promised_keys(small):
    import json

    payload = json.loads(evaluation_json(evaluate_identifier(small, model=RULES)))
    assert set(payload) == {"n", "macro_f1", "per_class", "confusion",
                            "msa_vs_darija_macro_f1", "posts_per_s"}


def test_msa_vs_darija_uses_only_mac_rows(small, trained):
    result = evaluate_identifier(small, model=trained)
    mac = small[small["source"] == "mac"]
    assert result["msa_vs_darija_macro_f1"] == evaluate_identifier(mac, model=trained)["macro_f1"]


def test_msa_vs_darija_is_none_without_mac_rows(small):
    assert evaluate_identifier(small.assign(source="x"), model=RULES)["msa_vs_darija_macro_f1"] is None


@pytest.mark.slow  # hundreds of generic checks: in `make test`, not in `make test-fast`
@parametrize_with_checks([LanguageIdentifier(), RuleIdentifier()],
                         expected_failed_checks=expected_failures)
def test_sklearn_contract(estimator, check):
    check(estimator)


def test_campaign_hashtags_do_not_make_a_post_code_switched():
    row = identify_texts(["مزيان هاد الشي كملو #OpeUnlike #VoIP"], model=RULES).iloc[0]
    assert (row.label, row.code_switched, row.latin_share) == ("ary", False, 0.0)


def test_hashtag_only_post_is_still_identified():
    assert identify_texts(["#OpeUnlike #BoycottInwi"], model=RULES)["latin_share"].item() == 1.0


def test_a_repeated_cue_word_counts_once_for_code_switching():
    assert not identify_texts(["c'est vraiment bien, thanks thanks thanks"], model=RULES)["code_switched"].item()


def test_a_words_features_do_not_depend_on_the_batch_it_comes_in(trained):
    # Features are hashed per distinct word: a word alone or among others gets one row.
    vec = trained.vectorizer_
    words = ["bzaaf", "wachnta", "مزيان", "c'estpas", "x", "3lihom", "مابغيتش", "zzz9q"]
    together, stats = vec._word_tables(words)
    for row, word in enumerate(words):
        alone, _ = vec._word_tables([word])
        assert (together[row] != alone[0]).nnz == 0
    assert together.sum() > 0
    # stats: Arabic, Latin, other letters (as letter_counts), then a one-hot cue label
    from analysis.langid.cues import CUE_LABELS
    from analysis.text import letter_counts

    expected = [[*letter_counts(w), *[float(token_cue(w) == c) for c in CUE_LABELS]]
                for w in words]
    assert np.array_equal(stats, expected)


def test_a_word_gets_one_column_entry_per_ngram_plus_word_and_cue(trained):
    vec = trained.vectorizer_
    lo, hi = vec.ngram_range
    features, _ = vec._word_tables(["wach"])
    assert features.sum() == len(vec._grams("wach", token_cue("wach")))
    assert features.indices.max() < 2 ** vec.n_bits and lo <= hi


def test_an_empty_ngram_range_is_refused():
    with pytest.raises(ValueError, match="ngram_range"):
        WordNgramVectorizer(ngram_range=(3, 2)).fit(["wach nta mzyan"])


def test_an_empty_batch_gets_an_empty_table(trained):
    frame = identify_texts([], model=trained)
    assert len(frame) == 0 and "label" in frame.columns


def test_identify_adds_exactly_the_stage_columns_and_keeps_index():
    from analysis.schema import LANGID_COLUMNS

    posts = pd.DataFrame({"post_id": ["x:1", "x:2"], "text": ["wach nta mzyan", "شنو هاد"]},
                         index=[7, 3])
    out = identify(posts, model=RULES)
    assert list(out.columns) == ["post_id", "text", *LANGID_COLUMNS]
    assert list(out.index) == [7, 3] and out["lang"].tolist() == ["ary_latn", "ary"]


def test_identify_refuses_a_labelled_table_unless_asked_to_replace():
    posts = identify(pd.DataFrame({"text": ["salam"]}), model=RULES)
    with pytest.raises(ValueError, match="already has column"):
        identify(posts, model=RULES)
    assert identify(posts, model=RULES, replace=True).shape == posts.shape


def test_identify_takes_a_table_not_a_list():
    with pytest.raises(TypeError, match="identify_texts"):
        identify(["salam"], model=RULES)


def test_every_label_set_is_the_schemas():
    from analysis import schema
    from analysis.langid.cues import CUE_LABELS

    assert LABELS == schema.LANGS
    assert sorted(CUE_LABELS) == sorted(schema.LANGS)  # cue priority order, same labels


def test_posts_are_prepared_with_the_shared_text_steps():
    from analysis.langid.features import prepare
    from analysis.text import TOKEN_RE, replace_urls

    # links the shared URL step knows (scheme-less, .info included), mentions and the
    # special tokens of already normalised text all leave no word behind
    post = "@inwi chof inwi.info/offre <url> <emoji_pos> wach"
    assert replace_urls("inwi.info/offre", "remove").strip() == ""
    assert prepare(post).split() == ["chof", "wach"]
    assert not TOKEN_RE.search(prepare("<user> <hashtag> salam"))
