"""Where the tables are: titles and 公开0N表 labels found in a grid.

A table is known by what is printed on it, never by the sheet's name, which the
accountant is free to change.  One sheet may hold several tables stacked: each
starts at its title (or label) and runs to the next one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..forms import Table
from ..names import InvalidText, department_name
from .errors import WorkbookError
from .grid import Grid, compact, unquoted

OVERALL = "overall"
PROJECT = "project"
SELF_EVALUATIONS = {OVERALL: "整体绩效自评表", PROJECT: "项目绩效自评表"}
# Titles end so, or with a bracketed remark; some templates say 项目支出/整体支出
# 绩效自评表.  The project test comes first: a project's name may hold 整体.
_SELF_EVALUATION_TITLES = ((PROJECT, re.compile(r"项目(?:支出)?绩效自评表(?:[（(][^）)]*[)）])?$")),
                           (OVERALL, re.compile(r"整体(?:支出)?绩效自评表(?:[（(][^）)]*[)）])?$")))

_LABEL = re.compile(r"公开0?([1-9])表")
# Title and label of one table are printed on adjacent rows.
_ANCHOR_ROWS = 3


@dataclass
class Region:
    grid: Grid
    kind: str        # a table id, OVERALL or PROJECT
    first: int       # the title's row
    last: int
    title: tuple[int, int] | None  # the title cell, when there is one

    def rows(self, start: int | None = None) -> range:
        return range(self.first if start is None else start, self.last + 1)


@dataclass
class _Anchor:
    row: int
    col: int
    kind: str
    is_title: bool
    bare: bool = False    # a title without its year


_SENTENCE = re.compile(r"[，。；：,;:]")
_TITLE_PREFIX = 40   # what may stand before a table's name in its title: numbering, the unit's name


def find_regions(grid: Grid, year: int, tables: tuple[Table, ...]) -> list[Region]:
    anchors = []
    for (r, c), v in sorted(grid.values.items()):
        if isinstance(v, str):
            a = _anchor(grid, r, c, year, tables)
            if a:
                anchors.append(a)
    groups: list[list[_Anchor]] = []
    for a in anchors:
        last = groups[-1][-1] if groups else None
        if last and a.row - last.row < _ANCHOR_ROWS and a.is_title != last.is_title and len(groups[-1]) == 1:
            if a.kind != last.kind:
                title, label = (a, last) if a.is_title else (last, a)
                raise WorkbookError(
                    f"{grid.place(title.row, title.col)}的标题「{grid.text(title.row, title.col)}」"
                    f"与 {grid.address(label.row, label.col)} 的表号「{grid.text(label.row, label.col)}」不一致。"
                )
            groups[-1].append(a)
        else:
            groups.append([a])
    regions = []
    for i, g in enumerate(groups):
        first = min(a.row for a in g)
        last = groups[i + 1][0].row - 1 if i + 1 < len(groups) else grid.max_row
        title = next(((a.row, a.col) for a in g if a.is_title), None)
        region = Region(grid, g[0].kind, first, last, title)
        # A label without a title, or a title without its year, is a table only with its
        # 单位 line under it; alone it is an entry of a table of contents.
        if any(a.is_title and not a.bare for a in g) or unit_of(region):
            regions.append(region)
    return regions


def _anchor(grid: Grid, r: int, c: int, year: int, tables) -> _Anchor | None:
    key = unquoted(grid.key(r, c))
    m = _LABEL.fullmatch(key)
    if m:
        # 公开0N表 is the table a layout labels so (a layout that prints no 表号 has none).
        number = m.group(1)
        table = next((t for t in tables if (n := _LABEL.fullmatch(unquoted(compact(t.label)))) and n.group(1) == number),
                     None)
        return _Anchor(r, c, table.id, False) if table is not None else None
    for kind, title in _SELF_EVALUATION_TITLES:
        if title.search(key):
            found = re.search(r"(\d{4})年度", key)
            _check_year(grid, r, c, found, year)
            return _Anchor(r, c, kind, True)
    # Longest name first: 财政拨款收入支出决算总表 ends with 收入支出决算总表.
    for t in sorted(tables, key=lambda t: -len(t.name)):
        name = unquoted(compact(t.name))
        if key.endswith(name):
            before = key[: -len(name)]
            found = re.search(r"(\d{4})年度?$", before)
            if found:
                _check_year(grid, r, c, found, year)
                return _Anchor(r, c, t.id, True)
            # Without its year (「一、收入支出决算总表」) a name is a title only with a 单位 line
            # under it (see find_regions); in a sentence it is a reference to the table.
            if _SENTENCE.search(before) is None and len(before) <= _TITLE_PREFIX:
                return _Anchor(r, c, t.id, True, bare=True)
            return None
    return None


def _check_year(grid: Grid, r: int, c: int, found: re.Match | None, year: int) -> None:
    if found and int(found.group(1)) != year:
        raise WorkbookError(
            f"{grid.place(r, c)}「{grid.text(r, c)}」：标题中的年度（{found.group(1)}年度）"
            f"与报告年度（{year}年度）不一致。"
        )


_UNIT = re.compile(r"单位\s*[:：]\s*(万元|元)")
_DEPARTMENT = re.compile(r"^(?:部门|编制部门|编制单位)\s*[:：]\s*(.*)$", re.S)
_UNIT_TAIL = re.compile(r"\s*(?:金额)?单位\s*[:：].*$", re.S)
# The unit and department lines sit between the title and the headers.
_HEAD_ROWS = 6


def _head_texts(region: Region):
    """The texts of the cells between the title and the headers, row by row."""
    g = region.grid
    for r in range(region.first, min(region.last, region.first + _HEAD_ROWS - 1) + 1):
        for c in g.columns_in(r):
            yield g.text(r, c)


def unit_of(region: Region) -> str | None:
    return next((m.group(1) for m in map(_UNIT.search, _head_texts(region)) if m), None)


def department_in(text: str) -> str | None:
    """The name a 「部门：…」 line gives (without a 「单位：万元」 in the same cell), or None."""
    m = _DEPARTMENT.match(text)
    return (_UNIT_TAIL.sub("", m.group(1)).strip() or None) if m else None


def department_of(region: Region) -> str | None:
    """The department a table names, checked as every name is (names.department_name)."""
    name = next((name for name in map(department_in, _head_texts(region)) if name), None)
    if name is None:
        return None
    try:
        return department_name(name)
    except InvalidText as exc:
        raise WorkbookError(f"{region.grid.sheet_place()}：{exc}。") from None


# The finance system (部门决算报表系统) exports one table a sheet, named like
# 「Z01 收入支出决算总表(财决01表)」 and cut at Excel's 31 characters, with titles that
# carry neither year nor 公开0N表.  Such a sheet is known by its name.
_FINANCE_NUMBER = re.compile(r"财决0?(\d{1,2})表|^[Zz]0?(\d{1,2})(?!\d)")
_FINANCE_PREFIX = re.compile(r"^[Zz]\d{1,2}")
_FINANCE_TAIL = re.compile(r"[（(]财决.*$")
_MIN_PREFIX = 4   # characters of a cut name that still tell the table


def is_finance_sheet(sheet_name: str) -> bool:
    return bool(_FINANCE_NUMBER.search(compact(sheet_name)))


def finance_sheet_kind(sheet_name: str, tables: tuple[Table, ...]) -> str | None:
    """The table a finance-system sheet holds by its name: the table name it carries
    (whole, or cut at its end), else its 财决 / Z number; None when neither tells."""
    key = unquoted(compact(sheet_name))
    m = _FINANCE_NUMBER.search(key)
    if not m:
        return None
    words = _FINANCE_TAIL.sub("", _FINANCE_PREFIX.sub("", key))
    for t in sorted(tables, key=lambda t: -len(t.name)):
        if words.endswith(unquoted(compact(t.name))):
            return t.id
    if len(words) >= _MIN_PREFIX and not _FINANCE_TAIL.search(key):
        # Cut at 31 characters inside the name: the one table whose name begins so.
        cut = [t.id for t in tables if unquoted(compact(t.name)).startswith(words)]
        if len(cut) == 1:
            return cut[0]
    number = int(m.group(1) or m.group(2))
    table_id = f"{number:02d}"
    return table_id if any(t.id == table_id for t in tables) else None


def whole_sheet_region(grid: Grid, kind: str) -> Region:
    first = min((r for r, _ in grid.values), default=1)
    return Region(grid, kind, first, grid.max_row, None)
