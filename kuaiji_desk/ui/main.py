"""`kuaiji-desk` without a command: the window, one copy per database."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from ..store.db import refuse_foreign
from ..store.errors import StoreError
from ..store.files import NETWORK_WARNING, is_network_path
from ..store.lock import COMMAND, WINDOW, DatabaseLock
from ..store.server import is_server
from . import failures, running
from .app import application

COMMAND_WAIT = 10.0   # seconds a command that writes may keep the window waiting


def run(db_path: Path | str) -> int:
    app = application()
    failures.install(lambda title, text: QMessageBox.critical(None, title, text))
    running.hold()   # the installer waits while it is held
    if is_server(db_path):
        # A server database is shared: several accountants' windows at once, and commands;
        # the report's revision keeps one from saving over another's work (store/repo.py).
        return _window(app, db_path)
    db_path = Path(db_path)
    try:
        refuse_foreign(db_path)   # before a lock file is put beside it: /dev/null is no database
    except StoreError as exc:
        QMessageBox.critical(None, "无法打开数据库", str(exc))
        return 2
    if is_network_path(db_path):
        QMessageBox.warning(None, "数据库在网络共享文件夹上", NETWORK_WARNING.format(path=db_path))
    # SQLite would let two copies write the same report in turn; the lock file
    # (store/lock.py, shared with the commands that write) tells the second copy instead,
    # and keeps those commands out while the window is open.  A crashed copy holds nothing.
    lock = DatabaseLock(db_path, WINDOW)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        held = lock.acquire(0.1) or (lock.holder() == COMMAND and lock.acquire(COMMAND_WAIT))
    except OSError:
        held = None   # no lock file beside a database on a read-only disk: it opens read-only
    if held is False and lock.holder() == WINDOW and lock.holder_host() is not None:
        held = _take_over(lock, db_path)
    if held is False:
        if lock.holder() == COMMAND:
            QMessageBox.warning(None, "数据库正在使用",
                                f"数据库「{db_path}」正由一个命令行命令修改，请等它结束后再打开程序。")
        else:
            QMessageBox.warning(None, "程序已在运行",
                                f"数据库「{db_path}」已被另一个正在运行的部门决算公开程序打开。\n请切换到那个窗口继续工作。")
        return 2
    try:
        return _window(app, db_path)
    finally:
        lock.release()


def _take_over(lock: DatabaseLock, db_path: Path) -> bool:
    """The lock is held by the program on another computer: if the accountant knows it is closed
    (crashed, switched off), its mark is cleared and the lock taken; else False."""
    answer = QMessageBox.question(
        None, "数据库正被另一台电脑使用",
        f"数据库「{db_path}」正由电脑「{lock.holder_host()}」上的部门决算公开程序使用。\n\n"
        "如果那台电脑上的程序已经关闭（或那台电脑已关机、死机），可以清除它留下的占用标记后打开。"
        "如果它还开着，请不要清除：两台电脑同时修改会互相干扰。\n\n清除占用标记并打开吗？")
    if answer != QMessageBox.StandardButton.Yes:
        return False
    if not lock.clear_stale():
        QMessageBox.warning(None, "无法清除", f"占用标记「{lock.path}」删不掉：那台电脑上的程序还开着这个数据库。")
        return False
    return lock.acquire(0.5)


def _window(app, db_target) -> int:
    from .main_window import MainWindow

    try:
        window = MainWindow(db_target)
    except StoreError as exc:
        QMessageBox.critical(None, "无法打开数据库", str(exc))
        return 2
    window.show()
    return app.exec()
