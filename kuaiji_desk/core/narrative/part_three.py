"""第三部分 情况说明: items 一 to 十三 in the 2024 template's order, each generated
from the report (see the module of each item).  A layout may title an item otherwise
(core.layouts: ``[narrative.titles]``, by the item's id); the order stays the template's."""
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
    ("totals", "收入支出决算总体情况说明", totals),
    ("income", "收入决算情况说明", income),
    ("expenditure", "支出决算情况说明", expenditure),
    ("appropriations", "财政拨款收入支出决算总体情况说明", appropriations),
    ("general_budget", "一般公共预算财政拨款支出决算情况说明", general_budget),
    ("basic", "一般公共预算财政拨款基本支出决算情况说明", basic),
    ("government_funds", "政府性基金预算财政拨款收入支出决算情况说明", government_funds),
    ("state_capital", "国有资本经营预算财政拨款支出决算情况说明", state_capital),
    ("sangong", "财政拨款“三公”经费支出决算情况说明", sangong),
    ("running_costs", "机关运行经费支出说明", running_costs),
    ("procurement", "政府采购支出说明", procurement),
    ("assets", "国有资产占用情况说明", assets),
    ("performance", "预算绩效情况说明", performance),
)
ITEM_IDS = tuple(item_id for item_id, _, _ in ITEMS)


def part_three(report: Report) -> list[Block]:
    src = Source(report)
    titles = report.publication.narrative_titles
    blocks: list[Block] = [Heading(f"第三部分 {src.unit}{src.year}年度部门决算情况说明", 1)]
    for numeral, (item_id, title, item) in zip(CN_NUMERALS, ITEMS):
        blocks.append(Heading(f"{numeral}、{titles.get(item_id, title)}", 2))
        blocks.extend(item(src))
    return blocks
