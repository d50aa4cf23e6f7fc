"""五（三）: per 项 of 公开05表, the 年初预算 and why the 决算 differs from it.

Rows are the 7-digit codes of table 05.  年初预算 and 原因 are the per-code
fields '五.三.年初预算:' and '五.三.原因:'; 支出决算 is the table's column 1,
and 完成率 follows from the two.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from ..core import edits
from ..core.money import AmountError, format_amount, parse_amount, percent
from ..core.forms.fields import per_code_key
from .style import TOTAL_BACKGROUND

BUDGET, REASON = "五.三.年初预算:", "五.三.原因:"
ITEM_DIGITS = 7      # a 项 code: 2010350
CODE, NAME, PLANNED, SPENT, RATE, WHY = range(6)
_HEADERS = ("科目编码", "科目名称", "年初预算（{unit}）", "支出决算（{unit}）", "完成率", "决算数与年初预算数不同的主要原因")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class BudgetModel(QAbstractTableModel):
    refused = Signal(str)   # a 年初预算 that is no amount

    def __init__(self, session, apply, parent=None):
        """``apply(edit) -> bool`` sends an edit through the tab that owns the table."""
        super().__init__(parent)
        self.session = session
        self._apply = apply
        self._codes = self._current_codes()

    def _current_codes(self) -> list[str]:
        return [c for c in self.session.report.codes("05") if len(c) == ITEM_DIGITS]

    @property
    def codes(self) -> list[str]:
        return list(self._codes)

    def refresh(self) -> None:
        codes = self._current_codes()
        if codes != self._codes:
            self.beginResetModel()
            self._codes = codes
            self.endResetModel()
        elif codes:
            self.dataChanged.emit(self.index(0, 0), self.index(len(codes) - 1, WHY))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, PLANNED, SPENT)   # the unit may have changed

    # -- Qt ----------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._codes)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return _HEADERS[section].format(unit=self.session.unit) if 0 <= section < len(_HEADERS) else None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() in (PLANNED, WHY) else flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        code, col = self._codes[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(code, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (PLANNED, SPENT, RATE):
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and col in (CODE, NAME, SPENT, RATE):
            return TOTAL_BACKGROUND   # read-only: from table 05, or computed
        return None

    def _text(self, code: str, col: int) -> str:
        report, unit = self.session.report, self.session.unit
        planned = report.numbers.get(per_code_key(BUDGET, code))
        if col == CODE:
            return code
        if col == NAME:
            return report.code_rows.get("05", {}).get(code, "")
        if col == PLANNED:
            return format_amount(planned, unit)
        if col == SPENT:
            return format_amount(self.spent(code), unit)
        if col == RATE:
            if planned is None:
                return ""
            rate = percent(self.spent(code), planned)
            return "年初预算为0" if rate is None else f"{rate}%"
        return report.texts.get(per_code_key(REASON, code), "")

    def spent(self, code: str) -> int:
        return self.session.values.value("05", code, "1")

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() not in (PLANNED, WHY):
            return False
        report, code = self.session.report, self._codes[index.row()]
        if index.column() == WHY:
            key, text = per_code_key(REASON, code), str(value or "").strip()
            return text != report.texts.get(key, "") and self._apply(edits.set_text(report, key, text))
        try:
            fen = parse_amount(str(value or ""), self.session.unit)
        except AmountError as exc:
            self.refused.emit(f"{code} 年初预算：{exc}")
            return False
        key = per_code_key(BUDGET, code)
        if str(value) == self._text(code, PLANNED) or fen == report.numbers.get(key):
            return False   # untouched: the shown 万元 must not replace the exact 分
        return self._apply(edits.set_number(report, key, fen))
