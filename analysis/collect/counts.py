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
