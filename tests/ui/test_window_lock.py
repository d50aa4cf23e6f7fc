"""The lock the program's window takes (ui/main.py): one window per database file, whatever
path names it; commands that write stay out while it is open, commands that read do not."""
from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cli_runner import load, run
from kuaiji_desk.store.lock import COMMAND, WINDOW, DatabaseLock, lock_path
from kuaiji_desk.ui import main
from kuaiji_desk.ui.app import application
from kuaiji_desk.ui.main_window import MainWindow

UNIT = "测试单位"


@pytest.fixture
def told(monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    return said


def while_the_window_is_open(do):
    """Runs ``do(window)`` once the window of main.run is up, then closes it."""
    def look():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, look)
            return
        try:
            do(windows[0])
        finally:
            windows[0].close()
    QTimer.singleShot(0, look)


def test_commands_that_write_are_refused_while_the_window_is_open_and_readers_work(tmp_path):
    db = tmp_path / "k.db"
    assert run("--db", db, "new", UNIT, 2024)[0] == 0
    report = load(db, UNIT, 2024)
    results = {}

    def commands(window):
        assert DatabaseLock(db, COMMAND).holder() == WINDOW
        from kuaiji_desk.core import rules

        finding = rules.check(report)[0].key
        results["explain"] = run("--db", db, "explain", UNIT, 2024, finding, "窗口开着时写的")
        results["reports"] = run("--db", db, "reports")
        results["check"] = run("--db", db, "check", UNIT, 2024)

    application()
    while_the_window_is_open(commands)
    assert main.run(db) == 0
    code, out, err = results["explain"]
    assert (code, out) == (2, "") and "数据库正由部门决算公开程序使用，请先关闭程序" in err
    assert results["reports"][0] == 0 and UNIT in results["reports"][1]
    assert results["check"][0] == 1
    assert load(db, UNIT, 2024).explanations == {}
    assert not lock_path(db).exists()                 # let go when the window closed


def test_a_second_window_through_a_symlink_is_told(tmp_path, told):
    db = tmp_path / "data.db"
    assert run("--db", db, "new", UNIT, 2024)[0] == 0
    link = tmp_path / "快捷方式.db"
    link.symlink_to(db)
    application()
    with DatabaseLock(db, WINDOW) as first:          # the first window, opened on the file itself
        assert first.acquire()
        assert main.run(link) == 2
    assert "已被另一个正在运行" in told[0]


def test_data_db_and_data_sqlite_each_have_their_window(tmp_path, told):
    application()
    with DatabaseLock(tmp_path / "data.db", WINDOW) as first:
        assert first.acquire()
        while_the_window_is_open(lambda window: None)
        assert main.run(tmp_path / "data.sqlite") == 0
    assert told == []


def test_the_window_waits_for_a_command_that_is_writing(tmp_path, told):
    application()
    command = DatabaseLock(tmp_path / "k.db", COMMAND)
    assert command.acquire()
    threading.Timer(0.3, command.release).start()    # the command ends while the window waits
    opened = []
    while_the_window_is_open(lambda window: opened.append(window.db_path))
    assert main.run(tmp_path / "k.db") == 0
    assert opened == [tmp_path / "k.db"] and told == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="Windows has no FIFO to stand for a device")
def test_a_device_as_the_database_is_refused_before_anything_is_written(monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from kuaiji_desk.ui import main

    fifo = tmp_path / "管道"
    os.mkfifo(fifo)
    told = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: told.append(text))
    assert main.run(fifo) == 2
    assert told == [f"「{fifo}」不是普通文件（而是设备或管道），不能用作数据库文件。"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["管道"]            # no lock file beside it
