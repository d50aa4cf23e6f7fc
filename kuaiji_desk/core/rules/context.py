"""What every rule sees: the report, every cell's value, and words for cells."""
from __future__ import annotations

from .. import catalog
from ..forms import TOTAL_ROW, CodeTable, FixedTable
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
    def column_name(self, table: str, col: str) -> str:
        """本年支出小计 / 项目支出 / 决算数因公出国（境）费."""
        spec = self.report.forms.table(table)
        for c in spec.columns:
            if c.id == col:
                h = c.header
                name = "".join(h[-2:]) if h[-1] in ("小计", "合计") and len(h) > 1 else h[-1]
                if table == "09" and not name.startswith(h[0]):
                    name = h[0] + name
                return name
        return ""

    def cell_name(self, table: str, row: str | None, col: str, code: str | None = None) -> str:
        """公开01表第27行「本年收入合计」 / 公开02表 2010350「事业运行」第2栏（财政拨款收入）."""
        spec = self.report.forms.table(table)
        lay = self.layout(table)
        col_words = f"第{col}栏（{self.column_name(table, col)}）"
        if row is None:
            row_words = f"{code}（本表无此科目）"
        elif isinstance(spec, FixedTable):
            label = lay.labels.get(row, "")
            if table == "09":
                return f"{spec.label}{col_words}"
            row_words = f"第{row}行「{label.split('、', 1)[-1]}」" if label else f"第{row}行"
        elif row == TOTAL_ROW or (isinstance(spec, CodeTable) and not row.isdigit()):
            row_words = f"「{lay.labels.get(row, row)}」行"
        else:
            row_words = f"{row}「{lay.labels.get(row, '')}」"
        if len(spec.columns) == 1 and isinstance(spec, CodeTable):
            return f"{spec.label}{row_words}"
        if isinstance(spec, FixedTable) and len(lay.row_cols.get(row or "", ())) == 1:
            return f"{spec.label}{row_words}"
        return f"{spec.label}{row_words}{col_words}"


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
