"""情况说明 五: 一般公共预算财政拨款支出 (公开05表) — total, structure by 类, and per 项
the 年初预算 against the 决算.

The 年初预算 are the accountant's per-项 figures ('五.三.年初预算:CODE').  The total
年初预算 of 五（三） is the field '五.三.年初预算合计' when given: the general budget may
hold items that were never spent, so it can differ from the sum of the listed items
(the reference states 1311.82 over items that add up to 1302.84; rule B18 asks to
confirm such a difference).  Without it the total is the items' sum.  A 项 whose
年初预算 was not given gets no budget sentence, and then, without the field, neither
does the total: an unknown is not a 0.
"""
from __future__ import annotations

from .blocks import Block, Heading, Paragraph
from ..forms.changes import CHANGE
from .compare import versus
from .source import Source
from .words import pct, sentence, shares, wan

PLANNED, REASON = "五.三.年初预算:", "五.三.原因:"
PLANNED_TOTAL = "五.三.年初预算合计"
PURPOSE, PROJECT_PURPOSE = "五.二.用途:", "五.三.项目用途"
SHARE_PLACES = 2   # 五（二）: 「占42.43%」
TOTAL_PLACES = 1   # 五（一）, and the overall completion of 五（三）: 「98.1%」 in the reference


def _total(src: Source) -> list[Block]:
    amount = src.cell("05", "合计", "1")
    text = f"{src.year}年度一般公共预算财政拨款支出{wan(amount)}万元"
    share = pct(amount, src.cell("01", "57", "2"), TOTAL_PLACES)
    if share is not None:
        text += f"，占本年支出合计的{share}%"
    text += "。"
    change = versus(src, "一般公共预算财政拨款支出", amount, CHANGE["五.一.原因"])
    if change:
        text += f"{change}。"
    return [Heading("（一）一般公共预算财政拨款支出决算总体情况", 3), Paragraph(text)]


def _structure(src: Source) -> list[Block]:
    classes = src.codes("05", 3)
    amounts = [src.cell("05", c, "1") for c in classes]
    total = src.cell("05", "合计", "1")
    blocks: list[Block] = [
        Heading("（二）一般公共预算财政拨款支出决算结构情况", 3),
        Paragraph(f"{src.year}年度一般公共预算财政拨款支出{wan(total)}万元，主要用于以下方面："),
    ]
    # Each 类 over the printed 合计 (546.03 / 1286.76 → 42.43%): they may add up to 99.99%.
    for i, (code, amount, share) in enumerate(zip(classes, amounts, shares(amounts, total, SHARE_PLACES) or []), 1):
        text = f"{i}.{src.code_name(code)}类支出{wan(amount)}万元，占{share}%。"
        purpose = src.per_code_text(PURPOSE, code)
        if purpose:
            text += f"主要是用于{sentence(purpose)}"
        blocks.append(Paragraph(text))
    return blocks


def _items(src: Source) -> list[str]:
    """The 项 to account for: spent in 05, or budgeted at the start of the year."""
    budgeted = {code for code, fen in src.per_code_numbers(PLANNED).items() if fen}
    return sorted(set(src.codes("05", 7)) | budgeted)


def _item_sentence(src: Source, code: str) -> str:
    """「年初预算为241.02万元，支出决算为251.35万元，完成年初预算的104.29%，支出决算数大于…的主要原因：…。」"""
    spent = src.cell("05", code, "1")
    planned = src.per_code_number(PLANNED, code)
    if planned is None:
        return f"支出决算为{wan(spent)}万元。"
    text = f"年初预算为{wan(planned)}万元，支出决算为{wan(spent)}万元"
    rate = pct(spent, planned, trimmed=True) if planned > 0 else None
    if rate is not None:
        text += f"，完成年初预算的{rate}%"
    reason = src.reason(REASON + code)
    if spent != planned and reason:
        text += f"，支出决算数{'大于' if spent > planned else '小于'}年初预算数的主要原因：{reason}"
    return text + "。"


def _planned_total(src: Source, items: list[str]) -> int | None:
    """The total 年初预算: as typed, else the sum of the items' (None if one is unknown)."""
    total = src.number(PLANNED_TOTAL)
    if total is not None:
        return total
    planned = [src.per_code_number(PLANNED, c) for c in items]
    return sum(planned) if items and None not in planned else None


def _overall_budget(src: Source, items: list[str]) -> str:
    spent = src.cell("05", "合计", "1")
    total = _planned_total(src, items)
    text = f"{src.year}年度一般公共预算财政拨款支出"
    if total is not None:
        text += f"年初预算为{wan(total)}万元，支出决算为{wan(spent)}万元"
        rate = pct(spent, total, TOTAL_PLACES, trimmed=True) if total > 0 else None
        if rate is not None:
            text += f"，完成年初预算的{rate}%"
    else:
        text += f"决算为{wan(spent)}万元"
    text += (f"。其中：基本支出{wan(src.cell('05', '合计', '2'))}万元，"
             f"项目支出{wan(src.cell('05', '合计', '3'))}万元。")
    purpose = src.text(PROJECT_PURPOSE)
    if purpose:
        text += f"项目支出主要用于{sentence(purpose)}"
    return text


def _detail(src: Source) -> list[Block]:
    items = _items(src)
    blocks: list[Block] = [
        Heading("（三）一般公共预算财政拨款支出决算具体情况", 3),
        Paragraph(_overall_budget(src, items)),
    ]
    classes = sorted({c[:3] for c in items})
    for i, cls in enumerate(classes, 1):
        blocks.append(Paragraph(f"{i}.{src.code_name(cls)}具体包括："))
        for j, code in enumerate([c for c in items if c.startswith(cls)], 1):
            blocks.append(Paragraph(f"({j}){src.subject_path(code)}。{_item_sentence(src, code)}"))
    return blocks


def general_budget(src: Source) -> list[Block]:
    """五、一般公共预算财政拨款支出决算情况说明."""
    return _total(src) + _structure(src) + _detail(src)
