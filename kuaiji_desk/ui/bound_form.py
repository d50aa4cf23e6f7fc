"""A form whose inputs edit the attributes of one object: a Project, the Overall.

Each input commits one change ``change(mutate, label)``, ``mutate`` being a
function on the object; the owner turns it into an undoable edit.  The owner
hands the object back with ``show_object`` after every change, including undo.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..core.rules.findings import WARNING
from .finding_marks import Mark
from .indicator_table import IndicatorTable
from .inputs import NoteLabel, NumberLine, TextBox

Change = Callable[[Callable[[object], None], str], bool]


def heading(text: str, parent=None) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


class BoundForm(QWidget):
    refused = Signal(str)   # an amount that is no amount, a text too long: in Chinese

    def __init__(self, unit: str, change: Change, parent=None):
        super().__init__(parent)
        self._change = change
        self.unit = unit
        self.inputs: dict[str, QWidget] = {}
        self._amount_labels: list[tuple[QLabel, str]] = []
        self.reason_attr = ""
        self.reason_note: NoteLabel | None = None

    def bind(self, attr: str, widget, edit: str):
        """``edit`` names the undo step: 修改执行数."""
        self.inputs[attr] = widget
        widget.committed.connect(lambda value: self._change(lambda obj: setattr(obj, attr, value), edit))
        if hasattr(widget, "refused"):   # a figure that is none, a text too long: the status bar says why
            widget.refused.connect(self.refused)
        return widget

    def amount(self, attr: str, label: str, edit: str) -> tuple[QLabel, NumberLine]:
        """An amount in the session's unit, its label naming the unit."""
        text = QLabel(f"{label}（{self.unit}）", self)
        self._amount_labels.append((text, label))
        line = self.bind(attr, NumberLine.amount(self.unit, self), edit)
        return text, line

    def add_box(self, layout: QVBoxLayout, attr: str, label: str, edit: str, lines: int = 3) -> TextBox:
        layout.addSpacing(8)
        layout.addWidget(heading(label, self))
        box = self.bind(attr, TextBox(lines, self), edit)
        layout.addWidget(box)
        return box

    def add_reason(self, layout: QVBoxLayout, attr: str, label: str, edit: str) -> None:
        """The 偏差原因 box, with the note that asks for it."""
        self.add_box(layout, attr, label, edit)
        self.reason_attr = attr
        self.reason_note = NoteLabel(self)
        layout.addWidget(self.reason_note)

    def add_evaluation(self, layout: QVBoxLayout, columns) -> None:
        """What every 自评表 has below its head: the indicators, the 偏差原因 (with the note
        that asks for it) and the 改进措施."""
        layout.addSpacing(8)
        layout.addWidget(heading("绩效指标", self))
        self.indicators = IndicatorTable(
            columns, lambda mutate, label: self._change(lambda obj: mutate(obj.indicators), label), self)
        layout.addWidget(self.indicators)
        self.add_reason(layout, "deviation_reason", "偏差大或目标未完成原因分析", "修改偏差原因")
        self.add_box(layout, "improvement", "改进措施及结果应用方案", "修改改进措施")

    def show_reason_hint(self, hint: str, finding: Mark | None) -> None:
        """Asks for the reason as soon as it is needed, before any check has run."""
        self.reason_note.show_note(WARNING, hint)
        if hint and finding is None:
            self.inputs[self.reason_attr].set_mark(WARNING, hint)

    def show_object(self, obj) -> None:
        """``obj`` None (no 整体自评表 yet) shows every field empty."""
        for attr, widget in self.inputs.items():
            widget.show_value(getattr(obj, attr) if obj is not None else None)

    def set_unit(self, unit: str) -> None:
        self.unit = unit
        for label, text in self._amount_labels:
            label.setText(f"{text}（{unit}）")
        for widget in self.inputs.values():
            if isinstance(widget, NumberLine):
                widget.set_unit(unit)

    def flush(self) -> None:
        """Saves what was typed and not yet left."""
        for widget in self.inputs.values():
            widget.flush()
