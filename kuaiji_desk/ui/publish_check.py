"""发布前检查: before a report is exported or printed, what it still lacks and what is
wrong in it, grouped, each with 去填写; going on anyway is an explicit choice."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
)

from ..core.rules.findings import SEVERITY_NAMES, Finding
from ..core.rules.names import rule_name
from .style import SEVERITY_BACKGROUND

FINDING_ROLE = Qt.ItemDataRole.UserRole


class PublishCheck(QDialog):
    go = Signal(object)   # the Finding whose 去填写 was pressed

    def __init__(self, missing: list[Finding], wrong: list[Finding], what: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("发布前检查")
        self.resize(900, 560)
        head = QLabel(f"{what}之前，报告中还有以下内容需要补充或改正。公开的文本将缺少或含有这些内容。", self)
        head.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["内容", "规则", ""])
        self.tree.setColumnWidth(0, 620)
        self.tree.setColumnWidth(1, 150)
        for title, findings in ((f"缺少的内容（{len(missing)} 项）", missing), (f"错误（{len(wrong)} 项）", wrong)):
            if not findings:
                continue
            group = QTreeWidgetItem(self.tree, [title])
            group.setExpanded(True)
            for f in findings:
                item = QTreeWidgetItem(group, [f"[{SEVERITY_NAMES[f.severity]}] {f.message}", rule_name(f.rule)])
                item.setData(0, FINDING_ROLE, f)
                item.setToolTip(0, f.message)
                item.setToolTip(1, f"规则 {f.rule}")
                item.setBackground(0, SEVERITY_BACKGROUND[f.severity])
                button = QPushButton("去填写", self.tree)
                button.clicked.connect(lambda _=False, f=f: self._go(f))
                self.tree.setItemWidget(item, 2, button)
        self.tree.itemDoubleClicked.connect(
            lambda item, _: self._go(item.data(0, FINDING_ROLE)) if item.data(0, FINDING_ROLE) else None)
        buttons = QDialogButtonBox(self)
        self.anyway = buttons.addButton(f"仍然{what}", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def _go(self, finding: Finding) -> None:
        self.reject()
        self.go.emit(finding)
