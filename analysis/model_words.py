"""How a figure's source line names the models behind it, in the figure's language.

The sentiment stage writes which model labelled each post into the ``sentiment_model``
column, in English (it is data, read back from cached tables); the language stage
writes ``lang_model`` (``"trained"`` or ``"rules"``). A French or Arabic figure must not
print those English words, so the line is written here from the catalogue
(``models.*`` in ``analysis/i18n/*.yml``), keeping only the names of models and files
(``HashedSentiment``, ``langid.skops``) as they are.

>>> language_model("trained", "fr")
'identifiant entraîné (langid.skops)'
>>> sentiment_model("sentiment: HashedSentiment (sentiment.skops, trained on 9 corpora)", "fr")
'sentiment : HashedSentiment (sentiment.skops, entraîné sur 9 corpus)'
"""

from __future__ import annotations

import re

import pandas as pd

from analysis import i18n

#: The shipped language identifier's file, named on every figure it labelled.
LANGID_FILE = "langid.skops"
#: The lexicon scorer's word lists.
LEXICON_FOLDER = "data/lexicons"

# The English descriptions :func:`sentiment_description` writes, read back from a table.
_LEXICON = re.compile(r"^sentiment: lexicon scorer \((?P<folder>[^()]*)\)$")
_TRAINED = re.compile(r"^sentiment: (?P<model>[\w.-]+) \((?P<file>[^(),]+)"
                      r"(?:, trained on (?P<n>\d+) corpora)?\)$")


def language_model(name: str, lang: str = i18n.DEFAULT) -> str:
    """The language identifier ``name`` (``"trained"``, ``"rules"`` or a file) in ``lang``."""
    if name == "trained":
        return i18n.t("models.lang_trained", lang, file=LANGID_FILE)
    if name == "rules":
        return i18n.t("models.lang_rules", lang)
    return name  # a model file given by path: its name is not a word to translate


def language_kind(name: str, lang: str = i18n.DEFAULT) -> str:
    """The one-word kind of language identifier (``"trained"``, ``"rules"``) that axis
    labels print, in ``lang``; any other name (a model file) as it is."""
    return i18n.t(f"models.kind_{name}", lang) if name in ("trained", "rules") else name


def sentiment_description(kind: str, model: str, file: str = "", corpora: int = 0,
                          lang: str = i18n.DEFAULT) -> str:
    """The sentiment analyzer in ``lang``: the lexicon scorer, or ``model`` loaded from
    ``file`` (trained on ``corpora`` corpora when known)."""
    if kind == "lexicon":
        return i18n.t("models.sentiment_lexicon", lang, folder=LEXICON_FOLDER)
    if corpora:
        return i18n.t("models.sentiment_trained_on", lang, model=model, file=file,
                      n=i18n.number_text(corpora, lang))
    return i18n.t("models.sentiment_trained", lang, model=model, file=file)


def sentiment_model(description: str, lang: str = i18n.DEFAULT) -> str:
    """A ``sentiment_model`` value (English, as the stage wrote it) in ``lang``.

    A description this module did not write is kept as it is, under the translated
    "sentiment:" label, so no model is ever hidden.
    """
    text = str(description)
    if lang == i18n.DEFAULT:
        return text
    if (found := _LEXICON.match(text)) and found["folder"] == LEXICON_FOLDER:
        return sentiment_description("lexicon", "", lang=lang)
    if found := _TRAINED.match(text):
        return sentiment_description("trained", found["model"], found["file"], int(found["n"] or 0), lang)
    return i18n.t("models.sentiment_other", lang, model=text.removeprefix("sentiment: "))


def models_line(posts: pd.DataFrame, lang: str = i18n.DEFAULT) -> str:
    """One line naming the language and sentiment models behind an enriched post table,
    in ``lang`` (empty when no post carries a label)."""
    sep = i18n.t("models.list_sep", lang)
    parts = []
    if "lang_model" in posts.columns and len(posts):
        used = sorted({language_model(m, lang) for m in posts["lang_model"].astype(str)})
        parts.append(i18n.t("models.language", lang, models=sep.join(used)))
    if "sentiment_model" in posts.columns and len(posts):
        used = sorted({sentiment_model(m, lang) for m in posts["sentiment_model"].astype(str)})
        parts.append(sep.join(used))
    return i18n.t("models.sep", lang).join(parts)


def with_models(source: str, posts: pd.DataFrame, lang: str = i18n.DEFAULT) -> str:
    """A figure's source line ``source`` followed by the models behind ``posts`` in ``lang``."""
    line = models_line(posts, lang)
    return source + i18n.t("models.sep", lang) + line if line else source
