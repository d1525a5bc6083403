"""Sentiment for French, MSA, Darija and Arabizi posts.

Entry point: :func:`create_analyzer` (``.predict(texts)`` -> label, the three
probabilities and the language; ``.predict_frame(df)`` for the post table).
Three model families, all scikit-learn estimators saved with skops:

* :class:`~analysis.sentiment.scorer.LexiconScorer`: VADER-like rules over the team's
  lexicon in ``data/lexicons`` (no training data; the offline default);
* trained linear pipelines (:mod:`analysis.sentiment.models`);
* their combination, chosen on the dev splits (see ``models/sentiment.md``).
"""

from analysis.sentiment.analyzer import Prediction, SentimentAnalyzer, create_analyzer
from analysis.sentiment.lexicon import load_lexicon, score_text
from analysis.sentiment.scorer import LexiconScorer

__all__ = ["LexiconScorer", "Prediction", "SentimentAnalyzer", "create_analyzer",
           "load_lexicon", "score_text"]
