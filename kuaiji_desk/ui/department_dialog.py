"""新建部门汇总 and 部门单位构成: which units a 部门 adds up, and the internal transfers between
them it takes out (core.consolidation)."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QListWidget, QListWidgetItem, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from ..core.catalog import normalise_code
from ..core.consolidation import TRANSFER_COLUMNS, TRANSFER_KINDS
from ..core.money import AmountError, format_amount, parse_amount
from ..core.names import InvalidText, unit_name
from ..core.report import Composition, Transfer

_KIND, _PAYER, _RECEIVER, _INCOME, _SPENT, _AMOUNT = range(len(TRANSFER_COLUMNS))


class DepartmentDialog(QDialog):
    """The 部门's name (for a new one), its units ticked among the reports of its year, and the
    transfers between them, one a row."""

    def __init__(self, title: str, units_of: Callable[[int], list[str]], year: int, name: str = "",
                 composition: Composition | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(820, 620)
        self._units_of = units_of
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.year.setEnabled(not name)   # a 部门's units are of its own year
        self.name = QComboBox(self)
        self.name.setEditable(True)
        self.name.setCurrentText(name)
        self.name.setEnabled(not name)
        self.name.lineEdit().setPlaceholderText("部门全称，例如：武汉市汉阳区城市管理执法局")
        self.units = QListWidget(self)
        self._list_units(composition.units if composition else ())
        self.year.valueChanged.connect(lambda _: self._list_units(self.composition_units()))
        self.transfers = QTableWidget(0, len(TRANSFER_COLUMNS), self)
        self.transfers.setHorizontalHeaderLabels(list(TRANSFER_COLUMNS))
        self.transfers.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.transfers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for t in composition.transfers if composition else ():
            self._add_row((t.kind, t.payer, t.receiver, t.income_code, t.expenditure_code, format_amount(t.fen)))
        add, remove = QPushButton("新增一笔", self), QPushButton("删除所选", self)
        add.clicked.connect(lambda: self._add_row((next(iter(TRANSFER_KINDS)), "", "", "", "", "")))
        remove.clicked.connect(self._remove_rows)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("部门名称：", self.name)
        form.addRow("年度：", self.year)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("所属单位（勾选；列表中是该年度已有报告的单位，部门机关本身请用另一个名称建报告，"
                                "例如「某局本级」）：", self))
        layout.addWidget(self.units, 2)
        layout.addWidget(QLabel("单位之间的内部往来（汇总时从收、支两方抵消；类型：补助 = 上级补助收入 / 对附属单位补助支出，"
                                "上缴 = 附属单位上缴收入 / 上缴上级支出）：", self))
        layout.addWidget(self.transfers, 2)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _list_units(self, chosen) -> None:
        """The reports of the year chosen, those ticked first."""
        self.units.clear()
        offered = self._units_of(self.year.value())
        for unit in [*chosen, *(u for u in offered if u not in chosen)]:
            item = QListWidgetItem(unit, self.units)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if unit in chosen else Qt.CheckState.Unchecked)

    def composition_units(self) -> tuple[str, ...]:
        return tuple(self.units.item(i).text() for i in range(self.units.count())
                     if self.units.item(i).checkState() == Qt.CheckState.Checked)

    def _add_row(self, texts) -> None:
        """A transfer's row: its kind and the two units chosen from lists, codes and amount typed."""
        r = self.transfers.rowCount()
        self.transfers.insertRow(r)
        units = [self.units.item(i).text() for i in range(self.units.count())]
        for c, choices in ((_KIND, list(TRANSFER_KINDS)), (_PAYER, units), (_RECEIVER, units)):
            choice = QComboBox(self.transfers)
            choice.addItems(choices)
            choice.setCurrentText(texts[c])
            self.transfers.setCellWidget(r, c, choice)
        for c in (_INCOME, _SPENT, _AMOUNT):
            self.transfers.setItem(r, c, QTableWidgetItem(texts[c]))

    def _remove_rows(self) -> None:
        for r in sorted({i.row() for i in self.transfers.selectedIndexes()}, reverse=True):
            self.transfers.removeRow(r)

    def department(self) -> str:
        return self.name.currentText().strip()

    def composition(self) -> Composition:
        """The units ticked and the transfers listed; ValueError (Chinese) naming a row that cannot be read."""
        units = self.composition_units()
        transfers = []
        for r in range(self.transfers.rowCount()):
            cells = [self.transfers.cellWidget(r, c).currentText() if self.transfers.cellWidget(r, c)
                     else self.transfers.item(r, c).text().strip() if self.transfers.item(r, c) else ""
                     for c in range(len(TRANSFER_COLUMNS))]
            kind = cells[_KIND]
            try:
                fen = parse_amount(cells[_AMOUNT], "万元")
            except AmountError:
                fen = None
            income, spent = normalise_code(cells[_INCOME]), normalise_code(cells[_SPENT])
            if not (cells[_PAYER] and cells[_RECEIVER] and income.isdigit() and spent.isdigit() and fen and fen > 0):
                raise ValueError(f"内部往来第{r + 1}行：单位、收入科目、支出科目都要填写，金额应为正数（万元）。")
            transfers.append(Transfer(kind, cells[_PAYER], cells[_RECEIVER], income, spent, fen))
        return Composition(units, tuple(transfers))

    def _accept(self) -> None:
        try:
            unit_name(self.department())
            composition = self.composition()
        except (InvalidText, ValueError) as exc:
            self.error.setText(f"{exc}。" if isinstance(exc, InvalidText) else str(exc))
            return
        if not self.department():
            self.error.setText("请填写部门名称。")
            return
        if not composition.units:
            self.error.setText("请至少勾选一个单位。")
            return
        self.accept()
