"""The indicator table of a 绩效自评表: one model for a project's and for the unit's.

The two tables differ only in their columns (the 整体 table has 指标分类 and its
own 一级指标), so the model is configured with them.  It never changes the report
itself: a change goes to ``change(mutate, label)`` as a function on the list of
indicators, which the tab turns into one undoable edit; the model shows the new
list when the tab hands it over after the session applied the edit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ..core.indicators import is_missed
from ..core.report import Indicator
from ..core.rules.findings import WARNING
from ..core.rules.selfeval import RATE_THRESHOLD
from .style import SEVERITY_BACKGROUND, worst


@dataclass(frozen=True)
class IndicatorColumn:
    attr: str                          # the Indicator field shown
    header: str
    choices: tuple[str, ...] = ()      # offered in a combo box
    free: bool = True                  # text other than the choices allowed


PROJECT_LEVEL1 = ("产出指标", "效益指标", "满意度指标")
PROJECT_LEVEL2 = ("经济成本指标", "数量指标", "质量指标", "时效指标", "社会效益指标", "经济效益指标",
                  "生态效益指标", "可持续影响指标", "服务对象满意度指标")
# The 整体 template's 一级指标 as the reference report prints them; others may be typed.
OVERALL_LEVEL1 = ("履职效能", "社会效应", "可持续发展能力", "满意度")

PROJECT_COLUMNS = (
    IndicatorColumn("level1", "一级指标", PROJECT_LEVEL1, free=False),
    IndicatorColumn("level2", "二级指标", PROJECT_LEVEL2),
    IndicatorColumn("level3", "三级指标"),
    IndicatorColumn("target", "年初目标值"),
    IndicatorColumn("actual", "实际完成值"),
)
OVERALL_COLUMNS = (
    IndicatorColumn("level1", "一级指标", OVERALL_LEVEL1),
    IndicatorColumn("level2", "二级指标"),
    IndicatorColumn("level3", "三级指标"),
    IndicatorColumn("category", "指标分类"),
    IndicatorColumn("target", "年初目标值"),
    IndicatorColumn("actual", "实际完成值"),
)

MISSED_HINT = "有指标未达到年初目标值，请填写偏差原因"

Change = Callable[[Callable[[list[Indicator]], None], str], bool]


def reason_hint(indicators: list[Indicator], rate: Decimal | None = None) -> str:
    """Why a 偏差原因 is needed (F04's conditions), or '' when it is not."""
    if any(is_missed(x.target, x.actual) for x in indicators):
        return MISSED_HINT
    if rate is not None and rate < RATE_THRESHOLD:
        return f"执行率低于{RATE_THRESHOLD}%，请填写偏差原因"
    return ""


_INDICATOR_COLUMN = re.compile(r"^指标(\d+)$")


def indicator_row(column: str) -> int | None:
    """The row a finding's column names: '指标3' → 2."""
    match = _INDICATOR_COLUMN.match(column)
    return int(match.group(1)) - 1 if match else None


def missed_message(ind: Indicator) -> str:
    return f"实际完成值「{ind.actual}」未达到年初目标值「{ind.target}」，请在偏差原因中说明。"


class IndicatorModel(QAbstractTableModel):
    def __init__(self, columns: tuple[IndicatorColumn, ...], change: Change, parent=None):
        super().__init__(parent)
        self.columns = columns
        self._change = change
        self._rows: list[Indicator] = []
        self._marks: dict[int, tuple[str, str]] = {}   # row → (severity, message) of findings

    # -- what the tab hands over -------------------------------------------------
    def set_indicators(self, indicators: list[Indicator]) -> None:
        rows = [replace(x) for x in indicators]
        if len(rows) != len(self._rows):
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        elif rows != self._rows:
            self._rows = rows
            self._changed_all()

    def set_marks(self, marks: dict[int, tuple[str, str]]) -> None:
        if marks != self._marks:
            self._marks = dict(marks)
            self._changed_all()

    def _changed_all(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    # -- changes, each one edit --------------------------------------------------
    def add(self, after: int) -> int:
        """A new row below ``after`` (the last row for -1), of the same 一级/二级 as it; its row or -1."""
        if after < 0:
            after = len(self._rows) - 1
        row = after + 1
        template = self._rows[after] if after >= 0 else Indicator()
        new = Indicator(level1=template.level1, level2=template.level2)
        return row if self._change(lambda xs: xs.insert(row, new), "新增指标") else -1

    def remove(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and self._change(lambda xs: xs.pop(row), "删除指标")

    def move(self, row: int, step: int) -> bool:
        other = row + step
        if not (0 <= row < len(self._rows) and 0 <= other < len(self._rows)):
            return False

        def swap(xs):
            xs[row], xs[other] = xs[other], xs[row]
        return self._change(swap, "上移指标" if step < 0 else "下移指标")

    # -- Qt ----------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header if 0 <= section < len(self.columns) else None
        return str(section + 1)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        ind = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return getattr(ind, self.columns[index.column()].attr)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            severity, message = self._row_mark(index.row())
            if role == Qt.ItemDataRole.ToolTipRole:
                return message or None
            if severity:
                return SEVERITY_BACKGROUND[severity]
        return None

    def _row_mark(self, row: int) -> tuple[str | None, str]:
        """A finding on the row, else the row's own missed target (shown before any check)."""
        found = self._marks.get(row)
        ind = self._rows[row]
        missed = is_missed(ind.target, ind.actual)
        severity = worst([s for s in (found[0] if found else None, WARNING if missed else None) if s])
        messages = [m for m in (found[1] if found else "", missed_message(ind) if missed else "") if m]
        return severity, "\n".join(dict.fromkeys(messages))

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, attr = index.row(), self.columns[index.column()].attr
        text = str(value or "").strip()
        if text == getattr(self._rows[row], attr):
            return False
        return self._change(lambda xs: setattr(xs[row], attr, text), "修改指标")

    def choices(self, column: int) -> tuple[tuple[str, ...], bool]:
        col = self.columns[column]
        return col.choices, col.free

