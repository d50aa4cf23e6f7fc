"""Whose report, and of which year, a set of workbooks holds: read from their titles
(「2023年度收入支出决算总表」) and 「部门：…」 lines, or from our export's data sheet.

从上年Excel开始 proposes that unit and the following year, and says so before anything is
made when the accountant chooses otherwise.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from ..forms import for_year
from .datasheet import DATA_SHEET
from .grid import Grid, compact, unquoted
from .locate import department_in
from .opening import read_grids

_TITLE_YEAR = re.compile(r"^(\d{4})年度?(.+)$")


@dataclass(frozen=True)
class Origin:
    unit: str | None
    year: int | None


def workbook_origin(paths: list[str | PathLike], year_hint: int) -> Origin:
    """The unit and year most of the workbooks' titles and 部门 lines name (None where none do).
    ``year_hint`` picks the table names to look for; they change little between years."""
    names = [unquoted(compact(t.name)) for t in for_year(year_hint).tables]
    units: Counter[str] = Counter()
    years: Counter[int] = Counter()
    for path in paths:
        for grid in read_grids(Path(path)):
            if grid.sheet == DATA_SHEET:
                saved = _saved_report(grid)
                if saved is not None:
                    return saved
                continue
            for (r, c), value in grid.values.items():
                if not isinstance(value, str):
                    continue
                department = department_in(grid.text(r, c))
                if department:
                    units[department] += 1
                m = _TITLE_YEAR.match(unquoted(grid.key(r, c)))
                if m and any(m.group(2).endswith(name) for name in names):
                    years[int(m.group(1))] += 1
    return Origin(_most(units), _most(years))


def _most(counter: Counter):
    return counter.most_common(1)[0][0] if counter else None


def _saved_report(grid: Grid) -> Origin | None:
    """Our export says whose report it is in its data sheet's 「report」 record."""
    for r in range(1, grid.max_row + 1):
        if grid.raw(r, 1) == "report":
            unit, year = grid.raw(r, 2), grid.raw(r, 3)
            if isinstance(unit, str) and isinstance(year, int) and not isinstance(year, bool):
                return Origin(unit, year)
    return None
