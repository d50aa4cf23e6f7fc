"""第一部分 概况: the duties (one paragraph per line, as typed) and the organisation; a 部门
made of units (core.consolidation) lists them: 部门决算单位构成, with their count."""
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
        *_organisation(report),
    ]


def _organisation(report: Report) -> list[Block]:
    own = [Paragraph(line) for line in lines(report.texts.get("机构设置", ""))]
    if report.composition is None:
        return [Heading("二、机构设置情况", 2), *own]
    units = report.composition.units
    listed = "；".join(f"{i}.{name}" for i, name in enumerate(units, start=1))
    return [Heading("二、部门决算单位构成", 2),
            Paragraph(f"从决算单位构成看，纳入{report.department_name}{report.year}年度部门决算编制范围的单位"
                      f"共{len(units)}个，包括：{listed}。"),
            *own]
