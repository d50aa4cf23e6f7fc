"""The 绩效自评表 of 第六部分 附件: the 整体绩效自评表 and one 项目绩效自评表 per
project, laid out as the template prints them.

The 执行率 is computed from 执行数 ÷ 预算数, as the rule F01 promises
(「本软件按计算值输出」), never copied from an imported text.  The checkbox lines
mark the chosen option with a ticked box.
"""
from __future__ import annotations

from typing import NamedTuple

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from ..forms import selfeval as form_text
from ..money import format_amount
from ..report import PROJECT_ATTRIBUTES, PROJECT_CATEGORIES, PROJECT_KINDS, Indicator, Overall, Project
from .context import Anchor, Context, fit_one_line
from .styles import PORTRAIT_HEIGHT, PORTRAIT_WIDTH

CHECKED, UNCHECKED, TICK, ROOT = "☑", "□", "✓", "√"
OVERALL_INDICATORS_HEADING = "年度绩效指标"   # the overall form's first column, as published
MAX_MERGE = 15   # longer runs of one 一级/二级指标 are not merged: a merged cell cannot break across pages

_TEXT, _LEADING = 9, 11.5   # as styles.eval_cell
_PAD = 3


class _Text(NamedTuple):
    text: str
    center: bool


class ChoiceLine(Flowable):
    """「1、部门预算项目 ☑  2、区直专项 □ …」, wrapping between options.

    The boxes are drawn, not typeset: fonts draw □ at very different sizes and few
    have ☑.  Under each box lies its character in invisible text (☑ where the
    font has it, else ✓), so that the text can be searched and copied.
    """

    def __init__(self, ctx: Context, options: tuple[str, ...], chosen: str, size: float = _TEXT):
        super().__init__()
        picked = [c.strip() for c in chosen.split("、") if c.strip()] if chosen else []
        # A chosen value the template lacks is added, checked (as the Excel export does).
        everything = list(options) + [c for c in picked if c not in options]
        self.items = [(f"{i + 1}、{text}", text in picked) for i, text in enumerate(everything)]
        self.font, self.size = ctx.fonts.song, size
        self.leading = size * 1.35
        covers = ctx.fonts.covers
        self.checked_text = next((g for g in (CHECKED, TICK, ROOT) if covers(self.font, g)), "")
        self.unchecked_text = UNCHECKED if covers(self.font, UNCHECKED) else ""
        for text, _ in self.items:
            ctx.check(self.font, text)
        self._lines: list[list[tuple[str, bool, float]]] = []

    def _item_width(self, text: str) -> float:
        return stringWidth(text, self.font, self.size) + self.size * 3

    def wrap(self, availWidth, availHeight):
        lines: list[list[tuple[str, bool, float]]] = [[]]
        used = 0.0
        for text, checked in self.items:
            w = self._item_width(text)
            if lines[-1] and used + w > availWidth:
                lines.append([])
                used = 0.0
            lines[-1].append((text, checked, w))
            used += w
        self._lines = lines
        self.width = availWidth
        self.height = len(lines) * self.leading
        return self.width, self.height

    def draw(self):
        c = self.canv
        size = self.size
        y = self.height - self.leading + (self.leading - size) / 2 + size * 0.12
        for line in self._lines:
            x = 0.0
            for text, checked, w in line:
                c.setFont(self.font, size)
                c.drawString(x, y, text)
                self._box(x + stringWidth(text, self.font, size) + size * 0.25, y, checked)
                x += w
            y -= self.leading

    def _box(self, x: float, y: float, checked: bool) -> None:
        c, size = self.canv, self.size
        side = size * 0.82
        bottom = y - size * 0.08
        c.saveState()
        c.setLineWidth(0.6)
        c.rect(x, bottom, side, side, stroke=1, fill=0)
        if checked:
            c.setLineWidth(1.1)
            c.lines([(x + side * 0.18, bottom + side * 0.52, x + side * 0.42, bottom + side * 0.2),
                     (x + side * 0.42, bottom + side * 0.2, x + side * 0.86, bottom + side * 0.9)])
        glyph = self.checked_text if checked else self.unchecked_text
        if glyph:
            t = c.beginText(x, y)
            t.setTextRenderMode(3)   # invisible
            t.setFont(self.font, size)
            t.textOut(glyph)
            c.drawText(t)
        c.restoreState()


