"""Changes to a report: the one path every edit takes, whoever makes it.

An edit's ``apply(report)`` changes the report and returns the edit that undoes
it; ``parts`` and ``cells`` say what the store must write.  The window wraps
edits in undo commands; scripts and tests apply them directly.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Callable

from .report import DEPARTMENT, DICT_PARTS, EXPLANATIONS, NUMBERS, OVERALL, PROJECTS, TEXTS, CellKey, Report


def snapshot(report: Report, part: str):
    """A copy of one part's state, for :func:`restore`."""
    if part in DICT_PARTS:
        return dict(getattr(report, DICT_PARTS[part]))
    if part == PROJECTS:
        return copy.deepcopy(report.projects)
    if part == OVERALL:
        return copy.deepcopy(report.overall)
    if part == DEPARTMENT:
        return report.department
    return (
        dict(report.code_rows[part]) if part in report.code_rows else None,
        {k: v for k, v in report.cells.items() if k[0] == part},
        {k for k in report.rounded if k[0] == part},
    )


def restore(report: Report, part: str, state) -> None:
    if part in DICT_PARTS:
        setattr(report, DICT_PARTS[part], dict(state))
    elif part == PROJECTS:
        report.projects = copy.deepcopy(state)
    elif part == OVERALL:
        report.overall = copy.deepcopy(state)
    elif part == DEPARTMENT:
        report.department = state
    else:
        code_rows, cells, rounded = state
        report.clear_table(part)
        if code_rows is not None:
            report.code_rows[part] = dict(code_rows)
        report.cells.update(cells)
        report.rounded |= rounded
    report.touch(part)


@dataclass(frozen=True)
class SetCells:
    """Figures of single cells: (key, 分 or None to clear, rounded)."""
    cells: tuple[tuple[CellKey, int | None, bool], ...]
    label: str = "编辑单元格"

    parts = ()

    @property
    def keys(self) -> tuple[CellKey, ...]:
        return tuple(k for k, _, _ in self.cells)

    def apply(self, report: Report) -> "SetCells":
        before = tuple((k, report.cells.get(k), k in report.rounded) for k, _, _ in self.cells)
        for key, fen, rounded in self.cells:
            report.set(*key, fen, rounded)
        return SetCells(tuple(reversed(before)), self.label)


@dataclass(frozen=True)
class ReplacePart:
    """A whole part (a table with its code rows, the projects, the texts …) replaced."""
    part: str
    state: object
    label: str

    @property
    def parts(self) -> tuple[str, ...]:
        return (self.part,)

    keys = ()

    def apply(self, report: Report) -> "ReplacePart":
        before = snapshot(report, self.part)
        restore(report, self.part, self.state)
        return ReplacePart(self.part, before, self.label)


@dataclass(frozen=True)
class Batch:
    """Several edits as one step (an import, a paste that adds rows)."""
    edits: tuple
    label: str

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p for e in self.edits for p in e.parts))

    @property
    def keys(self) -> tuple[CellKey, ...]:
        return tuple(dict.fromkeys(k for e in self.edits for k in e.keys))

    def apply(self, report: Report) -> "Batch":
        undo = [e.apply(report) for e in self.edits]
        return Batch(tuple(reversed(undo)), self.label)


def change_part(report: Report, part: str, mutate: Callable[[Report], None], label: str) -> ReplacePart:
    """The edit that makes ``mutate``'s change to one part, without making it yet."""
    before = snapshot(report, part)
    mutate(report)
    after = snapshot(report, part)
    restore(report, part, before)
    return ReplacePart(part, after, label)


# -- the edits the window and scripts make -------------------------------------------

def set_cell(table: str, row: str, col: str, fen: int | None) -> SetCells:
    """A typed figure: known to the 分, whatever unit it was typed in."""
    return SetCells((((table, row, col), fen, False),))


def set_cells(values: dict[CellKey, int | None], label: str) -> SetCells:
    return SetCells(tuple((k, v, False) for k, v in values.items()), label)


def add_code(report: Report, table: str, code: str, name: str | None = None) -> ReplacePart:
    return change_part(report, table, lambda r: r.add_code(table, code, name), f"新增科目 {code}")


def remove_code(report: Report, table: str, code: str) -> ReplacePart:
    return change_part(report, table, lambda r: r.remove_code(table, code), f"删除科目 {code}")


def set_text(report: Report, key: str, value: str) -> ReplacePart:
    def mutate(r):
        if value.strip():
            r.texts[key] = value
        else:
            r.texts.pop(key, None)
    return change_part(report, TEXTS, mutate, "编辑说明文字")


def set_number(report: Report, key: str, value: int | None, part: str = NUMBERS) -> ReplacePart:
    def mutate(r):
        values = getattr(r, DICT_PARTS[part])
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    return change_part(report, part, mutate, "编辑数字")


def set_explanation(report: Report, key: str, text: str) -> ReplacePart:
    def mutate(r):
        if text.strip():
            r.explanations[key] = text.strip()
        else:
            r.explanations.pop(key, None)
    return change_part(report, EXPLANATIONS, mutate, "编辑说明")


def change_projects(report: Report, mutate: Callable[[Report], None], label: str) -> ReplacePart:
    return change_part(report, PROJECTS, mutate, label)


def change_overall(report: Report, mutate: Callable[[Report], None], label: str) -> ReplacePart:
    return change_part(report, OVERALL, mutate, label)


def replace_report(report: Report, new: Report, label: str) -> Batch:
    """Everything of ``new`` (an imported report) into ``report``, as one step."""
    parts = [t.id for t in report.forms.tables] + [PROJECTS, OVERALL, *DICT_PARTS, DEPARTMENT]
    return Batch(tuple(ReplacePart(p, snapshot(new, p), label) for p in parts), label)
