"""Training-data cleaning and the Arabizi check-list measurement."""

from __future__ import annotations

import pandas as pd

from analysis.langid.training import WEIGHTS, relabel_latin
from analysis.text.arabizi_checked import checked_accuracy


def _rows(texts, source="myc", lang="ary_latn"):
    return pd.DataFrame({"text": texts, "lang": lang, "source": source})


def test_clear_french_comment_is_retagged_fr():
    assert relabel_latin(_rows(["je ne sais pas pourquoi vous faites ça"])).tolist() == ["fr"]


def test_arabizi_with_french_words_keeps_its_tag():
    # Code-switched Arabizi: any Arabizi cue keeps the script-derived tag.
    assert relabel_latin(_rows(["wach nta fahem c'est pas normal"])).tolist() == ["ary_latn"]


def test_one_loanword_is_not_enough_to_retag():
    assert relabel_latin(_rows(["merci bzzaf a khouya"])).tolist() == ["ary_latn"]


def test_human_tagged_corpora_are_never_retagged():
    assert relabel_latin(_rows(["je ne sais pas pourquoi"], source="xlmt_french",
                                lang="fr")).tolist() == ["fr"]


def test_noisy_arabic_script_sources_are_down_weighted():
    assert WEIGHTS[("myc", "ary")] < 1 and WEIGHTS[("afrisenti_ary", "ary")] < 1


def test_checked_accuracy_counts_matches(tmp_path):
    path = tmp_path / "checked.tsv"
    path.write_text("variant\treference\tarabic\nshno\tchno\tشنو\nbezzaf\tbzaf\tبزاف\n",
                    encoding="utf-8")
    # shno -> chno (same as reference) and شنو exactly; bezzaf -> bezaf (not bzaf), بزاف exactly
    assert checked_accuracy(path) == {"rows": 2, "spelling": 0.5, "arabic_exact": 1.0,
                                      "arabic_similarity": 1.0}


def test_shipped_checked_list_is_readable():
    assert checked_accuracy()["rows"] >= 80
