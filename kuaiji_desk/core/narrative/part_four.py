"""第四部分 重点工作完成情况, from the accountant's text: a line such as
「一、群众诉求工作」 is a heading, every other line a paragraph."""
from __future__ import annotations

import re

from ..report import Report
from .blocks import Block, Heading, Paragraph
from .words import lines

# A line that is only a numbered title: 「一、群众诉求工作」, short and without a full stop.
_TITLE = re.compile(r"^[一二三四五六七八九十]+、[^。；;]{1,40}$")


def part_four(report: Report) -> list[Block]:
    blocks: list[Block] = [Heading(f"第四部分 {report.year}年度重点工作完成情况", 1)]
    for line in lines(report.texts.get("第四部分", "")):
        blocks.append(Heading(line, 2) if _TITLE.match(line) else Paragraph(line))
    return blocks
