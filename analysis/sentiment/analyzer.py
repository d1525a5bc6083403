"""The one entry point: ``create_analyzer(model="default")``.

``"default"`` is the trained model that ships at ``models/sentiment.skops``
(``make models`` rebuilds it from the corpora); the lexicon scorer (``"lexicon"``) is
the documented fallback and baseline, used when that file is missing. The analyzer says which one it uses
(:attr:`SentimentAnalyzer.model_name`, :attr:`SentimentAnalyzer.kind`): every
figure drawn from its output must print it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis import model_words, paths
from analysis.schema import SENTIMENTS
from analysis.sentiment.persist import load_metadata, load_model
from analysis.sentiment.scorer import LexiconScorer
from analysis.text.transformers import as_texts

DEFAULT_MODEL = "sentiment.skops"
PROBA_COLUMNS = tuple(f"p_{s}" for s in SENTIMENTS)


@dataclass(frozen=True)
class Prediction:
    """One text's sentiment: label and the three probabilities.

    The language is not part of it: :func:`analysis.sentiment.classify` works on a
    language-identified post table, and the models never use the language tag.
    """

    label: str
    positive: float
    negative: float
    neutral: float

    @property
    def probas(self) -> dict[str, float]:
        return {"positive": self.positive, "negative": self.negative, "neutral": self.neutral}


class SentimentAnalyzer:
    """A fitted sentiment model plus its provenance.

    Attributes
    ----------
    model : estimator with ``predict_proba`` and ``classes_``
    model_name : str
        ``"lexicon"`` or the model file's stem (``"sentiment"``).
    kind : str
        ``"lexicon"`` (rules, no training data) or ``"trained"``.
    path : Path or None
        The model file, when loaded from one.
    """

    def __init__(self, model, model_name: str, kind: str, path: Path | None = None,
                 metadata: dict | None = None):
        self.model = model
        self.model_name = model_name
        self.kind = kind
        self.path = path
        self.metadata = metadata or {}

    @property
    def description(self) -> str:
        """What to print on a figure: which model made these labels (English; the
        ``sentiment_model`` column keeps it)."""
        return self.describe()

    def describe(self, lang: str = "en") -> str:
        """:attr:`description` in ``lang`` (model and file names stay as they are)."""
        return model_words.sentiment_description(
            self.kind, type(self.model).__name__, self.path.name if self.path else self.model_name,
            len(self.metadata.get("trained_on", {})), lang)

    def predict_proba(self, texts) -> np.ndarray:
        """Probabilities in the order of :data:`PROBA_COLUMNS` (positive, negative, neutral)."""
        texts = as_texts(texts)
        if not texts:
            return np.zeros((0, len(SENTIMENTS)))
        proba = self.model.predict_proba(texts)
        classes = list(self.model.classes_)
        out = np.zeros((len(texts), len(SENTIMENTS)))
        for j, label in enumerate(SENTIMENTS):
            if label in classes:
                out[:, j] = proba[:, classes.index(label)]
        return out

    def predict(self, texts) -> list[Prediction]:
        """Label and probabilities of each text.

        Examples
        --------
        >>> analyzer = create_analyzer("lexicon")
        >>> [p.label for p in analyzer.predict(["zwin bzaf", "khayb bzaf"])]
        ['positive', 'negative']
        """
        proba = self.predict_proba(as_texts(texts))
        labels = np.array(SENTIMENTS)[proba.argmax(axis=1)] if len(proba) else []
        return [Prediction(str(label), *map(float, p)) for label, p in zip(labels, proba, strict=True)]


def default_model_path() -> Path:
    return paths.MODELS / DEFAULT_MODEL


def create_analyzer(model: str | Path = "default") -> SentimentAnalyzer:
    """The sentiment analyzer.

    Parameters
    ----------
    model : ``"default"``, ``"lexicon"``, a model name in ``models/`` or a path
        ``"default"`` loads ``models/sentiment.skops`` if present, else the lexicon
        scorer; ``"lexicon"`` always uses the rules; ``"NAME"`` loads
        ``models/NAME.skops``; a path loads that file.
    """
    if model == "lexicon" or (model == "default" and not default_model_path().is_file()):
        return SentimentAnalyzer(LexiconScorer().fit(None), "lexicon", "lexicon")
    if model == "default":
        path = default_model_path()
    else:
        path = Path(model)
        if not path.suffix:
            path = paths.MODELS / f"{model}.skops"
    fitted = load_model(path)
    return SentimentAnalyzer(fitted, path.stem, "trained", path, load_metadata(path))
