"""Arabizi normaliser: spelling variants collapse, digits kept, transliteration rules."""

from __future__ import annotations

import pytest

from analysis.text import arabizi_to_arabic, normalise_arabizi


@pytest.mark.parametrize("variant", ["bzaf", "bzzaf", "bzaaaf", "Bzaf"])
def test_bzaf_variants_collapse(variant):
    assert normalise_arabizi(variant) == "bzaf"


@pytest.mark.parametrize("variant", ["chno", "shno", "xno"])
def test_ch_sh_x_collapse(variant):
    assert normalise_arabizi(variant) == "chno"


@pytest.mark.parametrize("variant", ["khouya", "khuya", "khoouya"])
def test_ou_and_u_collapse(variant):
    assert normalise_arabizi(variant) == "khuya"


def test_i_before_vowel_becomes_y():
    assert normalise_arabizi("mzian") == normalise_arabizi("mzyan")


def test_digit_letters_are_kept():
    assert normalise_arabizi("3lach m3ak 7ta 9alb") == "3lach m3ak 7ta 9alb"


def test_numbers_and_special_tokens_pass_through():
    assert normalise_arabizi("2016 <url> <emoji:red_heart>") == "2016 <url> <emoji:red_heart>"


def test_arabic_words_pass_through():
    assert normalise_arabizi("واش bzzaf") == "واش bzaf"


def test_transliteration_of_digit_letters():
    assert arabizi_to_arabic("3la 7ta 9alb") == "علا حتا قالب"


def test_transliteration_of_digraphs():
    assert arabizi_to_arabic("chkoun khdam ghir") == "شكون خدام غير"


def test_transliteration_drops_schwa():
    assert arabizi_to_arabic("mezyan") == "مزيان"


def test_transliteration_leaves_numbers():
    assert arabizi_to_arabic("f 2016") == "ف 2016"
