"""Rules on a 部门 report made of its units (core.consolidation): B17 and its kin.

A unit of a report's year that the 部门 names but that has no report is an error; money
that moves inside the 部门 and still shows on both sides of the sum (a unit's 上级补助收入
beside another's 对附属单位补助支出) is a 提示: it should be entered as an internal transfer.
"""
from __future__ import annotations

from ..consolidation import TRANSFER_KINDS
from ..forms import TOTAL_ROW, for_year
from ..report import COMPOSITION
from ..naming import cell_name
from .context import Context, depends, gap_words, outcome
from .findings import ERROR, NARRATIVE_TABLE, WARNING, Finding, format_wan

TABLES = tuple(t.id for t in for_year(0).tables)


@depends(COMPOSITION)
def b17_missing_units(ctx: Context):
    composition = ctx.report.composition
    for name in composition.missing if composition else ():
        yield Finding("B17.1", ERROR, NARRATIVE_TABLE, "", "部门决算单位构成", None, None,
                      f"部门所列单位「{name}」没有{ctx.report.year}年度的报告，汇总数中没有它。"
                      "请新建或导入该单位的报告，或从单位构成中去掉它。")


@depends(COMPOSITION)
def b17_left_out(ctx: Context):
    composition = ctx.report.composition
    for problem in composition.problems if composition else ():
        yield Finding("B17.2", ERROR, NARRATIVE_TABLE, "", "部门决算单位构成", None, None, problem)


@depends(COMPOSITION, "02", "03")
def b17_internal_flows(ctx: Context):
    if ctx.report.composition is None:
        return
    eliminated = {t.kind for t in ctx.report.composition.transfers}
    for kind, where in TRANSFER_KINDS.items():
        (income_table, income_col), (spent_table, spent_col) = where["income"], where["expenditure"]
        received = ctx.value(income_table, TOTAL_ROW, income_col)
        paid = ctx.value(spent_table, TOTAL_ROW, spent_col)
        if received and paid and kind not in eliminated:
            income_words, spent_words = where["words"].split(" / ")
            yield Finding("B17", WARNING, spent_table, TOTAL_ROW, spent_col, None, None,
                          f"部门汇总中既有{income_words} {format_wan(received)} 万元，又有{spent_words} "
                          f"{format_wan(paid)} 万元：若是本部门单位之间的往来，应作为内部往来抵消。")


@depends(COMPOSITION, *TABLES)
def b17_published_figures(ctx: Context):
    """The 部门's own published workbook against the sum of its units, figure by figure."""
    composition = ctx.report.composition
    if composition is None:
        return
    for key, printed in composition.published.items():
        table, row, col = key
        summed = ctx.values.value_at(key)
        err = (key in composition.published_rounded) + ctx.values.err_at(key)
        severity = outcome(printed, summed, err, "=", ERROR)
        if severity:
            yield Finding("B17.3", severity, table, row, col, summed, printed,
                          f"部门公开的{cell_name(ctx.report, ctx.layout(table), row, col)}为 {format_wan(printed)} 万元，"
                          f"各单位汇总为 {format_wan(summed)} 万元，{gap_words(printed, summed, severity)}。")


RULES = (b17_missing_units, b17_left_out, b17_internal_flows, b17_published_figures)
