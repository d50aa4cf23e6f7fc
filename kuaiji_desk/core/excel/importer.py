"""Importing this year's figures from workbooks: read everything first, then apply.

:func:`read_workbooks` reads every file and fails on the first problem without
touching a report; only :func:`apply_import` changes one, table by table, so that a
bad file leaves the report as it was.
"""
from __future__ import annotations

import copy
from os import PathLike
from pathlib import Path

from ..forms import CodeTable
from ..report import EXPLANATIONS, LAST_YEAR, NUMBERS
from ..report import OVERALL as OVERALL_PART
from ..report import PROJECTS as PROJECTS_PART
from ..report import TEXTS as TEXTS_PART
from ..report import Project, Report, new_report
from ..layout import printed_cells, printed_layout
from ..shown import shown_values
from .datasheet import DATA_SHEET, read_data_sheet
from .errors import WorkbookError
from .imported import ImportedData, ImportedTable
from .locate import (OVERALL, PROJECT, SELF_EVALUATIONS, Region, department_of, find_regions, finance_sheet_kind,
                     is_finance_sheet, unit_of, whole_sheet_region)
from .opening import read_grids
from .recognise import recognise
from .selfeval import read_overall, read_project
from .tables import read_table

__all__ = ["ImportedData", "ImportedTable", "Unplaced", "WorkbookError", "apply_import", "read_workbooks"]

# The published tables are in 万元; a table that does not say otherwise is read so.
DEFAULT_UNIT = "万元"


def read_workbooks(paths: list[str | PathLike], year: int, skip_unplaced: bool = False) -> ImportedData:
    """The tables and 自评表 of the workbooks, read in the layout they were printed in: the
    one their titles and labels tell (:func:`.recognise.recognise`), or our export's own.

    A figure that belongs to no cell of its table (a row or code the table does not have) is
    refused, naming every such cell (:class:`Unplaced`); with ``skip_unplaced`` the data is
    returned and ``data.unplaced`` lists them, for the accountant to see before importing."""
    data = ImportedData()
    projects: list[Project] = []
    notes: list[str] = []
    sources: dict[str, Region] = {}
    books = []
    for path in paths:
        path = Path(path)
        grids = read_grids(path)
        if any(g.sheet == DATA_SHEET for g in grids):
            # Our own export: its data sheet holds the report to the 分, the printed
            # tables only its rounding.
            if len(paths) > 1:
                raise WorkbookError(f"「{path.name}」是本软件导出的完整报告，请单独导入，不要与其他文件一起导入。")
            data = read_data_sheet(path, year)
            edited = _edited_tables(grids, data, year)
            if edited:
                data.found.insert(0, f"注意：{'、'.join(edited)}中的数字与数据页不一致（可能在 Excel 中改过），已按数据页导入。"
                                     f"如要按表中的数字导入，请在 Excel 中取消隐藏并删除工作表「{DATA_SHEET}」后再导入。")
            return data
        books.append((path, grids))
    layout = recognise([g for _, grids in books for g in grids], year)
    tables = layout.tables
    for path, grids in books:
        regions, skipped = [], []
        for g in grids:
            found = find_regions(g, year, tables)
            if not found and is_finance_sheet(g.sheet):
                found, note = _finance_region(g, layout)
                skipped += [note] if note else []
            regions += found
        if not regions:
            wanted = "、".join([t.name for t in tables] + list(SELF_EVALUATIONS.values()))
            raise WorkbookError(f"「{path.name}」中没有找到公开表或绩效自评表（查找的表：{wanted}）。"
                                + "".join(skipped))
        notes += skipped
        for region in regions:
            if region.kind == PROJECT:
                projects.append(read_project(region))
                continue
            if region.kind in sources:
                raise WorkbookError(
                    f"{_name(region.kind, layout)}出现了两次：{sources[region.kind].grid.sheet_place()}"
                    f"和{region.grid.sheet_place()}。请只保留一份。"
                )
            sources[region.kind] = region
            if region.kind == OVERALL:
                data.overall = read_overall(region)
            else:
                spec = layout.table(region.kind)
                unit = unit_of(region)
                if unit is None:
                    notes.append(f"{spec.caption}未注明金额单位，按{DEFAULT_UNIT}读取。")
                data.tables[spec.id] = read_table(region, spec, unit or DEFAULT_UNIT)
                notes += data.tables[spec.id].notes
                data.department = data.department or department_of(region)
    if projects:
        data.projects = projects
    if data.tables:
        data.layout = layout.name
    data.found = _found_lines(data, sources, layout) + notes
    data.unplaced = [line for tid in [t.id for t in tables] if tid in data.tables for line in data.tables[tid].unplaced]
    if data.unplaced and not skip_unplaced:
        raise Unplaced(data.unplaced)
    return data


