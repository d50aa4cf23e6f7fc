"""Choosing a publication layout (core.layouts): the drop-down list the 新建报告 dialog shows,
and the 公开表式样 dialog that moves an open report to another layout."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel

from ..core import layouts


class LayoutChoice(QComboBox):
    """Every shipped layout by its title, its description under it (``about``)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        for x in layouts.all_layouts():
            self.addItem(x.title, x.name)
            self.setItemData(self.count() - 1, x.description, Qt.ItemDataRole.ToolTipRole)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setStyleSheet("color: #555;")
        self.currentIndexChanged.connect(self._describe)

    def name(self) -> str:
        return self.currentData()

    def choose(self, name: str) -> None:
        index = self.findData(name)
        self.setCurrentIndex(index if index >= 0 else self.findData(layouts.DEFAULT))
        self._describe()

    def _describe(self, *_) -> None:
        self.about.setText(layouts.get(self.name()).description)


class LayoutDialog(QDialog):
    """文件 → 公开表式样: the layout an open report is printed in.  Its figures do not change;
    its tables, exports and printing follow the layout chosen."""

    def __init__(self, current: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("公开表式样")
        self.layout_choice = LayoutChoice(self)
        self.layout_choice.choose(current)
        form = QFormLayout(self)
        form.addRow("公开表式样：", self.layout_choice)
        form.addRow("", self.layout_choice.about)
        form.addRow(QLabel("各表的数字不变；表的顺序、表号、行次栏次和印出的行按所选式样显示、导出和打印。"
                           "可以撤销。", self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
