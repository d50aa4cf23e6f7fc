"""What was read from the workbooks, before it touches a report."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..report import Overall, Project


@dataclass
class ImportedTable:
    id: str                                   # '01' … '09'
    unit: str                                 # '万元' or '元', as printed
    source: tuple[str, str]                   # (file name, sheet name)
    cells: dict[tuple[str, str], int] = field(default_factory=dict)   # (row, column) → 分
    rounded: set[tuple[str, str]] = field(default_factory=set)        # shown to 0.01 万元 only
    code_names: dict[str, str] = field(default_factory=dict)          # code → name as printed
    notes: list[str] = field(default_factory=list)                    # what the reader changed, in Chinese
    # How far the printed rows differ from the layout read with: rows it prints that the sheet
    # lacks, and rows the sheet has that it does not print (上海's 24 类 read from a 26 类 sheet).
    misfit: int = 0
    # Cells with a figure that belongs to no cell of the table (a row or code it does not have),
    # one Chinese line each naming the sheet and cell: never dropped without a word.
    unplaced: list[str] = field(default_factory=list)

    def unplace(self, what: str, amounts) -> None:
        """Notes a row's figures that cannot be placed; zeros are nothing to place (units
        print 0.00 in every empty cell, blank rows included)."""
        if any(a is not None and a[0] != 0 for a in amounts):
            self.unplaced.append(what)

    def put(self, row: str, col: str, amount: tuple[int, bool] | None) -> None:
        """Keeps a read amount; a blank cell is not a value and is not kept."""
        if amount is None:
            return
        fen, rounded = amount
        self.cells[(row, col)] = fen
        if rounded:
            self.rounded.add((row, col))


@dataclass
class ImportedData:
    tables: dict[str, ImportedTable] = field(default_factory=dict)
    department: str | None = None
    projects: list[Project] | None = None
    overall: Overall | None = None
    found: list[str] = field(default_factory=list)   # what was read, in Chinese, for the accountant
    # Read from the data sheet of an exported workbook only (None: not read, kept).
    texts: dict[str, str] | None = None
    numbers: dict[str, int] | None = None
    last_year: dict[str, int] | None = None
    explanations: dict[str, str] | None = None
    exact: bool = False   # the whole report as saved: code rows and overall taken as they are
    # The publication layout the workbooks were printed in (core.layouts), where it was told:
    # by the data sheet of our export, or by the tables' titles and labels.
    layout: str | None = None
    unplaced: list[str] = field(default_factory=list)   # every table's, in the layout's order
