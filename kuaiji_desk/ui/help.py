"""帮助 → 使用说明 and 关于."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QTextBrowser, QVBoxLayout

from .. import __version__
from ..paths import resources_dir
from ..store.backup import BACKUP_DIR, KEEP, SERVER_BACKUP
from ..store.server import display, is_server

HELP_FILE = "help/使用说明.html"


class HelpDialog(QDialog):
    """The season's work, step by step; the text ships in resources/ so that it can be edited without code."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.resize(760, 680)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml((resources_dir() / HELP_FILE).read_text(encoding="utf-8"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)


class AboutDialog(QDialog):
    def __init__(self, db_path: Path | str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("关于")
        server = is_server(db_path)
        self.data_dir = None if server else Path(db_path).resolve().parent
        where = (f"<p>数据保存在服务器数据库：<br>{html.escape(display(db_path))}</p><p>{SERVER_BACKUP}</p>"
                 if server else
                 f"<p>数据保存在：<br>{html.escape(str(Path(db_path).resolve()))}</p>"
                 f"<p>每天第一次启动时自动备份到同一目录下的 {BACKUP_DIR} 文件夹，保留最近 {KEEP} 份。</p>")
        self.text = QLabel(
            f"<h3>部门决算公开编制工具</h3>"
            f"<p>版本 {__version__}</p>"
            f"<p>编制部门决算公开的公开表、绩效自评表与情况说明，逐项校验，导出 Excel 与 PDF。</p>"
            + where)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_button = QPushButton("打开数据目录")
        open_button.clicked.connect(self.open_data_dir)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.addButton(open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        self.open_button = open_button
        open_button.setVisible(not server)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def open_data_dir(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
