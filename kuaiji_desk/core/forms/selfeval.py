"""The 绩效自评表 as published (湖北/武汉 template, 2024): titles, labels, headers, notes.

The choices of 项目类别/属性/类型 are in :mod:`kuaiji_desk.core.report`.  Indicator
headers name the :class:`~kuaiji_desk.core.report.Indicator` field they show.
"""
from __future__ import annotations

from ..money import percent

PROJECT_TITLE = "{year}年度{name}项目绩效自评表"
OVERALL_TITLE = "{year}年度{unit}整体绩效自评表"


def project_title(year: int, name: str, index: int) -> str:
    """'2024年度通信链路租赁费项目绩效自评表'; a name ending in 项目 does not get a second one."""
    name = name or f"项目{index + 1}"
    if name.endswith("项目"):
        name = name[:-2]
    return PROJECT_TITLE.format(year=year, name=name)

# Labels, in the order printed.
PROJECT_NAME, DEPARTMENT, EXECUTOR = "项目名称", "主管部门", "项目实施单位"
CATEGORY, ATTRIBUTE, KIND = "项目类别", "项目属性", "项目类型"
FILL_DATE, UNIT_NAME, GOALS = "填报日期", "单位名称", "年度目标"
BASIC_TOTAL, PROJECT_TOTAL = "基本支出总额", "项目支出总额"

BUDGET_HEADING = "预算执行情况（万元）"
BUDGET_ROW = "年度财政资金总额"
BUDGET_COLUMNS = ("预算数(A)", "执行数(B)", "执行率(B/A)")
ZERO_BUDGET = "预算数为0"     # no rate of a zero budget


def rate_text(budget: int | None, spent: int | None) -> str:
    """执行率 B/A as the published forms print it: 「100%」, 「97.1%」, 「98.53%」 (two decimals at
    most, no trailing zeros); ZERO_BUDGET for a zero budget, '' without both amounts."""
    if budget is None or spent is None:
        return ""
    rate = percent(spent, budget)
    return ZERO_BUDGET if rate is None else f"{rate.normalize():f}%"
GOALS_HEADING = "年度绩效目标"

PROJECT_INDICATORS = (
    ("level1", "一级指标"), ("level2", "二级指标"), ("level3", "三级指标"),
    ("target", "年初目标值(A)"), ("actual", "实际完成值(B)"),
)
OVERALL_INDICATORS = (
    ("level1", "一级指标"), ("level2", "二级指标"), ("level3", "三级指标"), ("category", "指标分类"),
    ("target", "年初目标值(a)"), ("actual", "实际完成值(b)"),
)
# Printed only where an indicator has a score: not every template has them.
SCORES = (("weight", "分值"), ("score", "得分"))

DEVIATION = "偏差大或目标未完成原因分析"
IMPROVEMENT = "改进措施及结果应用方案"
REMARKS = "备注"
PROJECT_REMARKS = (
    "1. 预算执行情况口径：预算数为调整后财政资金总额（包括上年结余结转），执行数为资金使用单位财政资金实际支出数。",
    "2. 基于经济性和必要性等因素考虑，满意度指标暂可不作为必评指标。",
    "3. 部门预算项目以二级项目填报。",
)
