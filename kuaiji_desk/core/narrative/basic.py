"""情况说明 六: 一般公共预算财政拨款基本支出, its 人员经费 and 公用经费 (公开06表).

Each is followed by 「主要包括：」 and the names of its 款 that have a figure, in
the table's order — exactly the list the reference prints.  A 类 with a figure but
no 款 (a template without sub-rows for it) is named itself.
"""
from __future__ import annotations

from ..forms import CodeTable
from .blocks import Block, Paragraph
from .source import Source
from .words import wan


def _item_names(src: Source, classes: tuple[str, ...]) -> list[str]:
    names = src.report.code_rows.get("06", {})
    out = []
    for cls in [c for c in src.codes("06", 3) if c in classes]:
        items = [c for c in src.codes("06", 5) if c.startswith(cls)]
        out.extend(names[c] for c in items or [cls])
    return out


def basic(src: Source) -> list[Block]:
    """六、一般公共预算财政拨款基本支出决算情况说明."""
    spec = src.report.forms.table("06")
    assert isinstance(spec, CodeTable)
    texts = []
    for group in spec.groups:   # 人员经费合计, 公用经费合计
        text = f"{group.label.removesuffix('合计')}{wan(src.cell('06', group.id, '1'))}万元"
        names = _item_names(src, group.classes)
        texts.append(text + (f"，主要包括：{'、'.join(names)}。" if names else "。"))
    head = f"{src.year}年度一般公共预算财政拨款基本支出{wan(src.cell('05', '合计', '2'))}万元，其中："
    return [Paragraph(head + texts[0])] + [Paragraph(t) for t in texts[1:]]