def _wan(fen: int | None) -> str:
    return format_amount(fen, grouping=False)


class _Form:
    """A label | value form around a block of indicator rows."""

    def __init__(self, ctx: Context, widths: list[float]):
        self.ctx = ctx
        self.widths = widths
        self.n = len(widths)
        self.rows: list[list] = []
        self.spans: list[tuple[int, int, int, int]] = []
        self.center: list[tuple[int, int, int, int]] = []
        self.unlined: list[tuple[int, int, int]] = []  # (col, first row, last row) drawn without inner lines
        self.header_row: int | None = None   # the indicators' header: repeated on every page after the first

    def p(self, text: str, center: bool = False):
        """A text cell; laid out as a plain string or a paragraph once widths are known."""
        return _Text(text, center) if text else ""

    def row(self, cells: list, spans: list[tuple[int, int]] = ()) -> int:
        r = len(self.rows)
        row = [""] * self.n
        for i, v in enumerate(cells):
            row[i] = v
        self.rows.append(row)
        for c0, c1 in spans:
            if c1 > c0:
                self.spans.append((c0, r, c1, r))
        return r

    def labelled(self, label: str, value, first_value_col: int = 1) -> int:
        """A label in the first column(s), the value across the rest."""
        cells = [self.p(label, True)] + [""] * (first_value_col - 1) + [value]
        spans = [(0, first_value_col - 1), (first_value_col, self.n - 1)]
        return self.row(cells, spans)

    def indicators(self, title: str, header: list[str], indicators: list[Indicator], fields: list[str]):
        """The indicator block: the title down the first column, one row per indicator,
        equal 一级/二级指标 of adjacent rows merged."""
        first = self.row([self.p(title, True)] + [self.p(h, True) for h in header])
        self.header_row = first
        self.center.append((1, first, self.n - 1, first))
        for ind in indicators:
            cells = [""] + [self.p(getattr(ind, f), f in ("target", "actual", "category", "weight", "score"))
                            for f in fields]
            self.row(cells)
        if not indicators:
            self.row([""])   # one empty row to fill in, as the template has
        self.spans.append((0, first, 0, len(self.rows) - 1))
        for col, f in enumerate(fields[:2], start=1):
            self._merge_runs(col, first + 1, indicators, f, outer=fields[0] if col == 2 else None)

    def _merge_runs(self, col: int, r0: int, indicators: list[Indicator], f: str, outer: str | None):
        i = 0
        while i < len(indicators):
            key = (getattr(indicators[i], outer) if outer else None, getattr(indicators[i], f))
            j = i
            while j + 1 < len(indicators) and key == (getattr(indicators[j + 1], outer) if outer else None,
                                                      getattr(indicators[j + 1], f)):
                j += 1
            if key[1] and 0 < j - i < MAX_MERGE:
                self.spans.append((col, r0 + i, col, r0 + j))
            i = j + 1

    def _resolve(self) -> tuple[list[list], list]:
        """Text cells as plain strings where they fit on one line, else paragraphs."""
        s, ctx = self.ctx.styles, self.ctx
        width_of = {}
        for c0, r0, c1, r1 in self.spans:
            width_of[(r0, c0)] = sum(self.widths[c0:c1 + 1])
        rows, align = [], []
        for r, row in enumerate(self.rows):
            out = []
            for c, v in enumerate(row):
                if isinstance(v, _Text):
                    w = width_of.get((r, c), self.widths[c]) - 2 * _PAD
                    v = ctx.cell(v.text, s.eval_center if v.center else s.eval_cell, w)
                    if isinstance(v, str) and row[c].center:
                        align.append(("ALIGN", (c, r), (c, r), "CENTER"))
                out.append(v)
            rows.append(out)
        return rows, align

    def table(self, repeat_header: bool = False) -> Table:
        """The form as a table; with ``repeat_header``, one that repeats the indicators' header
        row on every page it is split onto (the form itself starts a page, so the header row is
        on its first page)."""
        rows, align = self._resolve()
        cmds = [
            ("FONT", (0, 0), (-1, -1), self.ctx.fonts.song, _TEXT, _LEADING),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("BOX", (0, 0), (-1, -1), 0.8, (0, 0, 0)),
        ]
        lined_col0 = set(range(len(self.rows)))
        for col, r0, r1 in self.unlined:
            lined_col0 -= set(range(r0, r1 + 1))
            cmds += [("LINEABOVE", (col, r0), (col, r0), 0.5, (0, 0, 0)),
                     ("LINEBELOW", (col, r1), (col, r1), 0.5, (0, 0, 0)),
                     ("LINEAFTER", (col, r0), (col, r1), 0.5, (0, 0, 0)),
                     ("VALIGN", (col, r0), (col, r1), "TOP")]
        cmds.append(("INNERGRID", (1, 0), (-1, -1), 0.5, (0, 0, 0)))
        for r0, r1 in _runs(sorted(lined_col0)):
            cmds += [("LINEBELOW", (0, r0), (0, r1), 0.5, (0, 0, 0)), ("LINEAFTER", (0, r0), (0, r1), 0.5, (0, 0, 0))]
        cmds += [("ALIGN", (c0, r0), (c1, r1), "CENTER") for c0, r0, c1, r1 in self.center]
        cmds += align
        cmds += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in self.spans]
        repeat = (self.header_row,) if repeat_header and self.header_row is not None else 0
        return Table(rows, colWidths=self.widths, style=TableStyle(cmds), hAlign="CENTER", repeatRows=repeat)


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as (first, last) runs of consecutive ones: one style command per run
    rather than per row (a long form has hundreds, and reportlab resolves each one)."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


