"""Where an edit happened: the table and cell, the project or the field it changed.

Undo and redo bring that place to the front, so the accountant sees what came back.
A place is named like a finding: (table, row, column), with the findings' names for
the places that are not 公开表 (情况说明, 整体自评, 项目自评).
"""
from __future__ import annotations

from typing import NamedTuple

from .edits import Batch, ReplacePart, SetCells
from .report import COMPOSITION, DEPARTMENT, DICT_PARTS, EXPLANATIONS, LAYOUT, OVERALL, PROJECTS
from .rules.findings import NARRATIVE_TABLE, OVERALL_TABLE, PROJECT_TABLE


class Place(NamedTuple):
    table: str
    row: str = ""
    column: str = ""


def where(edit, undone) -> Place | None:
    """The place ``edit`` changed; ``undone`` is the edit that takes it back (its states are
    the ones before).  None where no single place says it (an import)."""
    if isinstance(edit, SetCells):
        return Place(*edit.keys[0]) if edit.keys else None
    if isinstance(edit, Batch):
        return None
    if not isinstance(edit, ReplacePart):
        return None
    part, after, before = edit.part, edit.state, undone.state
    if part in DICT_PARTS:
        if part == EXPLANATIONS:
            return None
        changed = sorted(k for k in after.keys() | before.keys() if after.get(k) != before.get(k))
        return Place(NARRATIVE_TABLE, "", changed[0]) if changed else Place(NARRATIVE_TABLE)
    if part in (DEPARTMENT, LAYOUT):
        return Place(NARRATIVE_TABLE)
    if part == COMPOSITION:
        return None   # a 部门's published tables: no one place
    if part == OVERALL:
        return Place(OVERALL_TABLE)
    if part == PROJECTS:
        differ = [i for i in range(max(len(after), len(before)))
                  if i >= len(after) or i >= len(before) or after[i] != before[i]]
        row = min(differ[0], len(after) - 1) if differ and after else -1
        return Place(PROJECT_TABLE, str(row + 1) if row >= 0 else "")
    codes_after, _, _ = after
    codes_before, _, _ = before
    added = sorted(set(codes_after or {}) - set(codes_before or {}))
    return Place(part, added[0] if added else "")
