"""The numbered list of a report's projects; a name edited in place renames the project."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from ..core.report import Project
from .style import SEVERITY_BACKGROUND

UNNAMED = "（未命名项目）"


def project_title(number: int, project: Project) -> str:
    return f"{number}. {project.name or UNNAMED}"


class ProjectListModel(QAbstractListModel):
    def __init__(self, projects: Callable[[], list[Project]], rename: Callable[[int, str], bool], parent=None,
                 unit_of: Callable[[Project], str] | None = None):
        super().__init__(parent)
        self._projects = projects     # the report's list, read afresh: edits replace it
        self._rename = rename
        self._unit_of = unit_of       # a 部门's: the unit each project is one of
        self._count = len(projects())
        self._marks: dict[int, tuple[str, str]] = {}

    def refresh(self) -> None:
        count = len(self._projects())
        if count != self._count:
            self.beginResetModel()
            self._count = count
            self.endResetModel()
        elif count:
            self.dataChanged.emit(self.index(0), self.index(count - 1))

    def set_marks(self, marks: dict[int, tuple[str, str]]) -> None:
        if marks != self._marks:
            self._marks = dict(marks)
            self.refresh()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            project = self._projects()[row]
            unit = self._unit_of(project) if self._unit_of else ""
            return project_title(row + 1, project) + (f"（{unit}）" if unit else "")
        if role == Qt.ItemDataRole.EditRole:
            return self._projects()[row].name
        mark = self._marks.get(row)
        if mark and role == Qt.ItemDataRole.BackgroundRole:
            return SEVERITY_BACKGROUND[mark[0]]
        if mark and role == Qt.ItemDataRole.ToolTipRole:
            return mark[1]
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        name = str(value or "").strip()
        if name == self._projects()[index.row()].name:
            return False
        return self._rename(index.row(), name)
