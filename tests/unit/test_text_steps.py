"""One behaviour per test for each normalisation step of analysis.text."""

from __future__ import annotations

import pytest

from analysis.text import (
    normalise,
    normalise_arabic,
    normalise_latin,
    reduce_elongation,
    replace_emoji,
    replace_hashtags,
    replace_laughter,
    replace_mentions,
    replace_urls,
    script_shares,
    strip_invisible,
    tokenize,
)


def test_bidi_marks_are_removed():
    assert strip_invisible("\u202bسلام\u202c \u200fok\u200e") == "سلام ok"


def test_zero_width_space_and_bom_are_removed():
    assert strip_invisible("wa\u200bch\ufeff") == "wach"


def test_zero_width_joiner_survives_inside_emoji_sequence():
    family = "\U0001F468\u200d\U0001F4BB"
    assert strip_invisible(family) == family


def test_stray_zero_width_joiner_between_letters_is_removed():
    assert strip_invisible("ب\u200dس") == "بس"


def test_urls_become_a_token():
    assert replace_urls("voir https://inwi.ma/offre ici").split() == ["voir", "<url>", "ici"]


def test_scheme_less_short_link_is_a_url():
    assert "<url>" in replace_urls("lien bit.ly/3xYz")


def test_urls_can_be_removed():
    assert replace_urls("a http://x.co/b c", "remove").split() == ["a", "c"]


def test_unknown_step_value_is_rejected():
    with pytest.raises(ValueError, match="urls='drop'"):
        replace_urls("x", "drop")


def test_mentions_become_a_token_but_emails_do_not():
    out = replace_mentions("@Maroc_Telecom contact me@mail.com")
    assert out.split() == ["<user>", "contact", "me@mail.com"]


def test_hashtag_split_on_case_and_underscore():
    assert replace_hashtags("#BoycottMarocTelecom", "split").split() == ["Boycott", "Maroc", "Telecom"]


def test_hashtag_split_keeps_arabizi_digits():
    assert replace_hashtags("#7na_m3akom", "split").split() == ["7na", "m3akom"]


def test_hashtag_token():
    assert replace_hashtags("vive #OpeUnlike", "token").split() == ["vive", "<hashtag>"]


def test_emoji_name_uses_cldr_short_name():
    assert replace_emoji("😡", "name").strip() == "<emoji:enraged_face>"


def test_emoji_with_skin_tone_is_one_cluster():
    assert replace_emoji("👍🏽", "polarity").split() == ["<emoji_pos>"]


def test_flag_is_one_emoji():
    assert replace_emoji("🇲🇦🇲🇦", "token").split() == ["<emoji>", "<emoji>"]


def test_unlisted_emoji_is_neutral():
    assert replace_emoji("🚗", "polarity").strip() == "<emoji_neu>"


@pytest.mark.parametrize("laugh", ["hhhhhh", "hahaha", "HAHAHA", "mdrrr", "lol", "ههههههه", "هاهاها", "xD"])
def test_laughter_variants_become_one_token(laugh):
    assert replace_laughter(f"wa {laugh} safi").split() == ["wa", "<laugh>", "safi"]


@pytest.mark.parametrize("word", ["ha", "hna", "hada", "hiya", "dr", "ahlan"])
def test_words_that_look_like_laughter_are_kept(word):
    assert replace_laughter(word) == word


def test_latin_elongation_is_cut_to_two():
    assert reduce_elongation("bzaaaaaf") == "bzaaf"


def test_arabic_elongation_is_cut_to_one():
    assert reduce_elongation("بزااااااف") == "بزاف"


def test_digits_are_never_shortened():
    assert reduce_elongation("2000 3333") == "2000 3333"


def test_arabic_alef_variants_become_bare_alef():
    assert normalise_arabic("أإآٱ") == "اااا"


def test_arabic_teh_marbuta_and_alef_maksura():
    assert normalise_arabic("مدرسة على") == "مدرسه علي"


def test_arabic_diacritics_and_tatweel_are_removed():
    assert normalise_arabic("كَتَبَ جميــــل") == "كتب جميل"


def test_arabic_indic_digits_become_ascii():
    assert normalise_arabic("٢٠١٦") == "2016"


def test_persian_keheh_and_yeh_are_unified():
    assert normalise_arabic("کی") == "كي"


def test_text_without_arabic_is_untouched_by_arabic_step():
    assert normalise_arabic("Ça va") == "Ça va"


def test_latin_casefold_keeps_accents():
    assert normalise_latin("ÉTÉ Très") == "été très"


def test_latin_ascii_strips_accents():
    assert normalise_latin("Opérateur ça", "ascii") == "operateur ca"


def test_typographic_apostrophe_is_folded():
    assert normalise_latin("l’opérateur") == "l'opérateur"


def test_emoji_only_post_is_never_empty():
    assert normalise("😡😡😡", emoji="remove") == "<emoji>"


def test_mark_only_post_is_never_empty():
    assert normalise("\u200f\u200e") == "<empty>"


def test_empty_post_stays_empty():
    assert normalise("") == ""


def test_normalise_is_deterministic():
    text = "@inwi Wach BZAAAF 😂 #OpeUnlike http://t.co/x ههههه"
    assert normalise(text) == normalise(text)


def test_normalise_rejects_non_strings():
    with pytest.raises(TypeError):
        normalise(None)


def test_presentation_forms_are_unified_by_nfkc():
    assert normalise("ﻣﺮﺣﺒﺎ") == "مرحبا"


def test_arabizi_option_transliterates_to_arabic():
    assert normalise("Wach bghiti", arabizi="arabic") == "واش بغيتي"


def test_tokenize_keeps_special_tokens_whole():
    assert tokenize("<emoji:red_heart> bzaf, <url>") == ["<emoji:red_heart>", "bzaf", ",", "<url>"]


def test_tokenize_splits_arabic_punctuation():
    assert tokenize("واش؟") == ["واش", "؟"]


def test_script_shares_ignore_urls_and_mentions():
    assert script_shares("سلام @someone https://x.co/abc") == (1.0, 0.0)


def test_script_shares_of_text_without_letters():
    assert script_shares("😂 2016 !!") == (0.0, 0.0)


def test_script_shares_count_other_scripts():
    arabic, latin = script_shares("ab Привет")
    assert (arabic, round(latin, 3)) == (0.0, 0.25)
