"""What the store tells its callers when it cannot do what they asked."""
from __future__ import annotations

import errno


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


# The operating system's own words are English (or the system's language): the accountant
# is told what happened and what to do in Chinese.
_OS_REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘空间配额已用完",
    errno.EACCES: "没有写入权限，或文件正被其他程序（如 Excel、WPS）打开",
    errno.EPERM: "没有写入权限，或文件正被其他程序（如 Excel、WPS）打开",
    errno.EROFS: "磁盘或文件夹是只读的",
}


def describe(exc: Exception) -> str:
    """Why a file or SQLite could not be written, in the accountant's words."""
    if isinstance(exc, OSError) and exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    text = str(exc)
    if "full" in text:
        return "磁盘空间不足"
    if "locked" in text or "busy" in text:
        return "数据库正被另一个程序使用"
    if "readonly" in text or "read-only" in text:
        return "数据库文件是只读的"
    return getattr(exc, "strerror", None) or text
