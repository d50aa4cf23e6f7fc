"""The exact report, kept in a hidden sheet 「kuaiji_data」 of every exported workbook.

The printed sheets show 万元 rounded and balanced; this sheet keeps every figure to
the 分 and every text, so that importing an export gives back the report itself.
One record per row, its kind in column A:

    format   | version
    report   | unit | year | department | layout (core.layouts; older exports have none)
    cell     | table | row | column | 分 | rounded (TRUE/FALSE)
    code     | table | code | name
    fields   | project / indicator / overall | field names …   (how the next records read)
    project  | number | its fields …          project_indicator | project number | fields …
    overall  | fields …                      overall_indicator | fields …
    text / number / last_year / explanation | key | value (a long text runs on over the next cells)

Plain cells, no JSON: amounts are integers (exact in Excel up to 2^53 分), read back
within money.MAX_FEN like every other amount.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from openpyxl.workbook import Workbook

from .. import layouts
from ..forms import TOTAL_ROW, FixedTable, for_year
from ..forms.fields import current_numbers
from ..money import AmountOutOfRange, check_fen
from ..names import CELL_LIMIT, InvalidText, check_name, unit_name
from ..report import Indicator, Overall, Project, Report
from .errors import WorkbookError
from .opening import load_book
from .imported import ImportedData, ImportedTable
from .year_end_04 import TABLE as TABLE_04
from .year_end_04 import fold_old_rows, old_row

DATA_SHEET = "kuaiji_data"
FORMAT_VERSION = 1

_RECORDS = {"project": Project, "indicator": Indicator, "overall": Overall}
_KEYED = ("text", "number", "last_year", "explanation")
_KINDS = {"report", "cell", "code", "fields", "project", "project_indicator", "overall", "overall_indicator",
          *_KEYED}


def _names(cls) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if f.name != "indicators"]


# -- writing ---------------------------------------------------------------------

def write_data_sheet(book: Workbook, report: Report) -> None:
    ws = book.create_sheet(DATA_SHEET)
    # Hidden, not veryHidden: the accountant can still unhide and delete it to have
    # the printed tables read instead (see read_workbooks).
    ws.sheet_state = "hidden"
    for r, record in enumerate(_records(report), start=1):
        for c, value in enumerate(record, start=1):
            cell = ws.cell(r, c, value)
            if isinstance(value, str):
                cell.data_type = "s"   # text, never a formula


def _records(report: Report):
    yield ("format", FORMAT_VERSION)
    yield ("report", report.unit, report.year, report.department, report.layout)
    for (t, r, c), fen in sorted(report.cells.items()):
        yield ("cell", t, r, c, fen, (t, r, c) in report.rounded)
    for t, codes in sorted(report.code_rows.items()):
        for code, name in sorted(codes.items()):
            yield ("code", t, code, name)
    for kind, cls in _RECORDS.items():
        yield ("fields", kind, *_names(cls))
    for i, p in enumerate(report.projects, start=1):
        yield ("project", i, *_values(p))
        for ind in p.indicators:
            yield ("project_indicator", i, *_values(ind))
    if report.overall is not None:
        yield ("overall", *_values(report.overall))
        for ind in report.overall.indicators:
            yield ("overall_indicator", *_values(ind))
    for kind, values in zip(_KEYED, (report.texts, report.numbers, report.last_year, report.explanations)):
        for key, value in sorted(values.items()):
            yield (kind, key, *(_pieces(value) if isinstance(value, str) else (value,)))


def _values(obj) -> list:
    values = [getattr(obj, name) for name in _names(type(obj))]
    for v in values:
        if isinstance(v, str) and len(v) > CELL_LIMIT:
            raise WorkbookError(f"「{v[:20]}…」超过了 Excel 单元格可以容纳的 {CELL_LIMIT} 个字，无法导出。")
    return values


def _pieces(text: str) -> list[str]:
    return [text[i:i + CELL_LIMIT] for i in range(0, len(text), CELL_LIMIT)] or [""]


# -- reading ---------------------------------------------------------------------

def read_data_sheet(path: Path, year: int) -> ImportedData:
    """The report saved in the workbook's 「kuaiji_data」 sheet, exactly."""
    book = load_book(path, read_only=True, data_only=True)
    try:
        sheet = book[DATA_SHEET]
        # Rows as long as they are: read-only openpyxl pads each to the width the sheet's
        # <dimension> declares, and a sheet may declare all 16 384 columns.
        sheet.reset_dimensions()
        rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    return _Reader(path.name, year).read(rows)


