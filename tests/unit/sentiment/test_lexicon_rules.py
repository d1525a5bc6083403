"""VADER-like rules of the lexicon scorer: negation in each variety, intensity, sarcasm."""

from __future__ import annotations

import pytest

from analysis.sentiment.lexicon import default_lexicon, load_lexicon, score_text


def compound(text: str) -> float:
    return score_text(text).compound


def test_shipped_lexicon_has_at_least_1500_entries():
    assert len(default_lexicon()) >= 1500


@pytest.mark.parametrize("positive, negated", [
    ("il est content", "il n'est pas content"),  # ne … pas around the verb
    ("j'aime ce film", "je n'aime pas ce film"),  # the verb sits inside the scope
    ("content", "pas content"),  # bare pas
    ("un bon service", "jamais un bon service"),
])
def test_french_negation_flips_polarity(positive, negated):
    assert compound(positive) > 0 > compound(negated)


@pytest.mark.parametrize("positive, negated", [
    ("zwin", "machi zwin"),  # machi
    ("3jbni", "ma3jbnich"),  # ma…ch circumfix on one word
    ("kay3jbni", "makay3jbnich"),  # circumfix with a verb prefix
    ("3jbni", "ma 3jbnich"),  # split circumfix
])
def test_arabizi_negation_flips_polarity(positive, negated):
    assert compound(positive) > 0 > compound(negated)


@pytest.mark.parametrize("positive, negated", [
    ("زوين", "ماشي زوين"),  # ماشي
    ("عجبني", "ماعجبنيش"),  # ما…ش circumfix
    ("كيعجبني", "مكيعجبنيش"),  # م…ش with a verb prefix
])
def test_darija_arabic_script_negation_flips_polarity(positive, negated):
    assert compound(positive) > 0 > compound(negated)


@pytest.mark.parametrize("positive, negated", [
    ("جميل", "ليس جميلا"),
    ("أحب هذا", "لا أحب هذا"),
])
def test_msa_negation_flips_polarity(positive, negated):
    assert compound(positive) > 0 > compound(negated)


def test_circumfix_negates_the_following_word():
    assert compound("makaynch mochkil") > 0 > compound("kayn mochkil")


def test_negation_scope_ends_after_three_words():
    assert compound("pas de souci avec le service, c'est bien") > 0


@pytest.mark.parametrize("plain, boosted", [
    ("zwin", "zwin bzaf"),  # Darija intensifier after the word
    ("جميل", "جميل جدا"),  # MSA intensifier after the word
    ("bien", "très bien"),  # French intensifier before the word
])
def test_intensifiers_raise_intensity(plain, boosted):
    assert compound(boosted) > compound(plain) > 0


def test_contrast_word_weights_the_second_clause():
    assert compound("le réseau est bon mais le prix est horrible") < 0


def test_strong_sarcasm_cue_turns_praise_negative():
    assert compound("bravo maroc telecom 🙄") < 0 < compound("bravo maroc telecom")


def test_laughter_turns_praise_negative_only_next_to_a_negative_item():
    assert compound("bravo hhhh") > 0
    assert compound("bravo hhhh, lconnexion khayba") < 0


def test_emoji_carry_polarity():
    assert compound("😍") > 0 > compound("😡")


def test_text_without_lexicon_items_is_neutral():
    assert compound("lyoum ghadi nemchi l casa") == 0


def test_malformed_lexicon_row_is_reported_with_file_and_line(tmp_path):
    for name in ("fr", "ar", "ary", "ary_latn", "emoji"):
        (tmp_path / f"{name}.tsv").write_text("term\tscore\nbien\t2\n", encoding="utf-8")
    (tmp_path / "fr.tsv").write_text("term\tscore\nbien\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"fr.tsv:2"):
        load_lexicon(tmp_path)
