"""One unit's report for one year, in memory.

Cells hold what was typed or imported, in 分.  A cell that the declaration makes a
total is computed (see :mod:`kuaiji_desk.core.layout`) unless the report holds a
value for it: that is a total stated by an imported workbook, kept as stated and
compared with the computed sum by the rules.  ``rounded`` names the cells whose
value is only known to the shown 0.01 万元 (read from a 万元 table).
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from . import catalog, layouts, names
from .forms import CodeTable, for_year

CellKey = tuple[str, str, str]  # (table id, row id, column id)

# Parts of a report that rules depend on, besides the tables '01' … '09'.
PROJECTS, OVERALL, TEXTS, NUMBERS, LAST_YEAR = "projects", "overall", "texts", "numbers", "last_year"
EXPLANATIONS, DEPARTMENT, COMPOSITION = "explanations", "department", "composition"
LAYOUT = "layout"   # the publication layout: what the window shows, exports and prints, and E06's rows
# The parts that are a dict of the report, by the attribute holding them.
DICT_PARTS = {TEXTS: "texts", NUMBERS: "numbers", LAST_YEAR: "last_year", EXPLANATIONS: "explanations"}

_revision_counter = itertools.count(1)


@dataclass
class Indicator:
    level1: str = ""          # 一级指标: 产出指标 / 效益指标 / 满意度指标 (整体: 履职效能 …)
    level2: str = ""          # 二级指标
    level3: str = ""          # 三级指标 (free text)
    target: str = ""          # 年初目标值: '≥15万件'
    actual: str = ""          # 实际完成值: '21.48万件'
    category: str = ""        # 指标分类 (整体: 绩效基本型 …)
    weight: str = ""          # 分值, where the template has scores
    score: str = ""           # 得分


PROJECT_CATEGORIES = ("部门预算项目", "区直专项", "上级对下转移支付项目")
PROJECT_ATTRIBUTES = ("持续性项目", "新增性项目")
PROJECT_KINDS = ("常年性项目", "延续性项目", "一次性项目")


@dataclass
class Project:
    """One 项目绩效自评表."""
    name: str = ""
    department: str = ""      # 主管部门
    executor: str = ""        # 项目实施单位
    category: str = ""        # one of PROJECT_CATEGORIES
    attribute: str = ""       # one of PROJECT_ATTRIBUTES
    kind: str = ""            # one of PROJECT_KINDS
    budget: int | None = None  # 预算数 A, 分
    spent: int | None = None   # 执行数 B, 分
    amounts_rounded: bool = False  # A and B read from a 万元 table (±0.005 万元)
    stated_rate: str = ""     # 执行率 as printed by an imported table: '86.45%'
    indicators: list[Indicator] = field(default_factory=list)
    deviation_reason: str = ""  # 偏差大或目标未完成原因分析
    improvement: str = ""       # 改进措施及结果应用方案
    summary: str = ""           # 主要产出和效益 (for 十三(三))


@dataclass
class Overall:
    """The 整体绩效自评表."""
    unit_name: str = ""
    basic_total: int | None = None    # 基本支出总额, 分
    project_total: int | None = None  # 项目支出总额, 分
    amounts_rounded: bool = False
    goals: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    deviation_reason: str = ""
    improvement: str = ""
    fill_date: str = ""


@dataclass(frozen=True)
class Transfer:
    """Money one unit of a 部门 paid another, taken out of the 部门's sum: 补助 (上级补助收入 of the
    receiver, 对附属单位补助支出 of the payer) or 上缴 (附属单位上缴收入 / 上缴上级支出), by the
    functional codes the two units book it under (core.consolidation)."""
    kind: str
    payer: str
    receiver: str
    income_code: str
    expenditure_code: str
    fen: int


@dataclass
class Composition:
    """部门决算单位构成: what makes a report a 部门's, the units it adds up, in the order it
    lists them."""
    units: tuple[str, ...]
    transfers: tuple[Transfer, ...] = ()
    # Units it names that have no report of its year (found when read from the store).
    missing: tuple[str, ...] = ()
    # Units and transfers left out of the sum when it was read, each with its reason.
    problems: tuple[str, ...] = ()
    # The 部门's own published workbook, when one was imported: its figures, compared with the sum.
    published: dict[CellKey, int] = field(default_factory=dict)
    published_rounded: frozenset[CellKey] = frozenset()


@dataclass
class Report:
    unit: str
    year: int
    department: str = ""      # 「部门：」 as published; the unit's name by default
    cells: dict[CellKey, int] = field(default_factory=dict)
    rounded: set[CellKey] = field(default_factory=set)
    code_rows: dict[str, dict[str, str]] = field(default_factory=dict)  # table → code → name
    projects: list[Project] = field(default_factory=list)
    overall: Overall | None = None
    texts: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)     # amounts in 分, counts as is
    last_year: dict[str, int] = field(default_factory=dict)   # 分
    explanations: dict[str, str] = field(default_factory=dict)  # finding key → the accountant's words
    # The publication layout it is printed in (core.layouts): exports, the PDF and printing follow it.
    layout: str = layouts.DEFAULT
    # A 部门 report: the units whose figures it adds up (core.consolidation); None for a unit.
    composition: Composition | None = None
    # part → revision, bumped by every change made through this class (or by
    # ``touch`` for changes made to the lists and dicts directly): lets a
    # long-lived checker reuse what an edit did not touch.
    _revisions: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    # The database's count of saves of this report when it was read or last saved here
    # (None: never saved).  A save is refused once another writer has moved it on.
    stored_revision: int | None = field(default=None, compare=False, repr=False)

    @property
    def forms(self):
        """The data model's declarations: the cells, totals and rules, whatever the layout."""
        return for_year(self.year)

    @property
    def publication(self) -> layouts.Layout:
        """The layout the report is printed in: its renderings of the tables, in print order."""
        return layouts.of(self)

    @property
    def department_name(self) -> str:
        return self.department or self.unit

    # -- revisions -----------------------------------------------------------
    def touch(self, *parts: str) -> None:
        for part in parts:
            self._revisions[part] = next(_revision_counter)

    def revision(self, part: str) -> int:
        return self._revisions.get(part, 0)

    # -- cells ---------------------------------------------------------------
    def get(self, table: str, row: str, col: str) -> int | None:
        return self.cells.get((table, row, col))

    def set(self, table: str, row: str, col: str, fen: int | None, rounded: bool = False) -> None:
        self.touch(table)
        key = (table, row, col)
        if fen is None:
            self.cells.pop(key, None)
            self.rounded.discard(key)
            return
        self.cells[key] = fen
        if rounded:
            self.rounded.add(key)
        else:
            self.rounded.discard(key)

    # -- code rows -----------------------------------------------------------
    def codes(self, table: str) -> list[str]:
        return sorted(self.code_rows.get(table, {}))

    def add_code(self, table: str, code: str, name: str | None = None) -> None:
        """Adds a code row and the 类/款 rows above it, named from the catalog."""
        spec = self.forms.table(table)
        assert isinstance(spec, CodeTable)
        cat = catalog.load(spec.classification, self.year)
        self.touch(table)
        rows = self.code_rows.setdefault(table, {})
        code = catalog.normalise_code(code)
        for c in [code] + catalog.ancestors_of(code):
            if c not in rows:
                rows[c] = (name if c == code and name else None) or cat.name(c) or ""
        if name:
            rows[code] = name

    def remove_code(self, table: str, code: str) -> None:
        """Removes a code row with its values, and its descendants."""
        self.touch(table)
        rows = self.code_rows.get(table, {})
        for c in [c for c in rows if c.startswith(code)]:
            del rows[c]
        if not rows:
            self.code_rows.pop(table, None)
        for key in [k for k in self.cells if k[0] == table and k[1].startswith(code) and k[1].isdigit()]:
            del self.cells[key]
            self.rounded.discard(key)

    def clear_table(self, table: str) -> None:
        """Removes every figure and code row of a table."""
        self.touch(table)
        self.code_rows.pop(table, None)
        for key in [k for k in self.cells if k[0] == table]:
            del self.cells[key]
        self.rounded -= {k for k in self.rounded if k[0] == table}

    def ensure_default_rows(self) -> None:
        """Tables such as 06 publish a fixed list of codes even when empty (the layout's list:
        上海 prints 31001, 31019 and 31021 too)."""
        for spec in self.publication.tables:
            if isinstance(spec, CodeTable):
                for code in spec.default_codes:
                    if code not in self.code_rows.get(spec.id, {}):
                        self.add_code(spec.id, code)


def new_report(unit: str, year: int, department: str = "", layout: str | None = None) -> Report:
    """A new report of ``unit``, whose name is checked (:func:`names.unit_name`) unless it is
    '' — the scratch report an import is read into, never saved.  The department is checked
    as one read from a workbook (a line break saved before names were checked goes).  Its
    layout is ``layout`` (a shipped one: UnknownLayout otherwise) or the default for the year."""
    if unit:
        unit = names.unit_name(unit)
    if department:
        department = names.department_name(department)
    if layout is None:
        layout = layouts.default_for(year)
    else:
        layouts.get(layout)
    report = Report(unit=unit, year=year, department=department, layout=layout)
    report.ensure_default_rows()
    return report
