"""Registry parsing of every upstream format, on fixtures written by the team."""

from __future__ import annotations

import pytest

from analysis.datasets import REGISTRY, clean, parsers
from analysis.datasets.parsers import ParseError

UPSTREAM = "upstream"


def _raw(fixtures_dir, corpus_id):
    corpus = REGISTRY[corpus_id]
    folder = {"xlmt_arabic": "xlmt_arabic", "xlmt_french": "xlmt_french"}.get(
        corpus_id, corpus_id.split("_")[0])
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
