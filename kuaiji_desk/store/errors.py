"""What the store tells its callers when it cannot do what they asked."""
from __future__ import annotations


class StoreError(Exception):
    """The database cannot be used; the message is meant for the user."""


class _ReportError(StoreError):
    template = ""

    def __init__(self, unit: str, year: int) -> None:
        self.unit = unit
        self.year = year
        super().__init__(self.template.format(unit=unit, year=year))


class ReportNotFound(_ReportError):
    template = "未找到报告：{unit} {year}年度"


class ReportExists(_ReportError):
    template = "报告已存在：{unit} {year}年度"


def describe(exc: Exception) -> str:
    """Why SQLite could not write, in the accountant's words."""
    text = str(exc)
    if "full" in text:
        return "磁盘空间不足"
    if "locked" in text or "busy" in text:
        return "数据库正被另一个程序使用"
    if "readonly" in text or "read-only" in text:
        return "数据库文件是只读的"
    return text
