"""The vocabulary in which the tables are declared.

A table declaration says what is published (title, label, header rows, 行次/栏次,
note, the statement for an empty table) and which cells are totals of which.  The
window, the rules, the importer and the exporters all read the same declaration.
Column and row ids are the published 栏次 and 行次 numbers, as text.

The declarations of :func:`kuaiji_desk.core.forms.for_year` are the data model: the
cells of the national 决算 tables, as 财政部's central template (and 湖北's) numbers
them.  A region's publication layout (:mod:`kuaiji_desk.core.layouts`) renders each
table in the same types — the same ids and totals, its own label, title, printed rows,
labels, column order, headers and notes.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    id: str                       # 栏次: '1', '2', …
    header: tuple[str, ...]       # header path, outermost first: ('本年支出', '小计')
    total_of: tuple[str, ...] = ()  # in every row, this column = Σ those columns
    rule: str = ""                # rule id that checks that identity
    number: str = ""              # the 栏次 printed, where a layout prints it otherwise than the id

    @property
    def printed_number(self) -> str:
        return self.number or self.id


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
    # A layout's rendering: the rows of the data model's section it does not print (上海's
    # 24 类 leave 债务还本/付息 out); a workbook that prints them is still read.
    hidden: tuple[Row, ...] = ()


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
    heading: str                  # 人员经费; '' where no heading is printed over the block
    classes: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    id: str                       # '01' … '09'
    name: str                     # 收入支出决算总表
    note: str                     # the 注 under the table
    empty_statement: str = ""     # '本部门{year}年度无…。' ({unit}: the unit) printed when the table has no data
    landscape: bool = False
    # The figure that sums the table up for a reader (导入预览, the audit report): the sum
    # of these cells, called headline_label.  Code tables default to their 合计 row.
    headline: tuple[tuple[str, str], ...] = ()
    headline_label: str = "合计"
    # -- how a layout prints it (the defaults: the data model's own, 公开0N表 with 行次 and 栏次)
    label: str = ""               # 公开01表 (the default), or 一 in a layout that numbers so
    title_format: str = "{year}年度{name}"
    sheet: str = ""               # the workbook sheet's name; the label by default
    tab: str = ""                 # the window's tab; the label by default
    caption_format: str = "{label}"   # how a message names the table: 公开01表, 一、收入支出决算总表
    print_label: bool = True      # the label printed top right (表号)
    department_line: bool = True  # 「部门：…」 printed left of 「单位：万元」
    row_numbers: bool = True      # a 行次 column beside the 项目 of a fixed table
    column_numbers: bool = True   # a 栏次 row under the header rows
    # 'top': header texts from the top down, each path's last text reaching down to the last
    # header row; 'bottom': each path's last text in the last header row only (上海's 三公
    # with 预算数 | 决算数 under every item), the text above it reaching down to meet it.
    header_align: str = "top"

    def __post_init__(self):
        if not self.label:
            object.__setattr__(self, "label", f"公开{self.id}表")

    @property
    def sheet_name(self) -> str:
        return self.sheet or self.label

    @property
    def tab_name(self) -> str:
        return self.tab or self.label

    @property
    def caption(self) -> str:
        return self.caption_format.format(label=self.label, name=self.name)

    @property
    def named(self) -> str:
        """The caption with the table's name: 公开01表「收入支出决算总表」, 一、收入支出决算总表."""
        return self.caption if self.name in self.caption else f"{self.caption}「{self.name}」"

    def title(self, year: int) -> str:
        return self.title_format.format(year=year, name=self.name)

    def headline_cells(self) -> tuple[tuple[str, str], ...]:
        return self.headline or ((TOTAL_ROW, self.columns[0].id),)

    def statement(self, year: int, unit: str = "") -> str:
        return self.empty_statement.format(year=year, unit=unit)


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
    total_at: str = "top"                # where the 合计 row is printed: 'top' or 'bottom'


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
