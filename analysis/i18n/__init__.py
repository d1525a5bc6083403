"""The project's words in English, French and Arabic: one catalogue per language.

The catalogues are YAML files beside this module (``en.yml``, ``fr.yml``, ``ar.yml``),
written by the team, nested by who uses them (``dashboard:``, ``figures:``, …) and read
as flat dotted keys (``figures.timeline.lane_block``). Every key exists in all three
languages (``tests/unit/test_i18n.py``); a missing one is an error naming the file,
never a silent fallback to English.

>>> t("figures.common.source", "fr", source="data/reference")
'Source : data/reference'
>>> is_rtl("ar"), is_rtl("fr")
(True, False)
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from analysis.i18n.formats import (
    date_text,
    month_abbr,
    number_text,
    percent_text,
    plain,
)

#: Languages every catalogue covers; English is the default edition.
LANGS = ("en", "fr", "ar")
DEFAULT = "en"
_HERE = Path(__file__).parent

__all__ = ["DEFAULT", "LANGS", "catalogue", "check_lang", "date_text", "file_suffix", "is_rtl",
           "month_abbr", "number_text", "percent_text", "plain", "section", "t"]


def check_lang(lang: str) -> str:
    """``lang`` if a catalogue exists for it, else a ValueError listing the choices."""
    if lang not in LANGS:
        raise ValueError(f"language {lang!r}: use one of {', '.join(LANGS)}")
    return lang


def catalogue_file(lang: str) -> Path:
    return _HERE / f"{check_lang(lang)}.yml"


def _flatten(node: dict, prefix: str, out: dict, where: Path) -> dict:
    for key, value in node.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            _flatten(value, dotted + ".", out, where)
        elif isinstance(value, str):
            out[dotted] = value
        else:
            raise ValueError(f"{where}: {dotted} must be text, not {type(value).__name__}")
    return out


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """Every string of ``lang`` as ``{dotted.key: text}``."""
    path = catalogue_file(lang)
    return _flatten(yaml.safe_load(path.read_text(encoding="utf-8")) or {}, "", {}, path)


def t(key: str, lang: str = DEFAULT, /, **values) -> str:
    """The text of ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    words = catalogue(lang)
    if key not in words:
        raise KeyError(f"{catalogue_file(lang)}: no string {key!r}")
    return words[key].format(**values) if values else words[key]


def section(prefix: str, lang: str = DEFAULT) -> dict[str, str]:
    """The strings under ``prefix.`` with the prefix removed (e.g. the dashboard's)."""
    start = prefix.rstrip(".") + "."
    return {k[len(start):]: v for k, v in catalogue(lang).items() if k.startswith(start)}


def is_rtl(lang: str) -> bool:
    """Whether ``lang`` is written right to left."""
    return lang == "ar"


def file_suffix(lang: str) -> str:
    """``""`` for the default English edition, ``".fr"``/``".ar"`` otherwise
    (``timeline.png``, ``timeline.fr.png``)."""
    return "" if check_lang(lang) == DEFAULT else f".{lang}"
