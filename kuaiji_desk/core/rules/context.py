"""What every rule sees: the report, every cell's value, and words for cells."""
from __future__ import annotations

from .. import catalog, naming
from ..layout import Values
from ..money import round_to_shown, within_rounding
from ..report import Report
from .findings import ERROR, NOTICE, WARNING, Finding, format_wan


class Context:
    def __init__(self, report: Report, values_cache: dict | None = None):
        self.report = report
        self.values = Values(report, values_cache)
        self.functional = catalog.load(catalog.FUNCTIONAL, report.year)
        self.economic = catalog.load(catalog.ECONOMIC, report.year)

    # -- values ----------------------------------------------------------------
    def value(self, table: str, row: str | None, col: str) -> int:
        """0 for a row the table does not have (a code it does not use)."""
        if row is None:
            return 0
        return self.values.value(table, row, col)

    def err(self, table: str, row: str | None, col: str) -> int:
        if row is None:
            return 0
        return self.values.error_count(table, row, col)

    def layout(self, table: str):
        return self.values.layout(table)

    def row_of_code(self, table: str, code: str) -> str | None:
        return self.layout(table).row_of_code(code)

    # -- words -----------------------------------------------------------------
    def cell_name(self, table: str, row: str | None, col: str, code: str | None = None) -> str:
        return naming.cell_name(self.report, self.layout(table), row, col, code)


def depends(*parts: str):
    """Names what a rule reads (tables '01'…'09', report.PROJECTS …): a checker
    re-runs it only when one of them has changed."""
    def mark(rule):
        rule.deps = parts
        return rule
    return mark


def outcome(lhs: int, rhs: int, err: int, op: str, severity: str) -> str | None:
    """None when the relation holds; else the severity of the finding.

    ``err`` counts the figures shown rounded to 0.01 万元 on both sides: a gap
    that those roundings can explain is a 尾数 notice, and no finding at all when
    both sides show the same figure.
    """
    if op == "=":
        gap = lhs - rhs
        if gap == 0:
            return None
    elif op == "<=":
        gap = lhs - rhs
        if gap <= 0:
            return None
    else:
        raise ValueError(op)
    if err:
        if round_to_shown(lhs) == round_to_shown(rhs):
            return None
        if within_rounding(gap, err):
            return NOTICE
    return severity


def gap_words(lhs: int, rhs: int, severity: str) -> str:
    text = f"相差 {format_wan(abs(lhs - rhs))} 万元"
    if severity == NOTICE:
        text += "，仅为金额换算为万元时的尾数差异"
    return text


__all__ = ["Context", "depends", "outcome", "gap_words", "Finding", "ERROR", "WARNING", "NOTICE"]
