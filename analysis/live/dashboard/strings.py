"""The dashboard's words in English, French and Arabic, from the project's one catalogue
(:mod:`analysis.i18n`, section ``dashboard``); page names and the counter's label come
from the campaign file's own text tables."""

from __future__ import annotations

from analysis import i18n

STRINGS: dict[str, dict[str, str]] = {lang: i18n.section("dashboard", lang) for lang in i18n.LANGS}
DEFAULT_LABEL = {lang: STRINGS[lang]["days"] for lang in i18n.LANGS}
