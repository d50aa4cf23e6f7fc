"""The form of one 项目绩效自评表: its fields, its indicators and its reasons.

The form knows nothing of which project it shows: every change goes to
``change(mutate, label)`` as a function on the project, and the tab applies it
to the project it put in the form.
"""
from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout

from ..core.money import AmountError, parse_percent
from ..core.report import PROJECT_ATTRIBUTES, PROJECT_CATEGORIES, PROJECT_KINDS, Project
from ..core.rules.selfeval import execution_rate
from .bound_form import BoundForm, Change
from .finding_marks import Mark
from .indicator_model import PROJECT_COLUMNS, indicator_row, reason_hint
from .inputs import ChoiceBox, MarkedLabel, TextLine
from .style import worst

# (attribute, label, the undo step's name, grid row, grid column, columns spanned)
_LINES = (("name", "项目名称", "修改项目名称", 0, 0, 5), ("department", "主管部门", "修改主管部门", 1, 0, 1),
          ("executor", "项目实施单位", "修改项目实施单位", 1, 2, 3))
_CHOICES = (("category", "项目类别", PROJECT_CATEGORIES, "修改项目类别"),
            ("attribute", "项目属性", PROJECT_ATTRIBUTES, "修改项目属性"),
            ("kind", "项目类型", PROJECT_KINDS, "修改项目类型"))
_AMOUNTS = (("budget", "预算数A", "修改预算数"), ("spent", "执行数B", "修改执行数"))

# A finding's column → the field it is about.
_FINDING_FIELDS = {"偏差原因": "deviation_reason", "改进措施": "improvement", "执行数": "spent"}
_TABLE_COLUMNS = ("一级指标", "分值")   # findings on the indicators as a whole


def stated_rate_note(project: Project) -> str:
    """The 执行率 an imported table printed, when it is not what B/A gives."""
    if not project.stated_rate:
        return ""
    try:
        stated = parse_percent(project.stated_rate)
    except AmountError:
        stated = None
    return "" if stated == execution_rate(project) else f"导入表中为 {project.stated_rate}"


class ProjectForm(BoundForm):
    def __init__(self, unit: str, change: Change, parent=None):
        super().__init__(unit, change, parent)
        self._project = Project()
        self._marks: dict[str, Mark] = {}

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        for attr, label, edit, row, col, span in _LINES:
            grid.addWidget(QLabel(label, self), row, col)
            grid.addWidget(self.bind(attr, TextLine(self), edit), row, col + 1, 1, span)
        for i, (attr, label, choices, edit) in enumerate(_CHOICES):
            grid.addWidget(QLabel(label, self), 2, 2 * i)
            grid.addWidget(self.bind(attr, ChoiceBox(choices, self), edit), 2, 2 * i + 1)
        for i, (attr, label, edit) in enumerate(_AMOUNTS):
            text, line = self.amount(attr, label, edit)
            grid.addWidget(text, 3, 2 * i)
            grid.addWidget(line, 3, 2 * i + 1)
        self.rate = MarkedLabel(self)
        self.stated = QLabel(self)
        rate_box = QHBoxLayout()
        rate_box.setSpacing(16)
        rate_box.addWidget(self.rate)
        rate_box.addWidget(self.stated, 1)
        grid.addWidget(QLabel("执行率B/A", self), 3, 4)
        grid.addLayout(rate_box, 3, 5)
        for col in (1, 3, 5):
            grid.setColumnStretch(col, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        self.add_evaluation(layout, PROJECT_COLUMNS)
        self.add_box(layout, "summary", "主要产出和效益", "修改主要产出和效益")
        layout.addStretch(1)

    def show_project(self, project: Project) -> None:
        self._project = project
        self.show_object(project)
        self.indicators.model.set_indicators(project.indicators)
        rate = execution_rate(project)
        self.rate.setText("—" if rate is None else f"{rate}%")
        self.stated.setText(stated_rate_note(project))
        self._show_marks()

    def set_marks(self, marks: dict[str, Mark]) -> None:
        """The findings on this project, by the column they name."""
        self._marks = marks
        self._show_marks()

    def focus(self, column: str) -> bool:
        """Puts the cursor where a finding's column points; False for a column not in the form."""
        row = indicator_row(column)
        if row is not None:
            self.indicators.select_row(row)
        if row is not None or column in _TABLE_COLUMNS:
            self.indicators.view.setFocus()
            return True
        attr = "spent" if column == "执行率" else _FINDING_FIELDS.get(column)
        if attr is None:
            return False
        self.inputs[attr].setFocus()
        return True

    def _show_marks(self) -> None:
        marks = self._marks
        for column, attr in _FINDING_FIELDS.items():
            self.inputs[attr].set_mark(*marks.get(column, (None, "")))
        self.rate.set_mark(*marks.get("执行率", (None, "")))
        rows = {indicator_row(c): m for c, m in marks.items() if indicator_row(c) is not None}
        self.indicators.model.set_marks(rows)
        table = [marks[c] for c in _TABLE_COLUMNS if c in marks]
        self.indicators.note.show_note(worst(s for s, _ in table), "\n".join(m for _, m in table))
        project = self._project
        needed = "" if project.deviation_reason.strip() else reason_hint(project.indicators, execution_rate(project))
        self.show_reason_hint(needed, marks.get("偏差原因"))
