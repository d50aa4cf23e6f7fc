"""Rules on the figures the narrative needs (B11, B15, B16, B18, C01, C02, D07)."""
from __future__ import annotations

from ..forms.tables_2024 import YEAR_END_04
from .context import Context, depends, gap_words, outcome
from ..report import LAST_YEAR, NUMBERS
from .findings import ERROR, NARRATIVE_TABLE, WARNING, Finding, format_wan


@depends("01", "04", "07", "08")
def b11_empty_tables(ctx: Context):
    """07/08 hold data exactly when the fund has money in 01 and 04."""
    for table, row01, col04, opening04, fund in (("07", "2", "4", "30", "政府性基金预算财政拨款"),
                                                 ("08", "3", "5", "31", "国有资本经营预算财政拨款")):
        empty = ctx.values.is_empty(table)
        income = ctx.value("01", row01, "1")
        spent = ctx.value("04", "59", col04)
        label = ctx.report.forms.table(table).label
        # The fund's 结转结余 in 04: 年初 in its own row, 年末 in row 60's column for the fund.
        carried = ctx.value("04", opening04, "1") or ctx.value("04", YEAR_END_04, col04)
        if empty and (income or spent):
            yield Finding("B11", ERROR, table, "合计", "1", None, None,
                          f"{label}没有数据，但公开01表{fund}收入为 {format_wan(income)} 万元、"
                          f"公开04表{fund}支出为 {format_wan(spent)} 万元。")
        elif not empty and not income and not spent and not carried:
            yield Finding("B11", ERROR, table, "合计", "1", None, None,
                          f"{label}有数据，但公开01表和公开04表中没有{fund}的收入、支出和结转结余。")


def _number(ctx: Context, key: str) -> int | None:
    return ctx.report.numbers.get(key)


@depends(NUMBERS, "06")
def b15_running_costs(ctx: Context):
    amount = _number(ctx, "十.机关运行经费")
    if amount is None:
        return
    public = ctx.value("06", "公用经费合计", "1")
    if amount > public:
        yield Finding("B15", WARNING, NARRATIVE_TABLE, "十", "十.机关运行经费", public, amount,
                      f"机关运行经费 {format_wan(amount)} 万元大于公开06表公用经费合计 {format_wan(public)} 万元，请核实。")


@depends(NUMBERS, "09")
def b16_vehicles(ctx: Context):
    for col, key, words in (("11", "九.车辆保有量", "公务用车运行维护费"), ("10", "九.购置车辆数", "公务用车购置费")):
        spent = ctx.value("09", "1", col)
        if spent > 0 and not _number(ctx, key):
            yield Finding("B16", WARNING, NARRATIVE_TABLE, "九", key, None, None,
                          f'公开09表{words}决算数为 {format_wan(spent)} 万元，但未填写'
                          f'{"公务用车保有量" if col == "11" else "公务用车购置数"}。')


# 五（三）: the total 年初预算 of the general budget, and the per-项 ones.
PLANNED_TOTAL, PLANNED_ITEM = "五.三.年初预算合计", "五.三.年初预算:"


@depends(NUMBERS)
def b18_budget_total(ctx: Context):
    """The total 年初预算 may hold items never spent, so it may differ from the sum of the
    per-项 年初预算: a difference asks to be confirmed (the reference: 1311.82 over items
    that add up to 1302.84)."""
    numbers = ctx.report.numbers
    total = numbers.get(PLANNED_TOTAL)
    items = [fen for key, fen in numbers.items() if key.startswith(PLANNED_ITEM)]
    if total is None or not items:
        return
    listed = sum(items)
    if total != listed:
        yield Finding("B18", WARNING, NARRATIVE_TABLE, "五", PLANNED_TOTAL, listed, total,
                      f"一般公共预算财政拨款支出年初预算数 {format_wan(total)} 万元，与各项年初预算数之和 "
                      f"{format_wan(listed)} 万元相差 {format_wan(abs(total - listed))} 万元；"
                      "请核实，或说明年初预算中未列出的项目。")


@depends(LAST_YEAR, "01", "04")
def c01_opening_balances(ctx: Context):
    """年初结转和结余 = 上年年末 (needs last year's figures)."""
    last = ctx.report.last_year
    pairs = (
        ("01", "29", "1", "年末结转和结余", "年初结转和结余"),
        ("04", "29", "1", "年末.一般公共预算", "年初一般公共预算财政拨款结转和结余"),
        ("04", "30", "1", "年末.政府性基金", "年初政府性基金预算财政拨款结转和结余"),
        ("04", "31", "1", "年末.国有资本经营", "年初国有资本经营预算财政拨款结转和结余"),
    )
    for table, row, col, key, name in pairs:
        if key not in last:
            continue
        now = ctx.value(table, row, col)
        severity = outcome(now, last[key], ctx.err(table, row, col), "=", WARNING)
        if severity is None:
            continue
        rule = "C01" if table == "01" else "C02"
        yield Finding(rule, severity, table, row, col, last[key], now,
                      f"公开{table}表{name}为 {format_wan(now)} 万元，上年年末数为 {format_wan(last[key])} 万元，"
                      f"{gap_words(now, last[key], severity)}；请说明原因（会计差错更正、收回以前年度支出、归集调入或调出等）。")


@depends(NUMBERS)
def d07_procurement(ctx: Context):
    n = ctx.report.numbers
    total = sum(n.get(k, 0) for k in ("十一.货物", "十一.工程", "十一.服务"))
    sme, small = n.get("十一.中小企业"), n.get("十一.小微企业")
    checks = []
    if sme is not None:
        checks.append(("十一.中小企业", sme, total, "授予中小企业合同金额", "政府采购支出总额"))
    if sme is not None and small is not None:
        checks.append(("十一.小微企业", small, sme, "授予小微企业合同金额", "授予中小企业合同金额"))
    for cat in ("货物", "工程", "服务"):
        part = n.get(f"十一.{cat}中小企业")
        if part is not None:
            checks.append((f"十一.{cat}中小企业", part, n.get(f"十一.{cat}", 0), f"{cat}采购授予中小企业合同金额",
                           f"政府采购{cat}支出"))
    for key, part, whole, part_name, whole_name in checks:
        if part > whole:
            yield Finding("D07", ERROR, NARRATIVE_TABLE, "十一", key, whole, part,
                          f"{part_name} {format_wan(part)} 万元大于{whole_name} {format_wan(whole)} 万元。")


RULES = (b11_empty_tables, b15_running_costs, b16_vehicles, b18_budget_total, c01_opening_balances, d07_procurement)
