"""A table of a report as it stands: its rows, which cells are totals of which,
and the value of every cell.

The declaration (:mod:`kuaiji_desk.core.forms`) fixes the columns and, for fixed
tables, the rows.  Code tables get their rows from the codes the report uses; a 类
or 款 row that has rows below it is their total.  Values are evaluated so that an
edit costs a full re-evaluation of a large report well under the rules' budget:
only total cells are computed, inputs are read straight from the report.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import catalog
from .forms import TOTAL_ROW, CodeTable, FixedTable, Table
from .report import Report


@dataclass
class TableLayout:
    spec: Table
    rows: list[str]                          # display order
    labels: dict[str, str]                   # row → 科目名称 / label
    codes: dict[str, str]                    # row → 功能分类 code (class rows of 01/04, code rows)
    row_cols: dict[str, tuple[str, ...]]     # the columns each row has
    row_terms: dict[str, tuple[str, ...]]    # row = Σ these rows, column by column
    row_rule: dict[str, str]
    col_terms: dict[str, tuple[str, ...]]    # column = Σ these columns, row by row
    col_rule: dict[str, str]
    columns: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.spec.id

    def is_total(self, row: str, col: str) -> bool:
        """Computed, read-only: a total row or a total column."""
        return row in self.row_terms or col in self.col_terms

    def has_cell(self, row: str, col: str) -> bool:
        return col in self.row_cols.get(row, ())

    def row_of_code(self, code: str) -> str | None:
        if isinstance(self.spec, CodeTable):
            return code if code in self.row_cols else None
        for row, c in self.codes.items():
            if c == code:
                return row
        return None


def _fixed_layout(spec: FixedTable) -> TableLayout:
    rows, labels, codes, row_cols, row_terms, row_rule = [], {}, {}, {}, {}, {}
    col_terms, col_rule = {}, {}
    for section in spec.sections:
        section_cols = tuple(c.id for c in section.columns)
        for c in section.columns:
            if c.total_of:
                col_terms[c.id] = c.total_of
                col_rule[c.id] = c.rule
        for r in section.rows:
            rows.append(r.id)
            labels[r.id] = r.label
            if r.code:
                codes[r.id] = r.code
            row_cols[r.id] = section_cols if r.columns is None else r.columns
            if r.total_of:
                row_terms[r.id] = r.total_of
                row_rule[r.id] = r.rule
    return TableLayout(spec, rows, labels, codes, row_cols, row_terms, row_rule, col_terms, col_rule,
                       tuple(c.id for c in spec.columns))


def _code_order(spec: CodeTable, codes: list[str]) -> list[str]:
    if not spec.groups:
        return sorted(codes)
    rank = {cls: (g, i) for g, group in enumerate(spec.groups) for i, cls in enumerate(group.classes)}
    return sorted(codes, key=lambda c: (rank.get(c[:3], (len(spec.groups), 0)), c))


def _code_layout(spec: CodeTable, report: Report) -> TableLayout:
    names = report.code_rows.get(spec.id, {})
    code_list = _code_order(spec, list(names))
    present = set(code_list)
    cols = tuple(c.id for c in spec.columns)
    children: dict[str, list[str]] = {}
    top: list[str] = []
    for code in code_list:
        parent = next((p for p in catalog.ancestors_of(code) if p in present), None)
        if parent is None:
            top.append(code)
        else:
            children.setdefault(parent, []).append(code)
    rows, labels, row_cols, row_terms, row_rule = [], {}, {}, {}, {}
    if spec.total_row:
        rows.append(TOTAL_ROW)
        labels[TOTAL_ROW] = TOTAL_ROW
        row_cols[TOTAL_ROW] = cols
        row_terms[TOTAL_ROW] = tuple(top)
        row_rule[TOTAL_ROW] = spec.hierarchy_rule
    for code in code_list:
        rows.append(code)
        labels[code] = names[code]
        row_cols[code] = cols
        if code in children:
            row_terms[code] = tuple(children[code])
            row_rule[code] = spec.hierarchy_rule
    for group in spec.groups:
        rows.append(group.id)
        labels[group.id] = group.label
        row_cols[group.id] = cols
        row_terms[group.id] = tuple(c for c in group.classes if c in present)
        row_rule[group.id] = group.rule
    col_terms = {c.id: c.total_of for c in spec.columns if c.total_of}
    col_rule = {c.id: c.rule for c in spec.columns if c.total_of}
    codes = {c: c for c in code_list}
    return TableLayout(spec, rows, labels, codes, row_cols, row_terms, row_rule, col_terms, col_rule, cols)


_FIXED_CACHE: dict[int, TableLayout] = {}


def layout(report: Report, table_id: str) -> TableLayout:
    spec = report.forms.table(table_id)
    if isinstance(spec, FixedTable):
        cached = _FIXED_CACHE.get(id(spec))
        if cached is None:
            cached = _FIXED_CACHE[id(spec)] = _fixed_layout(spec)
        return cached
    return _code_layout(spec, report)


def _column_order(lay: TableLayout) -> list[str]:
    """Columns with the columns they are totals of first."""
    done: list[str] = []

    def visit(c):
        if c in done:
            return
        for t in lay.col_terms.get(c, ()):
            visit(t)
        done.append(c)

    for c in lay.columns:
        visit(c)
    return done


def _row_order(lay: TableLayout) -> list[str]:
    """Rows with the rows they are totals of first."""
    done: list[str] = []
    seen: set[str] = set()

    def visit(r):
        if r in seen:
            return
        seen.add(r)
        for t in lay.row_terms.get(r, ()):
            visit(t)
        done.append(r)

    for r in lay.rows:
        visit(r)
    return done


class Values:
    """Every cell's value in a report: stated or typed where the report has one,
    computed where the declaration makes the cell a total.

    ``err`` counts the figures shown rounded to 0.01 万元 that a value rests on: the
    value can be that many times 0.005 万元 from the truth.
    """

    def __init__(self, report: Report):
        self.report = report
        self.layouts: dict[str, TableLayout] = {t.id: layout(report, t.id) for t in report.forms.tables}
        self.computed: dict[tuple[str, str, str], int] = {}
        self.err: dict[tuple[str, str, str], int] = {}
        for lay in self.layouts.values():
            self._evaluate(lay)

    def _evaluate(self, lay: TableLayout) -> None:
        t = lay.id
        computed = self.computed
        err = self.err
        track_err = bool(self.report.rounded)
        row_terms, col_terms, row_cols = lay.row_terms, lay.col_terms, lay.row_cols
        value, err_of = self.value_at, self.err_at

        all_cols = _column_order(lay)
        col_order = [c for c in all_cols if c in col_terms]
        # Column totals of plain rows first, then row totals bottom-up: a row total
        # wins over a column total where a cell is both.
        for r in lay.rows:
            if r in row_terms:
                continue
            have = row_cols[r]
            for c in col_order:
                if c not in have:
                    continue
                key = (t, r, c)
                terms = [(t, r, x) for x in col_terms[c] if x in have]
                computed[key] = sum(value(k) for k in terms)
                if track_err:
                    e = sum(err_of(k) for k in terms)
                    if e:
                        err[key] = e
        for r in _row_order(lay):
            terms_rows = row_terms.get(r)
            if not terms_rows:
                continue
            for c in all_cols:
                if c not in row_cols[r]:
                    continue
                key = (t, r, c)
                terms = [(t, x, c) for x in terms_rows if c in row_cols[x]]
                computed[key] = sum(value(k) for k in terms)
                if track_err:
                    e = sum(err_of(k) for k in terms)
                    if e:
                        err[key] = e

    def value_at(self, key) -> int:
        v = self.report.cells.get(key)
        if v is None:
            v = self.computed.get(key, 0)
        return v

    def err_at(self, key) -> int:
        if key in self.report.cells:
            return 1 if key in self.report.rounded else 0
        return self.err.get(key, 0)

    def value(self, table: str, row: str, col: str) -> int:
        return self.value_at((table, row, col))

    def error_count(self, table: str, row: str, col: str) -> int:
        """How many 0.005 万元 the value may be off by."""
        return self.err_at((table, row, col))

    def is_stated(self, table: str, row: str, col: str) -> bool:
        return (table, row, col) in self.report.cells

    def is_empty(self, table: str) -> bool:
        """No figure at all in the table."""
        lay = self.layouts[table]
        return not any(self.value(table, r, c) for r in lay.rows for c in lay.row_cols[r])
