"""The whole 部门决算公开 as one PDF.

Cover, 目录 (with page numbers, filled in at the end of the one pass), then 第一部分 to 第六部分
in the order of the published reports: 概况, the nine 公开表, 情况说明 with 图1–图4,
重点工作完成情况, 名词解释, and the 绩效自评表 as 附件.  Text pages are portrait;
a table declared landscape gets landscape pages.  Every page but the cover is
numbered 「第 X 页 / 共 Y 页」; every part, section and table is a PDF bookmark.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Frame, NextPageTemplate, PageBreak, PageTemplate, Spacer

from .. import narrative as narrative_pkg
from ..narrative.blocks import Chart, Heading, Paragraph as TextBlock
from ..report import Report
from .charts import chart_flowable
from .context import Anchor, Context, heading
from .fonts import PdfFonts, resolve_fonts
from .pages import Contents, Deferred, numbered_canvas
from .selfeval import overall_flowables, project_flowables
from .styles import (LANDSCAPE, LANDSCAPE_MARGINS, LANDSCAPE_WIDTH, PORTRAIT, PORTRAIT_HEIGHT, PORTRAIT_MARGINS,
                     PORTRAIT_WIDTH, frame_size, make_styles)
from .tables import is_empty, table_anchor, table_flowables

COVER, PORTRAIT_ID, LANDSCAPE_ID = "cover", "P", "L"
TOC_TITLE = "目  录"
CREATOR = "kuaiji_desk 部门决算公开"

# How deep each part's headings go into the 目录 (1: the part only).
TOC_DEPTH = {1: 2, 2: 2, 3: 2, 4: 1, 5: 1, 6: 1}


@dataclass(frozen=True)
class PdfExport:
    path: Path
    pages: int
    fonts: str                  # which fonts were used, as recorded in the PDF
    missing_glyphs: str         # characters the fonts lack (printed as blanks), sorted


def part_titles(report: Report) -> dict[int, str]:
    unit, year = report.department_name, report.year
    return {
        1: f"第一部分 {unit}概况",
        2: f"第二部分 {unit}{year}年度部门决算表",
        3: f"第三部分 {unit}{year}年度部门决算情况说明",
        4: f"第四部分 {year}年度重点工作完成情况",
        5: "第五部分 名词解释",
        6: "第六部分 附件",
    }


# -- canvas and document ---------------------------------------------------------

def _frame(pagesize, margins, fid: str) -> Frame:
    left, _, _, bottom = margins
    w, h = frame_size(pagesize, margins)
    return Frame(left, bottom, w, h, id=fid, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


class ReportDocument(BaseDocTemplate):
    """Portrait and landscape page templates; bookmarks and 目录 lines from the
    marks the story carries."""

    def __init__(self, filename, deferred: Deferred, first: str = COVER, **kw):
        super().__init__(filename, pagesize=PORTRAIT, **kw)
        templates = [
            PageTemplate(COVER, [_frame(PORTRAIT, PORTRAIT_MARGINS, "cover")], pagesize=PORTRAIT),
            PageTemplate(PORTRAIT_ID, [_frame(PORTRAIT, PORTRAIT_MARGINS, "portrait")], pagesize=PORTRAIT),
            PageTemplate(LANDSCAPE_ID, [_frame(LANDSCAPE, LANDSCAPE_MARGINS, "landscape")], pagesize=LANDSCAPE),
        ]
        # The first template serves the first page.
        templates.sort(key=lambda t: t.id != first)
        self.addPageTemplates(templates)
        self.deferred = deferred
        self._outline_level = -1

    def beforeDocument(self):
        self._outline_level = -1
        self.canv.showOutline()

    def afterFlowable(self, flowable):
        mark = _mark(flowable)
        if mark is None:
            return
        text, level, key, _ = mark
        self.deferred.pages[key] = self.page
        top = min(self.pagesize[1], self.frame._y + getattr(flowable, "height", 0) + 12)
        self.canv.bookmarkPage(key, fit="XYZ", left=0, top=top, zoom=0)
        level = min(level, self._outline_level + 1)  # an outline may not skip a level
        self.canv.addOutlineEntry(text, key, level=level, closed=level >= 1)
        self._outline_level = level


def _mark(flowable):
    """(text, outline level, key, 目录 level or 0) of a bookmarked flowable."""
    if isinstance(flowable, Anchor):
        return flowable.text, flowable.level, flowable.key, flowable.toc
    return getattr(flowable, "outline", None)


# -- the story ---------------------------------------------------------------------

def _cover(ctx: Context) -> list:
    s, report = ctx.styles, ctx.report
    date = report.texts.get("公开日期", "")
    return [
        Spacer(1, PORTRAIT_HEIGHT * 0.28),
        ctx.para(report.department_name, s.cover_unit),
        ctx.para(f"{report.year}年度部门决算公开", s.cover_title),
        Spacer(1, PORTRAIT_HEIGHT * 0.38),
        ctx.para(date, s.cover_date),
    ]


def _blocks(ctx: Context, blocks, part: int, title: str) -> list:
    """A part of the narrative; its first heading (or ``title``) heads it."""
    out = []
    blocks = list(blocks)
    if not (blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1):
        out.append(heading(ctx, title, 1, True))
    depth = TOC_DEPTH.get(part, 1)
    for block in blocks:
        if isinstance(block, Heading):
            out.append(heading(ctx, block.text, block.level, block.level <= depth))
        elif isinstance(block, TextBlock):
            out += [ctx.para(line, ctx.styles.body) for line in block.text.splitlines() if line.strip()]
        elif isinstance(block, Chart):
            out.append(chart_flowable(ctx, block, PORTRAIT_WIDTH))
    return out


# An empty table (its header, 合计 and the statement that it has no data) shares the page of
# the empty table before it, as published reports print 07 and 08, when both fit.
SHARED_GAP = 18


def _tables(ctx: Context, title: str) -> list:
    out = [heading(ctx, title, 1, True)]
    current_landscape = False
    sharing = False   # the table before was empty and short: an empty one may follow on its page
    for i, spec in enumerate(ctx.report.publication.tables):   # the layout's tables, in its order
        flowables = table_flowables(ctx, spec.id)
        empty = is_empty(ctx.shown(spec.id))
        if i > 0 and sharing and empty and spec.landscape == current_landscape:
            width = LANDSCAPE_WIDTH if spec.landscape else PORTRAIT_WIDTH
            height = sum(f.wrap(width, 10_000)[1] for f in flowables) + SHARED_GAP
            out += [CondPageBreak(height), Spacer(1, SHARED_GAP)]
        elif i > 0 or spec.landscape != current_landscape:
            out += [NextPageTemplate(LANDSCAPE_ID if spec.landscape else PORTRAIT_ID), PageBreak()]
            current_landscape = spec.landscape
        sharing = empty
        out.append(table_anchor(ctx, spec.id, i))
        out += flowables
    if current_landscape:
        out.append(NextPageTemplate(PORTRAIT_ID))
    return out


def _attachments(ctx: Context, title: str) -> list:
    report = ctx.report
    out = [heading(ctx, title, 1, True)]
    first = True
    if report.overall is not None:
        out += overall_flowables(ctx, report.overall)
        first = False
    for i, project in enumerate(report.projects):
        if not first:
            out.append(PageBreak())
        first = False
        out += project_flowables(ctx, project, i)
    return out


def build_story(ctx: Context, deferred: Deferred) -> list:
    report, s = ctx.report, ctx.styles
    titles = part_titles(report)
    parts = [
        _blocks(ctx, narrative_pkg.part_one(report), 1, titles[1]),
        _tables(ctx, titles[2]),
        _blocks(ctx, narrative_pkg.part_three(report), 3, titles[3]),
        _blocks(ctx, narrative_pkg.part_four(report), 4, titles[4]),
        _blocks(ctx, narrative_pkg.part_five(report), 5, titles[5]),
        _attachments(ctx, titles[6]),
    ]
    body = []
    for part in parts:
        body += [PageBreak()] + part
    entries = [(toc - 1, text, key) for text, _, key, toc in filter(None, map(_mark, body)) if toc]
    contents = Contents(entries, s.toc_levels, deferred)
    return (_cover(ctx) + [NextPageTemplate(PORTRAIT_ID), PageBreak(),
                           Anchor("目录", 0, ctx.new_key()), ctx.para(TOC_TITLE, s.toc_title), contents] + body)


def _subject(report: Report, title: str) -> str:
    """What the document is, as a reader's file list shows it: the report, its layout, its units."""
    composition = report.composition
    made_of = f"，部门汇总 {len(composition.units)} 个单位" if composition else ""
    return f"{title}（{report.publication.title}{made_of}）"


