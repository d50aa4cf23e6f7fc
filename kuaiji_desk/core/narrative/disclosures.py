"""情况说明 十, 十一, 十二: figures no 公开表 carries — 机关运行经费, 政府采购, 国有资产.

They are typed on the 单位信息 page; an item whose figures were not given says
nothing rather than a guess.
"""
from __future__ import annotations

from .blocks import Block, Paragraph
from ..forms.changes import CHANGE
from .compare import versus
from .source import Source
from .words import pct, wan

YOY_PLACES = 2
SME_PLACES = 1       # 「占政府采购支出总额的47.3%」 as the reference prints it
CATEGORY_PLACES = 2  # 「占服务支出金额的47.33%」, trimmed: 「100%」
PROCUREMENT = ("货物", "工程", "服务")


def running_costs(src: Source) -> list[Block]:
    """十、机关运行经费支出说明: the amount, or none and why (only 行政 and 参公 units have it)."""
    amount = src.number("十.机关运行经费")
    if amount is None:
        return []
    why = src.reason("十.说明")
    head = f"{src.year}年度{src.unit}"
    if amount == 0:
        return [Paragraph(f"{head}无机关运行经费支出" + (f"，主要原因是{why}" if why else "") + "。")]
    change = versus(src, "机关运行经费", amount, CHANGE["十.说明"], places=YOY_PLACES)
    return [Paragraph(f"{head}机关运行经费支出{wan(amount)}万元" + (f"，{change}" if change else "") + "。")]


def _sme(src: Source, total: int, amounts: dict[str, int]) -> str:
    """「授予中小企业合同金额…，占…47.3%，其中：授予小微企业…69.9%；货物采购…100%，…」."""
    sme = src.number("十一.中小企业")
    if sme is None:
        return ""
    text = f"授予中小企业合同金额{wan(sme)}万元"
    share = pct(sme, total, SME_PLACES)
    if share is not None:
        text += f"，占政府采购支出总额的{share}%"
    small = src.number("十一.小微企业")
    if small is not None:
        text += f"，其中：授予小微企业合同金额{wan(small)}万元"
        share = pct(small, sme, SME_PLACES)
        if share is not None:
            text += f"，占授予中小企业合同金额的{share}%"
    by_category = []
    for cat in PROCUREMENT:
        part = src.number(f"十一.{cat}中小企业")
        share = pct(part, amounts[cat], CATEGORY_PLACES, trimmed=True) if part is not None else None
        if share is not None:
            by_category.append(f"{cat}采购授予中小企业合同金额占{cat}支出金额的{share}%")
    if by_category:
        text += "；" + "，".join(by_category)
    return text + "。"


def procurement(src: Source) -> list[Block]:
    """十一、政府采购支出说明: total = 货物 + 工程 + 服务, and the part awarded to SMEs."""
    given = {cat: src.number(f"十一.{cat}") for cat in PROCUREMENT}
    if all(v is None for v in given.values()):
        return []
    amounts = {cat: v or 0 for cat, v in given.items()}
    total = sum(amounts.values())
    head = f"{src.year}年度{src.unit}"
    if total == 0:
        return [Paragraph(f"{head}无政府采购支出。")]
    parts = "、".join(f"政府采购{cat}支出{wan(v)}万元" for cat, v in amounts.items() if v)
    return [Paragraph(f"{head}政府采购支出总额{wan(total)}万元，其中：{parts}。" + _sme(src, total, amounts))]


def assets(src: Source) -> list[Block]:
    """十二、国有资产占用情况说明: vehicles and equipment over 100万元 at 31 December."""
    vehicles, devices = src.number("九.车辆保有量"), src.number("十二.大型设备数")
    parts = []
    if vehicles is not None:
        parts.append(f"共有车辆{vehicles}辆" if vehicles else "无车辆")
    if devices is not None:
        parts.append(f"单位价值100万元以上设备{devices}套" if devices else "无单位价值100万元以上设备")
    if not parts:
        return []
    return [Paragraph(f"截至{src.year}年12月31日，{src.unit}{'，'.join(parts)}。")]
