"""Numbers and dates written as each edition's readers write them (CLDR data, via Babel).

French groups thousands with a narrow no-break space and abbreviates months
("100 000", "26 févr. 2016"); the Arabic edition uses Morocco's conventions (``ar_MA``:
Latin digits, Arabic month names).

>>> number_text(100000, "fr") == "100\\u202f000"
True
>>> date_text("2016-02-26", "fr"), date_text("2016-02-26", "en")
('26 févr. 2016', '26 Feb 2016')
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from babel import Locale, dates as babel_dates, numbers as babel_numbers

#: The CLDR locale behind each edition.
LOCALES = {"en": "en", "fr": "fr", "ar": "ar_MA"}
#: Bidi marks CLDR puts around Arabic numbers; matplotlib lays Arabic out itself and
#: DejaVu Sans has no glyph for them, so figure text drops them.
_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u2066\u2067\u2068\u2069"))


def plain(text: str) -> str:
    """``text`` without invisible bidi control marks."""
    return text.translate(_BIDI_MARKS)


def number_text(value: float, lang: str = "en", decimals: int = 0) -> str:
    """``value`` with the edition's grouping and decimal signs and ``decimals`` digits."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return plain(babel_numbers.format_decimal(round(float(value), decimals), format=pattern,
                                              locale=LOCALES[lang]))


def percent_text(share: float, lang: str = "en", decimals: int = 0) -> str:
    """A share (0–1) as a percentage: "34 %" in French, "34%" in English."""
    pattern = Locale.parse(LOCALES[lang]).percent_formats[None].pattern
    if decimals > 0:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * decimals, 1)
    return plain(babel_numbers.format_percent(share, format=pattern, locale=LOCALES[lang]))


def _date(value) -> dt.date:
    stamp = pd.Timestamp(value)
    return stamp.date()


def date_text(value, lang: str = "en", pattern: str = "d MMM y") -> str:
    """A date in CLDR ``pattern`` ("d MMM y" → "26 févr. 2016", "MMM y" → "févr. 2016")."""
    return plain(babel_dates.format_date(_date(value), pattern, locale=LOCALES[lang]))


def month_abbr(lang: str = "en") -> list[str]:
    """The twelve abbreviated month names, January first."""
    names = babel_dates.get_month_names("abbreviated", locale=LOCALES[lang])
    return [plain(names[i]) for i in range(1, 13)]
