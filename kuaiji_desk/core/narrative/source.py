"""What every part of the narrative reads: the report's cells, texts, numbers and
last year's figures, and the names of its codes.

One place decides what a missing input means: an absent text is '', an absent
figure is None (so a template can leave its sentence out rather than print 0).
"""
from __future__ import annotations

from .. import catalog
from ..forms.fields import per_code_key
from ..layout import Values
from ..report import Report
from ..shown import shown_values
from .words import clause

# Tables whose 科目名称 name a 功能分类 code, the expenditure tables first.
_NAMING_TABLES = ("05", "03", "02", "07", "08")


class Source:
    def __init__(self, report: Report):
        self.report = report
        self.values = Values(report)
        self._shown: dict[str, dict[tuple[str, str], int]] = {}
        self.year = report.year
        self.unit = report.department_name

    @property
    def last_year_words(self) -> str:
        return f"{self.year - 1}年度"

    # -- figures -------------------------------------------------------------
    def cell(self, table: str, row: str, col: str) -> int:
        """A figure as the printed table shows it (舍位平衡 applied), so text and table agree."""
        shown = self._shown.get(table)
        if shown is None:
            shown = self._shown[table] = shown_values(self.report, table)
        return shown.get((row, col), 0)

    def is_empty(self, table: str) -> bool:
        return self.values.is_empty(table)

    def codes(self, table: str, digits: int, col: str = "1") -> list[str]:
        """The table's codes of one level (3 类, 5 款, 7 项) with a figure in ``col``, in table order."""
        lay = self.values.layout(table)
        return [r for r in lay.rows if r in lay.codes and len(r) == digits and self.cell(table, r, col)]

    def number(self, key: str) -> int | None:
        return self.report.numbers.get(key)

    def last(self, key: str) -> int | None:
        return self.report.last_year.get(key)

    # -- texts ---------------------------------------------------------------
    def text(self, key: str) -> str:
        return self.report.texts.get(key, "").strip()

    def reason(self, key: str) -> str:
        """A reason or purpose, to follow 「主要原因是」 / 「主要用于」 inside a sentence."""
        return clause(self.text(key))

    def per_code_text(self, field_id: str, code: str) -> str:
        return self.text(per_code_key(field_id, code))

    def per_code_number(self, field_id: str, code: str) -> int | None:
        return self.number(per_code_key(field_id, code))

    def per_code_numbers(self, field_id: str) -> dict[str, int]:
        """code → figure of a per-code field, for every code given one."""
        return {key[len(field_id):]: fen for key, fen in self.report.numbers.items() if key.startswith(field_id)}

    # -- names ---------------------------------------------------------------
    def code_name(self, code: str) -> str:
        """The name the report's tables give a 功能分类 code (the year's catalog only
        for a code no table carries), so the narrative never says a stale name."""
        for table in _NAMING_TABLES:
            name = self.report.code_rows.get(table, {}).get(code)
            if name:
                return name
        return catalog.load(catalog.FUNCTIONAL, self.year).name(code) or ""

    def subject_path(self, code: str) -> str:
        """一般公共服务支出(类)政府办公厅(室)及相关机构事务(款)事业运行(项)."""
        parts = [code[:3], code[:5], code][: catalog.level_of(code) or 0]
        return "".join(f"{self.code_name(c)}({catalog.LEVEL_NAMES[i + 1]})" for i, c in enumerate(parts))
