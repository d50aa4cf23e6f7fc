"""The first screen: the reports in the database, 新建报告 and 打开示例."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QSpinBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..core import layouts, rules
from ..core.names import InvalidText, unit_name
from ..store import repo
from .layout_choice import LayoutChoice


_COLUMNS = ["单位", "年度", "最近修改", "错误", "提示"]
REPORT_ROLE = Qt.ItemDataRole.UserRole   # (unit, year) of the report an item opens


class StartPage(QWidget):
    open_requested = Signal(str, int)   # unit, year
    new_requested = Signal()
    sample_requested = Signal()
    last_year_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        title = QLabel("部门决算公开")
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.hint = QLabel()
        # The reports: a 部门 with its units under it (those of its year), the others alone.
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(_COLUMNS))
        self.tree.setHeaderLabels(_COLUMNS)
        # Each column as wide as what it holds; the unit's name takes the rest.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setRootIsDecorated(True)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.itemActivated.connect(self._open_item)
        self.open_button = QPushButton("打开")
        self.open_button.clicked.connect(lambda: self._open_item(self.tree.currentItem()))
        new_button = QPushButton("新建报告…")
        new_button.clicked.connect(self.new_requested)
        last_year_button = QPushButton("从上年Excel开始…")
        last_year_button.setToolTip("读取上年的公开表和绩效自评表，新建本年报告：单位信息、科目、项目和上年数都带过来")
        last_year_button.clicked.connect(self.last_year_requested)
        sample_button = QPushButton("打开示例")
        sample_button.setToolTip("汉阳区城市运行管理中心 2024 年度决算公开的全部数据")
        sample_button.clicked.connect(self.sample_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(new_button)
        buttons.addWidget(last_year_button)
        buttons.addWidget(sample_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(title)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    def show_reports(self, db) -> None:
        infos = repo.list_reports(db)
        self.tree.clear()
        found = {(i.unit, i.year): i for i in infos}
        under = {(u, i.year) for i in infos for u in i.units}   # shown under their 部门
        for info in infos:
            if (info.unit, info.year) in under:
                continue
            item = self._item(self.tree, db, info)
            for name in info.units:
                unit = found.get((name, info.year))
                if unit is None:
                    missing = QTreeWidgetItem(item, [name, str(info.year), "没有报告"])
                    missing.setForeground(0, QBrush(QColor("#888")))
                else:
                    self._item(item, db, unit)
            item.setExpanded(True)
        if infos:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
            self.hint.setText("选择一份报告打开，或新建一份。部门汇总报告下列出它的单位。")
        else:
            self.hint.setText("数据库中还没有报告。新建一份报告、从上年的Excel开始，或打开示例看看一份完整的决算公开。")
        self.open_button.setEnabled(bool(infos))

    @staticmethod
    def _item(parent, db, info) -> QTreeWidgetItem:
        counts = rules.summary(rules.check(repo.load_report(db, info.unit, info.year)))
        name = f"{info.unit}（部门汇总，{len(info.units)} 个单位）" if info.units else info.unit
        item = QTreeWidgetItem(parent, [name, str(info.year), f"{info.modified:%Y-%m-%d %H:%M}",
                                        str(counts["error"]), str(counts["warning"])])
        item.setData(0, REPORT_ROLE, (info.unit, info.year))
        for j in range(1, len(_COLUMNS)):
            item.setTextAlignment(j, Qt.AlignmentFlag.AlignCenter)
        return item

    def _open_item(self, item: QTreeWidgetItem | None) -> None:
        which = item.data(0, REPORT_ROLE) if item is not None else None
        if which:
            self.open_requested.emit(which[0], int(which[1]))


# (message, blocking) about a unit and year the user chose, or None when they are right.
Check = Callable[[str, int], tuple[str, bool] | None]


class NewReportDialog(QDialog):
    """新建报告: the unit (one already known, or a new one), the year and, when ``layout`` is
    given (the one to propose), the publication layout (core.layouts) to print it in.

    ``check`` may refuse a choice (blocking) or warn about it once: pressing 确定 again
    with the same unit and year goes on.  Changing the year moves the layout chosen to its
    series' layout for that year (湖北 2024年度 → 湖北 2025年度).
    """

    def __init__(self, units: list[str], year: int, parent=None, unit: str = "", check: Check | None = None,
                 layout: str | None = None):
        super().__init__(parent)
        self.setWindowTitle("新建报告")
        self._check = check
        self._warned: tuple[str, int] | None = None
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(units)
        self.unit.setCurrentText(unit)
        self.unit.lineEdit().setPlaceholderText("单位全称，例如：武汉市汉阳区城市运行管理中心")
        self.unit.setMinimumWidth(360)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        form = QFormLayout(self)
        form.addRow("单位名称：", self.unit)
        form.addRow("年度：", self.year)
        self.layout_choice: LayoutChoice | None = None
        if layout is not None:
            self.layout_choice = LayoutChoice()
            self.layout_about = self.layout_choice.about
            self.layout_choice.choose(layouts.for_year(layout, year))
            self.year.valueChanged.connect(lambda y: self.layout_choice.choose(layouts.for_year(self.layout_name(), y)))
            form.addRow("公开表式样：", self.layout_choice)
            form.addRow("", self.layout_about)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        form.addRow(self.error)
        form.addRow(self.buttons)

    def _accept(self) -> None:
        if not self.unit.currentText().strip():
            self.error.setText("请填写单位名称。")
            return
        try:
            unit_name(self.unit.currentText())
        except InvalidText as exc:   # a newline, a bidi override … pasted in, or far too long
            self.error.setText(f"{exc}。")
            return
        chosen = self.values()
        said = self._check(*chosen) if self._check else None
        if said is not None and (said[1] or self._warned != chosen):
            message, blocking = said
            self._warned = chosen
            self.error.setText(message if blocking else f"{message}\n确认无误请再按「确定」。")
            return
        self.accept()

    def values(self) -> tuple[str, int]:
        return self.unit.currentText().strip(), self.year.value()

    def layout_name(self) -> str | None:
        """The layout chosen (None when the dialog asks for none)."""
        return self.layout_choice.name() if self.layout_choice is not None else None
