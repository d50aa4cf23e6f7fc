"""Writing output files without ever leaving half of one, and saying why one could not be written."""
from __future__ import annotations

import errno
import io
import os
import time
from pathlib import Path
from typing import BinaryIO, Callable

# The operating system's own words are English (or the system's language): the accountant
# is told what happened and what to do in Chinese.
_OS_REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘空间配额已用完",
    errno.EFBIG: "文件超出了磁盘允许的大小",
    errno.EACCES: "没有写入权限，或文件正被其他程序（如 Excel、WPS）打开",
    errno.EPERM: "没有写入权限，或文件正被其他程序（如 Excel、WPS）打开",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.ENOENT: "所在的文件夹不存在（U 盘或网络盘可能已断开）",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EISDIR: "已有同名的文件夹",
    errno.EEXIST: "已有同名的文件，无法在此建立文件夹",
    errno.ENOTDIR: "路径中的一个文件夹其实是文件",
    errno.EIO: "读写磁盘时出错（U 盘或网络盘可能已断开）",
}

# Antivirus and cloud-sync clients open a file just written for a moment, and Windows then
# refuses to replace it: a few tries over about a second before telling the user.
REPLACE_WAITS = (0.05, 0.1, 0.2, 0.25, 0.4)


def os_reason(exc: BaseException) -> str | None:
    """Why the operating system refused, in the accountant's words; None if there are none."""
    if isinstance(exc, WriteError):
        return exc.reason
    if isinstance(exc, OSError) and exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    return None


class WriteError(OSError):
    """``target`` could not be written; str() says so in Chinese, naming the file the user chose
    (never the partial file beside it)."""

    def __init__(self, target: Path, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause), str(target))
        self.target = Path(target)
        self.reason = os_reason(cause) or cause.strerror or str(cause)

    def __str__(self) -> str:
        return f"无法写入「{self.target}」：{self.reason}。"


def write_atomically(target: Path, write: Callable[[Path], object]) -> Path:
    """Lets ``write`` fill a file beside ``target``, then puts it in place.

    A failure (full disk, an exception while building) leaves the old file, if any,
    untouched, and no partial file; an OSError comes out as a WriteError naming ``target``.
    A file of that name open in Excel or WPS on Windows makes the replacement fail the same
    way, with the old file kept.
    """
    target = Path(target).resolve()
    partial = target.with_name(f".{target.name}.part")
    try:
        # What an export that was killed left: some writers add to a file instead of replacing it.
        _remove(partial, quietly=False)
        write(partial)
        replace(partial, target)
    except OSError as exc:
        raise WriteError(target, exc) from exc
    finally:
        _remove(partial, quietly=True)
    return target


def write_in_one_go(path: Path, fill: Callable[[BinaryIO], object]) -> None:
    """Lets ``fill`` write into memory, then writes the bytes to ``path``, closing it whatever happens.

    For writers that leave their file open when the disk fills up: openpyxl's zip file would
    try again to write when Python collects it, and print that failure on the terminal.
    """
    buffer = io.BytesIO()
    fill(buffer)
    with open(path, "wb") as f:
        f.write(buffer.getbuffer())


def replace(source: Path, target: Path) -> None:
    """os.replace, waiting a moment while another program holds ``target``."""
    for wait in (*REPLACE_WAITS, None):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if wait is None:
                raise
            time.sleep(wait)


def _remove(partial: Path, quietly: bool) -> None:
    try:
        partial.unlink(missing_ok=True)
    except OSError:
        if not quietly:
            raise
