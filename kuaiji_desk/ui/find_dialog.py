"""编辑 → 查找 (Ctrl+F): a code, a name or an amount across every tab; a hit chosen is
brought to the front, the dialog stays open for the next."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, \
    QVBoxLayout

from ..core.search import search
from .session import Session

PLACE_ROLE = Qt.ItemDataRole.UserRole


class FindDialog(QDialog):
    go = Signal(object)   # the core.places.Place of the hit chosen

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("查找")
        self.resize(520, 420)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("科目编码、名称、金额或文字")
        self.query.returnPressed.connect(self.find)
        find_button = QPushButton("查找", self)
        find_button.clicked.connect(self.find)
        self.count = QLabel(self)
        self.hits = QListWidget(self)
        self.hits.itemActivated.connect(self._chosen)
        line = QHBoxLayout()
        line.addWidget(self.query, 1)
        line.addWidget(find_button)
        layout = QVBoxLayout(self)
        layout.addLayout(line)
        layout.addWidget(self.count)
        layout.addWidget(self.hits, 1)

    def find(self) -> None:
        self.hits.clear()
        found = search(self.session.report, self.session.values, self.query.text(), self.session.unit)
        for hit in found:
            item = QListWidgetItem(hit.words, self.hits)
            item.setData(PLACE_ROLE, hit.place)
        self.count.setText(f"找到 {len(found)} 处；双击或按回车转到。" if found else "没有找到。")
        if found:
            self.hits.setCurrentRow(0)
            self.hits.setFocus()

    def _chosen(self, item: QListWidgetItem) -> None:
        self.go.emit(item.data(PLACE_ROLE))
