"""``sentiment.classify``: the stage contract between language ID and sentiment."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis.langid
from analysis.langid import RuleIdentifier, identify
from analysis.schema import LANGID_COLUMNS, SENTIMENT_COLUMNS, StageError
from analysis.sentiment import classify, create_analyzer

LEXICON = create_analyzer("lexicon")


class CountingIdentifier(RuleIdentifier):
    """The rule identifier, counting the texts it labels."""

    texts_seen = 0

    def predict_details(self, texts):
        CountingIdentifier.texts_seen += len(texts)
        return super().predict_details(texts)


@pytest.fixture
def counting(monkeypatch):
    CountingIdentifier.texts_seen = 0
    model = CountingIdentifier().fit()
    monkeypatch.setattr(analysis.langid, "load_identifier", lambda *a, **k: model)
    return CountingIdentifier


def _posts(texts, reposts=None):
    return pd.DataFrame({"post_id": [f"x:{i}" for i in range(len(texts))], "text": texts,
                         "is_repost": reposts or [False] * len(texts)}, index=range(10, 10 + len(texts)))


def test_classify_adds_exactly_the_sentiment_columns_to_an_identified_table(counting):
    identified = identify(_posts(["zwin bzaf", None, "khayb bzaf"]))
    out = classify(identified, LEXICON)
    assert list(out.columns) == [*identified.columns, *SENTIMENT_COLUMNS]
    assert list(out.index) == [10, 11, 12]
    assert out["sentiment"].tolist() == ["positive", "neutral", "negative"]
    assert (out["sentiment_model"] == LEXICON.description).all()


def test_classify_reads_lang_and_never_reruns_language_id(counting):
    identified = identify(_posts(["zwin bzaf", "c'est nul", "شنو هاد"]))
    assert counting.texts_seen == 3
    classify(identified, LEXICON)
    assert counting.texts_seen == 3  # not one more post went through language ID


def test_classify_runs_language_id_once_when_lang_is_missing(counting):
    out = classify(_posts(["zwin bzaf", "c'est nul"]), LEXICON)
    assert counting.texts_seen == 2
    assert set(LANGID_COLUMNS) <= set(out.columns)


def test_reposts_carry_no_sentiment():
    out = classify(_posts(["zwin bzaf", "zwin bzaf"], reposts=[False, True]), LEXICON)
    assert out["sentiment"].tolist() == ["positive", None]
    assert out["p_positive"].isna().tolist() == [False, True]


def test_classify_refuses_a_classified_table_unless_asked_to_replace():
    out = classify(_posts(["zwin"]), LEXICON)
    with pytest.raises(ValueError, match="already has column"):
        classify(out, LEXICON)
    assert classify(out, LEXICON, replace=True).shape == out.shape


def test_a_broken_language_column_stops_the_stage():
    identified = identify(_posts(["zwin"]), model=RuleIdentifier().fit())
    identified["lang"] = "klingon"
    with pytest.raises(StageError, match="unknown language label"):
        classify(identified, LEXICON)


def test_classify_names_the_missing_text_column():
    with pytest.raises(KeyError, match="no 'body' column"):
        classify(pd.DataFrame({"text": ["x"]}), LEXICON, text_column="body")
