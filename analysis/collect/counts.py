"""Printed counts (likes, shares) read with explicit locale rules, never by deleting dots.

A count is digits, optionally grouped by threes with ONE thousands separator
(``,`` ``.`` ``'``, a space, a no-break or thin space, the Arabic ``٬``), optionally followed by a
zero decimal part (``.0``, ``,00``: spreadsheets and pandas write counts as floats)
whose mark differs from the thousands separator. Anything else (``1.5``,
``1,234.5``, ``12,34``, mixed separators) is ambiguous and refused with the value in
the message: a refused cell costs one reject, a misread one silently multiplies a
count by ten.
"""

from __future__ import annotations

import re

THOUSANDS = ",.' \u00a0\u2009\u202f\u066c"
_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_GROUPED = re.compile(r"(\d{1,3})((?:([" + re.escape(THOUSANDS) + r"])\d{3})(?:\3\d{3})*)")
_DECIMAL_ZERO = re.compile(r"([.,])0+$")


def parse_count(value: object) -> int | None:
    """The integer a count cell holds, ``None`` for an empty cell; ``ValueError`` if unclear.

    Examples
    --------
    >>> [parse_count(v) for v in ("1234", "1,234", "1.234", "1 234", "1'234", "1234.0")]
    [1234, 1234, 1234, 1234, 1234, 1234]
    >>> parse_count("2,450,114.00"), parse_count("2.450.114,0"), parse_count("٢٤٥٠"), parse_count(" ")
    (2450114, 2450114, 2450, None)
    >>> for bad in ("1234.5", "12,34", "1,234.567,8", "1.234,567", "-3", "1e3"):
    ...     try:
    ...         parse_count(bad)
    ...     except ValueError as exc:
    ...         print(exc)
    not a count: '1234.5'
    not a count: '12,34'
    not a count: '1,234.567,8'
    not a count: '1.234,567'
    not a count: '-3'
    not a count: '1e3'
    """
    if value is None:
        return None
    text = str(value).strip().translate(_ARABIC_INDIC)
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if _GROUPED.fullmatch(text):  # "1.000" is one thousand: the grouping reading wins
        return int(re.sub(r"\D", "", text))
    decimal = _DECIMAL_ZERO.search(text)
    if decimal and decimal.end() == len(text) and decimal.start() > 0:
        body, mark = text[:decimal.start()], decimal.group(1)
        if body.isascii() and body.isdigit():
            return int(body)
        grouped = _GROUPED.fullmatch(body)
        if grouped and grouped.group(3) != mark:
            return int(re.sub(r"\D", "", body))
    raise ValueError(f"not a count: {value!r}")


# A count printed rounded with a unit, as pages show large numbers: "1,2 M", "12.5K",
# "1,2 مليون". The decimal mark is either; the unit says the scale.
_ABBREVIATED = re.compile(r"(\d+)(?:([.,٫])(\d{1,2}))?\s*(k|K|m|M|Mio|mille|ألف|آلاف|مليون|ملايين)\.?")
_SCALE = {"k": 1_000, "mille": 1_000, "ألف": 1_000, "آلاف": 1_000,
          "m": 1_000_000, "mio": 1_000_000, "مليون": 1_000_000, "ملايين": 1_000_000}


def parse_display_count(value: object) -> tuple[int | None, bool]:
    """``(count, exact)`` from a count as a page prints it, rounded ("1,2 M") or not.

    An exact count goes through :func:`parse_count`; a rounded one is scaled by its unit
    and flagged ``exact=False`` (it is known only to the last digit printed), so whoever
    stores it can say so.

    >>> parse_display_count("123 456"), parse_display_count("1,2 M"), parse_display_count("12.5K")
    ((123456, True), (1200000, False), (12500, False))
    >>> parse_display_count("٢٫٥ مليون"), parse_display_count("")
    ((2500000, False), (None, True))
    """
    text = str(value).strip().translate(_ARABIC_INDIC) if value is not None else ""
    match = _ABBREVIATED.fullmatch(text)
    if match is None:
        return parse_count(value), True
    whole, _, decimals, unit = match.groups()
    scale = _SCALE[unit.lower()] if unit.lower() in _SCALE else _SCALE[unit]
    fraction = int(decimals) * scale // 10 ** len(decimals) if decimals else 0
    return int(whole) * scale + fraction, False
