"""The lock beside a database: one per database file, whatever path leads to it; held by
the window, respected by the commands that write; gone with a process that dies."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from read_only import read_only  # noqa: F401 (a fixture)
from server_db import sqlite_file_only  # noqa: F401 (the backend: SQLite only — the lock file beside a SQLite file)

from kuaiji_desk.store.errors import DatabaseInUse
from kuaiji_desk.store.lock import COMMAND, WINDOW, DatabaseLock, lock_for_command, lock_path


def test_the_lock_is_named_after_the_whole_resolved_file_name(tmp_path):
    data = tmp_path / "data.db"
    data.touch()
    assert lock_path(data) == tmp_path / "data.db.lock"
    assert lock_path(tmp_path / "data.sqlite") == tmp_path / "data.sqlite.lock"
    link = tmp_path / "elsewhere" / "link.db"
    link.parent.mkdir()
    link.symlink_to(data)
    assert lock_path(link) == lock_path(data)
    assert lock_path(tmp_path / "elsewhere" / ".." / "data.db") == lock_path(data)


def test_a_symlink_finds_the_lock_of_the_file_it_leads_to(tmp_path):
    data = tmp_path / "data.db"
    data.touch()
    link = tmp_path / "link.db"
    link.symlink_to(data)
    with DatabaseLock(data, WINDOW) as first:
        assert first.acquire()
        assert not DatabaseLock(link, WINDOW).acquire()


def test_data_db_and_data_sqlite_have_a_lock_each(tmp_path):
    with DatabaseLock(tmp_path / "data.db", WINDOW) as first, DatabaseLock(tmp_path / "data.sqlite", WINDOW) as other:
        assert first.acquire()
        assert other.acquire()


def test_a_lock_is_held_once_and_free_again_when_released(tmp_path):
    db = tmp_path / "k.db"
    first, second = DatabaseLock(db, WINDOW), DatabaseLock(db, COMMAND)
    assert first.acquire()
    assert not second.acquire(timeout=0.1)
    assert second.holder() == WINDOW
    first.release()
    assert not lock_path(db).exists()
    assert second.acquire()
    assert DatabaseLock(db, WINDOW).holder() == COMMAND
    second.release()


HOLD = textwrap.dedent("""
    import sys, time
    from kuaiji_desk.store.lock import WINDOW, DatabaseLock
    lock = DatabaseLock(sys.argv[1], WINDOW)
    assert lock.acquire()
    print("held", flush=True)
    time.sleep(60)
""")


def test_a_program_killed_while_holding_the_lock_holds_it_no_more(tmp_path):
    db = tmp_path / "k.db"
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert child.stdout.readline().strip() == "held"
        assert not DatabaseLock(db, COMMAND).acquire()
    finally:
        child.send_signal(signal.SIGKILL) if hasattr(signal, "SIGKILL") else child.kill()
        child.wait(timeout=30)
        child.stdout.close()
    assert lock_path(db).exists()                 # left behind, and yet free
    with DatabaseLock(db, COMMAND) as lock:
        assert lock.acquire()


def test_a_command_is_refused_at_once_while_the_window_holds_the_lock(tmp_path):
    db = tmp_path / "k.db"
    with DatabaseLock(db, WINDOW) as window:
        assert window.acquire()
        started = time.monotonic()
        with pytest.raises(DatabaseInUse, match="数据库正由部门决算公开程序使用，请先关闭程序"):
            lock_for_command(db, wait=30)
        assert time.monotonic() - started < 5


def test_a_command_waits_for_another_command(tmp_path):
    db = tmp_path / "k.db"
    other = DatabaseLock(db, COMMAND)
    assert other.acquire()
    threading.Timer(0.3, other.release).start()
    started = time.monotonic()
    mine = lock_for_command(db, wait=30)
    assert mine is not None and mine.held
    assert time.monotonic() - started >= 0.25
    mine.release()
    with pytest.raises(DatabaseInUse, match="另一个命令"):
        with DatabaseLock(db, COMMAND) as still:
            assert still.acquire()
            lock_for_command(db, wait=0.2)


def test_no_lock_file_can_be_made_in_a_folder_that_cannot_be_written(tmp_path, read_only):
    folder = tmp_path / "光盘"
    folder.mkdir()
    read_only(folder)
    assert lock_for_command(folder / "k.db") is None   # the database opens read-only there
    with pytest.raises(OSError):
        DatabaseLock(folder / "k.db", WINDOW).acquire()
    assert os.listdir(folder) == []


def test_a_lock_file_removed_by_its_holder_while_another_locks_it_is_not_taken(tmp_path, monkeypatch):
    """The holder lets go (removing the file) just as another process, having opened that file,
    locks it: what it locked is no longer the lock file, and a third would take the new one
    beside it — so it tries again on the file now at the path."""
    from kuaiji_desk.store import lock as lock_module

    db = tmp_path / "k.db"
    first = DatabaseLock(db, WINDOW)
    assert first.acquire()
    locking = lock_module._lock
    raced = []

    def holder_lets_go_first(fd):
        if not raced:
            raced.append(fd)
            first.release()   # removes the file the second one has open, and unlocks it
        return locking(fd)

    monkeypatch.setattr(lock_module, "_lock", holder_lets_go_first)
    second = DatabaseLock(db, COMMAND)
    assert second.acquire()
    assert raced and lock_path(db).exists()
    assert not DatabaseLock(db, COMMAND).acquire()   # the second holds the file at the path
    second.release()
