"""Who may write a database: one window, and no command while a window is open.

The lock is the file ``<the database's resolved path>.lock`` (``data.db`` →
``data.db.lock``): resolved, so that a symlink or another spelling of the path
finds the same lock; named after the whole file name, so that ``data.db`` and
``data.sqlite`` in one folder have a lock each.

It is held by the operating system's lock on the open file (flock on POSIX, a
byte-range lock on Windows), which ends with the process: a program that crashed
holds nothing, whatever file it left behind.  The file says who holds it: the
process id, the program and the host (the first three lines of a QLockFile), then
``window`` or ``command``, so that a command can tell a window (refuse: close the
program first) from another command (wait its turn).
"""
from __future__ import annotations

import os
import socket
import sys
import time
from pathlib import Path

from .errors import DatabaseInUse

WINDOW, COMMAND = "window", "command"

IN_WINDOW = "数据库正由部门决算公开程序使用，请先关闭程序，再运行修改数据的命令。"
IN_COMMAND = "数据库正由另一个命令使用，等候超时；请稍后再试。"

_WINDOWS_LOCK_OFFSET = 1 << 30   # beyond the text, which other processes must still read


def lock_path(db_path: Path) -> Path:
    resolved = Path(os.path.realpath(db_path))
    return resolved.with_name(resolved.name + ".lock")


class DatabaseLock:
    """``acquire()`` it before writing; ``release()`` (or leave the ``with``) when done."""

    def __init__(self, db_path: Path, role: str):
        self.path = lock_path(db_path)
        self.role = role
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, timeout: float = 0.0) -> bool:
        """True once held; False when another holds it still after ``timeout`` seconds.
        OSError when the lock file cannot be made (a read-only folder)."""
        deadline = time.monotonic() + timeout
        while not self._try():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)
        return True

    def _lines(self) -> list[str]:
        try:
            return self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return []

    def holder(self) -> str | None:
        """``window`` or ``command`` for the lock another process holds; None when it
        cannot be told (nobody holds it, or its holder has not written it yet)."""
        lines = self._lines()
        return lines[3] if len(lines) > 3 and lines[3] in (WINDOW, COMMAND) else None

    def holder_host(self) -> str | None:
        """The computer whose program holds the lock, when another than this one: a database on
        a network share, opened on another PC."""
        lines = self._lines()
        host = lines[2] if len(lines) > 2 else ""
        return host if host and host != socket.gethostname() else None

    def clear_stale(self) -> bool:
        """Removes the lock file another computer's program left (it crashed, or the PC went
        off, and the file server still keeps its lock): True when it is gone.  Windows refuses
        while that program still has it open; the user is asked first, who knows which it is."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            return False
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        # Removed while still held, so that nobody can have locked this very file meanwhile;
        # whoever opened it before and locks it after finds it is no longer the lock file.
        # Windows does not remove a file that is open: that is tried once it is closed.
        _remove_quietly(self.path)
        _unlock(fd)
        os.close(fd)
        if os.name == "nt":
            _remove_quietly(self.path)

    def __enter__(self) -> DatabaseLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def _try(self) -> bool:
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        try:
            if not _lock(fd):
                os.close(fd)
                return False
            if os.name != "nt" and not _is_at(fd, self.path):   # released and removed meanwhile
                _unlock(fd)
                os.close(fd)
                return self._try()                                # the file at the path now
            text = f"{os.getpid()}\n{Path(sys.argv[0] or 'kuaiji-desk').name}\n{socket.gethostname()}\n{self.role}\n"
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, text.encode("utf-8"))
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True


def lock_for_command(db_path: Path, wait: float = 60.0) -> DatabaseLock | None:
    """The lock a command that writes holds for its length.  DatabaseInUse at once when the
    window holds it, after ``wait`` seconds when other commands do.  None when no lock file
    can be made beside the database (a read-only folder: the database opens read-only)."""
    lock = DatabaseLock(db_path, COMMAND)
    deadline = time.monotonic() + wait
    try:
        lock.path.parent.mkdir(parents=True, exist_ok=True)   # a new database in a new folder
        while not lock.acquire():
            if lock.holder() == WINDOW:
                raise DatabaseInUse(IN_WINDOW)
            if time.monotonic() >= deadline:
                raise DatabaseInUse(IN_COMMAND)
            time.sleep(0.02)
    except OSError:
        return None
    return lock


def _is_at(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _remove_quietly(path: Path) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


if os.name == "nt":
    import msvcrt

    def _lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:   # held by another open of the file, in this process or another
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
