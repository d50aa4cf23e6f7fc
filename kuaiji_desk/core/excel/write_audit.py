"""The 审核报告 as a workbook: one printable sheet, the findings as a table a reviewer can
filter and sort."""
from __future__ import annotations

from os import PathLike

from openpyxl import Workbook

from ..audit import Audit, department_lines
from ..files import write_in_one_go
from .sheet_writer import CELL, CELL_BOLD, CENTER, HEAD, LINE, NOTE, RIGHT, TITLE, SheetWriter

SHEET = "审核报告"
COLUMNS = ("序号", "类别", "规则", "规则名称", "位置", "应为", "实为", "说明", "书面说明")
_WIDE = {5: 30, 6: 11, 7: 11, 8: 50, 9: 24}   # 位置, 说明, 书面说明 wrap at these widths; 应为, 实为 hold 1,286.76


def write_audit_workbook(audit: Audit, path: str | PathLike) -> None:
    book = Workbook()
    sw = SheetWriter(book.active)
    sw.ws.title = SHEET
    last = len(COLUMNS)
    sw.text(1, 1, audit.title, TITLE, to=(1, last))
    sw.text(2, 1, f"单位：{audit.unit}　　年度：{audit.year}　　生成日期：{audit.made:%Y年%m月%d日}", LINE, to=(2, last))
    counts = "，".join(f"{kind} {n} 条" for kind, n in audit.counts.items())
    sw.text(3, 1, f"审核结果：{counts}。", LINE, to=(3, last))
    r = 3
    for line in department_lines(audit):
        r += 1
        sw.text(r, 1, line, LINE, to=(r, last))
    r += 2
    totals_top = r + 1
    sw.text(r, 1, "主要数字（万元）", CELL_BOLD, to=(r, 3))
    for table, item, amount in audit.totals:
        r += 1
        sw.text(r, 1, table, CENTER)
        sw.text(r, 2, item, CELL, to=(r, 3))
        sw.text(r, 4, amount, RIGHT)
    sw.box(totals_top, 1, r, 4)
    r += 2
    header = r
    for c, words in enumerate(COLUMNS, start=1):
        sw.text(r, c, words, HEAD)
    for line in audit.lines:
        r += 1
        sw.number(r, 1, line.number)
        for c, value in enumerate((line.severity, line.rule, line.rule_name), start=2):
            sw.text(r, c, value, CENTER)
        sw.text(r, 5, line.place)
        sw.text(r, 6, line.expected, RIGHT)
        sw.text(r, 7, line.actual, RIGHT)
        sw.text(r, 8, line.message)
        sw.text(r, 9, line.explanation)
    sw.box(header, 1, r, last)
    if not audit.lines:
        r += 1
        sw.text(r, 1, "未发现问题。", CELL, to=(r, last))
    sw.text(r + 2, 1, f"说明：{audit.note}", NOTE, to=(r + 2, last))
    sw.finish((header, header), landscape=True, min_widths=_WIDE)
    write_in_one_go(path, book.save)
