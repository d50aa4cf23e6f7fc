"""导入预览: what the workbooks hold, table by table, before anything is written."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHeaderView, QLabel, QPlainTextEdit, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from ..core.excel.imported import ImportedData
from ..core.forms import CodeTable, FormSet, for_year
from ..core.money import format_amount
from ..core.rules.codes import MALFORMED, UNKNOWN, code_status


def table_lines(data: ImportedData, forms: FormSet) -> list[tuple[str, str, str, str, str]]:
    """(表, 来源, 单位, 读到, 合计) for each table read, in published order."""
    lines = []
    for spec in forms.tables:
        table = data.tables.get(spec.id)
        if table is None:
            lines.append((f"{spec.label} {spec.name}", "未找到", "", "", ""))
            continue
        rows = {row for row, _ in table.cells}
        total = sum(fen for (row, col), fen in table.cells.items() if row == "合计" and col == "1")
        lines.append((f"{spec.label} {spec.name}", "「{}」{}".format(*table.source), table.unit,
                      f"{len(rows)} 行，{len(table.cells)} 个数" if table.cells else "无数据",
                      format_amount(total) if total else ""))
    return lines


def code_questions(data: ImportedData, year: int) -> list[str]:
    """The codes and names the catalog does not know as printed: the accountant decides."""
    out = []
    forms = for_year(year)
    for tid, table in sorted(data.tables.items()):
        spec = forms.table(tid)
        if not isinstance(spec, CodeTable):
            continue
        for code, name in table.code_names.items():
            status = code_status(spec.classification, year, code, name)
            if status is None:
                continue
            problem, catalog_name = status
            if problem in (MALFORMED, UNKNOWN):
                out.append(f"{spec.label}科目 {code}「{name}」不在{year}年科目表中：导入后保留并提示，请核对。")
            else:
                out.append(f"{spec.label}科目 {code} 表中名称「{name}」，科目表中为「{catalog_name}」：请核对。")
    return out


class ImportPreview(QDialog):
    """Shows what was found and what needs a decision; 导入 writes it, 取消 writes nothing."""

    def __init__(self, data: ImportedData, forms: FormSet, notes: list[str], title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(1000, 640)
        lines = table_lines(data, forms)
        self.table = QTableWidget(len(lines), 5, self)
        self.table.setHorizontalHeaderLabels(["表", "来源（文件、工作表）", "单位", "读到", "合计（万元）"])
        for i, line in enumerate(lines):
            for j, text in enumerate(line):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnToContents(0)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        projects = len(data.projects or [])
        summary = QLabel(f"绩效自评表：整体 {'1 张' if data.overall else '无'}，项目 {projects} 张。"
                         "确认后一次导入（可撤销）；取消则不作任何更改。", self)
        self.notes = QPlainTextEdit("\n".join(notes) or "没有需要确认的事项。", self)
        self.notes.setReadOnly(True)
        buttons = QDialogButtonBox(self)
        buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("找到的表：", self))
        layout.addWidget(self.table, 2)
        layout.addWidget(summary)
        layout.addWidget(QLabel("读取说明与需要确认的事项：", self))
        layout.addWidget(self.notes, 1)
        layout.addWidget(buttons)
