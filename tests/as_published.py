"""A workbook as a unit publishes its 公开表, made from our export of a report.

Units do not publish the program's workbook: they retype or reformat it.  Each change below is
one a real published workbook shows (layouts-research §2, field-research §7), and each can be
asked for alone, so that a test names what it proves:

- ``no_numbers``: no 行次 column and no 栏次 row;
- ``no_labels``: no 公开0N表 label cells; titles without their year (「一、收入支出决算总表」);
- ``zeros``: 0.00 printed in every empty amount cell of every table;
- ``separators``: one amount column of each table typed as text, some with thousands
  separators and some without (「1,234.56」 beside 「1234.56」), the rest numbers;
- ``total_at_bottom``: the 合计 row of the code tables moved under their code rows;
- ``synonyms``: header and row words as other units print them (本年收入合计 → 合计,
  本年支出合计 → 合计, 一般公共预算财政拨款收入 → 一、一般公共预算财政拨款);
- ``sheets``: the sheets renamed (「Sheet3」, a name cut at 31 characters) and their order shuffled.

Merged header cells are kept (moved with their rows and columns).
"""
from __future__ import annotations

import dataclasses
import random
import re
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from kuaiji_desk.core import layouts
from kuaiji_desk.core.excel.datasheet import DATA_SHEET
from kuaiji_desk.core.excel.writer import export_workbook
from kuaiji_desk.core.layout import Values, layout, printed_cells, printed_layout, totals_above

CENT = 10_000      # 0.01 万元 in 分

# The changes made in each sheet, each a method of _Sheet of the same name.
_IN_SHEET = ("no_numbers", "no_labels", "total_at_bottom", "synonyms", "zeros", "separators")
ALL = ("no_numbers", "no_labels", "zeros", "separators", "total_at_bottom", "synonyms", "sheets")

# What other units print for the words of our headers (whole cell texts above the figures) and
# of our rows (in the rows of figures).
HEADER_SYNONYMS = {"本年收入合计": "合计", "本年支出合计": "合计", "小计": "合计"}
ROW_SYNONYMS = {
    "一般公共预算财政拨款收入": "一、一般公共预算财政拨款",
    "政府性基金预算财政拨款收入": "二、政府性基金预算财政拨款",
    "国有资本经营预算财政拨款收入": "三、国有资本经营预算财政拨款",
}
_LABEL = re.compile(r"^公开0?\d表$")
_YEAR_TITLE = re.compile(r"^(?:\d{4}年度?)")
_AMOUNT = re.compile(r"^-?\d+(?:\.\d+)?$")


def add(report, table: str, row: str, col: str, fen: int) -> None:
    """Adds to a figure and to every total the report states above it, so that the table still
    adds up as stated (the sample's totals are stated: it was imported)."""
    lay = layout(report, table)
    for r, c in [(row, col), *totals_above(lay, row, col)]:
        if (r, c) == (row, col) or (table, r, c) in report.cells:
            report.set(table, r, c, (report.get(table, r, c) or 0) + fen, rounded=True)


def in_layout(sample, name: str, debt: bool = True):
    """The sample in layout ``name`` (and its year), as a report made in it would be, with figures in
    the tables the sample leaves empty and in the rows only some layouts print — where ``name``
    prints them: 债务还本支出 (01 行54, 04 行56; not with ``debt=False``, for figures every layout
    prints) and the 国有资本经营 table's 年初, 本年收入 and 年末.
    Every total it prints is stated, as in a report read from a workbook (the sample's are)."""
    x = layouts.get(name)
    report = dataclasses.replace(sample, year=x.year, layout=name, cells=dict(sample.cells),
                                 rounded=set(sample.rounded), code_rows={t: dict(c) for t, c in sample.code_rows.items()},
                                 projects=[], overall=None)
    report.ensure_default_rows()
    report.add_code("07", "2120801")
    figures = [("07", "2120801", c, v) for c, v in (("1", 300), ("2", 500), ("4", 100), ("5", 200), ("6", 500))]
    if x.series != "central":   # the central layout's statement under an empty 08 tells it from 湖北's
        for code in ("2230101", "2239999"):
            report.add_code("08", code)
            figures += [("08", code, c, v) for c, v in (("2", 1234), ("3", 567), ("4", 200), ("5", 700), ("6", 800))]
    if debt:
        figures += [("01", "54", "2", 456), ("04", "56", "3", 456)]
    for table, row, col, hundredths in figures:   # in 0.01 万元: what a 万元 table prints exactly
        if (row, col) in printed_cells(printed_layout(report, x.table(table))):
            add(report, table, row, col, hundredths * CENT)
    values = Values(report)
    for spec in x.tables:
        lay = values.layout(spec.id)
        for row, col in printed_cells(printed_layout(report, spec)):
            if lay.is_total(row, col) and values.value(spec.id, row, col) and not report.get(spec.id, row, col):
                report.set(spec.id, row, col, values.value(spec.id, row, col), rounded=True)
    return report


