"""导入预览: what the workbooks hold, table by table, before anything is written."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPlainTextEdit, QTableWidget, QTableWidgetItem,
    QVBoxLayout,
)

from ..core.excel.imported import ImportedData
from ..core.excel.preview import table_lines
from ..core import layouts


class ImportPreview(QDialog):
    """Shows what was found and what needs a decision; 导入 writes it, 取消 writes nothing."""

    def __init__(self, data: ImportedData, publication: layouts.Layout, notes: list[str], replaces: list[str],
                 title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(1000, 760)
        lines = table_lines(data, publication)
        self.table = QTableWidget(len(lines), 5, self)
        self.table.setHorizontalHeaderLabels(["表", "来源（文件、工作表）", "单位", "读到", "合计（万元）"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for i, line in enumerate(lines):
            for j, text in enumerate(line):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # The layout the workbooks were printed in, proposed for a report in another one.
        self.switch_layout = QCheckBox(self)
        other = data.layout if data.layout and data.layout != publication.name else None
        if other:
            self.switch_layout.setText(f"报告改用工作簿的公开表式样「{layouts.get(other).title}」"
                                       f"（不选则仍按「{publication.title}」显示、导出和打印）")
            self.switch_layout.setChecked(True)
        projects = len(data.projects or [])
        summary = QLabel(f"绩效自评表：整体 {'1 张' if data.overall else '无'}，项目 {projects} 张。"
                         "确认后一次导入（可撤销）；取消则不作任何更改。", self)
        self.notes = QPlainTextEdit("\n".join(notes) or "没有需要确认的事项。", self)
        self.notes.setReadOnly(True)
        self.replaces = QPlainTextEdit("\n".join(replaces) or "报告中还没有这些内容，导入不替换任何已有数据。", self)
        self.replaces.setReadOnly(True)
        # Figures no cell of the report holds: listed with their cells, and the import says it leaves them.
        self.unplaced = QPlainTextEdit("\n".join(data.unplaced), self)
        self.unplaced.setReadOnly(True)
        buttons = QDialogButtonBox(self)
        buttons.addButton("仍然导入（不含这些数）" if data.unplaced else "导入", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("找到的表：", self))
        layout.addWidget(self.table, 3)
        layout.addWidget(summary)
        if other:
            layout.addWidget(self.switch_layout)
        else:
            self.switch_layout.hide()
        layout.addWidget(QLabel("导入将替换：", self))
        layout.addWidget(self.replaces, 1)
        if data.unplaced:
            warning = QLabel(f"以下 {len(data.unplaced)} 处数字放不进报告的任何一格（表中没有这一行或这一科目），"
                             "不会导入。请核对工作簿：", self)
            warning.setStyleSheet("color: #b00020; font-weight: bold;")
            warning.setWordWrap(True)
            layout.addWidget(warning)
            layout.addWidget(self.unplaced, 1)
        else:
            self.unplaced.hide()
        layout.addWidget(QLabel("读取说明与需要确认的事项：", self))
        layout.addWidget(self.notes, 1)
        layout.addWidget(buttons)


class UnitsPreview(QDialog):
    """导入预览 of a 部门's units: for each unit, the files read, what was found, what is left out."""

    def __init__(self, lines: list[str], unplaced: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle("导入预览 — 各单位工作簿")
        self.resize(900, 640)
        self.text = QPlainTextEdit("\n".join(lines), self)
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(self)
        buttons.addButton("仍然导入（不含放不进的数）" if unplaced else "导入", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("每个工作簿导入它写明的单位（没有报告的新建）。导入涉及多个报告，不能撤销；"
                                "取消则不作任何更改。", self))
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
