"""The narrative's comparisons with last year, declared once: which figure, last year's key,
and the field that gives the reason.  The narrative words them; C04 asks for the reasons."""
from __future__ import annotations

from dataclasses import dataclass

CellRef = tuple[str, str, str]   # (table, row, column)


@dataclass(frozen=True)
class Change:
    section: str            # the 情况说明 item: 一 … 十
    subject: str            # 收、支总计 — how the sentence names the figure
    last_key: str           # report.last_year
    reason_key: str         # report.texts: 「主要原因是…」
    cell: CellRef | None = None
    number: str | None = None   # a figure of report.numbers instead of a cell


CHANGES = (
    Change("一", "收、支总计", "收支总计", "一.原因", cell=("01", "30", "1")),
    Change("二", "收入合计", "收入合计", "二.原因", cell=("02", "合计", "1")),
    Change("三", "支出合计", "支出合计", "三.原因", cell=("03", "合计", "1")),
    Change("四", "财政拨款收、支总计", "财政拨款收支总计", "四.原因", cell=("04", "32", "1")),
    Change("四", "一般公共预算财政拨款收入", "一般公共预算收入", "四.一般公共.原因", cell=("04", "1", "1")),
    Change("五", "一般公共预算财政拨款支出", "一般公共预算支出", "五.一.原因", cell=("05", "合计", "1")),
    Change("九", "“三公”经费支出", "三公决算", "九.原因", cell=("09", "1", "7")),
    Change("十", "机关运行经费", "机关运行经费", "十.说明", number="十.机关运行经费"),
)

CHANGE = {change.reason_key: change for change in CHANGES}   # by the field of its reason
