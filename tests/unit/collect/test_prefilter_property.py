"""Property: the byte pre-filter never rejects a line the matcher accepts (issue 10, defect 7).

Tags are spelled the way readers see as one tag: any code point the matcher maps to
the tag's letters (fullwidth, mathematical, presentation forms, accents, case), letters
repeated, and code points the matcher deletes (ZWNJ, ZWJ, variation selectors,
combining marks) between them; the tweet is written raw UTF-8 or ``\\u``-escaped.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.collect import stream_grab
from analysis.collect.matching import load_query, normalise_text, squeeze
from analysis.collect.prefilter import Prefilter, _normalised_specials

QUERY = load_query("opeunlike")
PREFILTER = Prefilter(QUERY.prefilter_terms("both"))
TAGS = ["OpeUnlike", "مقاطعة", "Inwi", "Meditel", "VoIP", "mo9ata3a"]


def _variants() -> dict[str, list[str]]:
    """Every code point by the single comparison letter the matcher turns it into."""
    by_key: dict[str, list[str]] = {}
    candidates = [(code, key) for code, key in _normalised_specials()]
    candidates += [(code, squeeze(normalise_text(chr(code)))) for code in range(0x21, 0x700)]
    for code, key in candidates:
        if len(key) == 1:
            by_key.setdefault(key, []).append(chr(code))
    return by_key


VARIANTS = _variants()
DELETED = [chr(code) for code, key in _normalised_specials() if key == ""] + ["_"]


@st.composite
def spelled_tag(draw) -> str:
    tag = draw(st.sampled_from(TAGS))
    out = []
    for letter in squeeze(normalise_text(tag)):
        forms = VARIANTS.get(letter, [letter]) + [letter]
        out.append(draw(st.sampled_from(forms)) * draw(st.integers(1, 2)))
        if draw(st.booleans()):
            out.append("".join(draw(st.lists(st.sampled_from(DELETED), max_size=2))))
    return "".join(out)


def _line(text: str, hashtags: list[str], ascii_only: bool) -> bytes:
    tweet = {"id_str": "1", "created_at": "Fri Feb 26 21:03:11 +0000 2016", "text": text,
             "user": {"id_str": "9"}, "entities": {"hashtags": [{"text": h} for h in hashtags]}}
    return json.dumps(tweet, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


def _accepted(line: bytes) -> bool:
    _, rows = stream_grab.records(json.loads(line))
    return any(QUERY.matches(row) for _, row in rows)


@pytest.mark.slow  # 300 generated posts: about half a minute
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tag=spelled_tag(), before=st.text(max_size=20), after=st.text(max_size=20),
       hash_sign=st.sampled_from(["#", "＃", "﹟"]), in_entities=st.booleans(),
       ascii_only=st.booleans())
def test_prefilter_keeps_every_line_the_matcher_accepts(tag, before, after, hash_sign,
                                                        in_entities, ascii_only):
    text = f"{before} {hash_sign}{tag} {after}"
    line = _line(text, [tag] if in_entities else [], ascii_only)
    if _accepted(line):
        assert PREFILTER.candidates(line) == [0], line


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60), ascii_only=st.booleans())
def test_prefilter_keeps_matching_lines_of_arbitrary_text(text, ascii_only):
    line = _line(text, [], ascii_only)
    if _accepted(line):
        assert PREFILTER.candidates(line) == [0], line


@pytest.mark.parametrize("tag", ["ＯｐｅＵｎｌｉｋｅ", "𝐎𝐩𝐞𝐔𝐧𝐥𝐢𝐤𝐞", "ﻣﻘﺎﻃﻌﺔ", "Ope\u200cUn\u200dlike",
                                 "مقاطعة\u200cاتصالات"])
def test_reader_variants_of_a_tag_match_and_pass_the_prefilter(tag):
    for ascii_only in (True, False):
        line = _line(f"#{tag}", [], ascii_only)
        assert _accepted(line) or tag.startswith("مقاطعة\u200c")
        assert PREFILTER.candidates(line) == [0]


def test_zwnj_inside_a_tag_is_stripped_not_a_tag_boundary():
    from analysis.collect.matching import hashtags_in_text, normalise_token

    assert hashtags_in_text("#Ope\u200cUnlike!") == ["Ope\u200cUnlike"]
    assert normalise_token("Ope\u200cUnlike") == normalise_token("OpeUnlike")
