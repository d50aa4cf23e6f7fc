"""What the windowed program does with an error nobody caught: it says so in a Chinese message
box, writes the traceback to a log in the data folder, and goes on.

Without a console (the Windows build) ``sys.stderr`` is None and Python's default hook prints
nowhere: an exception in a slot would do nothing visible, and a crash in Qt would leave no
trace.  The log keeps the last few runs (rotated at start); ``faulthandler`` writes a hard
crash's stacks into it too.
"""
from __future__ import annotations

import faulthandler
import sys
import traceback
from datetime import datetime
from pathlib import Path

from .. import paths

LOG_NAME = "kuaiji_desk.log"
KEEP = 3                   # kuaiji_desk.log, .1.log, .2.log
MAX_LOG_BYTES = 1_000_000  # a log this long is rotated even within a run's start

_log = None   # the open log file: faulthandler needs one that stays open


def log_path() -> Path:
    return paths.user_data_dir() / LOG_NAME


def _rotate(path: Path) -> None:
    for i in range(KEEP - 1, 0, -1):
        older = path.with_suffix(f".{i}.log")
        newer = path.with_suffix(f".{i - 1}.log") if i > 1 else path
        if newer.exists():
            newer.replace(older)


def install(show) -> None:
    """Routes uncaught exceptions to the log and to ``show(title, text)`` (a message box in the
    window).  Whatever fails here (a full or read-only disk) leaves the program running."""
    global _log
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            _rotate(path)
        _log = open(path, "a", encoding="utf-8", buffering=1)
        faulthandler.enable(file=_log)
    except OSError:
        _log = None

    def hook(kind, value, tb):
        text = "".join(traceback.format_exception(kind, value, tb))
        if _log is not None:
            try:
                _log.write(f"\n{datetime.now():%Y-%m-%d %H:%M:%S} 未处理的错误\n{text}")
            except OSError:
                pass
        if sys.__stderr__ is not None:
            sys.__stderr__.write(text)
        where = f"详细情况已记录在「{path}」。" if _log is not None else ""
        show("程序出错", f"程序遇到一个没有预料到的错误：{value}\n\n已保存的数据不受影响；刚才的操作可能没有完成，"
                       f"请检查后重试。{where}如问题重复出现，请把这个文件发给技术支持。")

    sys.excepthook = hook