class _Reader:
    def __init__(self, file: str, year: int):
        self.file, self.year = file, year
        self.unit: str | None = None
        self.fields: dict[str, list[str]] = {kind: _names(cls) for kind, cls in _RECORDS.items()}
        self.data = ImportedData(projects=[], exact=True, texts={}, numbers={}, last_year={}, explanations={})
        self.forms = for_year(year)
        self.tables = {t.id: ImportedTable(t.id, "元", (file, DATA_SHEET)) for t in self.forms.tables}

    def fail(self, r: int, what: str) -> WorkbookError:
        return WorkbookError(f"「{self.file}」的数据页「{DATA_SHEET}」第{r}行{what}，无法读取。"
                             "请删除该工作表后按公开表导入。")

    def read(self, rows: list[tuple]) -> ImportedData:
        if not rows or rows[0][:1] != ("format",) or not isinstance(_at(rows[0], 1), int):
            raise self.fail(1, "不是数据格式版本")
        version = rows[0][1]
        if version > FORMAT_VERSION:
            raise WorkbookError(
                f"「{self.file}」由更新版本的软件导出（数据格式第{version}版），本软件只能读取第{FORMAT_VERSION}版。"
                "请升级软件后再导入。"
            )
        for r, row in enumerate(rows[1:], start=2):
            kind = row[0] if row else None
            if kind is None:
                continue
            if kind not in _KINDS:
                raise self.fail(r, f"的记录「{kind}」不认识")
            try:
                getattr(self, f"_{kind}")(row[1:])
            except (AmountOutOfRange, InvalidText) as exc:
                raise self.fail(r, f"的{exc}") from None
            except (TypeError, ValueError, IndexError, KeyError, AttributeError):
                raise self.fail(r, "的内容不完整或有误") from None
        if self.unit is None:
            raise self.fail(2, "缺少报告的单位和年度")
        self.data.tables = self.tables
        self.data.numbers = current_numbers(self.data.numbers)   # a workbook of an earlier version
        t04 = self.tables[TABLE_04]
        moved = fold_old_rows(t04.cells, t04.rounded)               # 04's 年末 by fund, as saved before
        self.data.found = [self._found(), *moved]
        return self.data

    def _report(self, v) -> None:
        unit, saved_year, department, layout = _string(v[0]), _integer(v[1]), _at(v, 2), _at(v, 3)
        if department is not None and not isinstance(department, str) or \
                layout is not None and not isinstance(layout, str):
            raise ValueError(v)
        if layout in layouts.names():   # a layout this version lacks: the report keeps its own
            self.data.layout = layout
        self.unit = unit_name(unit)       # printed in what the import found
        if department:
            department = check_name(department, "部门名称")
        if saved_year != self.year:
            raise WorkbookError(f"「{self.file}」保存的是{saved_year}年度的报告，与要导入的{self.year}年度不一致。")
        self.data.department = department or None

    def _cell(self, v) -> None:
        table, row, col, fen, rounded = v[:5]
        old = old_row(table, row)    # an earlier version's by-fund 年末 row of 04, moved in read()
        if not (_has_cell(self.forms.table(table), row, col) or old and col in old.columns) \
                or not isinstance(rounded, bool):
            raise ValueError(v)
        self.tables[table].cells[(row, col)] = check_fen(_integer(fen))
        if rounded:
            self.tables[table].rounded.add((row, col))

    def _code(self, v) -> None:
        code, name = _string(v[1]), _at(v, 2) or ""
        if isinstance(self.forms.table(v[0]), FixedTable) or not code.isdigit():
            raise ValueError(v)
        self.tables[v[0]].code_names[code] = _string(name)

    def _fields(self, v) -> None:
        self.fields[v[0]] = [n for n in v[1:] if n is not None]

    def _project(self, v) -> None:
        self.data.projects.append(self._make(Project, "project", v[1:]))

    def _project_indicator(self, v) -> None:
        number = _integer(v[0])
        if not 1 <= number <= len(self.data.projects):
            raise ValueError(number)
        self.data.projects[number - 1].indicators.append(self._make(Indicator, "indicator", v[1:]))

    def _overall(self, v) -> None:
        self.data.overall = self._make(Overall, "overall", v)

    def _overall_indicator(self, v) -> None:
        self.data.overall.indicators.append(self._make(Indicator, "indicator", v))

    def _text(self, v) -> None:
        self.data.texts[_string(v[0])] = "".join(p for p in v[1:] if p is not None)

    def _explanation(self, v) -> None:
        self.data.explanations[_string(v[0])] = "".join(p for p in v[1:] if p is not None)

    def _number(self, v) -> None:
        self.data.numbers[_string(v[0])] = check_fen(_integer(v[1]))    # counts bounded alike

    def _last_year(self, v) -> None:
        self.data.last_year[_string(v[0])] = check_fen(_integer(v[1]))

    def _make(self, cls, kind: str, values):
        """An object from the values in the order its ``fields`` record gave; a blank
        cell is the field's default (an empty text reads back as blank)."""
        known = set(_names(cls))
        args = {}
        for name, value in zip(self.fields[kind], values):
            if name in known and value is not None:
                # Of the field's type, as written: text, 分 (int), or a TRUE/FALSE mark.
                default = cls.__dataclass_fields__[name].default
                if type(value) is not (int if default is None else type(default)):
                    raise ValueError(value)
                if type(value) is int:
                    check_fen(value)      # the amounts (分) of a project or of the overall
                args[name] = value
        return cls(**args)

    def _found(self) -> str:
        tables = sum(1 for t in self.tables.values() if t.cells)
        figures = sum(len(t.cells) for t in self.tables.values())
        return (f"「{self.file}」是本软件导出的报告（{self.unit}，{self.year}年度），按隐藏的数据页「{DATA_SHEET}」"
                f"原样读取：{tables} 张有数的公开表，{figures} 个数，{len(self.data.projects)} 个项目绩效自评表"
                + ("，整体绩效自评表" if self.data.overall else "") + "。")


def _at(row: tuple, i: int):
    return row[i] if i < len(row) else None


def _integer(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(value)
    return value


def _string(value) -> str:
    if not isinstance(value, str):
        raise ValueError(value)
    return value


def _has_cell(spec, row, col) -> bool:
    """Whether the declaration has that cell: a fixed row's column, or a column of a
    code table in a code row, its 合计 row or a group's total row."""
    if isinstance(spec, FixedTable):
        return any(r.id == row and col in (r.columns if r.columns is not None else [c.id for c in s.columns])
                   for s in spec.sections for r in s.rows)
    rows_ok = isinstance(row, str) and (row.isdigit() or row == TOTAL_ROW or any(g.id == row for g in spec.groups))
    return rows_ok and any(c.id == col for c in spec.columns)
