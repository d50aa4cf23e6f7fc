"""文件 → 备份数据… and 恢复数据…: the whole database to a file of the user's choice and back."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from ..store.backup import SERVER_BACKUP, backup_to, backups_dir, check_restorable, restore_from
from ..store.db import on_server
from ..store.errors import StoreError

_FILTER = "数据库备份 (*.db);;所有文件 (*)"


def _on_server(window, title: str) -> bool:
    """True, having said so, when the window's database is on a server: the administrator's to back up."""
    if on_server(window.db):
        QMessageBox.information(window, title, SERVER_BACKUP)
        return True
    return False


def backup_data(window) -> Path | None:
    if _on_server(window, "备份数据"):
        return None
    path = window.files.save_file(window, "备份数据", f"部门决算公开备份-{date.today():%Y%m%d}.db", _FILTER)
    if not path:
        return None
    if window.view is not None:
        window.view.flush()   # typing not yet saved belongs in the backup
    try:
        target = backup_to(window.db, Path(path))
    except StoreError as exc:
        QMessageBox.critical(window, "备份失败", str(exc))
        return None
    window.message.show_message(f"已备份全部数据：{target}")
    return target


def restore_data(window) -> bool:
    if _on_server(window, "恢复数据"):
        return False
    # The automatic backups are where a restore usually comes from.
    path = window.files.open_file(window, "恢复数据", _FILTER, backups_dir(window.db_path))
    if not path:
        return False
    # Checked before anything is closed: a refused file leaves the window as it was.
    try:
        check_restorable(Path(path))
    except StoreError as exc:
        QMessageBox.critical(window, "无法恢复数据", f"{exc}\n\n当前数据未作任何更改。")
        return False
    answer = QMessageBox.question(
        window, "恢复数据",
        f"用备份「{path}」恢复数据？\n\n当前数据库中的全部报告将被备份中的内容替换。"
        f"替换前的数据会先另存一份到「{backups_dir(window.db_path)}」。")
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        safety = window.replace_database(lambda: restore_from(window.db_path, Path(path)))
    except StoreError as exc:
        QMessageBox.critical(window, "无法恢复数据", f"{exc}\n\n当前数据未作任何更改。")
        return False
    kept = f"；原数据已另存为「{safety}」" if safety else ""
    window.message.show_message(f"已从「{path}」恢复数据{kept}", 15000)
    return True
