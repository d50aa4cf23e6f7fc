"""The nine 公开表 as flowables, all from their declarations.

One builder serves every table: the title, 公开0N表, the 部门 and 单位 line, the
header rows drawn from the columns' header paths (merged where the paths share a
head), the 栏次 row, the body, the 注 and, for a table without data, its
statement.  Fixed tables set their sections side by side (收入 | 支出 in 01 and
04); 06 is published in blocks side by side (``CodeTable.side_blocks``).  The header
rows repeat on every page a long table runs onto.

Figures come from ``shown_values``: rounded to 0.01 万元 so that the printed
tables add up, and printed '1,286.76', blank for none.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..forms import CodeTable, FixedTable
from ..forms.spec import Column
from ..layout import TableLayout, layout, side_block_rows
from ..money import format_amount
from .context import Anchor, Context, fit_one_line
from .styles import LANDSCAPE_WIDTH, PORTRAIT_WIDTH, TABLE_LEADING, TABLE_SIZE

UNIT_LINE = "单位：万元"
ROW_NO = "行次"
COL_NO = "栏次"
ITEM = "项目"
NAME = "科目名称"
CODE_LEVELS = "类 款 项"

GRID = 0.5
PAD_X, PAD_Y = 2.5, 1.2


def _shown(ctx: Context, table_id: str) -> dict[tuple[str, str], int]:
    from ..shown import shown_values  # written alongside; imported when used
    return shown_values(ctx.report, table_id)


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


def _value_headers(ctx: Context, g: Grid, columns: tuple[Column, ...], c0: int, r0: int, depth: int) -> None:
    """Header paths of ``columns`` into rows r0 … r0+depth-1 from column c0: a
    leaf reaches down to the last header row; equal heads merge across."""
    for level in range(depth):
        j = 0
        while j < len(columns):
            path = columns[j].header
            if level >= len(path):
                j += 1
                continue
            row = r0 + level
            if level == len(path) - 1:
                g.cells[row][c0 + j] = _head(ctx, path[level])
                g.span(c0 + j, row, c0 + j, r0 + depth - 1)
                j += 1
                continue
            k = j
            while k + 1 < len(columns) and len(columns[k + 1].header) > level + 1 \
                    and columns[k + 1].header[: level + 1] == path[: level + 1]:
                k += 1
            g.cells[row][c0 + j] = _head(ctx, path[level])
            g.span(c0 + j, row, c0 + k, row)
            j = k + 1


def _amount(shown, row: str, col: str) -> str:
    return format_amount(shown.get((row, col)), blank_zero=True)


# -- fixed tables (01, 04, 09) ------------------------------------------------------

def _fixed_grid(ctx: Context, spec: FixedTable, lay: TableLayout, shown, width: float):
    s = ctx.styles
    sections = spec.sections
    labelled = [any(r.label for r in sec.rows) for sec in sections]
    depth = max(len(c.header) for c in spec.columns)
    titled = any(sec.title for sec in sections)
    ncols = sum((2 if lab else 0) + len(sec.columns) for sec, lab in zip(sections, labelled))
    # Widths: figures and 行次 fixed, labels share what is left.
    nvals = len(spec.columns)
    nlabels = sum(labelled)
    row_no = 9 * mm
    if nlabels:
        value_w = min(30 * mm, (width - nlabels * (row_no + 48 * mm)) / nvals)
        label_w = (width - nlabels * row_no - nvals * value_w) / nlabels
    else:
        value_w, label_w = width / nvals, 0
    widths = []
    for sec, lab in zip(sections, labelled):
        if lab:
            widths += [label_w, row_no]
        widths += [value_w] * len(sec.columns)
    g = Grid()
    top = 1 if titled else 0
    g.header_rows = top + depth + 1
    g.new_rows(g.header_rows, ncols)
    c = 0
    starts = []
    for sec, lab in zip(sections, labelled):
        starts.append(c)
        n = (2 if lab else 0) + len(sec.columns)
        if titled:
            g.cells[0][c] = _head(ctx, sec.title)
            g.span(c, 0, c + n - 1, 0)
        if lab:
            g.cells[top][c] = _head(ctx, ITEM)
            g.span(c, top, c, top + depth - 1)
            g.cells[top][c + 1] = _head(ctx, ROW_NO)
            g.span(c + 1, top, c + 1, top + depth - 1)
            g.cells[top + depth][c] = _head(ctx, COL_NO)
            c += 2
        _value_headers(ctx, g, sec.columns, c, top, depth)
        for j, col in enumerate(sec.columns):
            g.cells[top + depth][c + j] = col.id
        c += len(sec.columns)
    g.center.append((0, 0, ncols - 1, g.header_rows - 1))

    body = max(len(sec.rows) for sec in sections)
    first = g.new_rows(body, ncols)
    for sec, lab, c in zip(sections, labelled, starts):
        vc = c + (2 if lab else 0)
        if lab:
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
                cells[c + 1] = row.id
            have = lay.row_cols.get(row.id, ())
            for j, col in enumerate(sec.columns):
                if col.id in have:
                    cells[vc + j] = _amount(shown, row.id, col.id)

    return g, widths


# -- code tables (02, 03, 05, 07, 08) ------------------------------------------------

def _code_grid(ctx: Context, spec: CodeTable, lay: TableLayout, shown, width: float):
    s = ctx.styles
    depth = max(len(c.header) for c in spec.columns)
    hdepth = max(depth, 2)
    ncols = 2 + len(spec.columns)
    g = Grid()
    g.header_rows = hdepth + 1
    g.new_rows(g.header_rows, ncols)
    g.cells[0][0] = _head(ctx, spec.header_title)
    g.span(0, 0, 1, hdepth - 2)
    g.cells[hdepth - 1][0] = _head(ctx, spec.code_header)
    g.cells[hdepth - 1][1] = _head(ctx, NAME)
    _value_headers(ctx, g, spec.columns, 2, 0, hdepth)
    g.cells[hdepth][0] = _head(ctx, CODE_LEVELS)
    g.cells[hdepth][1] = _head(ctx, COL_NO)
    for j, col in enumerate(spec.columns):
        g.cells[hdepth][2 + j] = col.id
    g.center.append((0, 0, ncols - 1, g.header_rows - 1))

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
    g.header_rows = 2
    g.new_rows(2, ncols)
    b = 0
    while b < nb:
        e = b
        while e + 1 < nb and blocks[e + 1].group == blocks[b].group:
            e += 1
        g.cells[0][3 * b] = _head(ctx, blocks[b].heading)
        g.span(3 * b, 0, 3 * e + 2, 0)
        b = e + 1
    for b in range(nb):
        g.cells[1][3 * b] = _head(ctx, spec.code_header)
        g.cells[1][3 * b + 1] = _head(ctx, NAME)
        g.cells[1][3 * b + 2] = _head(ctx, col.header[-1])
    g.center.append((0, 0, ncols - 1, 1))

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
    spec = report.forms.table(table_id)
    lay = layout(report, table_id)
    if shown is None:
        shown = _shown(ctx, table_id)
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
    meta = Table(
        [["", ctx.para(spec.label, s.meta_right)],
         [ctx.para(f"部门：{report.department_name}", s.meta_left), ctx.para(UNIT_LINE, s.meta_right)]],
        colWidths=[width * 0.7, width * 0.3],
        style=TableStyle([("FONT", (0, 0), (-1, -1), ctx.fonts.song, 9),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                          ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]),
    )
    meta.keepWithNext = 1
    grid = Table(g.cells, colWidths=widths, repeatRows=g.header_rows, style=_table_style(ctx, g),
                 splitByRow=1, hAlign="CENTER")
    out: list[Flowable] = [ctx.para(title, fit_one_line(s.table_title, title, width)), meta, grid,
                           ctx.para("注：" + spec.note, s.note)]
    statement = spec.statement(ctx.year)
    if statement and is_empty(shown):
        out.append(ctx.para(statement, s.statement))
    return out


def table_anchor(ctx: Context, table_id: str, index: int) -> Anchor:
    """The bookmark and 目录 line of a table: '一、收入支出决算总表'."""
    from ..forms.tables_2024 import CN_NUMERALS
    spec = ctx.report.forms.table(table_id)
    return Anchor(f"{CN_NUMERALS[index]}、{spec.name}", 1, ctx.new_key(), 2)
