"""Arithmetic rules: declared as data, run over the table declarations.

Two kinds:
- the identities the declarations already state (a total row = Σ its rows, a
  total column = Σ its columns, a 类 = Σ its 款): checked wherever the report
  holds a stated figure for the total — a computed total is right by construction;
- relations between cells written in the catalogue as :class:`Compare`.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..forms import CodeTable
from .context import Context, gap_words, outcome
from .findings import ERROR, Finding, format_wan

CLASS = "{class}"   # row placeholder: each 功能分类 类
CODE = "{code}"     # row placeholder: each code a table uses


@dataclass(frozen=True)
class Ref:
    table: str
    row: str
    col: str


def R(table: str, row: str, col: str) -> Ref:
    return Ref(table, row, col)


@dataclass(frozen=True)
class Compare:
    """``Σ lhs op Σ rhs``; a finding points at the first lhs cell."""
    id: str
    severity: str
    title: str
    lhs: tuple[Ref, ...]
    op: str
    rhs: tuple[Ref, ...]
    each: str | None = None            # CLASS or CODE: run once per class / code
    over: tuple[str, ...] = ()         # with CODE: the tables whose codes are run over

    def __call__(self, ctx: Context):
        codes = [None] if self.each is None else self._codes(ctx)
        value_at = ctx.values.value_at
        # Most relations hold: decide that with plain lookups before any words.
        sides = [(r.table, r.row in (CLASS, CODE), r.row, r.col, ctx.layout(r.table).rows_by_code)
                 for r in self.lhs + self.rhs]
        n_left = len(self.lhs)
        for code in codes:
            keys = []
            for table, by_code, row, col, rows_by_code in sides:
                if by_code:
                    row = rows_by_code.get(code)
                keys.append((table, row, col) if row is not None else None)
            left = sum([value_at(k) for k in keys[:n_left] if k])
            right = sum([value_at(k) for k in keys[n_left:] if k])
            if left == right or (self.op == "<=" and left < right):
                continue
            yield from self._finding(ctx, code, keys[:n_left], keys[n_left:], left, right)

    @property
    def deps(self) -> tuple[str, ...]:
        return tuple(sorted({r.table for r in self.lhs + self.rhs}))

    def _codes(self, ctx: Context) -> list[str]:
        codes: set[str] = set()
        for t in self.over or self.deps:
            lay = ctx.layout(t)
            if self.each == CLASS:
                codes.update(c for c in lay.codes.values() if len(c) == 3)
            else:
                codes.update(lay.codes.values())
        return sorted(codes)

    def _finding(self, ctx: Context, code, keys_l, keys_r, left: int, right: int):
        err = sum(ctx.values.err_at(k) for k in keys_l + keys_r if k)
        severity = outcome(left, right, err, self.op, self.severity)
        if severity is None:
            return
        lhs = [(r, k[1] if k else None, code) for r, k in zip(self.lhs, keys_l)]
        rhs = [(r, k[1] if k else None, code) for r, k in zip(self.rhs, keys_r)]
        first, first_row, _ = lhs[0]
        message = (
            f"{self.title}：{_names(ctx, lhs)}为 {format_wan(left)} 万元，"
            f"{_names(ctx, rhs)}为 {format_wan(right)} 万元，{gap_words(left, right, severity)}。"
        )
        yield Finding(self.id, severity, first.table, first_row or code or "", first.col, right, left, message)


def _names(ctx: Context, refs) -> str:
    names = [ctx.cell_name(r.table, row, r.col, code) for r, row, code in refs]
    if len(names) == 1:
        return names[0]
    return "、".join(names) + "之和"


@dataclass(frozen=True)
class TableSums:
    """Every stated total of one table against the sum it stands for."""
    table: str

    @property
    def deps(self) -> tuple[str, ...]:
        return (self.table,)

    def __call__(self, ctx: Context):
        table = self.table
        values = ctx.values
        tv = values.table(table)
        lay, computed = tv.layout, tv.computed
        row_terms, col_terms, row_cols = lay.row_terms, lay.col_terms, lay.row_cols
        for row, cols in tv.stated.items():
            have = row_cols.get(row, ())
            if row in row_terms:
                for col, stated in cols.items():
                    if col not in have:
                        continue
                    # computed holds the row sum here: a row total wins over a column total.
                    if stated != computed.get((table, row, col), 0):
                        terms = [(table, r, col) for r in row_terms[row] if col in row_cols[r]]
                        yield from _sum_check(ctx, lay, row, col, terms, lay.row_rule[row], by_rows=True)
                    if col in col_terms:
                        terms = [(table, row, c) for c in col_terms[col] if c in have]
                        if stated != sum(values.value_at(k) for k in terms):
                            yield from _sum_check(ctx, lay, row, col, terms, lay.col_rule[col], by_rows=False)
            else:
                for col, stated in cols.items():
                    if col in col_terms and col in have and stated != computed.get((table, row, col), 0):
                        terms = [(table, row, c) for c in col_terms[col] if c in have]
                        yield from _sum_check(ctx, lay, row, col, terms, lay.col_rule[col], by_rows=False)


def _sum_check(ctx: Context, lay, row: str, col: str, terms, rule: str, by_rows: bool):
    table = lay.id
    values = ctx.values
    stated = values.value(table, row, col)
    total = sum(values.value_at(k) for k in terms)
    err = values.error_count(table, row, col) + sum(values.err_at(k) for k in terms)
    severity = outcome(stated, total, err, "=", ERROR)
    if severity is None:
        return
    name = ctx.cell_name(table, row, col)
    if by_rows:
        if isinstance(lay.spec, CodeTable):
            parts = "各类" if row == "合计" else ("其下各科目" if row.isdigit() else "所含各类")
        else:
            parts = _numbers([r for _, r, _ in terms]) + "行"
    else:
        parts = _numbers([c for _, _, c in terms]) + "栏"
    what = f"{parts}之和"
    message = (
        f"{name}应等于{what}：表中为 {format_wan(stated)} 万元，{what}为 {format_wan(total)} 万元，"
        f"{gap_words(stated, total, severity)}。"
    )
    yield Finding(rule, severity, table, row, col, total, stated, message)


def _numbers(ids: list[str]) -> str:
    """第31至56 for a run of consecutive numbers, else 第1、2、3."""
    nums = [int(i) for i in ids]
    if len(nums) > 2 and nums == list(range(nums[0], nums[0] + len(nums))):
        return f"第{nums[0]}至{nums[-1]}"
    return "第" + "、".join(ids)
