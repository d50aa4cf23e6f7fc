"""A disk that fills up while something is written to it, for the tests of what the user is told.

Files opened for writing in the places ``where`` picks take ``room`` bytes; the next write fails
with ENOSPC, as on a full USB stick — the file is left half written and still open, the way a
real full disk leaves it.  SQLite databases there cannot grow (SQLite's own "database or disk is
full").  Everything else reads and writes as usual.
"""
from __future__ import annotations

import builtins
import errno
import io
import shutil
import sqlite3
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlparse


def fill_up(monkeypatch, where: Callable[[Path], bool], room: int = 4096) -> None:
    real_open, real_connect = io.open, sqlite3.connect

    class FullFile(io.FileIO):
        def write(self, data) -> int:
            written = self.tell()
            if written + len(data) > room:
                super().write(bytes(data)[: max(room - written, 0)])
                raise OSError(errno.ENOSPC, "No space left on device")
            return super().write(data)

    def writing(file, mode) -> bool:
        return (isinstance(file, (str, Path)) and any(c in mode for c in "wax+")
                and where(Path(file).absolute()))

    def open_(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None):
        if not writing(file, mode):
            return real_open(file, mode, buffering, encoding, errors, newline, closefd, opener)
        # Buffered as io.open buffers: what a full disk refused stays waiting to be written.
        raw = FullFile(file, mode.replace("b", "").replace("t", ""))
        if buffering == 0:
            return raw
        buffered = (io.BufferedRandom if "+" in mode else io.BufferedWriter)(raw)
        if "b" in mode:
            return buffered
        return io.TextIOWrapper(buffered, encoding=encoding, errors=errors, newline=newline)

    def connect(database, *args, **kwargs):
        conn = real_connect(database, *args, **kwargs)
        name = str(database)
        if kwargs.get("uri") and name.startswith("file:"):
            name = unquote(urlparse(name).path)
        if name != ":memory:" and where(Path(name).absolute()):
            conn.execute("PRAGMA max_page_count = 1")   # no room for another page
        return conn

    monkeypatch.setattr(io, "open", open_)
    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(sqlite3, "connect", connect)
    # shutil copies with sendfile(), past Python's file objects; make it write through them.
    monkeypatch.setattr(shutil, "_USE_CP_SENDFILE", False, raising=False)


def hidden(path: Path) -> bool:
    """Files whose names start with a dot: the partial files written beside a target."""
    return path.name.startswith(".")


def refuse_writes(monkeypatch, where: Callable[[Path], bool], reads_too: bool = False) -> None:
    """Files in the places ``where`` picks cannot be created (nor, with ``reads_too``, opened at
    all): no permission there, or another program holds them."""
    real_open = io.open

    def open_(file, mode="r", *args, **kwargs):
        if (isinstance(file, (str, Path)) and (reads_too or any(c in mode for c in "wax+"))
                and where(Path(file).absolute())):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", open_)
    monkeypatch.setattr(builtins, "open", open_)


def refuse_removal(monkeypatch, where: Callable[[Path], bool]) -> None:
    """Files in the places ``where`` picks cannot be deleted: another program (an antivirus,
    a cloud-sync client) holds them."""
    unlink = Path.unlink

    def held(path, missing_ok=False):
        if where(path) and path.exists():
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        unlink(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", held)
