"""Registry parsing of every upstream format, on fixtures written by the team."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from analysis.datasets import REGISTRY, clean, parsers
from analysis.datasets.parsers import ParseError
from tests.support.xlsx_writer import write_xlsx

UPSTREAM = "upstream"


def _raw(fixtures_dir, corpus_id):
    corpus = REGISTRY[corpus_id]
    folder = {"afrisenti_ary": "afrisenti"}.get(corpus_id, corpus_id)
    return {role: (fixtures_dir / UPSTREAM / folder / f.path.rsplit("/", 1)[-1]).read_bytes()
            for role, f in corpus.files.items()}


def test_afrisenti_parser_reads_tweet_and_label(fixtures_dir):
    rows = parsers.parse_afrisenti((fixtures_dir / UPSTREAM / "afrisenti/train.tsv").read_bytes())
    assert set(rows.label) == {"positive", "negative", "neutral"}
    assert rows.text.str.contains('"maroc telecom"').any()  # quotes are text, not quoting


def test_afrisenti_parser_names_file_and_line_on_bad_label():
    with pytest.raises(ParseError, match=r"x.tsv:3: unknown label 'happy'"):
        parsers.parse_afrisenti(b"tweet\tlabel\nok\tneutral\nbad\thappy\n", "x.tsv")


def test_xlmt_parser_maps_digits_to_labels(fixtures_dir):
    folder = fixtures_dir / UPSTREAM / "xlmt_french"
    rows = parsers.parse_xlmt((folder / "train_text.txt").read_bytes(),
                              (folder / "train_labels.txt").read_bytes())
    assert rows.label.tolist() == ["positive", "negative", "neutral"]


def test_xlmt_parser_refuses_misaligned_files():
    with pytest.raises(ParseError, match="2 texts but 1 labels"):
        parsers.parse_xlmt(b"a\nb\n", b"1\n")


def test_mac_parser_keeps_class_and_mixed(fixtures_dir):
    rows = parsers.parse_mac((fixtures_dir / UPSTREAM / "mac/MAC corpus.csv").read_bytes())
    assert {"standard", "dialectal", "diatectal"} <= set(rows["class"])
    assert "mixed" in set(rows.label)


def test_myc_parser_reads_utf16_and_binary_labels(fixtures_dir):
    rows = parsers.parse_myc((fixtures_dir / UPSTREAM / "myc/DATA_CLEANED.csv").read_bytes())
    assert set(rows.label) == {"positive", "negative"}
    assert rows.text.str.contains("زوين").any()


def test_myc_parser_refuses_utf8():
    with pytest.raises(ParseError, match="UTF-16"):
        parsers.parse_myc(b"sentence,polarity\nx,1\n")


@pytest.mark.parametrize("corpus_id", sorted(REGISTRY))
def test_every_corpus_normalises_to_the_shared_schema(fixtures_dir, corpus_id):
    rows = REGISTRY[corpus_id].normalise(_raw(fixtures_dir, corpus_id))
    assert len(rows) >= 5
    assert list(rows.columns) == ["text", "label", "lang", "source", "split"]
    assert set(rows.split) <= {"train", "dev"} and "train" in set(rows.split)
    assert set(rows.label) <= {"positive", "negative", "neutral"}
    assert set(rows.lang) <= set(REGISTRY[corpus_id].langs)
    assert not rows.text.str.contains("[\t\n]").any()


def test_afrisenti_normalisation_strips_origin_markers_and_near_duplicates(fixtures_dir):
    rows = REGISTRY["afrisenti_ary"].normalise(_raw(fixtures_dir, "afrisenti_ary"))
    assert not rows.text.str.endswith(("'", ",")).any()
    assert rows.text.str.contains("lmatch, bravo").sum() == 1  # "Zwiiin bzaaf…" collapsed


def test_mac_normalisation_drops_mixed_and_conflicts_and_maps_class(fixtures_dir):
    rows = REGISTRY["mac"].normalise(_raw(fixtures_dir, "mac"))
    assert "غالي" not in " ".join(rows.text)  # the mixed row
    assert not rows.text.str.contains("خدمة سيئ").any()  # conflicting labels: all dropped
    assert set(rows.lang) == {"ar", "ary"}


def test_myc_normalisation_drops_letterless_rows_and_quote_debris(fixtures_dir):
    rows = REGISTRY["myc"].normalise(_raw(fixtures_dir, "myc"))
    assert not rows.text.str.startswith('"').any()
    assert not rows.text.str.fullmatch("[😂👍]+").any()
    assert set(rows.lang) == {"ary", "ary_latn"}


def test_deterministic_split_does_not_depend_on_row_order(fixtures_dir):
    rows = parsers.parse_mac((fixtures_dir / UPSTREAM / "mac/MAC corpus.csv").read_bytes())
    rows = rows[rows.label != "mixed"].assign(lang="ar")
    forward = clean.deterministic_split(rows, "mac")
    backward = clean.deterministic_split(rows.iloc[::-1], "mac")
    assert forward.equals(backward.loc[forward.index])
    assert (forward == "dev").any()


def test_arsarcasm_parser_maps_sentiment_and_leaves_quote_debris_to_the_normaliser(fixtures_dir):
    rows = parsers.parse_arsarcasm(
        (fixtures_dir / UPSTREAM / "arsarcasm_v2/training_data.csv").read_bytes())
    assert set(rows.label) == {"positive", "negative", "neutral"}
    assert rows.text.str.startswith('"').any()  # tripled quotes upstream leave one behind
    assert list(rows.columns) == ["text", "label"]  # sarcasm flag and dialect not kept


def test_arsarcasm_parser_names_file_and_line_on_bad_sentiment():
    raw = "tweet,sarcasm,sentiment,dialect\nok,FALSE,NEU,msa\nbad,FALSE,HAPPY,msa\n".encode()
    with pytest.raises(ParseError, match=r"t.csv:3: unknown sentiment 'HAPPY'"):
        parsers.parse_arsarcasm(raw, "t.csv")


def test_text_tab_label_parser_takes_the_label_after_the_last_tab():
    rows = parsers.parse_text_tab_label("a\tb\tPOS\r\n\n".encode(), parsers.ASTD_LABELS)
    assert rows.to_dict("records") == [{"text": "a\tb", "label": "positive"}]


def test_text_tab_label_parser_names_file_and_line_on_bad_label():
    with pytest.raises(ParseError, match=r"T.txt:2: unknown label 'MAYBE'"):
        parsers.parse_text_tab_label("x\tOBJ\ny\tMAYBE\n".encode(), parsers.ASTD_LABELS,
                                     "T.txt")
    with pytest.raises(ParseError, match=r"T.txt:1: no tab"):
        parsers.parse_text_tab_label("no label here\n".encode(), parsers.ASTD_LABELS, "T.txt")


def test_ajgt_parser_reads_the_xlsx_fixture_with_the_standard_library(fixtures_dir):
    rows = parsers.parse_ajgt((fixtures_dir / UPSTREAM / "ajgt/AJGT.xlsx").read_bytes())
    assert len(rows) == 15
    assert rows.iloc[0].tolist() == ["والله انه يوم حلو كثير", "positive"]
    assert set(rows.label) == {"positive", "negative"}


def test_ajgt_parser_reads_inline_strings_and_columns_in_any_order(tmp_path):
    path = write_xlsx([["Sentiment", None, "Feed"], ["Negative", None, "زهقنا"],
                       ["Positive", None, "حلو"]], tmp_path / "a.xlsx", inline=True)
    rows = parsers.parse_ajgt(path.read_bytes())
    assert rows.to_dict("records") == [{"text": "زهقنا", "label": "negative"},
                                       {"text": "حلو", "label": "positive"}]


def test_ajgt_parser_refuses_a_file_that_is_not_a_workbook_or_a_bad_label(tmp_path):
    with pytest.raises(ParseError, match="AJGT.xlsx: not an .xlsx file"):
        parsers.parse_ajgt(b"ID,Feed,Sentiment\n")
    path = write_xlsx([["ID", "Feed", "Sentiment"], [1, "x", "Mixed"]], tmp_path / "b.xlsx")
    with pytest.raises(ParseError, match="AJGT.xlsx: row 2: unknown sentiment 'Mixed'"):
        parsers.parse_ajgt(path.read_bytes())


def test_arsarcasm_normalisation_strips_quote_debris_and_drops_conflicts(fixtures_dir):
    rows = REGISTRY["arsarcasm_v2"].normalise(_raw(fixtures_dir, "arsarcasm_v2"))
    assert not rows.text.str.startswith('"').any()
    assert rows.text.str.contains('"الممتازة"').any()  # inner quotes survive, undoubled
    assert not rows.text.str.contains("هذا التطبيق").any()  # POS and NEG: both dropped
    # training and testing files are pooled; the near-duplicate across them is collapsed
    assert rows.text.str.contains("يوم رائع في الحديقة").sum() == 1
    assert set(rows.lang) == {"ar"}


def test_astd_maps_obj_to_neutral_and_drops_mixed_after_deduplication(fixtures_dir):
    rows = REGISTRY["astd"].normalise(_raw(fixtures_dir, "astd"))
    assert "neutral" in set(rows.label) and "mixed" not in set(rows.label)
    assert not rows.text.str.contains("الفيلم جميل").any()  # NEUTRAL = subjective mixed
    # OBJ and NEUTRAL rows with one loose key conflict: both go, not just the mixed one
    assert not rows.text.str.contains("موعد القطار").any()


def test_arsas_drops_mixed_and_pools_its_train_and_test_files(fixtures_dir):
    rows = REGISTRY["arsas"].normalise(_raw(fixtures_dir, "arsas"))
    assert not rows.text.str.contains("التحكيم سيء").any()  # Mixed
    assert rows.text.str.contains("الخدمة بطيئة").any()  # from ArSAS-test.txt
    assert rows.text.str.contains("فوز مستحق للمنتخب").sum() == 1


def test_ajgt_normalisation_cleans_html_and_collapses_near_duplicates(fixtures_dir):
    rows = REGISTRY["ajgt"].build(_raw(fixtures_dir, "ajgt"), None)
    assert "فيلم رائع & ممتع" in set(rows.text)
    assert rows.text.str.contains("يعطيكم العافية").sum() == 1


@pytest.mark.parametrize("corpus_id", ["mac", "arsarcasm_v2", "astd", "arsas", "ajgt"])
def test_created_test_part_is_built_but_never_normalised(fixtures_dir, corpus_id):
    corpus = REGISTRY[corpus_id]
    built = corpus.build(_raw(fixtures_dir, corpus_id), None)
    kept = corpus.normalise(_raw(fixtures_dir, corpus_id))
    assert len(kept) == (built.split != "test").sum()
    assert "test" not in set(kept.split)


def test_split_is_80_10_10_by_hash_order_within_each_stratum():
    rows = pd.DataFrame({"text": [f"post number {chr(0x0627 + i)}" for i in range(20)],
                         "label": "positive", "lang": "ar"})
    split = clean.deterministic_split(rows, "demo")
    assert split.value_counts().to_dict() == {"train": 16, "dev": 2, "test": 2}
    order = rows.text.map(
        lambda t: hashlib.sha256(f"2016|demo|{clean.loose_key(t)}".encode()).hexdigest())
    ranked = split[order.sort_values().index].tolist()
    assert ranked == ["train"] * 16 + ["dev"] * 2 + ["test"] * 2


def test_loose_key_keeps_emoji_so_that_emoji_only_differences_are_not_conflicts():
    rows = pd.DataFrame({"text": ["zwin 😂", "zwin 😢"], "label": ["positive", "negative"]})
    assert len(clean.deduplicate(rows)) == 2
