"""The 绩效自评表 sheets laid out as published (the fixture self-evaluation workbook).

A label column and its values, checkbox lines for the choices, the budget block with
the rate computed from the amounts, the indicator rows, the reasons and the remarks.
The importer reads these sheets back.
"""
from __future__ import annotations

from ..forms import selfeval as form
from ..report import PROJECT_ATTRIBUTES, PROJECT_CATEGORIES, PROJECT_KINDS, Indicator, Overall, Project, Report
from .choices import CHECKED, UNCHECKED
from .sheet_writer import CELL, HEAD, LINE, TITLE, SheetWriter, Style

WIDTH = 6        # columns of both forms, before 分值/得分
INDICATOR_ROW_PROJECT, INDICATOR_ROW_OVERALL = 9, 6   # the indicator header rows
YUAN = Style(align="center", wrap=False)   # 「3,352,775.69 元」 between two labels, as the PDF prints it
LABEL = Style(bold=True, measure=14)   # 「偏差大或目标未完成原因分析」 wraps in a narrow column, as printed
VALUE = Style(measure=20)    # a target or an actual value: a long one wraps rather than widen 执行数/执行率
_NAMES = ("level1", "level2", "level3")   # the indicator's names; its other fields are values


def write_project(sw: SheetWriter, report: Report, p: Project, index: int) -> None:
    """The project's form; ``index`` counts from 0, as in the PDF."""
    indicators = _indicator_columns(form.PROJECT_INDICATORS, p.indicators)
    last = max(WIDTH, 1 + len(indicators))
    sw.text(1, 1, form.project_title(report.year, p.name, index), TITLE, to=(1, last))
    _pair(sw, 2, form.PROJECT_NAME, p.name, last)
    sw.text(3, 1, form.DEPARTMENT, LABEL)
    sw.text(3, 2, p.department, CELL, to=(3, 3))
    sw.text(3, 4, form.EXECUTOR, LABEL)
    sw.text(3, 5, p.executor, CELL, to=(3, last))
    for r, (label, options, chosen) in enumerate((
        (form.CATEGORY, PROJECT_CATEGORIES, p.category),
        (form.ATTRIBUTE, PROJECT_ATTRIBUTES, p.attribute),
        (form.KIND, PROJECT_KINDS, p.kind),
    ), start=4):
        _pair(sw, r, label, checkbox_line(options, chosen), last)
    # The figures in the last three columns, as the PDF has them: 执行数 and 执行率 under the
    # 年初目标值 and 实际完成值 (one width), not under the long 三级指标.
    budget = last - 2
    sw.text(7, 1, form.BUDGET_HEADING, LABEL, to=(8, 1))
    sw.text(7, 2, "", CELL, to=(7, budget - 1))
    for c, header in enumerate(form.BUDGET_COLUMNS, start=budget):
        sw.text(7, c, header, HEAD)
    sw.text(8, 2, form.BUDGET_ROW, CELL, to=(8, budget - 1))
    sw.amount(8, budget, p.budget)
    sw.amount(8, budget + 1, p.spent)
    sw.text(8, budget + 2, form.rate_text(p.budget, p.spent), HEAD)
    sw.same_width(budget + 1, budget + 2)
    end = _indicator_block(sw, INDICATOR_ROW_PROJECT, 2, form.GOALS_HEADING, indicators, p.indicators)
    _pair(sw, end + 1, form.DEVIATION, p.deviation_reason, last)
    _pair(sw, end + 2, form.IMPROVEMENT, p.improvement, last)
    _pair(sw, end + 3, form.REMARKS, "\n".join(form.PROJECT_REMARKS), last)   # inside the table, as the PDF
    sw.box(2, 1, end + 3, last)
    sw.finish((INDICATOR_ROW_PROJECT,) * 2, True)   # the indicator header again on every page


def write_overall(sw: SheetWriter, report: Report, o: Overall) -> None:
    indicators = _indicator_columns(form.OVERALL_INDICATORS, o.indicators)
    last = max(WIDTH, len(indicators))
    unit = o.unit_name or report.department_name
    sw.text(1, 1, form.OVERALL_TITLE.format(year=report.year, unit=unit), TITLE, to=(1, last))
    sw.text(2, 1, f"{form.FILL_DATE}：{o.fill_date}", LINE)
    _pair(sw, 3, form.UNIT_NAME, o.unit_name, last)
    sw.text(4, 1, form.BASIC_TOTAL, LABEL)
    sw.amount(4, 2, o.basic_total, YUAN, unit="元", to=(4, 3))
    sw.text(4, 4, form.PROJECT_TOTAL, LABEL)
    sw.amount(4, 5, o.project_total, YUAN, unit="元", to=(4, last))
    _pair(sw, 5, form.GOALS, o.goals, last)
    end = _indicator_block(sw, INDICATOR_ROW_OVERALL, 1, None, indicators, o.indicators)
    _pair(sw, end + 1, form.DEVIATION, o.deviation_reason, last)
    _pair(sw, end + 2, form.IMPROVEMENT, o.improvement, last)
    sw.box(3, 1, end + 2, last)
    sw.finish((INDICATOR_ROW_OVERALL,) * 2, True)   # the indicator header again on every page


def checkbox_line(options: tuple[str, ...], chosen: str) -> str:
    """'1、部门预算项目 ☑  2、区直专项 □ …'; a chosen value the template lacks is added, checked."""
    picked = [c for c in chosen.split("、") if c] if chosen else []
    everything = list(options) + [c for c in picked if c not in options]
    return "  ".join(f"{i}、{o} {CHECKED[0] if o in picked else UNCHECKED[0]}" for i, o in enumerate(everything, 1))


def _pair(sw: SheetWriter, r: int, label: str, value: str, last: int) -> None:
    sw.text(r, 1, label, LABEL)
    sw.text(r, 2, value, CELL, to=(r, last))


def _indicator_columns(declared, indicators: list[Indicator]) -> tuple[tuple[str, str], ...]:
    scored = any(i.weight or i.score for i in indicators)
    return tuple(declared) + (form.SCORES if scored else ())


def _indicator_block(sw: SheetWriter, top: int, first_col: int, heading: str | None,
                     columns: tuple[tuple[str, str], ...], indicators: list[Indicator]) -> int:
    """Header and one row per indicator (one blank row when there is none); returns the last row."""
    for c, (_, header) in enumerate(columns, start=first_col):
        sw.text(top, c, header, HEAD)
    rows = max(len(indicators), 1)
    for r, ind in enumerate(indicators, start=top + 1):
        for c, (field, _) in enumerate(columns, start=first_col):
            sw.text(r, c, getattr(ind, field), CELL if field in _NAMES else VALUE)
    if heading:
        sw.text(top, first_col - 1, heading, LABEL, to=(top + rows, first_col - 1))
    return top + rows