_WIDTHS_MM = {"level1": 18, "level2": 24, "level3": 0, "category": 20, "target": 27, "actual": 27,
              "weight": 12, "score": 12}   # 0: what is left
_LABEL_MM = 22


def _indicator_fields(declared, indicators: list[Indicator]) -> tuple[list[str], list[str], list[float]]:
    """(fields, headers, widths) of the indicator columns as declared, with
    分值/得分 only where an indicator has a score."""
    cols = list(declared) + (list(form_text.SCORES) if any(i.weight or i.score for i in indicators) else [])
    rest = PORTRAIT_WIDTH / mm - _LABEL_MM - sum(_WIDTHS_MM[f] for f, _ in cols)
    widths = [_LABEL_MM * mm] + [(_WIDTHS_MM[f] or rest) * mm for f, _ in cols]
    return [f for f, _ in cols], [h for _, h in cols], widths


def _middle(n: int) -> int:
    """The column where the second label of a two-label row starts."""
    return max(2, 1 + (n - 1) // 2)


def overall_flowables(ctx: Context, overall: Overall) -> list[Flowable]:
    s, f = ctx.styles, form_text
    name = overall.unit_name or ctx.report.department_name
    fields, headers, widths = _indicator_fields(f.OVERALL_INDICATORS, overall.indicators)
    form = _Form(ctx, widths)
    form.labelled(f.UNIT_NAME, form.p(name))
    unit = "万元" if overall.amounts_rounded else "元"   # 元 as the template, unless only 万元 are known

    def amount(fen):
        return "" if fen is None else f"{format_amount(fen, unit)} {unit}"   # 「3,352,775.69 元」, as the Excel export

    m = _middle(form.n)
    wide = 2 if form.n - m > 3 else 1   # the second label over two columns where there is room
    form.row([form.p(f.BASIC_TOTAL, True), form.p(amount(overall.basic_total), True)]
             + [""] * (m - 2) + [form.p(f.PROJECT_TOTAL, True)] + [""] * (wide - 1)
             + [form.p(amount(overall.project_total), True)],
             [(1, m - 1), (m, m + wide - 1), (m + wide, form.n - 1)])
    form.labelled(f.GOALS, form.p(overall.goals))
    form.indicators(OVERALL_INDICATORS_HEADING, headers, overall.indicators, fields)
    form.labelled(f.DEVIATION, form.p(overall.deviation_reason))
    form.labelled(f.IMPROVEMENT, form.p(overall.improvement))
    title = f.OVERALL_TITLE.format(year=ctx.year, unit=name)
    out: list[Flowable] = [Anchor(title, 1, ctx.new_key()),
                           ctx.para(title, fit_one_line(s.eval_title, title, PORTRAIT_WIDTH))]
    if overall.fill_date:
        out.append(ctx.para(f"{f.FILL_DATE}：{overall.fill_date}", s.meta_right))
    out.append(_FormTable(form, PORTRAIT_HEIGHT))
    return out


def project_flowables(ctx: Context, p: Project, index: int) -> list[Flowable]:
    s, f = ctx.styles, form_text
    fields, headers, widths = _indicator_fields(f.PROJECT_INDICATORS, p.indicators)
    form = _Form(ctx, widths)
    n = form.n
    form.labelled(f.PROJECT_NAME, form.p(p.name, True))
    m = _middle(n)
    form.row([form.p(f.DEPARTMENT, True), form.p(p.department, True)] + [""] * (m - 2)
             + [form.p(f.EXECUTOR, True), form.p(p.executor, True)], [(1, m - 1), (m + 1, n - 1)])
    form.labelled(f.CATEGORY, ChoiceLine(ctx, PROJECT_CATEGORIES, p.category))
    form.labelled(f.ATTRIBUTE, ChoiceLine(ctx, PROJECT_ATTRIBUTES, p.attribute))
    form.labelled(f.KIND, ChoiceLine(ctx, PROJECT_KINDS, p.kind))
    r = form.row([form.p(f.BUDGET_HEADING, True)] + [""] * (n - 4)
                 + [form.p(h, True) for h in f.BUDGET_COLUMNS], [(1, n - 4)])
    form.row(["", form.p(f.BUDGET_ROW, True)] + [""] * (n - 5)
             + [form.p(_wan(p.budget), True), form.p(_wan(p.spent), True), form.p(form_text.rate_text(p.budget, p.spent), True)],
             [(1, n - 4)])
    form.spans.append((0, r, 0, r + 1))
    form.indicators(f.GOALS_HEADING, headers, p.indicators, fields)
    form.labelled(f.DEVIATION, form.p(p.deviation_reason))
    form.labelled(f.IMPROVEMENT, form.p(p.improvement))
    form.labelled(f.REMARKS, ctx.para("\n".join(f.PROJECT_REMARKS), s.eval_small))
    title = form_text.project_title(ctx.year, p.name, index)
    return [Anchor(title, 1, ctx.new_key()), ctx.para(title, fit_one_line(s.eval_title, title, PORTRAIT_WIDTH)),
            _FormTable(form, PORTRAIT_HEIGHT)]


class _FormTable(Flowable):
    """The form's table.  A merged block of the first column cannot break across
    pages; when the table is taller than a page, it is drawn with those blocks
    unmerged, so that it can break (measured only then, by the layout itself)."""

    def __init__(self, form: _Form, page_height: float):
        super().__init__()
        self.form, self.page_height = form, page_height
        self.table = form.table()
        self._wrapped_in: tuple[float, float] | None = None

    def wrap(self, availWidth, availHeight):
        # The frame measures it, then asks it to split in the same space.  Keyed on the height
        # too: reportlab stops measuring a long table's rows once they pass the space given.
        if self._wrapped_in != (availWidth, availHeight):
            self.width, self.height = self.table.wrapOn(self.canv, availWidth, availHeight)
            self._wrapped_in = availWidth, availHeight
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        if self.height <= self.page_height:
            return []   # fits a page: start one rather than break
        form = self.form
        for sp in [sp for sp in form.spans if sp[0] == 0 and sp[3] - sp[1] > 2]:
            form.spans.remove(sp)
            form.unlined.append((0, sp[1], sp[3]))
        return form.table(repeat_header=True).splitOn(self.canv, availWidth, availHeight)

    def drawOn(self, canvas, x, y, _sW=0):
        self.table.drawOn(canvas, x, y, _sW)
