"""The 绩效自评表: one 整体绩效自评表 and one 项目绩效自评表 per project.

Both are forms of label | value rows around a block of indicator rows.  A value is
the next filled cell to the right of its label, wherever the template merged it.
"""
from __future__ import annotations

import re

from ..report import Indicator, Overall, Project
from .cells import read_amount_with_unit
from .choices import checked_options
from .grid import Grid
from .locate import Region

_LABELS = {"项目名称", "主管部门", "项目实施单位", "实施单位", "项目类别", "项目属性", "项目类型",
           "单位名称", "基本支出总额", "项目支出总额", "年度目标"}
# Indicator columns by how their header starts, as the templates word it.
_INDICATOR_HEADERS = {
    "level1": ("一级指标",), "level2": ("二级指标",), "level3": ("三级指标",),
    "target": ("年初目标值", "年度目标值", "年度指标值", "目标值", "指标值", "年初指标值"),
    "actual": ("实际完成值", "完成值", "全年完成值"),
    "category": ("指标分类",), "weight": ("分值", "权重", "指标权重"), "score": ("得分", "指标得分"),
    # 四川 prints the comparison and the unit of measure beside the value: 「≥」「95」「%」.
    "comparison": ("指标性质",), "measure": ("度量单位", "计量单位"),
}
_COMPARISONS = {"≥", "≤", "=", ">", "<", "＝", "＞", "＜"}
_REQUIRED_INDICATOR_COLUMNS = ("level2", "level3", "target", "actual")
_END_OF_INDICATORS = ("偏差", "改进措施", "备注", "总分", "合计", "自评得分")
_FILL_DATE = re.compile(r"填报日期\s*[:：]\s*(.*)$", re.S)
_WAN = re.compile(r"[（(]万元[)）]")
_YUAN = re.compile(r"[（(]元[)）]")


def _find(region: Region, start: str, leading: bool = False) -> tuple[int, int] | None:
    """The first cell whose text starts with ``start``; with ``leading``, only the
    first cell of a row, so that an indicator named 偏差… is no label."""
    g = region.grid
    for r in region.rows():
        cols = g.columns_in(r)
        for c in cols[:1] if leading else cols:
            if g.key(r, c).startswith(start):
                return r, c
    return None


def _value_right(g: Grid, r: int, c: int) -> tuple[int, int] | None:
    """The next filled cell right of a label, unless that is another label."""
    for col in g.columns_in(r):
        if col > c:
            return None if g.key(r, col) in _LABELS else (r, col)
    return None


def _text_of(region: Region, label: str, leading: bool = False) -> str:
    at = _find(region, label, leading)
    value = at and _value_right(region.grid, *at)
    return region.grid.text(*value) if value else ""


def _choice(region: Region, label: str) -> str:
    """The checked option(s) of a checkbox line; '、'-joined if several are checked."""
    at = _find(region, label)
    if not at:
        return ""
    g = region.grid
    line = " ".join(g.text(at[0], c) for c in g.columns_in(at[0]) if c > at[1])
    return "、".join(checked_options(line))


def read_project(region: Region) -> Project:
    p = Project(
        name=_text_of(region, "项目名称") or _name_from_title(region),
        department=_text_of(region, "主管部门"),
        executor=_text_of(region, "项目实施单位") or _text_of(region, "实施单位"),
        category=_choice(region, "项目类别"),
        attribute=_choice(region, "项目属性"),
        kind=_choice(region, "项目类型"),
    )
    _read_budget(region, p)
    p.indicators = _indicators(region)
    p.deviation_reason = _text_of(region, "偏差", leading=True)
    p.improvement = _text_of(region, "改进措施", leading=True)
    return p


def _name_from_title(region: Region) -> str:
    if not region.title:
        return ""
    return re.sub(r"^\d{4}年度?|项目(支出)?绩效自评表.*$", "", region.grid.key(*region.title))


# The budget a project's 执行率 is taken on, as the templates head it: marked (A), else the
# year's adjusted budget (the central 2020 form prints 年初预算数 beside 全年预算数; 四川 年初预算
# beside 调整后预算数), else the one budget there is.  The same for what was spent.
_BUDGET_WORDS = {"预算数": ("全年预算数", "调整后预算数", "预算数"), "执行数": ("全年执行数", "预算执行数", "执行数"),
                 "执行率": ("执行率",)}


