"""整体绩效自评: the unit's 整体绩效自评表, one page.

The 整体 table is often printed in 元; its totals are shown and typed in the
session's unit like every other amount.  A report without the table gets one on
its first edit.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ..core import edits
from ..core.report import OVERALL, Overall, Report
from ..core.rules import Finding
from ..core.rules.findings import OVERALL_TABLE
from .bound_form import BoundForm
from .finding_marks import Mark, collect
from .indicator_model import OVERALL_COLUMNS, indicator_row, reason_hint
from .inputs import TextLine
from .session import Session

# (attribute, label, the undo step's name)
_LINES = (("unit_name", "单位名称", "修改单位名称"), ("fill_date", "填报日期", "修改填报日期"))
_AMOUNTS = (("basic_total", "基本支出总额", "修改基本支出总额"), ("project_total", "项目支出总额", "修改项目支出总额"))
# A finding's column → the field it is about.
_FINDING_FIELDS = {"基本支出总额": "basic_total", "项目支出总额": "project_total", "偏差原因": "deviation_reason",
                   "改进措施": "improvement"}


def overall_of(report: Report) -> Overall:
    """The report's 整体自评表, made (for its unit) when the report has none."""
    if report.overall is None:
        report.overall = Overall(unit_name=report.unit)
    return report.overall


class OverallForm(BoundForm):
    def __init__(self, unit: str, change, parent=None):
        super().__init__(unit, change, parent)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        for i, (attr, label, edit) in enumerate(_LINES):
            grid.addWidget(QLabel(label, self), 0, 2 * i)
            grid.addWidget(self.bind(attr, TextLine(self), edit), 0, 2 * i + 1)
        for i, (attr, label, edit) in enumerate(_AMOUNTS):
            text, line = self.amount(attr, label, edit)
            grid.addWidget(text, 1, 2 * i)
            grid.addWidget(line, 1, 2 * i + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        self.add_box(layout, "goals", "年度目标", "修改年度目标", lines=5)
        self.add_evaluation(layout, OVERALL_COLUMNS)
        layout.addStretch(1)

    def show_overall(self, overall: Overall | None, marks: dict[str, Mark]) -> None:
        self.show_object(overall)
        indicators = overall.indicators if overall is not None else []
        self.indicators.model.set_indicators(indicators)
        for column, attr in _FINDING_FIELDS.items():
            self.inputs[attr].set_mark(*marks.get(column, (None, "")))
        self.indicators.model.set_marks({indicator_row(c): m for c, m in marks.items() if indicator_row(c) is not None})
        reason = overall.deviation_reason.strip() if overall is not None else ""
        self.show_reason_hint("" if reason else reason_hint(indicators), marks.get("偏差原因"))


class OverallTab(QWidget):
    message = Signal(str)   # for the status bar: why a typed amount was refused

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._findings: list[Finding] = session.findings
        self.form = OverallForm(session.unit, self._change)
        self.form.refused.connect(self.message)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll)

        session.changed.connect(self._on_changed)
        session.checked.connect(self._on_checked)
        session.unit_changed.connect(self.form.set_unit)
        self._refresh()

    def flush(self) -> None:
        """Saves what was typed and not yet left (before undo, closing, export)."""
        self.form.flush()

    def _change(self, mutate: Callable[[Overall], None], label: str) -> bool:
        edit = edits.change_overall(self.session.report, lambda r: mutate(overall_of(r)), f"整体绩效自评 {label}")
        if self.session.apply(edit):
            return True
        self._refresh()   # not saved: show the report as it still is
        return False

    def _on_changed(self, edit) -> None:
        if OVERALL in edit.parts:
            self._refresh()

    def _on_checked(self, findings: list[Finding]) -> None:
        self._findings = findings
        self._refresh()

    def _refresh(self) -> None:
        marks = collect(self._findings, lambda f: f.column if f.table == OVERALL_TABLE else None)
        self.form.show_overall(self.session.report.overall, marks)

    def show_finding(self, finding: Finding) -> bool:
        """Puts the cursor on the field an 整体自评 finding names."""
        if finding.table != OVERALL_TABLE:
            return False
        row = indicator_row(finding.column)
        if row is not None:
            self.form.indicators.select_row(row)
            widget = self.form.indicators.view
        else:
            widget = self.form.inputs.get(_FINDING_FIELDS.get(finding.column, ""))
        if widget is None:
            return False
        self.scroll.ensureWidgetVisible(widget)
        widget.setFocus()
        return True