def published(report, path: Path, changes=ALL, seed: int = 7) -> Path:
    """Exports ``report`` in its layout to ``path`` and rewrites it as a unit publishes it."""
    export_workbook(report, path)
    book = openpyxl.load_workbook(path)
    del book[DATA_SHEET]
    rng = random.Random(seed)
    for ws in list(book.worksheets):
        if ws.sheet_state != "visible":
            continue
        grid = _Sheet(ws)
        for change in _IN_SHEET:      # in this order: zeros and separators where the figures end up
            if change in changes:
                getattr(grid, change)()
        grid.write(ws)
    if "sheets" in changes:
        for i, ws in enumerate(book.worksheets):
            ws.title = f"Sheet{i + 1}" if i % 2 else (f"{i + 1}" + ws.title * 3)[:31]
        book._sheets.sort(key=lambda _: rng.random())
        book.active = 0
    out = path.with_name(path.stem + "-published.xlsx")
    book.save(out)
    return out


class _Sheet:
    """A sheet's values and merged ranges, to move rows and columns in."""

    def __init__(self, ws):
        self.values = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None}
        self.merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]

    def find(self, text: str) -> list[tuple[int, int]]:
        return [rc for rc, v in self.values.items() if isinstance(v, str) and re.sub(r"\s", "", v) == text]

    # -- removing rows and columns -------------------------------------------------------
    def _drop(self, rows: set[int] = frozenset(), cols: set[int] = frozenset()) -> None:
        def row_of(r):
            return r - sum(1 for x in rows if x < r)

        def col_of(c):
            return c - sum(1 for x in cols if x < c)

        self.values = {(row_of(r), col_of(c)): v for (r, c), v in self.values.items() if r not in rows and c not in cols}
        merged = []
        for r1, c1, r2, c2 in self.merged:
            kept_rows = [r for r in range(r1, r2 + 1) if r not in rows]
            kept_cols = [c for c in range(c1, c2 + 1) if c not in cols]
            if kept_rows and kept_cols:
                box = (row_of(kept_rows[0]), col_of(kept_cols[0]), row_of(kept_rows[-1]), col_of(kept_cols[-1]))
                if box[:2] != box[2:]:
                    merged.append(box)
        self.merged = merged

    def no_numbers(self) -> None:
        """Without 行次 columns and 栏次 rows (the column of 行次 numbers goes whole)."""
        cols = {c for _, c in self.find("行次")}
        rows = {r for r, _ in self.find("栏次")}
        self._drop(rows, cols)

    def no_labels(self) -> None:
        for rc in [rc for rc, v in self.values.items() if isinstance(v, str) and _LABEL.match(v.strip())]:
            del self.values[rc]
        for rc, v in list(self.values.items()):
            if isinstance(v, str) and "决算" in v and v.endswith("表") and _YEAR_TITLE.match(v):
                self.values[rc] = _YEAR_TITLE.sub("", v)

    # -- rows ----------------------------------------------------------------------------
    def total_at_bottom(self) -> None:
        """The 合计 row of a code table under its last code row."""
        for r, c in self.find("合计"):
            if c != 1 or not any(isinstance(v, str) and v.isdigit() and len(v) >= 3
                                 for (rr, cc), v in self.values.items() if rr == r + 1 and cc == 1):
                continue
            last = r + 1
            while any(isinstance(v, str) and v.isdigit() for (rr, cc), v in self.values.items() if rr == last + 1 and cc == 1):
                last += 1
            total = {cc: v for (rr, cc), v in self.values.items() if rr == r}
            moved = {}
            for (rr, cc), v in self.values.items():
                if rr == r:
                    continue
                moved[(rr - 1 if r < rr <= last else rr, cc)] = v
            for cc, v in total.items():
                moved[(last, cc)] = v
            self.values = moved
            self.merged = [m for m in self.merged if not (m[0] <= last and m[2] >= r)]
            return

    def synonyms(self) -> None:
        rows, _ = self._amount_area()
        first = rows[0] if rows else 0
        for (r, c), v in self.values.items():
            words = HEADER_SYNONYMS if r < first else ROW_SYNONYMS
            if isinstance(v, str) and re.sub(r"\s", "", v) in words:
                self.values[(r, c)] = words[re.sub(r"\s", "", v)]

    # -- amounts -------------------------------------------------------------------------
    def _amount_area(self) -> tuple[list[int], list[int]]:
        """The rows holding amounts and the columns amounts stand in."""
        numbers = [(r, c) for (r, c), v in self.values.items()
                   if isinstance(v, (int, float)) and not isinstance(v, bool) and (v != int(v) or abs(v) > 30)]
        rows = sorted({r for r, _ in numbers})
        cols = sorted({c for _, c in numbers})
        return rows, cols

    def zeros(self) -> None:
        rows, cols = self._amount_area()
        for r in rows:
            for c in cols:
                if (r, c) not in self.values and not self._covered(r, c):
                    self.values[(r, c)] = 0

    def separators(self) -> None:
        rows, cols = self._amount_area()
        if not cols:
            return
        col = cols[0]
        for i, r in enumerate(rows):
            v = self.values.get((r, col))
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                text = f"{v:,.2f}" if i % 2 == 0 else f"{v:.2f}"
                self.values[(r, col)] = text

    def _covered(self, r: int, c: int) -> bool:
        return any(r1 <= r <= r2 and c1 <= c <= c2 for r1, c1, r2, c2 in self.merged)

    # -- writing back ----------------------------------------------------------------------
    def write(self, ws) -> None:
        for m in list(ws.merged_cells.ranges):
            ws.unmerge_cells(str(m))
        for row in ws.iter_rows():
            for cell in row:
                cell.value = None
        for (r, c), v in self.values.items():
            cell = ws.cell(r, c, v)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                cell.number_format = "#,##0.00"
        for r1, c1, r2, c2 in self.merged:
            ws.merge_cells(f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}")
