import pytest

from analysis.collect.matching import Query, load_query, normalise_token, tokens
from analysis.collect.prefilter import Prefilter


@pytest.mark.parametrize("variant", ["OpeUnlike", "#OPEUNLIKE", "opeunlike", "Ope_Unlike",
                                     "OpeUnliiiike", "#ope__unlike"])
def test_spelling_variants_share_one_key(variant):
    assert normalise_token(variant) == normalise_token("OpeUnlike")


def test_longer_hashtag_is_a_different_token():
    assert normalise_token("OpeUnlikeable") != normalise_token("OpeUnlike")


@pytest.mark.parametrize("a, b", [("مقاطعة", "مقاطعه"), ("مقاطعـــة", "مقاطعة"),
                                  ("إنوي", "انوي"), ("مُقَاطَعَة", "مقاطعة"), ("مصطفى", "مصطفي")])
def test_arabic_letter_variants_are_unified(a, b):
    assert normalise_token(a) == normalise_token(b)


def test_keyword_matches_whole_tokens_only():
    q = Query("t", keywords=("voip",))
    assert q.matches({"text": "la VoIP bloquée", "hashtags": []}, "keywords")
    assert not q.matches({"text": "voipdown", "hashtags": []}, "keywords")


def test_multiword_keyword_matches_sequence():
    q = Query("t", keywords=("maroc telecom",))
    assert q.matches({"text": "Chez Maroc   Telecom hier", "hashtags": []}, "keywords")
    assert not q.matches({"text": "Maroc et Telecom", "hashtags": []}, "keywords")


def test_arabic_keyword_matches_behind_clitics():
    q = Query("t", keywords=("مقاطعة",))
    assert q.matches({"text": "نحن مع والمقاطعة", "hashtags": []}, "keywords")


def test_hashtag_mode_ignores_keywords_in_text():
    q = Query("t", hashtags=("OpeUnlike",))
    assert not q.matches({"text": "opeunlike sans dièse", "hashtags": []}, "hashtags")
    assert q.matches({"text": "avec #OpeUnlike", "hashtags": []}, "hashtags")


def test_default_preset_covers_both_scripts_and_the_operators():
    q = load_query("opeunlike")
    keys = q.hashtag_keys
    for tag in ("OpeUnlike", "مقاطعة", "MarocTelecom", "Inwi", "Meditel", "ANRT", "VoIP"):
        assert normalise_token(tag) in keys
    assert any(k for k in q.keyword_keys if k == tuple(tokens("اتصالات المغرب")))


def test_unknown_preset_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown query preset"):
        load_query("nope")


def test_prefilter_catches_escaped_arabic_with_tatweel_and_variants():
    pf = Prefilter([normalise_token("مقاطعة")])
    line = b'{"text":"#\\u0645\\u0642\\u0627\\u0637\\u0639\\u0640\\u0640\\u0647"}'
    assert pf.candidates(line) == [0]


def test_prefilter_catches_raw_utf8_and_uppercase_escapes():
    pf = Prefilter([normalise_token("إنوي")])
    assert pf.candidates("أنوي".encode()) == [0]
    assert pf.candidates(b"\\u0623\\u0646\\u0648\\u064A") == [0]


def test_prefilter_rejects_lines_without_terms():
    pf = Prefilter(["opeunlike"])
    assert pf.candidates(b'{"text":"hello"}\n{"text":"world"}') == []


def test_every_matching_sample_post_passes_the_prefilter():
    """The prefilter must be a superset of the matcher on the shipped sample."""
    import json

    from analysis import paths
    from analysis.collect import stream_grab

    q = load_query("opeunlike")
    pf = Prefilter(q.prefilter_terms("both"))
    raw = (paths.SAMPLE / "opeunlike_sample.json").read_bytes()
    lines = raw.split(b"\n")
    picked = set(pf.candidates(raw))
    for i, line in enumerate(lines):
        try:
            kind, rows = stream_grab.records(json.loads(line))
        except ValueError:
            continue
        if any(q.matches(r) for _, r in rows):
            assert i in picked, line[:200]
