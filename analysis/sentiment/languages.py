"""Which language a text is in, for reporting next to each prediction.

Uses the project's identifier, :func:`analysis.langid.identify` (trained model when
``models/langid.skops`` exists, its rules otherwise). The sentiment models never
receive this tag as an input: the domain mixture recognises its corpora from the
text itself, so a wrong language tag cannot change a sentiment label.
"""

from __future__ import annotations

from analysis.text.transformers import as_texts


def identify_languages(texts) -> list[str]:
    """One language tag per text (``fr``, ``ar``, ``ary``, ``ary_latn``, ``en``, ``other``).

    Examples
    --------
    >>> identify_languages(["شنو هاد الشي", "c'est vraiment pas normal"])
    ['ary', 'fr']
    """
    from analysis.langid import identify

    texts = as_texts(texts)
    if not texts:
        return []
    return identify(texts)["label"].astype(str).tolist()


def identifier_name() -> str:
    """``"trained"`` or ``"rules"``: which language identifier is in use."""
    from analysis.langid import load_identifier, model_name

    return model_name(load_identifier())
