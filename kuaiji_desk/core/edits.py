"""Changes to a report: the one path every edit takes, whoever makes it.

An edit's ``apply(report)`` changes the report and returns the edit that undoes
it; ``parts`` and ``cells`` say what the store must write.  The window wraps
edits in undo commands; scripts and tests apply them directly.

A total stated by an imported workbook (or typed over by the accountant) is kept,
and compared with its parts, only until something under it changes: the edits a
person makes (:func:`set_figures`, :func:`add_code`, :func:`remove_code`) turn
every stated total above what they change back to computed, in the same step.
"""
from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from typing import Callable

from . import naming
from .catalog import normalise_code as catalog_code
from .layout import TableLayout, layout, rows_above, stated_above, stated_totals
from .names import check_text
from . import layouts
from .report import (
    COMPOSITION, DEPARTMENT, DICT_PARTS, EXPLANATIONS, LAYOUT, NUMBERS, OVERALL, PROJECTS, TEXTS, CellKey, Report,
)


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
    if part == LAYOUT:
        return report.layout
    if part == COMPOSITION:
        return copy.deepcopy(report.composition)
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
    elif part == LAYOUT:
        report.layout = state
    elif part == COMPOSITION:
        report.composition = copy.deepcopy(state)
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
        # Undone in reverse when a cell is set twice; else in the same order, so that the undo
        # names the same cell first (the typed one, before the totals it turned computed).
        if len({k for k, _, _ in before}) < len(before):
            before = tuple(reversed(before))
        return SetCells(before, self.label)


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
    """Figures set as given, nothing else touched (an import, a script)."""
    return SetCells(tuple((k, v, False) for k, v in values.items()), label)


def set_figures(report: Report, values: dict[CellKey, int | None], label: str,
                lay: TableLayout | None = None) -> SetCells:
    """Figures typed, pasted or cleared by the accountant, as one step: each stated total
    above a figure that changes goes back to computed with it (a figure given for a
    stated total itself replaces it, and it stays stated).  Figures that would not change
    are left out.  ``lay``: the layout of the table, when the caller holds it already."""
    cells = report.cells
    changed = {k: v for k, v in values.items() if cells.get(k) != v}
    by_table: dict[str, list[tuple[str, str]]] = {}
    for t, r, c in changed:
        by_table.setdefault(t, []).append((r, c))
    stale: list[CellKey] = []
    for t, keys in by_table.items():
        table_layout = lay if lay is not None and lay.id == t else layout(report, t)
        stale += stated_above(report, table_layout, keys)
    return SetCells(tuple((k, v, False) for k, v in changed.items())
                    + tuple((k, None, False) for k in stale), label)


def _drop_stated_rows(report: Report, table: str, rows) -> None:
    """Every stated figure of these (total) rows goes: they are computed again."""
    rows = set(rows)
    for key in [k for k in report.cells if k[0] == table and k[1] in rows]:
        report.set(*key, None)


def add_code(report: Report, table: str, code: str, name: str | None = None) -> ReplacePart:
    """A code row (with its 类 and 款 where missing); the totals above it that were totals
    already (the 合计, a 类 with other 款 …) go back to computed.  A row that only now
    becomes a total (a 款 that held figures of its own) keeps them, stated, to be compared
    with the new rows until one of them is filled."""
    def mutate(r: Report) -> None:
        before = layout(r, table).row_terms
        r.add_code(table, code, name)
        added = layout(r, table)
        _drop_stated_rows(r, table, [row for row in rows_above(added, catalog_code(code)) if row in before])
    return change_part(report, table, mutate, f"新增科目 {code}")


def remove_code(report: Report, table: str, code: str) -> ReplacePart:
    """A code row with its figures and the rows below it; every total above it goes back
    to computed (its figures leave them)."""
    def mutate(r: Report) -> None:
        above = rows_above(layout(r, table), code)
        r.remove_code(table, code)
        _drop_stated_rows(r, table, above)
    return change_part(report, table, mutate, f"删除科目 {code}")


def reset_stated(report: Report, table: str | None = None) -> SetCells:
    """全部按计算值: every stated total of one table (or of the whole report) dropped, so that
    each shows its computed sum; one step, undone as one.  Nothing to do when
    :func:`kuaiji_desk.core.layout.stated_totals` is empty (the edit then changes nothing)."""
    label = "全部按计算值" if table is None else f"{report.forms.table(table).label}全部按计算值"
    return SetCells(tuple((k, None, False) for k in stated_totals(report, table)), label)


def set_text(report: Report, key: str, value: str) -> ReplacePart:
    """Raises :class:`names.InvalidText` for a text longer than an Excel cell holds: refused
    when typed, rather than cut when exported."""
    check_text(value, naming.field_name(report, key))

    def mutate(r):
        if value.strip():
            r.texts[key] = value
        else:
            r.texts.pop(key, None)
    return change_part(report, TEXTS, mutate, f"修改 {naming.field_name(report, key)}")


def set_number(report: Report, key: str, value: int | None, part: str = NUMBERS) -> ReplacePart:
    def mutate(r):
        values = getattr(r, DICT_PARTS[part])
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    return change_part(report, part, mutate, f"修改 {naming.field_name(report, key)}")


def set_explanation(report: Report, key: str, text: str) -> ReplacePart:
    def mutate(r):
        if text.strip():
            r.explanations[key] = text.strip()
        else:
            r.explanations.pop(key, None)
    return change_part(report, EXPLANATIONS, mutate, "填写校验结果的说明")


def change_projects(report: Report, mutate: Callable[[Report], None], label: str) -> ReplacePart:
    return change_part(report, PROJECTS, mutate, label)


def change_overall(report: Report, mutate: Callable[[Report], None], label: str) -> ReplacePart:
    return change_part(report, OVERALL, mutate, label)


def set_published(report: Report, published: Report, label: str) -> ReplacePart:
    """A 部门's own published workbook (read into ``published``): its figures kept beside the sum,
    which they are compared with (B17.3); the sum itself is its units'."""
    composition = dataclasses.replace(report.composition, published=dict(published.cells),
                                      published_rounded=frozenset(published.rounded))
    return ReplacePart(COMPOSITION, composition, label)


def set_layout(report: Report, name: str) -> Batch:
    """The report printed in another publication layout (core.layouts); its cells stay, and
    the code rows that layout prints even when empty (上海's 06 has 31001 …) are added."""
    label = f"公开表式样改为「{layouts.get(name).title}」"
    steps = [ReplacePart(LAYOUT, name, label)]
    for spec in layouts.get(name).tables:
        missing = [c for c in getattr(spec, "default_codes", ()) if c not in report.code_rows.get(spec.id, {})]
        if missing:
            steps.append(change_part(report, spec.id, lambda r, t=spec.id, codes=missing: [r.add_code(t, c) for c in codes],
                                     label))
    return Batch(tuple(steps), label)


def replace_report(report: Report, new: Report, label: str) -> Batch:
    """Everything of ``new`` (an imported report) into ``report``, as one step."""
    parts = [LAYOUT] + [t.id for t in report.forms.tables] + [PROJECTS, OVERALL, *DICT_PARTS, DEPARTMENT]
    return Batch(tuple(ReplacePart(p, snapshot(new, p), label) for p in parts), label)
