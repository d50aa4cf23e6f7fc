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
from functools import cached_property

from .forms import TOTAL_ROW, CodeTable, FixedTable, Table
from .report import CellKey, Report


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
        return self.rows_by_code.get(code)

    def __post_init__(self):
        self.rows_by_code = {c: r for r, c in self.codes.items()}

    @cached_property
    def row_parents(self) -> dict[str, tuple[str, ...]]:
        """row → the total rows it is a term of (a 项 → its 款; 01's 行27 → 行30)."""
        return _inverse(self.row_terms)

    @cached_property
    def col_parents(self) -> dict[str, tuple[str, ...]]:
        """column → the total columns it is a term of (02's 栏2 → 栏1)."""
        return _inverse(self.col_terms)


def _inverse(terms: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    parents: dict[str, list[str]] = {}
    for total, parts in terms.items():
        for part in parts:
            parents.setdefault(part, []).append(total)
    return {part: tuple(totals) for part, totals in parents.items()}


def _above(parents: dict[str, tuple[str, ...]], start: str) -> list[str]:
    """Every total ``start`` is a term of, directly or through other totals, nearest first."""
    out: list[str] = []
    todo = list(parents.get(start, ()))
    while todo:
        item = todo.pop(0)
        if item not in out and item != start:
            out.append(item)
            todo.extend(parents.get(item, ()))
    return out


def rows_above(lay: TableLayout, row: str) -> list[str]:
    """The total rows a row's figures go into: a 项's 款, 类 and 合计; 01's 行1 → 27 → 30."""
    return _above(lay.row_parents, row)


def totals_above(lay: TableLayout, row: str, col: str) -> list[tuple[str, str]]:
    """Every total cell whose value rests on the cell (row, col): in its row, the column totals
    the column goes into; in its column, the total rows the row goes into; and so on
    transitively — every (row or a total row above it) × (column or a total column above it)
    that the table has, the cell itself left out.

    02's 2010350 栏2 → (2010350, 1), (20103, 2), (20103, 1), (201, 2), (201, 1), (合计, 2), (合计, 1).
    """
    rows = [row, *rows_above(lay, row)]
    cols = [col, *_above(lay.col_parents, col)]
    row_cols = lay.row_cols
    return [(r, c) for r in rows for c in cols
            if (r, c) != (row, col) and c in row_cols.get(r, ())]


def stated_above(report: Report, lay: TableLayout, cells) -> list[CellKey]:
    """The stated totals of the table that rest on any of ``cells`` ((row, col) pairs) and
    are not among them: what an edit of those cells makes stale."""
    t = lay.id
    figures = report.cells
    own = dict.fromkeys(cells)
    out: dict[CellKey, None] = {}
    for row, col in own:
        for r, c in totals_above(lay, row, col):
            key = (t, r, c)
            if key in figures and (r, c) not in own:
                out[key] = None
    return list(out)


def stated_totals(report: Report, table: str | None = None) -> list[CellKey]:
    """The totals the report states (as imported or typed over) rather than computes, of one
    table or of every table."""
    tables = [table] if table is not None else [t.id for t in report.forms.tables]
    by_table: dict[str, list[CellKey]] = {t: [] for t in tables}
    for key in report.cells:
        if key[0] in by_table:
            by_table[key[0]].append(key)
    out: list[CellKey] = []
    for t, keys in by_table.items():
        if keys:
            lay = layout(report, t)
            out += [k for k in keys if lay.is_total(k[1], k[2])]
    return out


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
        parent = code[:5] if len(code) == 7 and code[:5] in present else None
        if parent is None and len(code) in (5, 7) and code[:3] in present:
            parent = code[:3]
        if parent is None:
            top.append(code)
        else:
            children.setdefault(parent, []).append(code)
    rows, labels, row_cols, row_terms, row_rule = [], {}, {}, {}, {}
    if spec.total_row:
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
    if spec.total_row:   # above the codes, or under them where a layout prints it so (上海's 五)
        rows.insert(len(rows) if spec.total_at == "bottom" else 0, TOTAL_ROW)
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
    """The table of the data model, as the rules and the sums see it."""
    return printed_layout(report, report.forms.table(table_id))


def printed_layout(report: Report, spec: Table) -> TableLayout:
    """A table as ``spec`` — the data model's declaration or a layout's rendering of it
    (core.layouts) — prints it: its rows in print order with their printed labels, its
    printed columns.  The totals are the data model's (a rendering keeps them)."""
    if isinstance(spec, FixedTable):
        cached = _FIXED_CACHE.get(id(spec))
        if cached is None:
            cached = _FIXED_CACHE[id(spec)] = _fixed_layout(spec)
        return cached
    return _code_layout(spec, report)


def printed_cells(lay: TableLayout) -> set[tuple[str, str]]:
    """The (row, column) cells a table as printed (:func:`printed_layout`) shows a figure in."""
    columns = set(lay.columns)
    return {(r, c) for r in lay.rows for c in lay.row_cols[r] if c in columns}


def side_block_rows(lay: TableLayout) -> list[list[str]]:
    """The code rows of each block a table is printed in side by side (06), in print
    order: the named classes in their declared order, then any other class by code in
    the last block.  Group totals are not in them: they print under their group's
    first block."""
    blocks = lay.spec.side_blocks
    groups = {g.id for g in lay.spec.groups}
    home = {cls: i for i, b in enumerate(blocks) for cls in b.classes}
    rows: list[list[str]] = [[] for _ in blocks]
    for row in lay.rows:
        if row not in groups:
            rows[home.get(row[:3], len(blocks) - 1)].append(row)
    for block, block_rows in zip(blocks, rows):
        block_rows.sort(key=lambda code: (block.classes.index(code[:3]) if code[:3] in block.classes
                                          else len(block.classes), code))
    return rows


def column_order(lay: TableLayout) -> list[str]:
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


def row_order(lay: TableLayout) -> list[str]:
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


class TableValues:
    """One table evaluated: the computed value of every total cell.

    ``err`` counts the figures shown rounded to 0.01 万元 that a computed value
    rests on: the value can be that many times 0.005 万元 from the truth.
    """

    def __init__(self, report: Report, lay: TableLayout, stated: dict[str, dict[str, int]]):
        self.layout = lay
        self.computed: dict[tuple[str, str, str], int] = {}
        self.err: dict[tuple[str, str, str], int] = {}
        self.stated = stated  # the report's figures of this table: row → column → 分
        self._evaluate(report.rounded)

    def _evaluate(self, rounded) -> None:
        # The hot path of every check: work in proportion to the figures present,
        # one dict of column → value per row.  A row total wins over a column
        # total where a cell is both.
        lay, stated = self.layout, self.stated
        t = lay.id
        track = bool(rounded)
        computed, err = self.computed, self.err
        row_terms, col_terms, row_cols = lay.row_terms, lay.col_terms, lay.row_cols
        col_plan = [(c, frozenset(col_terms[c])) for c in column_order(lay) if c in col_terms]
        effective: dict[str, dict[str, int]] = {}
        effective_err: dict[str, dict[str, int]] = {}

        for r in lay.rows:
            if r in row_terms:
                continue
            own = stated.get(r)
            if not own:
                effective[r] = effective_err[r] = {}  # every column total of an empty row is 0
                continue
            vals = dict(own)
            errs = {c: 1 for c in own if (t, r, c) in rounded} if track else {}
            have = row_cols[r]
            for c, terms in col_plan:
                if c not in have:
                    continue
                total = sum([v for x, v in vals.items() if x in terms])
                e = sum([v for x, v in errs.items() if x in terms]) if errs else 0
                key = (t, r, c)
                computed[key] = total
                if e:
                    err[key] = e
                if c not in vals:
                    vals[c] = total
                    if e:
                        errs[c] = e
            effective[r] = vals
            effective_err[r] = errs
        for r in row_order(lay):
            children = row_terms.get(r)
            if children is None:
                continue
            have = row_cols[r]
            acc: dict[str, int] = {}
            acc_err: dict[str, int] = {}
            for child in children:
                for c, v in effective[child].items():
                    acc[c] = acc.get(c, 0) + v
                if track:
                    for c, e in effective_err[child].items():
                        acc_err[c] = acc_err.get(c, 0) + e
            for c, v in acc.items():
                if c in have:
                    computed[(t, r, c)] = v
            for c, e in acc_err.items():
                if c in have:
                    err[(t, r, c)] = e
            own = stated.get(r)
            if own:
                acc.update(own)
                for c in own:
                    if (t, r, c) in rounded:
                        acc_err[c] = 1
                    else:
                        acc_err.pop(c, None)
            effective[r] = acc
            effective_err[r] = acc_err


class Values:
    """Every cell's value in a report: stated or typed where the report has one,
    computed where the declaration makes the cell a total.

    Tables are evaluated when first asked for.  Given the ``cache`` of an earlier
    check of the same report, a table whose revision has not moved is reused.
    """

    def __init__(self, report: Report, cache: dict | None = None):
        self.report = report
        self._cache = cache if cache is not None else {}
        self._tables: dict[str, TableValues] = {}
        # With nothing cached every table will be evaluated: group all figures in
        # one pass.  After an edit usually one table is: pick out its figures only.
        self._group_all = not self._cache
        self._grouped: dict[str, dict[str, dict[str, int]]] = {}

    def _stated(self, table: str) -> dict[str, dict[str, int]]:
        """The report's figures of a table by row: row → column → 分."""
        if self._group_all:
            self._group_all = False
            for (t, r, c), v in self.report.cells.items():
                self._grouped.setdefault(t, {}).setdefault(r, {})[c] = v
            for t in self.report.forms.tables:
                self._grouped.setdefault(t.id, {})
        if table not in self._grouped:
            rows = self._grouped[table] = {}
            for (t, r, c), v in self.report.cells.items():
                if t == table:
                    rows.setdefault(r, {})[c] = v
        return self._grouped[table]

    def table(self, table: str) -> TableValues:
        tv = self._tables.get(table)
        if tv is None:
            revision = self.report.revision(table)
            hit = self._cache.get(table)
            if hit is not None and hit[0] == revision:
                tv = hit[1]
            else:
                tv = TableValues(self.report, layout(self.report, table), self._stated(table))
                self._cache[table] = (revision, tv)
            self._tables[table] = tv
        return tv

    def layout(self, table: str) -> TableLayout:
        return self.table(table).layout

    def value_at(self, key) -> int:
        v = self.report.cells.get(key)
        if v is None:
            v = self.table(key[0]).computed.get(key, 0)
        return v

    def err_at(self, key) -> int:
        if key in self.report.cells:
            return 1 if key in self.report.rounded else 0
        return self.table(key[0]).err.get(key, 0)

    def computed(self, table: str, row: str, col: str) -> int:
        """What the declaration's sum gives, whatever the report states."""
        return self.table(table).computed.get((table, row, col), 0)

    def value(self, table: str, row: str, col: str) -> int:
        return self.value_at((table, row, col))

    def error_count(self, table: str, row: str, col: str) -> int:
        """How many 0.005 万元 the value may be off by."""
        return self.err_at((table, row, col))

    def is_stated(self, table: str, row: str, col: str) -> bool:
        return (table, row, col) in self.report.cells

    def is_empty(self, table: str) -> bool:
        """No figure at all in the table."""
        lay = self.layout(table)
        return not any(self.value(table, r, c) for r in lay.rows for c in lay.row_cols[r])


def headline_total(values: Values, spec) -> int:
    """The figure that sums a table up (its declared headline cells, e.g. 01's 收入总计)."""
    return sum(values.value(spec.id, row, col) for row, col in spec.headline_cells())
