"""A file or folder this process cannot write, as on a CD, a write-protected USB stick or a
read-only share — for the tests of what the program does with a database there.

``from read_only import read_only`` in a test module gives the fixture: ``read_only(path)``
makes ``path`` read-only until the test ends and returns how it did it:

- ``chattr``: the immutable flag, as root — modes do not stop root, and os.access says yes to
  it, but the flag does (neither root nor anyone else may write, create or remove there);
- ``chmod``: the write bits taken away, for anyone else;
- ``simulated``: where neither works (a Windows folder, a file system without the flag), the
  store's probe of the file and its folder is told they cannot be written: the program takes
  the same path; only SQLite could still write, and the tests then do not ask it to.

Each way is checked by trying to write, as the store itself does.
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest


def _writable(path: Path) -> bool:
    try:
        if path.is_dir():
            fd, probe = tempfile.mkstemp(dir=path)
            os.close(fd)
            os.remove(probe)
        else:
            os.close(os.open(path, os.O_RDWR))
    except OSError:
        return False
    return True


def _chattr(flag: str, path: Path) -> bool:
    tool = shutil.which("chattr")
    if tool is None:
        return False
    return subprocess.run([tool, flag, str(path)], capture_output=True).returncode == 0


@pytest.fixture
def read_only(monkeypatch):
    undo = []
    simulated: set[Path] = set()

    def make(path) -> str:
        path = Path(path)
        if os.name != "nt" and _chattr("+i", path):
            undo.append(lambda: _chattr("-i", path))
            if not _writable(path):
                return "chattr"
            undo.pop()()
        mode = stat.S_IMODE(path.stat().st_mode)
        os.chmod(path, mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        undo.append(lambda: os.chmod(path, mode))
        if not _writable(path):
            return "chmod"
        undo.pop()()
        simulated.add(path.resolve())
        from kuaiji_desk.store import db

        probe = db._why_not_writable

        def told(p):
            p = Path(p).resolve()
            if p in simulated:
                return "数据库文件是只读的"
            if p.parent in simulated:
                return "数据库所在的文件夹不能写入"
            return probe(p)
        monkeypatch.setattr(db, "_why_not_writable", told)
        return "simulated"

    yield make
    for step in reversed(undo):
        step()
