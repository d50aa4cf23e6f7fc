"""Where a SQLite database file is, as SQLite and the accountant need it said.

A database on a Windows network share (\\\\server\\share\\…, or a mapped drive) is a file
like any other to the program, but not to SQLite: pathlib's ``as_uri()`` makes
``file://server/share/…``, whose authority SQLite refuses, and SQLite's locking over SMB
is not to be trusted with the write-ahead log several PCs share.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath
from urllib.parse import quote

DRIVE_REMOTE = 4   # GetDriveTypeW: a mapped network drive


def sqlite_uri(path: Path | str, query: str = "") -> str:
    """SQLite's ``file:`` URI of a database file, UNC paths included (``file:////server/share/…``)."""
    text = str(path)
    if text.startswith(("\\\\", "//")):   # a UNC path, whatever the platform we run on
        posix = PureWindowsPath(text).as_posix()
        uri = "file://" + quote(posix, safe="/:")
    else:
        uri = Path(text).resolve().as_uri()
    return f"{uri}?{query}" if query else uri


def is_network_path(path: Path | str) -> bool:
    """On a network share: a UNC path, or (on Windows) a drive mapped to one."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform != "win32":
        return False
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(text))[0]
    return bool(drive) and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE


NETWORK_WARNING = ("数据库「{path}」在网络共享文件夹上。几台电脑同时打开网络上的同一个数据文件，可能损坏数据，"
                   "程序也无法可靠地防止两人同时修改。几位会计一起工作，请改用服务器数据库（文件 → 数据库位置）；"
                   "一个人使用，请把数据文件放在本机，用“备份数据”保存到网络上。")
