"""第三部分 情况说明: items 一 to 十三 in the 2024 template's order, each generated
from the report (see the module of each item)."""
from __future__ import annotations

from ..forms.tables_2024 import CN_NUMERALS
from ..report import Report
from .basic import basic
from .blocks import Block, Heading
from .disclosures import assets, procurement, running_costs
from .funds import government_funds, state_capital
from .general_budget import general_budget
from .overview import appropriations, expenditure, income, totals
from .performance import performance
from .sangong import sangong
from .source import Source

ITEMS = (
    ("收入支出决算总体情况说明", totals),
    ("收入决算情况说明", income),
    ("支出决算情况说明", expenditure),
    ("财政拨款收入支出决算总体情况说明", appropriations),
    ("一般公共预算财政拨款支出决算情况说明", general_budget),
    ("一般公共预算财政拨款基本支出决算情况说明", basic),
    ("政府性基金预算财政拨款收入支出决算情况说明", government_funds),
    ("国有资本经营预算财政拨款支出决算情况说明", state_capital),
    ("财政拨款“三公”经费支出决算情况说明", sangong),
    ("机关运行经费支出说明", running_costs),
    ("政府采购支出说明", procurement),
    ("国有资产占用情况说明", assets),
    ("预算绩效情况说明", performance),
)


def part_three(report: Report) -> list[Block]:
    src = Source(report)
    blocks: list[Block] = [Heading(f"第三部分 {src.unit}{src.year}年度部门决算情况说明", 1)]
    for numeral, (title, item) in zip(CN_NUMERALS, ITEMS):
        blocks.append(Heading(f"{numeral}、{title}", 2))
        blocks.extend(item(src))
    return blocks
