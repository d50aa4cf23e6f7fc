"""What a rule reports."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..money import FEN_PER_WAN, format_plain

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"
SEVERITIES = (ERROR, WARNING, NOTICE)
SEVERITY_NAMES = {ERROR: "错误", WARNING: "提示", NOTICE: "尾数"}

# Where a finding points when it is not a cell of a 公开表.
OVERALL_TABLE = "整体自评"
PROJECT_TABLE = "项目自评"
NARRATIVE_TABLE = "情况说明"


def format_wan(fen: int) -> str:
    """万元 with two decimals, or with as many as a figure known to the 分 needs."""
    if fen % (FEN_PER_WAN // 100) == 0:
        return format_plain(fen)
    text = f"{Decimal(fen) / FEN_PER_WAN:f}".rstrip("0")
    return text


def format_value(value) -> str | None:
    """A finding's expected/actual as text: amounts in 万元, percents with '%'."""
    if value is None:
        return None
    if isinstance(value, int):
        return format_wan(value)
    if isinstance(value, Decimal):
        return f"{value:.2f}%"
    return str(value)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    table: str          # '01' … '09', 整体自评, 项目自评, 情况说明
    row: str            # 行次, code, '合计', or a project's number
    column: str         # 栏次, or a field's name
    expected: object    # int 分 | Decimal percent | str | None
    actual: object
    message: str

    @property
    def key(self) -> str:
        """Stable across checks: what an explanation is kept under."""
        return f"{self.rule}|{self.table}|{self.row}|{self.column}"

    def as_json(self, explanation: str | None = None) -> dict:
        out = {
            "rule": self.rule,
            "severity": self.severity,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "expected": format_value(self.expected),
            "actual": format_value(self.actual),
            "message": self.message,
        }
        if explanation:
            out["explanation"] = explanation
        return out
