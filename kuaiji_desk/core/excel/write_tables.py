"""The 公开表 laid out as published, one per sheet, in the report's layout (core.layouts).

Everything comes from the layout's rendering of each table: title, label, header paths,
栏次, 行次 (where the layout prints them), notes and the statement of an empty table; 06's
side-by-side blocks from ``CodeTable.side_blocks``.  Figures are the balanced ones of
:mod:`..shown`, worked out on the data model, so that every printed table adds up.  The
importer reads these sheets back.
"""
from __future__ import annotations

from collections.abc import Callable

from ..forms import TOTAL_ROW, CodeTable, FixedTable, Table
from ..headers import AMOUNT as AMOUNT_COLUMN
from ..headers import LABEL, LINE as LINE_COLUMN, TableHeader, table_header
from ..layout import TableLayout, printed_layout, side_block_rows
from ..report import Report
from ..shown import shown_values
from .sheet_writer import AMOUNT, AMOUNT_BOLD, CELL, CELL_BOLD, HEAD, LINE, NOTE, RIGHT, TITLE, SheetWriter

HEAD_TOP = 4            # below the title, the 公开0N表 label and the 部门/单位 line
AMOUNT_WIDTH = 12       # '1,286.76' and a wrapped header fit

Shown = dict[tuple[str, str], int]

Body = Callable[[SheetWriter, int], int]   # writes the rows from a row on; returns the last


def write_table(sw: SheetWriter, report: Report, table_id: str) -> None:
    spec = report.publication.table(table_id)
    lay = printed_layout(report, spec)
    shown = shown_values(report, table_id)
    header = table_header(spec)
    body = _body(spec, lay, shown, header)
    width = len(header.columns)
    sw.text(1, 1, spec.title(report.year), TITLE, to=(1, width))
    if spec.print_label:
        sw.text(2, width, spec.label, RIGHT)
    if spec.department_line:
        sw.text(3, 1, f"部门：{report.department_name}", LINE)
    sw.text(3, width, "单位：万元", RIGHT)
    for cell in header.cells():   # merged as the header paths say, then the 栏次 row
        sw.text(HEAD_TOP + cell.top, cell.left + 1, cell.text, HEAD, to=(HEAD_TOP + cell.bottom, cell.right + 1))
    head_end = HEAD_TOP + header.depth - 1 + header.numbered
    sw.box(HEAD_TOP, 1, head_end, width)
    last = body(sw, head_end + 1)
    sw.box(head_end + 1, 1, last, width)
    r = last + 1
    for i, line in enumerate(spec.note.split("\n")):
        sw.text(r, 1, ("注：" if i == 0 else "") + line, NOTE, to=(r, width))
        r += 1
    if spec.empty_statement and not any(shown.values()):
        sw.text(r, 1, spec.statement(report.year, report.department_name), NOTE, to=(r, width))
    widths = {i: AMOUNT_WIDTH for i, col in enumerate(header.columns, start=1) if col.kind == AMOUNT_COLUMN}
    sw.finish((HEAD_TOP, head_end), spec.landscape, widths)


def _body(spec: Table, lay: TableLayout, shown: Shown, header: TableHeader) -> Body:
    if isinstance(spec, FixedTable):
        if all(len(s.rows) == 1 for s in spec.sections):
            return _single_row(spec, shown)
        return _sides(spec, shown, header)
    assert isinstance(spec, CodeTable)
    if spec.side_blocks:
        return _side_blocks(spec, lay, shown)
    return _codes(spec, lay, shown)


def _sides(spec: FixedTable, shown: Shown, header: TableHeader) -> Body:
    """01, 04: 收入 | 支出 side by side, each 项目 | 行次 (where printed) | figures."""
    columns = list(enumerate(header.columns, start=1))

    def body(sw: SheetWriter, first: int) -> int:
        height = max(len(s.rows) for s in spec.sections)
        for k, s in enumerate(spec.sections):
            for i, row in enumerate(s.rows):
                for c, col in columns:
                    if col.section != k:
                        continue
                    if col.kind == LABEL:
                        sw.text(first + i, c, row.label, CELL)
                    elif col.kind == LINE_COLUMN:
                        sw.number(first + i, c, int(row.id) if row.id else None)
                    else:
                        sw.amount(first + i, c, shown.get((row.id, col.column)))
        return first + height - 1

    return body


def _single_row(spec: FixedTable, shown: Shown) -> Body:
    """09: one row of figures under the 栏次 numbers."""
    row = spec.sections[0].rows[0].id

    def body(sw: SheetWriter, first: int) -> int:
        for i, col in enumerate(spec.columns, start=1):
            sw.amount(first, i, shown.get((row, col.id)))
        return first

    return body


def _codes(spec: CodeTable, lay: TableLayout, shown: Shown) -> Body:
    """02, 03, 05, 07, 08: 合计, then a row per code."""
    def body(sw: SheetWriter, first: int) -> int:
        r = first
        for row in lay.rows:
            total = row == TOTAL_ROW
            sw.text(r, 1, TOTAL_ROW if total else lay.codes[row], CELL_BOLD if total else CELL)
            sw.text(r, 2, "" if total else lay.labels[row], CELL)
            for j, col in enumerate(spec.columns):
                sw.amount(r, 3 + j, shown.get((row, col.id)), AMOUNT_BOLD if total else AMOUNT)
            r += 1
        return r - 1

    return body


def _side_blocks(spec: CodeTable, lay: TableLayout, shown: Shown) -> Body:
    """06: blocks of 编码 | 名称 | 决算数 side by side; each group's total under its first block."""
    blocks = spec.side_blocks
    column = spec.columns[0]
    rows = side_block_rows(lay)

    def body(sw: SheetWriter, first: int) -> int:
        height = max(len(r) for r in rows)
        for i, block_rows in enumerate(rows):
            c = 1 + 3 * i
            for j, row in enumerate(block_rows):
                sw.text(first + j, c, lay.codes[row], CELL)
                sw.text(first + j, c + 1, lay.labels[row], CELL)
                sw.amount(first + j, c + 2, shown.get((row, column.id)))
        total_row = first + height
        for group in spec.groups:
            i = next((i for i, b in enumerate(blocks) if b.group == group.id), None)
            if i is not None:
                c = 1 + 3 * i
                sw.text(total_row, c, group.label, CELL_BOLD, to=(total_row, c + 1))
                sw.amount(total_row, c + 2, shown.get((group.id, column.id)), AMOUNT_BOLD)
        return total_row

    return body
