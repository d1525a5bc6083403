"""scikit-learn transformers wrapping :func:`normalise` and the Arabizi normaliser.

Both are stateless: ``fit`` only checks the input and returns ``self``; ``transform`` maps an iterable of strings (list, 1-D array,
``pandas.Series`` or a one-column 2-D array) to a 1-D ``numpy`` object array of
strings, ready for a ``TfidfVectorizer``.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from analysis.text.arabizi import arabizi_to_arabic, normalise_arabizi
from analysis.text.steps import normalise


def as_texts(X) -> list[str]:
    """A list of str from a list, 1-D array, Series or one-column 2-D array of text.

    Missing values (``None``, NaN) become ``""`` so that no row is lost.

    >>> as_texts(["a", None, float("nan")])
    ['a', '', '']
    >>> as_texts(np.array([["x"], ["y"]], dtype=object))
    ['x', 'y']
    """
    if hasattr(X, "to_numpy"):
        X = X.to_numpy()
    if isinstance(X, str):
        raise TypeError("expected an iterable of texts, got a single str")
    arr = np.asarray(X, dtype=object)
    if arr.ndim == 2:
        if arr.shape[1] != 1:
            raise ValueError(f"expected one column of text, got shape {arr.shape}")
        arr = arr[:, 0]
    elif arr.ndim != 1:
        raise ValueError(f"expected a 1-D sequence of texts, got shape {arr.shape}")
    return [v if isinstance(v, str) else ("" if v is None or v != v else str(v)) for v in arr]


class TextNormaliser(TransformerMixin, BaseEstimator):
    """Apply :func:`analysis.text.normalise` to every text (same keywords).

    Examples
    --------
    >>> TextNormaliser(emoji="polarity").fit_transform(["Top 👍", "Bzaaaf"]).tolist()
    ['top <emoji_pos>', 'bzaaf']
    """

    def __init__(self, *, urls="token", mentions="token", hashtags="keep", emoji="keep",
                 elongation=True, laughter=True, arabic=True, latin=True, arabizi=False):
        self.urls = urls
        self.mentions = mentions
        self.hashtags = hashtags
        self.emoji = emoji
        self.elongation = elongation
        self.laughter = laughter
        self.arabic = arabic
        self.latin = latin
        self.arabizi = arabizi

    def fit(self, X, y=None):
        as_texts(X)  # validate the input shape early
        return self

    def transform(self, X):
        params = self.get_params()
        return np.array([normalise(t, **params) for t in as_texts(X)], dtype=object)

    def normalise_one(self, text: str) -> str:
        """One text through :func:`analysis.text.normalise` with this normaliser's keywords."""
        return normalise(text, **self.get_params())

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.requires_fit = False
        return tags


class ArabiziNormaliser(TransformerMixin, BaseEstimator):
    """Map Arabizi spellings to one form; ``transliterate=True`` writes Arabic script.

    Examples
    --------
    >>> ArabiziNormaliser().fit_transform(["Shno bghiti"]).tolist()
    ['chno bghiti']
    >>> ArabiziNormaliser(transliterate=True).fit_transform(["bzaaf"]).tolist()
    ['بزاف']
    """

    def __init__(self, *, transliterate=False):
        self.transliterate = transliterate

    def fit(self, X, y=None):
        as_texts(X)
        return self

    def transform(self, X):
        func = arabizi_to_arabic if self.transliterate else normalise_arabizi
        return np.array([func(t) for t in as_texts(X)], dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.requires_fit = False
        return tags
