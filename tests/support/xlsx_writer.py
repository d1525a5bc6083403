"""Write a minimal .xlsx workbook (one sheet, text cells) for test fixtures.

Only what a reader needs: content types, the workbook and its relationships, one
worksheet, and shared strings (or inline strings). The AJGT fixture
``tests/fixtures/upstream/ajgt/AJGT.xlsx`` was made with :func:`write_xlsx`
(``python -m tests.support.xlsx_writer``).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="{name}" sheetId="1" r:id="rId7"/></sheets>
</workbook>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def write_xlsx(rows: list[list[str | int | None]], path: str | Path, *,
               sheet_name: str = "1", inline: bool = False) -> Path:
    """Write ``rows`` (first row = header) to ``path``; ints become number cells,
    ``None`` leaves the cell out; strings are shared (or inline with ``inline``)."""
    shared: list[str] = []
    lines = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{_column(c)}{r}"
            if value is None:
                continue
            if isinstance(value, int):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif inline:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
            else:
                shared.append(value)
                cells.append(f'<c r="{ref}" t="s"><v>{len(shared) - 1}</v></c>')
        lines.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f'<worksheet xmlns="{_MAIN_NS}"><sheetData>{"".join(lines)}</sheetData></worksheet>')
    strings = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in shared)
    shared_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  f'<sst xmlns="{_MAIN_NS}" count="{len(shared)}" uniqueCount="{len(shared)}">'
                  f'{strings}</sst>')
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Fixed timestamps so that the fixture's bytes (and sha256) do not depend on the day.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, content in (("[Content_Types].xml", _CONTENT_TYPES),
                              ("_rels/.rels", _ROOT_RELS),
                              ("xl/workbook.xml", _WORKBOOK.format(name=escape(sheet_name))),
                              ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
                              ("xl/worksheets/sheet1.xml", sheet),
                              ("xl/sharedStrings.xml", shared_xml)):
            info = zipfile.ZipInfo(name, date_time=(2016, 11, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            book.writestr(info, content.encode("utf-8"))
    return path


#: The AJGT fixture: made-up tweets written by the team (not from AJGT), in the
#: upstream layout (header ID, Feed, Sentiment; Positive / Negative).
AJGT_FIXTURE_ROWS: list[list[str | int | None]] = [
    ["ID", "Feed", "Sentiment"],
    [1, "والله انه يوم حلو كثير", "Positive"],
    [2, "الله يسعدكم على هالخبر الحلو", "Positive"],
    [3, "أحلى شي بالدنيا راحة البال", "Positive"],
    [4, "مشكورين على التعاون الرائع", "Positive"],
    [5, "هيك الشغل ولا بلاش، برافو", "Positive"],
    [6, "يعطيكم العافية على المجهود", "Positive"],
    [7, "والله زهقنا من هالوضع", "Negative"],
    [8, "خدمة سيئة وما حدا بيرد", "Negative"],
    [9, "الغلا صار فوق الاحتمال", "Negative"],
    [10, "ما في اسوأ من هيك قرار", "Negative"],
    [11, "الطرق مسكرة من الصبح", "Negative"],
    [12, "تعبنا من الوعود الكاذبة", "Negative"],
    [13, "كتاب جميل جدا انصح بقراءته", "Positive"],
    [14, "يعطيكم العافية على المجهود!!", "Positive"],
    [15, "فيلم  <br>  رائع &amp; ممتع", "Positive"],
]


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "fixtures/upstream/ajgt/AJGT.xlsx"
    print(write_xlsx(AJGT_FIXTURE_ROWS, target))
