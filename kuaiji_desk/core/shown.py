"""舍位平衡: the figures a printed table shows, in whole 0.01 万元, so that it adds up on paper.

Figures kept to the 分 are shown in 万元 with two decimals.  Rounded one by one, a
total and the sum of its rounded parts can differ by 0.01; the published tables
balance them.  One rule does it, the same for every table:

1. What is printed: every figure the report holds, and every total with at least one
   printed part.  A total is worked out from its parts' exact values.  A total stated
   by an imported workbook that only the rounding of its parts separates from their
   sum (a 尾数 notice: 1286.76 over parts that add up to 1286.75) prints as stated —
   it is the one figure known for it, and the same total in the next table prints
   the same — and any residue goes down into the parts by rule 2.  A stated total
   further off prints as the sum of its parts (the rules report it as an error).
2. Top down.  A figure that no total above fixes keeps its own rounding (half up).
   The parts of a total are balanced to the total's shown value: each part takes its
   own rounding, then the residue is handed out 0.01 万元 at a time to the parts with
   the largest rounding remainder in the residue's direction, the first printed
   first among equals.  Only parts kept to the 分 take a residue: a part already in
   whole 0.01 万元 (and 0) prints as it is, so a report read from 万元 tables prints
   exactly as it was published, its 尾数 included (the note under every table says so).
3. Order.  A row that is no part of a row total (合计, 总计, a 06 group, a row on its
   own) is balanced first along its columns, a total column before its parts (09:
   合计 → 出国, 车小计, 接待; 车小计 → 购置, 运行).  Then each total row hands its
   figures down to its part rows, column by column.  Below such a top row a total
   column is the sum of the row's shown parts (a 类's 本年支出合计 is its shown
   基本支出 + 项目支出), so row and column identities hold together.

A figure already in whole 0.01 万元 (read from a 万元 table) has no remainder and
prints unchanged.  The same amount in two tables is balanced in each table on its
own, so two tables can show it 0.01 apart where the rule had to move it in one.
"""
from __future__ import annotations

from .layout import TableLayout, Values, column_order, row_order
from .money import FEN_PER_WAN, round_to_shown, within_rounding
from .report import Report

STEP = FEN_PER_WAN // 100   # 0.01 万元 in 分

Cell = tuple[str, str]      # (row, column)


def shown_values(report: Report, table_id: str) -> dict[Cell, int]:
    """(row, column) → 分, a multiple of 0.01 万元, for every printed figure of the table."""
    table = Values(report).table(table_id)
    exact = _exact(report, table.layout, table.err)
    return _Balancer(table.layout, exact).run()


def _exact(report: Report, lay: TableLayout, computed_err: dict) -> dict[Cell, int]:
    """Every printed cell's exact value, totals summed from their printed parts.

    ``computed_err`` counts, per total, the figures shown rounded that its sum rests on.
    """
    stated = {(r, c): v for (t, r, c), v in report.cells.items() if t == lay.id and lay.has_cell(r, c)}
    exact: dict[Cell, int] = {}
    cols = column_order(lay)
    for r in row_order(lay):          # parts before their totals, both ways
        have = lay.row_cols[r]
        for c in cols:
            if c not in have:
                continue
            parts = [(k, c) for k in lay.row_terms.get(r, ()) if (k, c) in exact]
            if not parts:             # a row total wins over a column total, as in layout
                parts = [(r, t) for t in lay.col_terms.get(c, ()) if (r, t) in exact]
            if parts:
                total = sum(exact[p] for p in parts)
                own = stated.get((r, c))
                if own is not None:
                    key = (lay.id, r, c)
                    rounded = (1 if key in report.rounded else 0) + computed_err.get(key, 0)
                    if within_rounding(own - total, rounded):
                        total = own
                exact[(r, c)] = total
            elif (r, c) in stated:
                exact[(r, c)] = stated[(r, c)]
    return exact


class _Balancer:
    def __init__(self, lay: TableLayout, exact: dict[Cell, int]):
        self.lay, self.exact = lay, exact
        self.shown: dict[Cell, int] = {}
        self.print_rank = {r: i for i, r in enumerate(lay.rows)}
        self.col_rank = {c: i for i, c in enumerate(lay.columns)}

    def run(self) -> dict[Cell, int]:
        lay, exact, shown = self.lay, self.exact, self.shown
        parts_of = {k for terms in lay.row_terms.values() for k in terms}
        down = column_order(lay)[::-1]    # total columns before their parts
        for r in row_order(lay)[::-1]:    # total rows before their parts
            top = r not in parts_of
            cols = [c for c in down if (r, c) in exact]
            for c in cols:
                if (r, c) not in shown:
                    if not top and self._summed(r, c):
                        continue
                    shown[(r, c)] = round_to_shown(exact[(r, c)])
                if top and c in lay.col_terms:
                    self._balance([(r, t) for t in lay.col_terms[c] if (r, t) in exact], shown[(r, c)])
            if not top:
                for c in cols[::-1]:      # parts before the total columns they add up to
                    if (r, c) not in shown:
                        shown[(r, c)] = sum(shown[(r, t)] for t in lay.col_terms[c] if (r, t) in exact)
            for c in cols:
                parts = [(k, c) for k in lay.row_terms.get(r, ()) if (k, c) in exact and not self._summed(k, c)]
                self._balance(parts, shown[(r, c)])
        return shown

    def _summed(self, r: str, c: str) -> bool:
        """A total column's cell with printed parts in its row: the sum of their shown values."""
        return any((r, t) in self.exact for t in self.lay.col_terms.get(c, ()))

    def _balance(self, parts: list[Cell], total: int) -> None:
        """Shows ``parts`` so that they add up to ``total``; parts already shown stay."""
        shown, exact = self.shown, self.exact
        free = [p for p in parts if p not in shown]
        for p in free:
            shown[p] = round_to_shown(exact[p])
        residue = (total - sum(shown[p] for p in parts)) // STEP
        # Only a figure kept to the 分 can take a residue: one already shown to 0.01 万元
        # (read from a 万元 table) is what was published and stays (so does 0).
        takers = [p for p in free if exact[p] % STEP]
        if not residue or not takers:
            return
        sign = 1 if residue > 0 else -1
        # Largest remainder in the residue's direction first; among equals the first printed.
        takers.sort(key=lambda p: (-sign * (exact[p] - shown[p]), self.print_rank[p[0]], self.col_rank[p[1]]))
        each, extra = divmod(abs(residue), len(takers))
        for i, p in enumerate(takers):
            shown[p] += sign * (each + (1 if i < extra else 0)) * STEP
