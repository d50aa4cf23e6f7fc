"""Tables whose rows are fixed by the declaration: 公开01/04表 (two sides, 收入 | 支出,
each with its 行次 column) and 公开09表 (one row of figures)."""
from __future__ import annotations

import re

from ..catalog import normalise_name
from ..forms import FixedTable, Row, Section
from .cells import integer_at, is_number, is_stop_row, read_amount
from .columns import find_lanci_row, locate_columns
from .errors import WorkbookError
from .imported import ImportedTable
from .locate import Region
from .year_end_04 import TABLE as TABLE_04
from .year_end_04 import fold_old_rows, old_row, old_row_by_label

# The 栏次 row is looked for this close under the headers, not among the figures,
# where a row holding only 1 and 2 could pass for one.
_LANCI_REACH = 3
_LANCI_REACH_09 = 10   # 09 has three header rows under its title lines
# 一、 （一） 1. — but not the 一 of 一般公共预算.
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）][、.．]?|\d+[、.．])")


def read_fixed(region: Region, spec: FixedTable, out: ImportedTable) -> None:
    if all(len(s.rows) == 1 for s in spec.sections):
        _read_single_row(region, spec, out)
    else:
        _read_sides(region, spec, out)
        if spec.id == TABLE_04:
            # 年末 by fund in rows 61–63 (an older layout) → row 60's fund columns.
            out.notes += fold_old_rows(out.cells, out.rounded)


def _read_single_row(region: Region, spec: FixedTable, out: ImportedTable) -> None:
    """09: the figures are the one row under the 栏次 row; a blank row means none."""
    g, unit = region.grid, out.unit
    lanci = find_lanci_row(g, range(region.first, min(region.last, region.first + _LANCI_REACH_09) + 1))
    header_end = lanci if lanci else _first_number_row(region) - 1
    columns = [c for s in spec.sections for c in s.columns]
    where = g.sheet_place() + f"的{spec.caption}"
    located = locate_columns(g, lanci, range(region.first + 1, header_end + 1), range(1, g.max_col + 1),
                             tuple(columns), where)
    row = spec.sections[0].rows[0]
    for r in region.rows(header_end + 1):
        if is_stop_row(g, r):
            break
        amounts = {col: read_amount(g, r, c, unit) for col, c in located.items()}
        if any(a is not None for a in amounts.values()):
            for col, a in amounts.items():
                out.put(row.id, col, a)
            break


def _first_number_row(region: Region) -> int:
    """Without a 栏次 row, the headers end above the first row holding a number."""
    g = region.grid
    for r in region.rows(region.first + 1):
        if is_stop_row(g, r) or any(is_number(g.raw(r, c)) for c in g.columns_in(r)):
            return r
    return region.last + 1


def _read_sides(region: Region, spec: FixedTable, out: ImportedTable) -> None:
    g, unit = region.grid, out.unit
    header, label_cols, hangci_cols = _side_columns(region, len(spec.sections))
    lanci = find_lanci_row(g, range(header, min(region.last, header + _LANCI_REACH) + 1))
    # Without 栏次 the headers run down to the first row the table declares (under 项目, merged
    # over two rows, stand 小计 | 一般公共预算财政拨款 | …).
    top = lanci if lanci else _first_declared_row(region, spec, header, label_cols, hangci_cols) - 1
    located = {}
    for i, section in enumerate(spec.sections):
        right = label_cols[i + 1] if i + 1 < len(label_cols) else g.max_col + 1
        where = g.sheet_place() + f"的{spec.caption}（{section.title}）"
        located[i] = locate_columns(g, lanci, range(region.first + 1, top + 1), range(label_cols[i], right),
                                    section.columns, where)
    used: list[set[str]] = [set() for _ in spec.sections]
    for r in region.rows(top + 1):
        if is_stop_row(g, r):
            break
        for i, section in enumerate(spec.sections):
            amounts = {col: read_amount(g, r, c, unit) for col, c in located[i].items()}
            row = _row_of(g, r, spec.id, section, label_cols[i], hangci_cols[i], used[i])
            if row is None:
                out.unplace(f"{g.place(r, label_cols[i])}的「{g.text(r, label_cols[i])}」不是{spec.caption}的行，"
                            "无法确定行次。", amounts.values())
                continue
            used[i].add(row.id)
            have = row.columns if row.columns is not None else tuple(c.id for c in section.columns)
            for col, a in amounts.items():
                if a is None:
                    continue
                if col not in have:
                    out.unplace(f"{g.place(r, located[i][col])}有数「{g.raw_text(r, located[i][col])}」，"
                                f"但{spec.caption}第{row.id}行没有第{col}栏。", [a])
                    continue
                out.put(row.id, col, a)
    for i, section in enumerate(spec.sections):
        hidden = {r.id for r in section.hidden}
        out.misfit += sum(1 for r in section.rows if r.label and r.id not in used[i]) + len(used[i] & hidden)


