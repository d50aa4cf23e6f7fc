"""Which publication layout (core.layouts) a set of workbooks was printed in, from what is
printed on them: the table titles each layout gives its tables (上海's 「一般公共预算财政拨款
基本支出决算表」, 「国有资本经营预算财政拨款收入支出决算表」), its labels (公开0N表, or none),
and where titles leave two layouts level (上海's 24 类 or 26 类), the rows the tables print.

Our own export says its layout in its data sheet (:mod:`.datasheet`); this is for the others.
"""
from __future__ import annotations

import dataclasses
import re

from .. import layouts
from ..layouts import Layout
from .errors import WorkbookError
from .grid import Grid, compact, unquoted
from .locate import find_regions, unit_of
from .tables import read_table

DEFAULT_UNIT = "万元"


def recognise(grids: list[Grid], year: int) -> Layout:
    """The layout whose tables the grids print most of; among equals, the one of ``year`` (or the
    nearest year), then the one whose rows the sheets print best, then the first listed."""
    found: dict[tuple, int] = {}          # a way of reading → how many tables it finds
    scored: dict[tuple, list[Layout]] = {}
    for layout in layouts.all_layouts():
        key = _reading(layout)
        if key not in found:
            found[key] = _tables_found(grids, year, layout)
        scored.setdefault((found[key], -abs(layout.year - year)), []).append(layout)
    best = scored[max(scored)]
    readings = _distinct(best)
    if len(readings) > 1:
        fits = [(_misfit(grids, year, x), i) for i, x in enumerate(readings)]
        chosen = _reading(readings[min(fits)[1]])
        best = [x for x in best if _reading(x) == chosen]
    if len(best) > 1:
        # Read alike (湖北's and the central one): the words under the tables may tell them apart.
        texts = [unquoted(grid.key(r, c)) for grid in grids for (r, c), v in grid.values.items() if isinstance(v, str)]
        said = [(_words_found(texts, year, x), -i) for i, x in enumerate(best)]
        best = [best[-max(said)[1]]]
    return best[0]


def _tables_found(grids: list[Grid], year: int, layout: Layout) -> int:
    kinds: set[str] = set()
    for grid in grids:
        try:
            kinds |= {r.kind for r in find_regions(grid, year, layout.tables)}
        except WorkbookError:   # a title that contradicts its label: told when read for real
            continue
    return len(kinds & {t.id for t in layout.tables})


def _reading(layout: Layout) -> tuple:
    """What reading a workbook looks for in a layout: all but the words printed under the tables.
    (Layouts list in rank order, so the first of those that read alike is the preferred one.)"""
    return tuple(repr(dataclasses.replace(t, note="", empty_statement="", sheet="", tab="")) for t in layout.tables)


def _distinct(candidates: list[Layout]) -> list[Layout]:
    """The first of the layouts that read a workbook alike (湖北's and the central one)."""
    seen: set[tuple] = set()
    out = []
    for x in candidates:
        key = _reading(x)
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out


def _words_found(texts: list[str], year: int, layout: Layout) -> int:
    """How many of the layout's empty-table statements the sheets print (its own wording)."""
    found = 0
    for t in layout.tables:
        if t.empty_statement:
            pattern = ".*".join(re.escape(unquoted(compact(piece.format(year=year))))
                                for piece in t.empty_statement.split("{unit}"))
            found += any(re.search(pattern, text) for text in texts)
    return found


def _misfit(grids: list[Grid], year: int, layout: Layout) -> float:
    total = 0
    for grid in grids:
        try:
            for region in find_regions(grid, year, layout.tables):
                if region.kind in {t.id for t in layout.tables}:
                    table = read_table(region, layout.table(region.kind), unit_of(region) or DEFAULT_UNIT)
                    total += table.misfit + len(table.unplaced)
        except WorkbookError:
            return float("inf")
    return total
