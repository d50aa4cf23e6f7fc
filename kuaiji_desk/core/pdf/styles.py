"""Page sizes, margins and paragraph styles of the report.

Headings are set in 黑体 rather than a fake bold: reportlab maps ``<b>`` of a
single TrueType face to the same face, so a bold that is not a font is no bold.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .fonts import PdfFonts

PORTRAIT = A4
LANDSCAPE = landscape(A4)

# Margins (left, right, top, bottom); the page number sits in the bottom margin.
PORTRAIT_MARGINS = (20 * mm, 20 * mm, 18 * mm, 18 * mm)
LANDSCAPE_MARGINS = (15 * mm, 15 * mm, 10 * mm, 13 * mm)
FOOTER_Y = 7 * mm
FOOTER_SIZE = 9

TABLE_SIZE = 9          # figures and names in the 公开表: 小五, the smallest such documents print
TABLE_LEADING = 11
SMALLEST = 9            # no text of the document is set smaller
BODY_SIZE = 12
BODY_LEADING = 21


def frame_size(pagesize, margins) -> tuple[float, float]:
    left, right, top, bottom = margins
    return pagesize[0] - left - right, pagesize[1] - top - bottom


PORTRAIT_WIDTH, PORTRAIT_HEIGHT = frame_size(PORTRAIT, PORTRAIT_MARGINS)
LANDSCAPE_WIDTH, LANDSCAPE_HEIGHT = frame_size(LANDSCAPE, LANDSCAPE_MARGINS)


@dataclass
class Styles:
    fonts: PdfFonts
    cover_unit: ParagraphStyle
    cover_title: ParagraphStyle
    cover_date: ParagraphStyle
    toc_title: ParagraphStyle
    toc_levels: list[ParagraphStyle]
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    caption: ParagraphStyle
    table_title: ParagraphStyle
    meta_left: ParagraphStyle
    meta_right: ParagraphStyle
    note: ParagraphStyle
    statement: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    head: ParagraphStyle
    eval_title: ParagraphStyle
    eval_cell: ParagraphStyle
    eval_center: ParagraphStyle
    eval_small: ParagraphStyle

    def heading(self, level: int) -> ParagraphStyle:
        return (self.h1, self.h2, self.h3)[min(max(level, 1), 3) - 1]


# reportlab's CJK line breaking keeps 、。）and ASCII punctuation off the start of a
# line (they hang in the margin instead) but not the full-width marks of Chinese.
CANNOT_START_LINE = "，；：？！》〉」』”’％…"


def _keep_punctuation_off_line_starts() -> None:
    """Adds them to the list both of reportlab's CJK line breakers read."""
    import reportlab.lib.textsplit as rl_textsplit
    import reportlab.platypus.paragraph as rl_paragraph
    for module in (rl_textsplit, rl_paragraph):
        extra = "".join(c for c in CANNOT_START_LINE if c not in module.ALL_CANNOT_START)
        if extra:
            module.ALL_CANNOT_START += extra


def make_styles(fonts: PdfFonts) -> Styles:
    _keep_punctuation_off_line_starts()
    song, fang, hei = fonts.song, fonts.fang, fonts.hei

    def ps(name, font, size, leading=None, **kw):
        kw.setdefault("wordWrap", "CJK")
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.3, **kw)

    cell = ps("cell", song, TABLE_SIZE, TABLE_LEADING)
    eval_cell = ps("eval_cell", song, 9, 11.5)
    styles = Styles(
        fonts=fonts,
        cover_unit=ps("cover_unit", hei, 24, 36, alignment=TA_CENTER),
        cover_title=ps("cover_title", hei, 26, 40, alignment=TA_CENTER, spaceBefore=6),
        cover_date=ps("cover_date", song, 16, 24, alignment=TA_CENTER),
        toc_title=ps("toc_title", hei, 18, 26, alignment=TA_CENTER, spaceAfter=12),
        toc_levels=[
            ps("toc1", hei, 12, 20, leftIndent=0, rightIndent=14 * mm, spaceBefore=4),
            ps("toc2", song, 11, 17, leftIndent=2 * 11, rightIndent=14 * mm),
            ps("toc3", song, 10.5, 15, leftIndent=4 * 11, rightIndent=14 * mm),
        ],
        h1=ps("h1", hei, 16, 24, alignment=TA_CENTER, spaceBefore=6, spaceAfter=12, keepWithNext=1),
        h2=ps("h2", hei, 14, 22, firstLineIndent=2 * 14, spaceBefore=6, spaceAfter=4, keepWithNext=1),
        h3=ps("h3", hei, 12, BODY_LEADING, firstLineIndent=2 * 12, spaceBefore=2, spaceAfter=2,
              keepWithNext=1),
        body=ps("body", fang, BODY_SIZE, BODY_LEADING, firstLineIndent=2 * BODY_SIZE, alignment=TA_JUSTIFY,
                spaceAfter=2),
        caption=ps("caption", song, 10.5, 15, alignment=TA_CENTER, spaceBefore=2, spaceAfter=8),
        table_title=ps("table_title", hei, 15, 20, alignment=TA_CENTER, spaceAfter=0, keepWithNext=1),
        meta_left=ps("meta_left", song, 9, 12, alignment=TA_LEFT),
        meta_right=ps("meta_right", song, 9, 12, alignment=TA_RIGHT),
        note=ps("note", song, 9, 12, spaceBefore=3),
        statement=ps("statement", song, 10.5, 15, spaceBefore=8, firstLineIndent=2 * 10.5),
        cell=cell,
        cell_center=ParagraphStyle("cell_center", parent=cell, alignment=TA_CENTER),
        head=ParagraphStyle("head", parent=cell, alignment=TA_CENTER),
        eval_title=ps("eval_title", hei, 14, 20, alignment=TA_CENTER, spaceAfter=4, keepWithNext=1),
        eval_cell=eval_cell,
        eval_center=ParagraphStyle("eval_center", parent=eval_cell, alignment=TA_CENTER),
        eval_small=ps("eval_small", song, SMALLEST, 11.5),
    )
    if hei == fang:   # one family for every role (no 黑体 here): titles drawn bold by stroking
        for style in (styles.cover_unit, styles.cover_title, styles.toc_title, styles.toc_levels[0], styles.h1,
                      styles.h2, styles.h3, styles.table_title, styles.eval_title):
            style.embolden = True
    return styles
