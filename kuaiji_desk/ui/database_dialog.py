"""文件 → 数据库位置: this computer's data file, another file, or a 部门's shared PostgreSQL
server database; tried before it is kept, used from the next start."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QRadioButton, QVBoxLayout,
)

from .. import paths
from ..store.db import close_db, open_db
from ..store.errors import StoreError
from ..store.server import display, is_server

SERVER_HINT = "postgresql://用户名@服务器地址:5432/数据库名"


class DatabaseDialog(QDialog):
    def __init__(self, current, parent=None):
        super().__init__(parent)
        self.setWindowTitle("数据库位置")
        self.resize(680, 300)
        self.default = QRadioButton(f"本机默认数据文件（{paths.user_data_dir() / paths.DB_FILENAME}）", self)
        self.file = QRadioButton("另一个数据文件：", self)
        self.server = QRadioButton("服务器数据库（PostgreSQL，部门的几位会计同时使用）：", self)
        group = QButtonGroup(self)
        for button in (self.default, self.file, self.server):
            group.addButton(button)
        self.file_path = QLineEdit(self)
        browse = QPushButton("浏览…", self)
        browse.clicked.connect(self._browse)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText(SERVER_HINT)
        chosen = paths.chosen_location()
        if is_server(chosen):
            self.server.setChecked(True)
            self.url.setText(chosen)
        elif chosen:
            self.file.setChecked(True)
            self.file_path.setText(chosen)
        else:
            self.default.setChecked(True)
        self.result_label = QLabel(f"现在使用：{display(current) if is_server(current) else current}", self)
        self.result_label.setWordWrap(True)
        try_button = QPushButton("测试连接", self)
        try_button.clicked.connect(self.try_location)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.default)
        form.addRow(self.file)
        form.addRow(file_row)
        form.addRow(self.server)
        form.addRow(self.url)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("服务器的密码不保存在这里：请按管理员的说明放在 PostgreSQL 的 pgpass 文件中，"
                                "或写在地址里。新的位置在程序下次启动时使用。", self))
        layout.addWidget(try_button)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)

    def location(self) -> str:
        if self.server.isChecked():
            return self.url.text().strip()
        if self.file.isChecked():
            return self.file_path.text().strip()
        return ""

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "数据文件", self.file_path.text(), "数据文件 (*.db)",
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if name:
            self.file_path.setText(name)
            self.file.setChecked(True)

    def try_location(self) -> bool:
        """Opens the database chosen (made when new, migrated) and closes it; says how it went."""
        text = self.location()
        if (self.server.isChecked() and not is_server(text)) or (self.file.isChecked() and not text):
            self.result_label.setText("请填写服务器数据库的地址（" + SERVER_HINT + "）。" if self.server.isChecked()
                                      else "请填写数据文件的位置。")
            return False
        target = paths.db_target(text) if text else paths.user_data_dir() / paths.DB_FILENAME
        try:
            close_db(open_db(target))
        except StoreError as exc:
            self.result_label.setText(f"无法使用：{exc}")
            return False
        self.result_label.setText(f"可以使用：{display(text) if is_server(text) else target}")
        return True

    def _accept(self) -> None:
        if self.try_location():
            paths.choose_location(self.location())
            self.accept()
