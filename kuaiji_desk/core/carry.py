"""Starting a year's report from last year's: what carries over, what is asked again.

Carried over, for the accountant to edit: the unit's department and texts, the code
rows last year's tables used (without amounts), the projects with their indicators
and targets, the 整体 goals and indicators.  Not carried: every figure of the year
(cells, ``numbers`` such as 政府采购 and 车辆数, projects' 预算数 and 执行数 — the
预算数 is this year's budget, not last year's), actual values, scores, stated rates,
reasons and improvements, explanations (they answer last year's findings) and the
公开日期.  Last year's figures become ``last_year`` (上年数): every 「与上年相比」 of the
narrative and the cross-year checks C01/C02 read them.

A code row whose code this year's catalog lacks, or names otherwise, is kept as last
year had it and listed in the notes: the accountant decides, nothing is silently
changed.
"""
from __future__ import annotations

import copy
from os import PathLike

from . import catalog, layouts
from .excel.errors import WorkbookError
from .excel.imported import ImportedData
from .excel.importer import apply_import, read_workbooks
from .forms import CodeTable
from .layout import Values
from .report import Indicator, Overall, Project, Report, new_report

# LAST_YEAR field id → (table, row, column) of last year's report.
FIGURE_CELLS = {
    "收支总计": ("01", "30", "1"),
    "收入合计": ("01", "27", "1"),
    "支出合计": ("01", "57", "2"),
    "年末结转和结余": ("01", "59", "2"),
    "财政拨款收支总计": ("04", "32", "1"),
    "一般公共预算收入": ("04", "1", "1"),
    "年末.一般公共预算": ("04", "60", "3"),     # 年末财政拨款结转和结余, by fund in its columns
    "年末.政府性基金": ("04", "60", "4"),
    "年末.国有资本经营": ("04", "60", "5"),
    "一般公共预算支出": ("05", "合计", "1"),
    "三公决算": ("09", "1", "7"),
}
RUNNING_COSTS = "十.机关运行经费"          # numbers key of last year → LAST_YEAR 机关运行经费

CARRIED_CODE_TABLES = ("02", "03", "05", "06", "07", "08")
# Texts that belong to one year only and are not carried over.
_YEAR_TEXTS = ("公开日期",)


def last_year_figures(source: Report | ImportedData) -> dict[str, int]:
    """The LAST_YEAR figures (分) of last year's report, or of last year's workbooks as read.

    From a report every figure is taken once it has any figure at all (a table left
    empty says 0).  From workbooks only the figures of the tables read are taken.
    """
    if isinstance(source, ImportedData):
        report = new_report("", 2000)
        apply_import(report, source)
        present = set(source.tables)
    else:
        report = source
        present = None
    values = Values(report)
    if present is None:
        present = {t for t, _, _ in FIGURE_CELLS.values()} if any(
            not values.is_empty(t) for t, _, _ in FIGURE_CELLS.values()) else set()
    out = {key: values.value(*cell) for key, cell in FIGURE_CELLS.items() if cell[0] in present}
    if RUNNING_COSTS in report.numbers:
        out["机关运行经费"] = report.numbers[RUNNING_COSTS]
    return out


def start_from(last: Report, unit: str, year: int, figures: dict[str, int] | None = None,
               layout: str | None = None) -> tuple[Report, list[str]]:
    """A new report of ``unit`` for ``year`` from last year's report, and the notes (in
    Chinese) on what the accountant must confirm.  ``figures`` replaces the 上年数
    taken from ``last`` (see :func:`start_from_workbooks`).  The report is printed in
    ``layout``, or else in last year's layout as published for ``year`` (the same series)."""
    report = new_report(unit, year, department=last.department,
                        layout=layout or layouts.for_year(last.layout, year))
    notes: list[str] = []
    report.texts = {k: v for k, v in last.texts.items() if k not in _YEAR_TEXTS and v}
    _carry_codes(last, report, notes)
    report.projects = [_fresh_project(p) for p in last.projects]
    report.overall = _fresh_overall(last.overall) if last.overall is not None else None
    report.last_year = dict(last_year_figures(last) if figures is None else figures)
    if not report.last_year:
        notes.append(f"{last.year}年度的报告中没有公开表数字，上年数未填，请在「上年数」中填写。")
    report.touch("texts", "projects", "overall", "last_year")
    return report, notes


def start_from_workbooks(paths: list[str | PathLike], unit: str, year: int, layout: str | None = None
                         ) -> tuple[Report, list[str]]:
    """As :func:`start_from`, from last year's 公开表 and 自评表 workbooks (any layout the
    importer reads; the new report takes the layout they were printed in unless ``layout``
    is given).  Every file is read first; a WorkbookError leaves nothing made."""
    try:
        data = read_workbooks(paths, year - 1)
    except WorkbookError as e:
        raise WorkbookError(f"上年度（{year - 1}年度）的工作簿无法使用：{e}") from None
    last = new_report(unit, year - 1, layout=data.layout)
    apply_import(last, data)
    report, notes = start_from(last, unit, year, figures=last_year_figures(data), layout=layout)
    return report, [f"读取{year - 1}年度：{line}" for line in data.found] + notes


def _carry_codes(last: Report, report: Report, notes: list[str]) -> None:
    for tid in CARRIED_CODE_TABLES:
        spec = report.forms.table(tid)
        if not isinstance(spec, CodeTable):
            continue
        cat = catalog.load(spec.classification, report.year)
        # The catalog really used names itself: a stand-in year is said, not the report's.
        where = "科目表" if cat.is_fallback else f"{cat.year}年度的科目表"
        where_named = "科目表" if cat.is_fallback else f"{cat.year}年度科目表"
        checked = f"按{cat.year}年科目表核对，" if cat.is_fallback and cat.year else ""
        for code, name in sorted(last.code_rows.get(tid, {}).items()):
            entry = cat.get(code)
            if entry is None:
                if len(cat):
                    notes.append(f"{spec.label}科目 {code}「{name}」不在{where}中"
                                 f"（{checked}可能已取消或调整编码），已按上年保留，请确认。")
                report.add_code(tid, code, name)
            elif name and catalog.normalise_name(name) != catalog.normalise_name(entry.name):
                notes.append(f"{spec.label}科目 {code} 上年名称为「{name}」，{where_named}中为"
                             f"「{entry.name}」{cat.fallback_note}，已按上年保留，请确认。")
                report.add_code(tid, code, name)
            else:
                report.add_code(tid, code, entry.name)
            # add_code fills the 类/款 above from the catalog; last year's own names win.
            report.code_rows[tid][code] = report.code_rows[tid][code] or name


def _fresh_indicator(ind: Indicator) -> Indicator:
    return Indicator(level1=ind.level1, level2=ind.level2, level3=ind.level3, target=ind.target,
                     category=ind.category, weight=ind.weight)


def _fresh_project(p: Project) -> Project:
    return Project(name=p.name, department=p.department, executor=p.executor, category=p.category,
                   attribute=p.attribute, kind=p.kind, indicators=[_fresh_indicator(i) for i in p.indicators])


def _fresh_overall(o: Overall) -> Overall:
    return Overall(unit_name=o.unit_name, goals=o.goals,
                   indicators=[_fresh_indicator(i) for i in copy.copy(o.indicators)])