@contextmanager
def _binary_streams():
    """Compressed page streams without reportlab's ASCII85 wrapping: a fifth
    smaller, and encoding ASCII85 in pure Python is a tenth of the export time."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


@contextmanager
def _collector_paused():
    """Python's cycle collector paused while the document is built: laying out some ten
    thousand cells makes objects by the hundred thousand, and the collector would sweep them
    again and again (a tenth of the time); what is garbage waits for its next sweep."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def export_pdf(report: Report, path, fonts: PdfFonts | None = None, table: str | None = None) -> PdfExport:
    """Writes the report's 部门决算公开 to ``path``; with ``table``, that one 公开表 alone, for
    printing it.  The caller puts it in place (core.files.write_atomically)."""
    fonts = fonts or resolve_fonts()
    with _collector_paused():
        return _export(report, path, fonts, table)


def _export(report: Report, path, fonts: PdfFonts, table: str | None) -> PdfExport:
    ctx = Context(report, fonts, make_styles(fonts))
    deferred = Deferred(fonts.song)
    if table is None:
        story, first = build_story(ctx, deferred), COVER
    else:
        spec = report.publication.table(table)
        first = LANDSCAPE_ID if spec.landscape else PORTRAIT_ID
        story = [table_anchor(ctx, table, 0)] + table_flowables(ctx, table)
        deferred.first_numbered = 1
    described = fonts.description()
    title = f"{report.department_name}{report.year}年度部门决算公开"

    doc = ReportDocument(
        str(path), deferred, first=first, title=title, author=report.department_name,
        subject=_subject(report, title), keywords=["部门决算公开", str(report.year), report.department_name],
        creator=CREATOR, producer=CREATOR, lang="zh-CN", initialFontName=fonts.song,
    )
    with _binary_streams():
        doc.build(story, canvasmaker=numbered_canvas(deferred))
    return PdfExport(Path(path), deferred.total, described, "".join(sorted(ctx.missing)))
