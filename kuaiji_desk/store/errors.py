"""What the store tells its callers when it cannot do what they asked."""
from __future__ import annotations

from ..core.files import os_reason


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


class ReportChanged(_ReportError):
    """A save based on a revision of the report that is no longer the latest: another
    program (or window) saved it in between.  Nothing was written."""
    template = "{unit} {year}年度的报告已被另一个程序修改，这次的修改没有保存。请重新打开报告（或重新运行命令）后再改。"


class DatabaseReadOnly(StoreError):
    """A write asked of a database opened read-only (see :func:`.db.read_only_reason`)."""

    def __init__(self, path, reason: str, server: bool = False) -> None:
        self.reason = reason
        super().__init__(f"数据库「{path}」是只读的（{reason}），只能查看、检查和导出，不能修改。"
                         + ("如需修改，请与数据库管理员联系。" if server else "如需修改，请把它复制到可以写入的位置后再打开。"))


class DatabaseInUse(StoreError):
    """The database's lock is held by the program's window, or too long by another command."""


def describe(exc: Exception) -> str:
    """Why a file or SQLite could not be written, in the accountant's words."""
    reason = os_reason(exc)   # the operating system's own words are English (or the system's language)
    if reason:
        return reason
    if cannot_open(exc):    # SQLite's words for a folder that is gone or not writable
        return "无法创建或打开文件（所在的文件夹可能不存在，或没有写入权限）"
    text = str(exc)
    if "full" in text:
        return "磁盘空间不足"
    if "locked" in text or "busy" in text:
        return "数据库正被另一个程序使用"
    if "readonly" in text or "read-only" in text:
        return "数据库文件是只读的"
    return getattr(exc, "strerror", None) or text


def cannot_open(exc: Exception) -> bool:
    """SQLite could not open or create the file (SQLITE_CANTOPEN)."""
    return getattr(exc, "sqlite_errorname", "") == "SQLITE_CANTOPEN" or "unable to open" in str(exc)
