"""Writes tests/fixtures/hanyang-2024-public-tables.xls, the .xlsx fixture saved as
an Excel 97–2003 workbook, for the import tests of the .xls path, and
hanyang-2023-public-tables.xls, the same as last year printed it (wv.last_year).

xlwt is no dependency of the project; run this with it on the path, once, when the
.xlsx fixture changes:

    pip install --target /tmp/xlwt_pkg xlwt==1.3.0
    PYTHONPATH=/tmp/xlwt_pkg .venv/bin/python tests/make_xls_fixture.py
"""
from __future__ import annotations

import xlwt

import workbook_variants as wv

TARGET = wv.FIXTURES / "hanyang-2024-public-tables.xls"
# Last year's tables as an old .xls, for starting a year from last year's workbooks.
LAST_YEAR_TARGET = wv.FIXTURES / "hanyang-2023-public-tables.xls"


def main() -> None:
    write(wv.load_sheets(wv.PUBLIC_TABLES), TARGET)
    write(wv.last_year(wv.load_sheets(wv.PUBLIC_TABLES)), LAST_YEAR_TARGET)


def write(sheets, target) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    percent = xlwt.easyxf(num_format_str="0.00%")
    for s in sheets:
        ws = book.add_sheet(s.title)
        origins = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in s.merged}
        for r1, c1, r2, c2 in s.merged:
            ws.write_merge(r1 - 1, r2 - 1, c1 - 1, c2 - 1, s.cells.get((r1, c1)))
        for (r, c), v in s.cells.items():
            if (r, c) not in origins:
                ws.write(r - 1, c - 1, v)
    # One percent-formatted number, off the tables, to read back as percent text.
    ws.write(40, 0, 0.8645, percent)
    book.save(str(target))


if __name__ == "__main__":
    main()