def _read_budget(region: Region, p: Project) -> None:
    """预算数(A) | 执行数(B) | 执行率(B/A) headers, with their figures in the next filled row."""
    g = region.grid
    for r0 in region.rows():
        cols = {k: _budget_column(g, r0, k) for k in _BUDGET_WORDS}
        if cols["预算数"] and cols["执行数"]:
            break
    else:
        return
    unit = _unit_near(g, r0)
    for r in region.rows(r0 + 1):
        if not any(c and g.raw(r, c) is not None for c in cols.values()):
            continue
        budget = read_amount_with_unit(g, r, cols["预算数"], unit)
        spent = read_amount_with_unit(g, r, cols["执行数"], unit)
        p.budget = budget[0] if budget else None
        p.spent = spent[0] if spent else None
        amounts = [x for x in (budget, spent) if x]
        p.amounts_rounded = bool(amounts) and all(rounded for _, rounded in amounts)
        if cols["执行率"]:
            p.stated_rate = g.raw_text(r, cols["执行率"])
        return


def _budget_column(g: Grid, r: int, word: str) -> int | None:
    """The column headed ``word`` (预算数, 执行数 or 执行率): the one marked (A)/(B), else the first
    of the template's words for it that a header starts with (a 年度预算数（万元） heading the
    rows' labels is none of them), else any header holding it (年初预算数 alone)."""
    found = [c for c in g.columns_in(r) if word in g.key(r, c)]
    marked = [c for c in found if re.search(r"[(（][AB][)）]", g.key(r, c))]
    if marked:
        return marked[0]
    for words in _BUDGET_WORDS[word]:
        named = [c for c in found if g.key(r, c).startswith(words)]
        if named:
            return named[0]
    return found[0] if found else None


def _unit_near(g: Grid, r: int) -> str:
    """The unit a budget block names in its headers: '预算执行情况（万元）'."""
    texts = " ".join(g.text(row, c) for row in (r, r + 1) for c in range(1, g.max_col + 1))
    if _YUAN.search(texts) and not _WAN.search(texts):
        return "元"
    return "万元"


def _indicator_header(region: Region) -> tuple[int, dict[str, int]] | None:
    g = region.grid
    for r in region.rows():
        cols: dict[str, int] = {}
        for c in g.columns_in(r):
            k = g.key(r, c)
            field = next((f for f, starts in _INDICATOR_HEADERS.items()
                          if f not in cols and k.startswith(starts)), None)
            if field:
                cols[field] = c
        if all(f in cols for f in _REQUIRED_INDICATOR_COLUMNS):
            return r, cols
    return None


def _indicators(region: Region) -> list[Indicator]:
    """The rows under the header down to 偏差…; 一级/二级指标 read through merged cells."""
    header = _indicator_header(region)
    if not header:
        return []
    top, cols = header
    g = region.grid
    out = []
    for r in region.rows(top + 1):
        first = g.columns_in(r)
        if first and g.key(r, first[0]).startswith(_END_OF_INDICATORS):
            break
        if all(g.raw(r, c) is None for c in cols.values()) or g.key(r, cols["level3"]) == g.key(top, cols["level3"]):
            continue
        values = {f: g.raw_text(r, c) for f, c in cols.items()}
        for f in ("level1", "level2"):
            if f in cols:
                values[f] = g.text(r, cols[f])
        comparison, measure = values.pop("comparison", ""), values.pop("measure", "")
        if comparison in _COMPARISONS or measure:
            values["target"] = (comparison if comparison in _COMPARISONS else "") + values["target"] + measure
            values["actual"] = values["actual"] + (measure if values["actual"] else "")
        out.append(Indicator(**values))
    return out


def read_overall(region: Region) -> Overall:
    g = region.grid
    o = Overall(unit_name=_text_of(region, "单位名称"), goals=_text_of(region, "年度目标"))
    rounded = []
    for label, attr in (("基本支出总额", "basic_total"), ("项目支出总额", "project_total")):
        at = _find(region, label)
        value = at and _value_right(g, *at)
        if value:
            # The 整体 template writes '3352775.69元'; a bare number is taken in 元 too
            # unless the label says （万元）.
            default = "万元" if _WAN.search(g.text(*at)) else "元"
            amount = read_amount_with_unit(g, *value, default)
            if amount:
                setattr(o, attr, amount[0])
                rounded.append(amount[1])
    o.amounts_rounded = bool(rounded) and all(rounded)
    o.indicators = _indicators(region)
    o.deviation_reason = _text_of(region, "偏差", leading=True)
    o.improvement = _text_of(region, "改进措施", leading=True)
    o.fill_date = _fill_date(region)
    return o


def _fill_date(region: Region) -> str:
    at = _find(region, "填报日期")
    if not at:
        return ""
    g = region.grid
    m = _FILL_DATE.search(g.text(*at))
    date = m.group(1).strip() if m else ""
    if not date:
        value = _value_right(g, *at)
        date = g.text(*value) if value else ""
    return date
