"""`kuaiji-desk` without a command: the window, one copy per database."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox

from ..store.errors import StoreError
from .app import application


def run(db_path: Path) -> int:
    app = application()
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    # SQLite would let two copies write the same report in turn; the lock file
    # tells the second copy instead (and frees itself if the first one crashed).
    lock = QLockFile(str(db_path.with_suffix(".lock")))
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        QMessageBox.warning(None, "程序已在运行",
                            f"数据库「{db_path}」已被另一个正在运行的部门决算公开程序打开。\n请切换到那个窗口继续工作。")
        return 2
    try:
        from .main_window import MainWindow

        try:
            window = MainWindow(db_path)
        except StoreError as exc:
            QMessageBox.critical(None, "无法打开数据库", str(exc))
            return 2
        window.show()
        return app.exec()
    finally:
        lock.unlock()
