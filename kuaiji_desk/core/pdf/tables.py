"""The nine 公开表 as flowables, all from the report's layout's renderings of them.

One builder serves every table: the title, 公开0N表 (where the layout prints a label), the
部门 and 单位 line, the header rows drawn from the columns' header paths (merged where the
paths share a head), the 栏次 row (where printed), the body, the 注 and, for a table without
data, its statement.  Fixed tables set their sections side by side (收入 | 支出 in 01 and
04), each 项目 | 行次 (where printed) | figures; 06 is published in blocks side by side
(``CodeTable.side_blocks``).  The header rows repeat on every page a long table runs onto.

Figures come from ``shown_values``: rounded to 0.01 万元 so that the printed
tables add up, and printed '1,286.76', blank for none.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..forms import CodeTable, FixedTable
from ..headers import AMOUNT, CODE, TableHeader, is_labelled, table_header
from ..layout import TableLayout, printed_layout, side_block_rows
from ..money import format_amount
from .context import Anchor, Context, fit_one_line, typographic
from .styles import LANDSCAPE_WIDTH, PORTRAIT_WIDTH, TABLE_LEADING, TABLE_SIZE

UNIT_LINE = "单位：万元"
CODE_LEVELS = "类 款 项"   # the 栏次 row under a code column

GRID = 0.5
PAD_X, PAD_Y = 2.5, 0.6


@dataclass
class Grid:
    """Cells of a table being laid out, with spans and per-cell alignment."""
    cells: list[list] = field(default_factory=list)
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)   # c0, r0, c1, r1
    right: list[tuple[int, int, int, int]] = field(default_factory=list)   # ranges aligned right
    center: list[tuple[int, int, int, int]] = field(default_factory=list)  # ranges centred
    header_rows: int = 0

    def new_rows(self, n: int, width: int) -> int:
        first = len(self.cells)
        self.cells.extend([""] * width for _ in range(n))
        return first

    def span(self, c0, r0, c1, r1) -> None:
        if (c0, r0) != (c1, r1):
            self.spans.append((c0, r0, c1, r1))


def _head(ctx: Context, text: str) -> Paragraph | str:
    return ctx.para(text, ctx.styles.head) if text else ""


def _header_rows(ctx: Context, g: Grid, header: TableHeader) -> None:
    """The header rows, merged as the columns' header paths say (:mod:`..headers`),
    then the 栏次 row; all centred."""
    depth = header.depth
    g.header_rows = depth + header.numbered
    g.new_rows(g.header_rows, len(header.columns))
    for cell in header.cells():
        if cell.top < depth:
            g.cells[cell.top][cell.left] = _head(ctx, cell.text)
            g.span(cell.left, cell.top, cell.right, cell.bottom)
            continue
        col = header.columns[cell.left]   # the 栏次 row
        g.cells[depth][cell.left] = col.lanci if col.kind == AMOUNT else \
            _head(ctx, CODE_LEVELS if col.kind == CODE else col.lanci)
    g.center.append((0, 0, len(header.columns) - 1, g.header_rows - 1))


MIN_FIGURE_WIDTH = 15 * mm   # 「9,999.99」 and a header of two words a line


def _figure_width(ctx: Context, shown) -> float:
    """What the widest figure of a table needs, with its padding."""
    widest = max((stringWidth(format_amount(v), ctx.fonts.song, TABLE_SIZE) for v in shown.values() if v), default=0)
    return max(MIN_FIGURE_WIDTH, widest + 2 * PAD_X + 1)


def _amount(shown, row: str, col: str) -> str:
    return format_amount(shown.get((row, col)), blank_zero=True)


# -- fixed tables (01, 04, 09) ------------------------------------------------------

def _fixed_grid(ctx: Context, spec: FixedTable, lay: TableLayout, shown, width: float):
    s = ctx.styles
    sections = spec.sections
    labelled = [is_labelled(sec) for sec in sections]
    header = table_header(spec)
    ncols = len(header.columns)
    # Widths: 项目 as wide as its longest label where the page allows (a label broken before
    # its last character reads badly), figures no narrower than the widest printed, 行次 fixed;
    # what is left goes to the figures up to 30 mm, then to the labels.
    nvals = len(spec.columns)
    nlabels = sum(labelled)
    numbered = spec.row_numbers          # a 行次 column beside each 项目
    row_no = 8 * mm if numbered else 0
    if nlabels:
        longest = max((stringWidth(typographic(row.label), s.cell.fontName, s.cell.fontSize)
                       for sec, lab in zip(sections, labelled) if lab for row in sec.rows if row.label), default=0)
        label_need = longest + 2 * PAD_X + 1
        value_w = min(30 * mm, max(_figure_width(ctx, shown), (width - nlabels * (row_no + label_need)) / nvals))
        label_w = (width - nlabels * row_no - nvals * value_w) / nlabels
    else:
        value_w, label_w = width / nvals, 0
    widths = []
    for sec, lab in zip(sections, labelled):
        if lab:
            widths += [label_w, row_no] if numbered else [label_w]
        widths += [value_w] * len(sec.columns)
    g = Grid()
    _header_rows(ctx, g, header)
    starts = [next(i for i, col in enumerate(header.columns) if col.section == k) for k in range(len(sections))]

    body = max(len(sec.rows) for sec in sections)
    first = g.new_rows(body, ncols)
    for sec, lab, c in zip(sections, labelled, starts):
        vc = c + ((1 + numbered) if lab else 0)
        if lab and numbered:
            g.center.append((c + 1, first, c + 1, first + body - 1))
        g.right.append((vc, first, vc + len(sec.columns) - 1, first + body - 1))
        for i, row in enumerate(sec.rows):
            cells = g.cells[first + i]
            if lab:
                if row.label:
                    total = row.id in lay.row_terms and not row.code
                    cells[c] = ctx.cell(row.label, s.cell_center if total else s.cell, label_w - 2 * PAD_X)
                    if total:
                        g.center.append((c, first + i, c, first + i))
                if numbered:
                    cells[c + 1] = row.id
            have = lay.row_cols.get(row.id, ())
            for j, col in enumerate(sec.columns):
                if col.id in have:
                    cells[vc + j] = _amount(shown, row.id, col.id)

    return g, widths


# -- code tables (02, 03, 05, 07, 08) ------------------------------------------------

def _code_grid(ctx: Context, spec: CodeTable, lay: TableLayout, shown, width: float):
    s = ctx.styles
    ncols = 2 + len(spec.columns)
    g = Grid()
    _header_rows(ctx, g, table_header(spec))

    code_w = 15 * mm
    n = len(spec.columns)
    value_w = min(28 * mm, (width - code_w - 62 * mm) / n)
    name_w = width - code_w - n * value_w
    first = g.new_rows(len(lay.rows), ncols)
    g.right.append((2, first, ncols - 1, first + len(lay.rows) - 1))
    cols = [c.id for c in spec.columns]
    for i, row in enumerate(lay.rows):
        cells = g.cells[first + i]
        code = lay.codes.get(row)
        if code:
            cells[0] = code
        label = lay.labels.get(row, "")
        if label:
            cells[1] = ctx.cell(label, s.cell if code else s.cell_center, name_w - 2 * PAD_X)
            if not code:
                g.center.append((1, first + i, 1, first + i))
        for j, col in enumerate(cols):
            cells[2 + j] = _amount(shown, row, col)
    return g, [code_w, name_w] + [value_w] * n


# -- 06: 人员经费 | 公用经费 in blocks side by side ----------------------------------------

def _side_grid(ctx: Context, spec: CodeTable, lay: TableLayout, shown, width: float):
    """编码 | 名称 | 决算数 per declared block; a group's heading over its blocks, its
    total under its first block; the last block takes every class no block names."""
    s = ctx.styles
    col = spec.columns[0]
    blocks = spec.side_blocks
    nb = len(blocks)
    ncols = 3 * nb
    code_w, value_w = 13 * mm, 19 * mm
    name_w = (width - nb * (code_w + value_w)) / nb
    g = Grid()
    _header_rows(ctx, g, table_header(spec))   # a heading over its group's blocks

    per_block = side_block_rows(lay)
    body = max(len(rows) for rows in per_block)
    first = g.new_rows(body + 1, ncols)
    for b, rows in enumerate(per_block):
        g.right.append((3 * b + 2, first, 3 * b + 2, first + body))
        for i, row in enumerate(rows):
            cells = g.cells[first + i]
            cells[3 * b] = lay.codes.get(row, "")
            cells[3 * b + 1] = ctx.cell(lay.labels.get(row, ""), s.cell, name_w - 2 * PAD_X)
            cells[3 * b + 2] = _amount(shown, row, col.id)
    last = first + body
    for grp in spec.groups:
        b = next((i for i, block in enumerate(blocks) if block.group == grp.id), None)
        if b is None:
            continue
        g.cells[last][3 * b] = ctx.cell(grp.label, s.cell_center, code_w + name_w - 2 * PAD_X)
        g.center.append((3 * b, last, 3 * b, last))
        g.span(3 * b, last, 3 * b + 1, last)
        g.cells[last][3 * b + 2] = _amount(shown, grp.id, col.id)
    return g, [code_w, name_w, value_w] * nb


# -- the whole table ------------------------------------------------------------------

class Headed(Flowable):
    """A 公开表 under its head (title, 部门 and 单位 lines) on every page it runs onto: the
    table's header rows repeat by themselves; the head is drawn again, its title marked
    「（续表）」 (``continued``), from the second page on."""

    def __init__(self, head: list[Flowable], continued: list[Flowable], table: Table):
        super().__init__()
        self.head, self.continued, self.table = head, continued, table
        self.hAlign = "CENTER"

    def _heads(self, avail_width):
        return [(f, f.wrap(avail_width, 10_000)[1]) for f in self.head]

    def wrap(self, avail_width, avail_height):
        heads = self._heads(avail_width)
        above = sum(h for _, h in heads)
        w, h = self.table.wrap(avail_width, avail_height - above)
        self.width, self.height = max([w] + [f.width for f, _ in heads if hasattr(f, "width")]), above + h
        return self.width, self.height

    def split(self, avail_width, avail_height):
        above = sum(h for _, h in self._heads(avail_width))
        parts = self.table.split(avail_width, avail_height - above)
        if not parts:
            return []
        return [Headed(self.head, self.continued, parts[0]),
                *(Headed(self.continued, self.continued, p) for p in parts[1:])]

    def draw(self):
        y = self.height
        for f, h in self._heads(self.width):
            y -= h
            f.drawOn(self.canv, (self.width - getattr(f, "width", self.width)) / 2, y)
        self.table.drawOn(self.canv, (self.width - self.table._width) / 2, 0)


class PageFilling(Flowable):
    """A one-page table (01, 04) whose body rows grow to fill the page, as the published ones
    do, leaving ``reserve`` points under it for its 注; split as usual when it does not fit."""

    MAX_EXTRA = 10.0   # points a row may grow: a short table leaves the rest of its page empty

    def __init__(self, make_table, header_rows: int, reserve: float):
        super().__init__()
        self._make, self._header_rows, self._reserve = make_table, header_rows, reserve
        self._table = make_table(None)

    def wrap(self, avail_width, avail_height):
        table = self._make(None)
        width, height = table.wrap(avail_width, avail_height)
        body = len(table._rowHeights) - self._header_rows
        spare = avail_height - self._reserve - height
        if body > 0 and spare > 0:
            extra = min(self.MAX_EXTRA, spare / body)
            table = self._make([h + (extra if i >= self._header_rows else 0) for i, h in enumerate(table._rowHeights)])
            width, height = table.wrap(avail_width, avail_height)
        self._table, self.width, self.height = table, width, height
        self._width = width
        return width, height

    def split(self, avail_width, avail_height):
        return self._make(None).split(avail_width, avail_height)

    def draw(self):
        self._table.drawOn(self.canv, 0, 0)


def _table_style(ctx: Context, g: Grid) -> TableStyle:
    cmds = [
        ("FONT", (0, 0), (-1, -1), ctx.fonts.song, TABLE_SIZE, TABLE_LEADING),
        ("GRID", (0, 0), (-1, -1), GRID, (0, 0, 0)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
    ]
    cmds += [("ALIGN", (c0, r0), (c1, r1), "RIGHT") for c0, r0, c1, r1 in g.right]
    cmds += [("ALIGN", (c0, r0), (c1, r1), "CENTER") for c0, r0, c1, r1 in g.center]
    cmds += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in g.spans]
    return TableStyle(cmds)


def is_empty(shown: dict) -> bool:
    return not any(shown.values())


def table_flowables(ctx: Context, table_id: str, shown: dict | None = None) -> list[Flowable]:
    """One 公开表, from its bookmark to its statement; starts a page of its own
    orientation (the caller switches the page template)."""
    report, s = ctx.report, ctx.styles
    spec = report.publication.table(table_id)
    lay = printed_layout(report, spec)
    if shown is None:
        shown = ctx.shown(table_id)
    width = LANDSCAPE_WIDTH if spec.landscape else PORTRAIT_WIDTH
    if isinstance(spec, FixedTable):
        g, widths = _fixed_grid(ctx, spec, lay, shown, width)
    elif spec.side_blocks:
        g, widths = _side_grid(ctx, spec, lay, shown, width)
    else:
        g, widths = _code_grid(ctx, spec, lay, shown, width)
    for row in g.cells:
        for text in row:
            if isinstance(text, str):
                ctx.check(ctx.fonts.song, text)

    title = spec.title(ctx.year)
    department = ctx.para(f"部门：{report.department_name}", s.meta_left) if spec.department_line else ""
    lines = [[department, ctx.para(UNIT_LINE, s.meta_right)]]
    if spec.print_label:
        lines.insert(0, ["", ctx.para(spec.label, s.meta_right)])
    table_width = sum(widths)
    meta = Table(
        lines,
        colWidths=[table_width * 0.7, table_width * 0.3],
        style=TableStyle([("FONT", (0, 0), (-1, -1), ctx.fonts.song, 9),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                          ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]),
    )
    continued = f"{title}（续表）"
    style = fit_one_line(s.table_title, continued, table_width)
    table_style = _table_style(ctx, g)

    def make(row_heights):
        return Table(g.cells, colWidths=widths, rowHeights=row_heights, repeatRows=g.header_rows,
                     style=table_style, splitByRow=1, hAlign="CENTER")
    note = ctx.para("注：" + spec.note, s.note)
    if isinstance(spec, FixedTable) and any(len(sec.rows) > 1 for sec in spec.sections):
        grid = PageFilling(make, g.header_rows, note.wrap(table_width, 1000)[1] + s.note.spaceBefore + 2)
    else:
        grid = make(None)
    out: list[Flowable] = [Headed([ctx.para(title, style), meta], [ctx.para(continued, style), meta], grid), note]
    statement = spec.statement(ctx.year, report.department_name)
    if statement and is_empty(shown):
        out.append(ctx.para(statement, s.statement))
    return out


def table_anchor(ctx: Context, table_id: str, index: int) -> Anchor:
    """The bookmark and 目录 line of a table: '一、收入支出决算总表'."""
    from ..forms.tables_2024 import CN_NUMERALS
    spec = ctx.report.publication.table(table_id)
    return Anchor(f"{CN_NUMERALS[index]}、{spec.name}", 1, ctx.new_key(), 2)
