"""The catalogues: every key in all three languages, placeholders kept, formats per locale."""

import re

import pytest

from analysis import i18n
from analysis.live.dashboard.strings import STRINGS

PLACEHOLDER = re.compile(r"{(\w+)}")


def test_every_key_exists_in_all_three_languages():
    keys = {lang: set(i18n.catalogue(lang)) for lang in i18n.LANGS}
    for lang in i18n.LANGS:
        assert keys[lang] == keys["en"], (
            f"{i18n.catalogue_file(lang)}: missing {sorted(keys['en'] - keys[lang])}, "
            f"extra {sorted(keys[lang] - keys['en'])}")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_translations_keep_every_placeholder(lang):
    english = i18n.catalogue("en")
    for key, text in i18n.catalogue(lang).items():
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(english[key])), f"{lang}: {key}"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_translations_are_written_not_copied(lang):
    english = i18n.catalogue("en")
    copied = [k for k, v in i18n.catalogue(lang).items()
              if v == english[k] and re.search(r"[a-z]{4,}", v) and not k.startswith("names.page")]
    # brand names, codes and formulas may stay; a sentence may not
    assert all(len(i18n.catalogue(lang)[k].split()) <= 3 for k in copied), copied


def test_a_missing_key_names_the_catalogue_file():
    with pytest.raises(KeyError, match=r"fr\.yml.*no string 'figures\.nothing'"):
        i18n.t("figures.nothing", "fr")


def test_an_unknown_language_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="en, fr, ar"):
        i18n.t("figures.common.source", "de")


def test_the_dashboard_reads_the_same_catalogue():
    assert STRINGS["fr"]["days"] == i18n.t("dashboard.days", "fr") == "jours"
    assert set(STRINGS["ar"]) == set(STRINGS["en"])


def test_french_numbers_and_dates_follow_french_usage():
    assert i18n.number_text(100000, "fr") in ("100\u202f000", "100\u00a0000")
    assert i18n.date_text("2016-02-26", "fr") == "26 févr. 2016"
    assert i18n.percent_text(0.34, "fr") == "34\u00a0%"


def test_arabic_uses_moroccan_months_and_no_invisible_marks():
    text = i18n.date_text("2016-08-03", "ar")
    assert "غشت" in text and "2016" in text
    assert not re.search("[\u200e\u200f\u061c]", text + i18n.number_text(-1234.5, "ar", 1))


def test_file_names_carry_the_language_except_english():
    assert [i18n.file_suffix(lang) for lang in i18n.LANGS] == ["", ".fr", ".ar"]