class Unplaced(WorkbookError):
    """Figures that no cell of their table holds: every one named, none dropped unsaid."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        more = f"\n共 {len(lines)} 处数字无法放入报告，没有导入任何内容。" if len(lines) > 1 else ""
        super().__init__("\n".join(lines) + more)


def _finance_region(grid, layout) -> tuple[list[Region], str | None]:
    """A finance-system sheet, known by its name, when its layout is the declared one's;
    else no region and a note saying it was skipped."""
    kind = finance_sheet_kind(grid.sheet, layout.tables)
    if kind is None:
        return [], f"{grid.sheet_place()}不对应任何公开表，已跳过。"
    region = whole_sheet_region(grid, kind)
    spec = layout.table(kind)
    try:
        fits = not read_table(region, spec, unit_of(region) or DEFAULT_UNIT).unplaced
    except WorkbookError:
        fits = False
    if not fits:
        return [], f"{grid.sheet_place()}的格式与{spec.named}不一致，已跳过。"
    return [region], None


def _edited_tables(grids, data: ImportedData, year: int) -> list[str]:
    """The labels of an export's printed tables whose figures are no longer the ones
    printed from its data sheet: the accountant changed them in Excel."""
    saved = new_report("", year, layout=data.layout)
    apply_import(saved, data)
    edited = []
    tables = saved.publication.tables
    for region in [r for g in grids for r in find_regions(g, year, tables)]:
        if region.kind in SELF_EVALUATIONS:
            continue
        spec = saved.publication.table(region.kind)
        try:
            table = read_table(region, spec, unit_of(region) or DEFAULT_UNIT)
            printed = None if table.unplaced else table.cells
        except WorkbookError:
            printed = None
        cells = printed_cells(printed_layout(saved, spec))
        if printed != {k: v for k, v in shown_values(saved, spec.id).items() if k in cells}:
            edited.append(spec.caption)
    return edited


def _name(kind: str, layout) -> str:
    if kind in SELF_EVALUATIONS:
        return SELF_EVALUATIONS[kind]
    t = layout.table(kind)
    return t.named


def _found_lines(data: ImportedData, sources: dict[str, Region], layout) -> list[str]:
    lines = []
    if data.tables:
        lines.append(f"公开表式样：{layout.title}（{layout.name}）")
    for tid in [t.id for t in layout.tables if t.id in data.tables]:
        t = data.tables[tid]
        figures = f"{len(t.cells)} 个数" if t.cells else "无数据"
        codes = f"，{len(t.code_names)} 个科目" if t.code_names else ""
        lines.append(f"{_name(tid, layout)}：{sources[tid].grid.sheet_place()}，单位{t.unit}，{figures}{codes}")
    if data.overall is not None:
        lines.append(f"{SELF_EVALUATIONS[OVERALL]}：{sources[OVERALL].grid.sheet_place()}，"
                     f"{len(data.overall.indicators)} 个指标")
    if data.projects:
        lines.append(f"{SELF_EVALUATIONS[PROJECT]}：{len(data.projects)} 个项目")
    if data.department:
        lines.append(f"部门：{data.department}")
    return lines


def apply_import(report: Report, data: ImportedData) -> None:
    """Replaces what the report holds for every table, project list and overall read.

    A total stated in a workbook is kept as stated (the rules compare it with the
    sum); applying the same data twice gives the same report.  Data read from an
    export's data sheet (``data.exact``) also replaces the texts, numbers, last
    year's figures and explanations, and takes code rows and overall as saved.
    """
    for tid, table in data.tables.items():
        report.clear_table(tid)
        if data.exact and table.code_names:
            report.code_rows[tid] = dict(table.code_names)
        elif isinstance(report.forms.table(tid), CodeTable):
            for code, name in table.code_names.items():
                report.add_code(tid, code, name)
        for (row, col), fen in table.cells.items():
            report.set(tid, row, col, fen, rounded=(row, col) in table.rounded)
    if not data.exact and any(isinstance(spec, CodeTable) and spec.default_codes
                              for spec in map(report.forms.table, data.tables)):
        report.ensure_default_rows()
    # Lists and objects replaced wholesale: the report's revisions are bumped by hand.
    if data.projects is not None:
        report.projects = copy.deepcopy(data.projects)
        report.touch(PROJECTS_PART)
    if data.overall is not None or data.exact:
        report.overall = copy.deepcopy(data.overall)
        report.touch(OVERALL_PART)
    for part in (TEXTS_PART, NUMBERS, LAST_YEAR, EXPLANATIONS):   # named as the attributes they are
        values = getattr(data, part)
        if values is not None:
            setattr(report, part, dict(values))
            report.touch(part)
    if data.department and data.department != report.department:
        report.department = data.department
        report.touch(TEXTS_PART)
