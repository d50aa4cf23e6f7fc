"""Table and field declarations, per year."""
from __future__ import annotations

from . import fields, tables_2024
from .spec import TOTAL_ROW, CodeTable, Column, FixedTable, FormSet, Group, Row, Section, SideBlock, Table, TextField

__all__ = [
    "TOTAL_ROW", "CodeTable", "Column", "FixedTable", "FormSet", "Group", "Row", "Section", "SideBlock", "Table",
    "TextField", "for_year",
]

_FORMS_2024 = None


def for_year(year: int) -> FormSet:
    """The declarations in force for ``year``'s report: the data model, whose cells the
    rules check and every publication layout (core.layouts) prints.

    Only the 2022–2025 tables are declared so far; other years use them too.
    """
    global _FORMS_2024
    if _FORMS_2024 is None:
        _FORMS_2024 = FormSet(2024, tables_2024.TABLES, fields.FIELDS + fields.LAST_YEAR)
    return _FORMS_2024
