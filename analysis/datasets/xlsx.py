"""Read the cell values of an .xlsx worksheet with the standard library only.

An .xlsx file is a zip of XML parts (ECMA-376, "SpreadsheetML"). Reading a simple
table needs three of them: ``xl/workbook.xml`` (sheet names and relationship ids),
``xl/_rels/workbook.xml.rels`` (where each sheet's part is) and, when cells hold
shared strings, ``xl/sharedStrings.xml``. Only values are read; formulas,
styles and dates are not interpreted (a cached formula result is read as text).
Kept small on purpose so that the project does not depend on openpyxl for one file.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_COLUMN = re.compile(r"([A-Z]+)")


class XlsxError(ValueError):
    """The file is not a readable .xlsx workbook (the message names the file)."""


def _column_index(ref: str) -> int:
    """0-based column of a cell reference: ``A1`` -> 0, ``AB7`` -> 27."""
    letters = _COLUMN.match(ref).group(1)
    index = 0
    for letter in letters:
        index = index * 26 + (ord(letter) - ord("A") + 1)
    return index - 1


def _text(element) -> str:
    """All ``<t>`` text below ``element`` (rich-text runs are concatenated)."""
    return "".join(t.text or "" for t in element.iter(f"{_MAIN}t"))


def _shared_strings(book: zipfile.ZipFile) -> list[str]:
    try:
        root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
    except KeyError:
        return []
    return [_text(item) for item in root.iter(f"{_MAIN}si")]


def _sheet_part(book: zipfile.ZipFile, sheet: int | str) -> str:
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    sheets = list(workbook.iter(f"{_MAIN}sheet"))
    if not sheets:
        raise XlsxError("workbook lists no sheet")
    if isinstance(sheet, int):
        chosen = sheets[sheet]
    else:
        named = [s for s in sheets if s.get("name") == sheet]
        if not named:
            raise XlsxError(f"no sheet named {sheet!r}; sheets: {[s.get('name') for s in sheets]}")
        chosen = named[0]
    rel_id = chosen.get(f"{_REL}id")
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target").lstrip("/")
            return target if target.startswith("xl/") else f"xl/{target}"
    raise XlsxError(f"sheet {chosen.get('name')!r} has no part (relationship {rel_id})")


def _cell_value(cell, shared: list[str]) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(f"{_MAIN}is")
        return _text(inline) if inline is not None else ""
    value = cell.find(f"{_MAIN}v")
    raw = value.text if value is not None and value.text is not None else ""
    if kind == "s":
        return shared[int(raw)]
    return raw


def read_rows(data: bytes, name: str = "workbook.xlsx",
              sheet: int | str = 0) -> list[tuple[int, list[str]]]:
    """``(row number, cell values)`` of one worksheet, as strings; empty rows skipped.

    Cells missing from the XML (empty) are ``""``, so every value sits in its
    column even when the sheet skips cells.
    """
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise XlsxError(f"{name}: not an .xlsx file (not a zip archive)") from None
    try:
        with book:
            shared = _shared_strings(book)
            root = ElementTree.fromstring(book.read(_sheet_part(book, sheet)))
    except (KeyError, ElementTree.ParseError, IndexError, XlsxError) as exc:
        raise XlsxError(f"{name}: unreadable workbook ({exc})") from None
    rows = []
    for position, row in enumerate(root.iter(f"{_MAIN}row"), start=1):
        number = int(row.get("r", position))
        values: dict[int, str] = {}
        for offset, cell in enumerate(row.iter(f"{_MAIN}c")):
            ref = cell.get("r")
            values[_column_index(ref) if ref else offset] = _cell_value(cell, shared)
        if any(v.strip() for v in values.values()):
            width = max(values) + 1
            rows.append((number, [values.get(i, "") for i in range(width)]))
    return rows
