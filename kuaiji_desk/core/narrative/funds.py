"""情况说明 七 and 八: 政府性基金 (公开07表) and 国有资本经营 (公开08表), or the
statement that the unit has none."""
from __future__ import annotations

from .blocks import Block, Paragraph
from .source import Source
from .words import wan


def _by_class(src: Source, table: str, col: str) -> str:
    """「从支出功能分类看，城乡社区支出12.00万元；…。」 for the 类 that spent."""
    classes = src.codes(table, 3, col)
    if not classes:
        return ""
    return "从支出功能分类看，" + "；".join(f"{src.code_name(c)}{wan(src.cell(table, c, col))}万元" for c in classes) + "。"


def government_funds(src: Source) -> list[Block]:
    """七、政府性基金预算财政拨款收入支出决算情况说明."""
    if src.is_empty("07"):
        return [Paragraph("本单位当年无政府性基金预算财政拨款收入支出。")]
    v = {c: src.cell("07", "合计", c) for c in ("1", "2", "3", "4", "5", "6")}
    text = (f"{src.year}年度政府性基金预算财政拨款年初结转和结余{wan(v['1'])}万元，本年收入{wan(v['2'])}万元，"
            f"本年支出{wan(v['3'])}万元（基本支出{wan(v['4'])}万元，项目支出{wan(v['5'])}万元），"
            f"年末结转和结余{wan(v['6'])}万元。")
    return [Paragraph(text + _by_class(src, "07", "3"))]


def state_capital(src: Source) -> list[Block]:
    """八、国有资本经营预算财政拨款支出决算情况说明."""
    if src.is_empty("08"):
        return [Paragraph("本单位当年无国有资本经营预算财政拨款支出。")]
    v = {c: src.cell("08", "合计", c) for c in ("1", "2", "3")}
    text = (f"{src.year}年度国有资本经营预算财政拨款支出{wan(v['1'])}万元，"
            f"其中：基本支出{wan(v['2'])}万元，项目支出{wan(v['3'])}万元。")
    return [Paragraph(text + _by_class(src, "08", "1"))]
