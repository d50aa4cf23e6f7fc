"""项目绩效自评: the list of projects beside the form of the selected one."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QListView, QMessageBox, QPushButton, QScrollArea, QSplitter,
    QStackedWidget, QVBoxLayout, QWidget,
)

from ..core import edits
from ..core.report import PROJECTS, Project
from ..core.rules import Finding
from ..core.rules.findings import PROJECT_TABLE
from .finding_marks import collect
from .project_form import ProjectForm
from .project_list import UNNAMED, ProjectListModel
from .session import Session
from .inputs import NoteLabel
from .style import worst

EMPTY_TEXT = "还没有项目绩效自评表。点「新增」添加项目，或导入自评表。"


class ProjectsTab(QWidget):
    message = Signal(str)   # for the status bar: why a typed amount was refused

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._row = 0 if session.report.projects else -1   # the selected project
        self._shown = -1    # the project in the form: the one its changes go to
        self._syncing = False
        self._findings: list[Finding] = session.findings

        self.list_model = ProjectListModel(lambda: session.report.projects, self._rename, self,
                                           unit_of=session.live.unit_of if session.live is not None else None)
        self.list = QListView(self)
        self.list.setModel(self.list_model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setWordWrap(True)
        self.list.selectionModel().currentRowChanged.connect(self._picked)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for text, slot in (("新增", self.add_project), ("删除", self.remove_project),
                           ("上移", lambda: self.move_project(-1)), ("下移", lambda: self.move_project(1))):
            self.buttons[text] = QPushButton(text, self)
            self.buttons[text].clicked.connect(slot)
            row.addWidget(self.buttons[text])
        self.note = NoteLabel(self)    # findings on all projects together (B13)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        summed = session.live is not None   # a 部门's: its units' projects, read-only here
        left_layout.addWidget(QLabel("各单位的项目（只读，请在单位报告中修改）" if summed else "项目（双击名称可改名）", left))
        if summed:
            self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(row)
        left_layout.addWidget(self.note)

        self.form = ProjectForm(session.unit, self._change_shown)
        if summed:
            self.form.setEnabled(False)
            for button in self.buttons.values():
                button.hide()
        self.form.refused.connect(self.message)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        empty = QLabel(EMPTY_TEXT, self)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(scroll)
        self.stack.addWidget(empty)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 1100])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        session.changed.connect(self._on_changed)
        session.checked.connect(self._on_checked)
        session.unit_changed.connect(self.form.set_unit)
        self._refresh()

    @property
    def current(self) -> int:
        """The selected project's index, -1 when there is none."""
        return self._row

    def flush(self) -> None:
        """Saves what was typed and not yet left (before undo, closing, export)."""
        self.form.flush()

    # -- changes, each one edit ----------------------------------------------------
    def _apply(self, edit) -> bool:
        if self.session.apply(edit):
            return True
        self._refresh()   # not saved: show the report as it still is
        return False

    def _change(self, mutate: Callable[[list[Project]], None], label: str) -> bool:
        return self._apply(edits.change_projects(self.session.report, lambda r: mutate(r.projects), label))

    def _change_shown(self, mutate: Callable[[Project], None], label: str) -> bool:
        index = self._shown
        if index < 0:
            return False
        name = self.session.report.projects[index].name or UNNAMED
        return self._change(lambda ps: mutate(ps[index]), f"{index + 1}. {name} {label}")

    def _rename(self, row: int, name: str) -> bool:
        return self._change(lambda ps: setattr(ps[row], "name", name), "修改项目名称")

    def add_project(self) -> None:
        self.form.flush()
        report = self.session.report
        new = Project(department=report.department_name, executor=report.unit)
        self._row = len(report.projects)
        if self._change(lambda ps: ps.append(new), "新增项目"):
            self.form.inputs["name"].setFocus()

    def remove_project(self) -> None:
        row = self._row
        if row < 0:
            return
        name = self.session.report.projects[row].name or UNNAMED
        answer = QMessageBox.question(self, "删除项目", f"删除项目「{name}」及其全部绩效指标吗？\n删除后可以撤销。")
        if answer == QMessageBox.StandardButton.Yes:
            self.form.flush()
            self._change(lambda ps: ps.pop(row), "删除项目")

    def move_project(self, step: int) -> None:
        row, other = self._row, self._row + step
        if row < 0 or not 0 <= other < len(self.session.report.projects):
            return
        self.form.flush()

        def swap(ps):
            ps[row], ps[other] = ps[other], ps[row]
        self._row = other
        self._change(swap, "上移项目" if step < 0 else "下移项目")

    # -- showing -------------------------------------------------------------------
    def _on_changed(self, edit) -> None:
        if PROJECTS in edit.parts:
            self._refresh()

    def _picked(self, current, _previous) -> None:
        if self._syncing or not current.isValid() or current.row() == self._row:
            return
        self._row = current.row()
        self.form.flush()   # what was typed belongs to the project still in the form
        self._show_form()

    def _refresh(self) -> None:
        """The list and the form as the report now is, the selection kept (clamped after a removal)."""
        count = len(self.session.report.projects)
        self._row = min(max(self._row, 0), count - 1)
        self._syncing = True
        self.list_model.refresh()
        if self._row >= 0:
            self.list.setCurrentIndex(self.list_model.index(self._row))
        self._syncing = False
        self._show_form()

    def _show_form(self) -> None:
        self._shown = self._row
        count = len(self.session.report.projects)
        for text, enabled in (("删除", self._row >= 0), ("上移", self._row > 0), ("下移", 0 <= self._row < count - 1)):
            self.buttons[text].setEnabled(enabled)
        self.stack.setCurrentIndex(0 if self._row >= 0 else 1)
        if self._row >= 0:
            self.form.show_project(self.session.report.projects[self._row])
        self._show_findings()

    def _on_checked(self, findings: list[Finding]) -> None:
        self._findings = findings
        self._show_findings()

    def _show_findings(self) -> None:
        mine = [f for f in self._findings if f.table == PROJECT_TABLE]
        self.list_model.set_marks(collect(mine, lambda f: int(f.row) - 1 if f.row.isdigit() else None))
        shown = str(self._shown + 1)
        self.form.set_marks(collect(mine, lambda f: f.column if f.row == shown else None))
        common = [f for f in mine if not f.row]
        self.note.show_note(worst(f.severity for f in common), "\n".join(f.message for f in common))

    def show_finding(self, finding: Finding) -> bool:
        """Selects the project a 项目自评 finding names and puts the cursor on its field."""
        if finding.table != PROJECT_TABLE:
            return False
        if not finding.row:
            self.list.setFocus()
            return True
        index = int(finding.row) - 1 if finding.row.isdigit() else -1
        if not 0 <= index < len(self.session.report.projects):
            return False
        self.list.setCurrentIndex(self.list_model.index(index))
        if not self.form.focus(finding.column):
            self.list.setFocus()
        return True
