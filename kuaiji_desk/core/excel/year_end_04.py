"""公开04表's 年末财政拨款结转和结余 by fund, from where older layouts put it.

The template prints row 60 by fund in its columns 3–5 (column 2 their sum) and rows
61–63 as unlabelled spacer rows.  Older layouts, and earlier versions of this
program, gave each fund a row of its own (61 一般公共预算, 62 政府性基金, 63 国有资本经营),
its figure in the 小计 column, in the fund's column, or both.  :func:`fold_old_rows`
carries such figures into row 60's column for the fund: the importer (workbooks and
the data sheet of an earlier export) and the store's migration of saved reports both
use it.  No openpyxl here: the store imports this module.
"""
from __future__ import annotations

from ..forms.tables_2024 import OLD_YEAR_END_ROWS_04, YEAR_END_04
from ..money import format_plain

TABLE = "04"
SUBTOTAL = "2"
# old row → (its fund's column, the fund's name)
OLD_ROWS = {row.id: (row.columns[-1], row.label) for row in OLD_YEAR_END_ROWS_04}

Cell = tuple[str, str]   # (row, column)


def old_row(table: str, row: str):
    """The declaration an older layout gave ``row`` of ``table`` (a by-fund 年末 row of
    04), or None."""
    if table != TABLE:
        return None
    return next((r for r in OLD_YEAR_END_ROWS_04 if r.id == row), None)


def old_row_by_label(table: str, label: str, used: set[str]):
    """The by-fund 年末 row of an older layout that ``label`` (without numbering) names."""
    if table != TABLE:
        return None
    return next((r for r in OLD_YEAR_END_ROWS_04 if r.id not in used and r.label == label), None)


def fold_old_rows(cells: dict[Cell, int], rounded: set[Cell]) -> list[str]:
    """Moves the figures of rows 61–63 into row 60's fund columns, in place, and says
    what was done (Chinese, for the accountant; empty when nothing was there).

    A row's figure is the one in its fund's column, else the one in its 小计 column;
    a zero carries nothing (a template that prints 0.00 in its spacer rows) and leaves
    row 60 as it is.  Where row 60 already holds a different figure for that fund, the
    by-fund row's wins — in the older layouts row 60 was their total — and the note
    says so.
    """
    moved: list[str] = []
    notes: list[str] = []
    for row, (col, fund) in OLD_ROWS.items():
        own, sub = cells.pop((row, col), None), cells.pop((row, SUBTOTAL), None)
        own_rounded, sub_rounded = (row, col) in rounded, (row, SUBTOTAL) in rounded
        rounded.discard((row, col))
        rounded.discard((row, SUBTOTAL))
        for key in [k for k in cells if k[0] == row]:   # no other column was ever declared
            del cells[key]
            rounded.discard(key)
        if own is not None and sub is not None and own != sub:
            notes.append(f"公开04表第{row}行（{fund}）小计栏 {format_plain(sub)} 万元与第{col}栏 {format_plain(own)} 万元"
                         f"不一致，按第{col}栏读取。")
        value, was_rounded = (own, own_rounded) if own is not None else (sub, sub_rounded)
        if not value:
            continue
        target = (YEAR_END_04, col)
        before = cells.get(target)
        if before is not None and before != value:
            notes.append(f"公开04表第{YEAR_END_04}行第{col}栏原为 {format_plain(before)} 万元，"
                         f"按第{row}行改为 {format_plain(value)} 万元。")
        cells[target] = value
        if was_rounded:
            rounded.add(target)
        else:
            rounded.discard(target)
        moved.append(f"{fund} {format_plain(value)} 万元（第{row}行 → 第{YEAR_END_04}行第{col}栏）")
    if not moved:
        return notes
    return [f"公开04表按旧格式在第61–63行分行填列年末财政拨款结转和结余，已按模板读入第{YEAR_END_04}行"
            f"各资金栏：{'；'.join(moved)}。", *notes]
