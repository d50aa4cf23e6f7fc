"""The vocabulary in which the tables are declared.

A table declaration says what is published (title, label, header rows, 行次/栏次,
note, the statement for an empty table) and which cells are totals of which.  The
window, the rules, the importer and the exporters all read the same declaration.
Column and row ids are the published 栏次 and 行次 numbers, as text.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    id: str                       # 栏次: '1', '2', …
    header: tuple[str, ...]       # header path, outermost first: ('本年支出', '小计')
    total_of: tuple[str, ...] = ()  # in every row, this column = Σ those columns
    rule: str = ""                # rule id that checks that identity


@dataclass(frozen=True)
class Row:
    """A row of a table whose rows are fixed (公开01, 04, 09)."""
    id: str                       # 行次
    label: str
    total_of: tuple[str, ...] = ()  # this row = Σ those rows, column by column
    rule: str = ""
    columns: tuple[str, ...] | None = None  # the columns this row has; None: all of its section
    code: str | None = None       # the 功能分类 类 a row stands for (支出 rows of 01/04)


@dataclass(frozen=True)
class Section:
    """One side of a two-sided table (收入 | 支出), or the whole of a one-sided one."""
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Group:
    """A total of whole classes (06: 人员经费合计 = 301 + 303)."""
    id: str
    label: str
    classes: tuple[str, ...]
    rule: str


@dataclass(frozen=True)
class SideBlock:
    """One of the blocks a code table is printed in side by side (06).

    Its group's heading spans it (and the next blocks of the same group), and the
    group's total row is printed under the group's first block.  The last block
    also takes every class no block names.
    """
    group: str                    # a Group id
    heading: str                  # 人员经费
    classes: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    id: str                       # '01' … '09'
    name: str                     # 收入支出决算总表
    note: str                     # the 注 under the table
    empty_statement: str = ""     # '本部门{year}年度无…。' printed when the table has no data
    landscape: bool = False
    # The figure that sums the table up for a reader (导入预览, the audit report): the sum
    # of these cells, called headline_label.  Code tables default to their 合计 row.
    headline: tuple[tuple[str, str], ...] = ()
    headline_label: str = "合计"

    @property
    def label(self) -> str:
        return f"公开{self.id}表"

    def title(self, year: int) -> str:
        return f"{year}年度{self.name}"

    def headline_cells(self) -> tuple[tuple[str, str], ...]:
        return self.headline or ((TOTAL_ROW, self.columns[0].id),)

    def statement(self, year: int) -> str:
        return self.empty_statement.format(year=year)


@dataclass(frozen=True)
class FixedTable(Table):
    sections: tuple[Section, ...] = ()

    @property
    def columns(self) -> tuple[Column, ...]:
        return tuple(c for s in self.sections for c in s.columns)


TOTAL_ROW = "合计"


@dataclass(frozen=True)
class CodeTable(Table):
    """Rows are classification codes that the report uses, under a 合计 row."""
    classification: str = "functional"   # or 'economic'
    columns: tuple[Column, ...] = ()
    code_header: str = "功能分类科目编码"
    hierarchy_rule: str = "A07"
    total_row: bool = True               # a 合计 row above the codes
    groups: tuple[Group, ...] = ()       # 06: 人员经费合计, 公用经费合计
    default_codes: tuple[str, ...] = ()  # rows published even when empty (06)
    header_title: str = "项目"           # the cell above 编码/名称
    side_blocks: tuple[SideBlock, ...] = ()  # printed in blocks side by side (06)


@dataclass(frozen=True)
class TextField:
    """A narrative input: a short text, an amount, or a count."""
    id: str
    label: str
    kind: str = "text"        # text | amount | count
    section: str = ""         # where it is used: 第一部分, 十一, …
    multiline: bool = False
    hint: str = ""
    per: str = ""             # a per-code field (id ends in ':'): one value per 类 or per 项 of 公开05表


@dataclass(frozen=True)
class FormSet:
    """Everything declared for one year's report."""
    year: int
    tables: tuple[Table, ...]
    fields: tuple[TextField, ...] = field(default=())

    def table(self, table_id: str) -> Table:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    def field(self, field_id: str) -> TextField:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)