def _first_declared_row(region: Region, spec: FixedTable, header: int, label_cols: list[int],
                        hangci_cols: list[int | None]) -> int:
    """The first row under ``header`` that is one of the table's rows, on any side."""
    g = region.grid
    for r in region.rows(header + 1):
        if is_stop_row(g, r) or any(_row_of(g, r, spec.id, s, label_cols[i], hangci_cols[i], set())
                                    for i, s in enumerate(spec.sections)):
            return r
    return header + 1


def _side_columns(region: Region, sides: int) -> tuple[int, list[int], list[int | None]]:
    """The header row, and per side the 项目 (label) column and the 行次 column."""
    g = region.grid
    for r in region.rows():
        hangci = [c for c in g.columns_in(r) if g.key(r, c) == "行次"]
        if len(hangci) == sides:
            return r, [c - 1 for c in hangci], list(hangci)
    for r in region.rows():
        items = [c for c in g.columns_in(r) if g.key(r, c) == "项目"]
        if len(items) == sides:
            return r, items, [None] * sides
    raise WorkbookError(f"{g.sheet_place()}第{region.first}行起的表中找不到「项目」「行次」表头。")


def _row_of(g, r: int, table: str, section: Section, label_col: int, hangci_col: int | None,
            used: set[str]) -> Row | None:
    """The declared row by its 行次 number, or else by its label without numbering.

    A row that an older layout declared otherwise (04's by-fund 年末 rows 61–63, spacer
    rows today) is read as that layout had it; :func:`read_fixed` then moves its figures.
    """
    rows = section.rows + section.hidden   # a row the layout does not print is still read
    if hangci_col is not None:
        n = integer_at(g, r, hangci_col)
        if n is not None:
            row = next((row for row in rows if row.id == str(n)), None)
            return (old_row(table, row.id) or row) if row is not None else None
    printed = g.text(r, label_col)
    if not _row_key(printed):
        return None
    # The same label may stand twice (04: 一、一般公共预算财政拨款 and, under 年初结转,
    # 一般公共预算财政拨款): the printed order is the declared one, so the first
    # row not yet taken is meant.  The words as declared first, then as units vary them.
    for key in (_label, _row_key):
        row = next((row for row in rows if row.id not in used and row.label and key(row.label) == key(printed)), None)
        if row is not None:
            return row
    if any(old_row(table, x.id) for x in section.rows):
        return old_row_by_label(table, _label(printed), used)
    return None


def _label(text: str) -> str:
    return _NUMBERING.sub("", normalise_name(text))


# What units add to or leave out of a row's words: a remark in brackets
# (使用非财政拨款结余（含专用结余）), 收入 after a source of income (一般公共预算财政拨款收入).
_REMARK = re.compile(r"（[^）]*）$")
_INCOME = re.compile(r"(?<=拨款)收入$")


def _row_key(text: str) -> str:
    return _INCOME.sub("", _REMARK.sub("", _label(text)))
