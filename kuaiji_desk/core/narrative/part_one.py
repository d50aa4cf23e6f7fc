"""第一部分 概况: the duties (one paragraph per line, as typed) and the organisation."""
from __future__ import annotations

from ..report import Report
from .blocks import Block, Heading, Paragraph
from .words import lines


def part_one(report: Report) -> list[Block]:
    texts = report.texts
    return [
        Heading(f"第一部分 {report.department_name}概况", 1),
        Heading("一、部门主要职责", 2),
        *(Paragraph(line) for line in lines(texts.get("职责", ""))),
        Heading("二、机构设置情况", 2),
        *(Paragraph(line) for line in lines(texts.get("机构设置", ""))),
    ]
