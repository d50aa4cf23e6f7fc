"""情况说明 九: 财政拨款“三公”经费 (公开09表): 预算 against 决算, against last year,
and each of the four sub-items with the counts that go with it (团组/人次,
购置数/保有量, 批次/人次), which only the accountant can give."""
from __future__ import annotations

from ..forms.fields import VEHICLE_USES, VEHICLES_BOUGHT, VEHICLES_HELD
from ..forms.tables_2024 import SANGONG_ROW
from .blocks import Block, Paragraph
from ..forms.changes import CHANGE
from .compare import versus
from .source import Source
from .words import pct, wan

YOY_PLACES = 2
# 公开09表 栏次: 预算数 1–6, 决算数 7–12 (合计, 出国, 车小计, 车购置, 车运行, 接待).
BUDGET, FINAL = 0, 6


def _cell(src: Source, block: int, n: int) -> int:
    return src.cell("09", SANGONG_ROW, str(block + n))


def _planned_vs_spent(src: Source, name: str, n: int) -> str:
    """「因公出国（境）费预算为0万元，支出决算为0万元[，完成预算的95%]」."""
    planned, spent = _cell(src, BUDGET, n), _cell(src, FINAL, n)
    text = f"{name}预算为{wan(planned)}万元，支出决算为{wan(spent)}万元"
    rate = pct(spent, planned, trimmed=True) if planned > 0 else None
    return text + (f"，完成预算的{rate}%" if rate is not None else "")


def _counts(src: Source, lead: str, counts: tuple[tuple[str, str], ...]) -> str:
    """「，全年因公出国（境）团组0个、0人次」; the counts not given are left out."""
    given = [f"{src.number(key)}{unit}" for key, unit in counts if src.number(key) is not None]
    return f"，{lead}{'、'.join(given)}" if given else ""


def _by_use(src: Source, prefix: str) -> str:
    """「（其中：执法执勤用车2辆、一般公务用车1辆）」 for the uses given a number of vehicles."""
    given = [f"{use}{src.number(prefix + use)}辆" for use in VEHICLE_USES if src.number(prefix + use)]
    return f"（其中：{'、'.join(given)}）" if given else ""


def _vehicles(src: Source) -> str:
    parts = [f"公务用车购置费{wan(_cell(src, FINAL, 4))}万元"]
    if src.number("九.购置车辆数") is not None:
        parts[0] += f"，购置车辆{src.number('九.购置车辆数')}辆{_by_use(src, VEHICLES_BOUGHT)}"
    parts.append(f"公务用车运行维护费{wan(_cell(src, FINAL, 5))}万元")
    if src.number("九.车辆保有量") is not None:
        parts[1] += f"，公务用车保有量{src.number('九.车辆保有量')}辆{_by_use(src, VEHICLES_HELD)}"
    return "；".join(parts)


def _receptions(src: Source) -> str:
    """「，全年公务接待3批次、20人次」, or 国内 and 外事 apart when there were 外事 receptions."""
    home = (("九.接待批次", "批次"), ("九.接待人次", "人次"))
    abroad = (("九.外事接待批次", "批次"), ("九.外事接待人次", "人次"))
    if not any(src.number(key) for key, _ in abroad):
        return _counts(src, "全年公务接待", home)
    return _counts(src, "全年国内公务接待", home) + _counts(src, "外事接待", abroad)


def sangong(src: Source) -> list[Block]:
    """九、财政拨款“三公”经费支出决算情况说明."""
    total = f"{src.year}年度“三公”经费财政拨款支出{_planned_vs_spent(src, '', 1)}"
    over = src.reason("九.预算原因") if _cell(src, FINAL, 1) > _cell(src, BUDGET, 1) else ""
    total += f"，决算数大于预算数的主要原因是{over}。" if over else "。"
    change = versus(src, "“三公”经费支出", _cell(src, FINAL, 1), CHANGE["九.原因"], places=YOY_PLACES)
    if change:
        total += f"{change}。"
    abroad = (_planned_vs_spent(src, "因公出国（境）费", 2)
              + _counts(src, "全年因公出国（境）团组", (("九.因公出国团组数", "个"), ("九.因公出国人次", "人次"))))
    cars = f"{_planned_vs_spent(src, '公务用车购置及运行维护费', 3)}。其中：{_vehicles(src)}"
    reception = _planned_vs_spent(src, "公务接待费", 6) + _receptions(src)
    return [Paragraph(total), Paragraph(f"其中：{abroad}。"), Paragraph(f"{cars}。"), Paragraph(f"{reception}。")]
