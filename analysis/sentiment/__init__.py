"""Sentiment for French, MSA, Darija and Arabizi posts.

Entry points: :func:`classify` (the pipeline stage: a language-identified post table in,
``sentiment``, ``p_positive``, ``p_negative``, ``p_neutral`` and ``sentiment_model`` out)
and :func:`create_analyzer` (``.predict(texts)`` -> label and the three probabilities).
Three model families, all scikit-learn estimators saved with skops:

* :class:`~analysis.sentiment.scorer.LexiconScorer`: VADER-like rules over the team's
  lexicon in ``data/lexicons`` (no training data; the offline default);
* trained linear pipelines (:mod:`analysis.sentiment.models`);
* their combination, chosen on the dev splits (see ``models/sentiment.md``).
"""

from analysis.sentiment.analyzer import Prediction, SentimentAnalyzer, create_analyzer
from analysis.sentiment.lexicon import load_lexicon, score_text
from analysis.sentiment.scorer import LexiconScorer
from analysis.sentiment.stage import classify

__all__ = ["LexiconScorer", "Prediction", "SentimentAnalyzer", "classify", "create_analyzer",
           "load_lexicon", "score_text"]
