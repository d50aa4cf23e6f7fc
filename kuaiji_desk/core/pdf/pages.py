"""What can only be printed once the whole document is laid out: 「第 X 页 / 共 Y
页」 on every page and the page numbers of the 目录.

reportlab knows neither the page count nor a later heading's page while it lays
out a page.  The canvas below keeps every page back until the end; the 目录 is
laid out at its final size in the one pass (its lines are known in advance) and
notes where each line ends, and the canvas prints the numbers there before it
writes the pages out.  One pass instead of reportlab's multiBuild, which lays the
whole document out twice.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from .styles import FOOTER_SIZE, FOOTER_Y

_LINE_END = "kjContentsLineEnd"
LEADER = "."


@dataclass
class Deferred:
    """Shared by the document (which records where marks land) and the canvas."""
    font: str
    pages: dict[str, int] = field(default_factory=dict)       # mark key → page number
    lines: list[tuple] = field(default_factory=list)          # (page, x, y, right, style, key)
    total: int = 0
    first_numbered: int = 2   # the whole report's cover has no number; a table printed alone starts at 1


def _absolute(canv, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = canv._currentMatrix
    return a * x + c * y + e, b * x + d * y + f


class Contents(Flowable):
    """The 目录: one line per entry (level, text, key), the page number right-aligned
    after a dotted leader, filled in when the document is complete.  The styles'
    rightIndent keeps the text clear of the numbers."""

    def __init__(self, entries: list[tuple[int, str, str]], styles: list[ParagraphStyle], deferred: Deferred):
        super().__init__()
        self.entries, self.styles, self.deferred = entries, styles, deferred
        self._table: Table | None = None

    def _style(self, level: int) -> ParagraphStyle:
        return self.styles[min(level, len(self.styles) - 1)]

    def wrap(self, availWidth, availHeight):
        deferred = self.deferred

        def line_end(canv, kind, label):
            level, key = label.split("|", 1)
            info = canv._curr_tx_info
            x, y = _absolute(canv, info["cur_x"], info["cur_y"])
            right, _ = _absolute(canv, availWidth, info["cur_y"])
            deferred.lines.append((canv.getPageNumber(), x, y, right, self._style(int(level)), key))

        self.canv.setNamedCB(_LINE_END, line_end)
        rows = []
        for level, text, key in self.entries:
            style = self._style(level)
            if style.spaceBefore:
                rows.append([Spacer(1, style.spaceBefore)])
            rows.append([Paragraph(f'<a href="#{key}">{escape(text)}</a>'
                                   f'<onDraw name="{_LINE_END}" label="{level}|{key}"/>', style)])
        self._table = Table(rows, colWidths=[availWidth], style=TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), deferred.font, 10),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]))
        self.width, self.height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        return self._table.splitOn(self.canv, availWidth, availHeight)

    def drawOn(self, canvas, x, y, _sW=0):
        self._table.drawOn(canvas, x, y, _sW)


def _draw_contents_numbers(canv, deferred: Deferred, page: int) -> None:
    for line_page, x, y, right, style, key in deferred.lines:
        if line_page != page:
            continue
        number = str(deferred.pages.get(key, ""))
        size = style.fontSize
        number_w = stringWidth(number, style.fontName, size)
        dot_w = stringWidth(LEADER, style.fontName, size)
        gap = size * 0.4
        dots = max(0, int((right - number_w - gap - (x + gap)) / dot_w))
        canv.setFont(style.fontName, size)
        canv.drawString(right - number_w - gap - dots * dot_w, y, LEADER * dots)
        canv.drawString(right - number_w, y, number)


def numbered_canvas(deferred: Deferred):
    """A canvas class that holds its pages back until the end, then prints the
    page numbers (not on the cover) and the 目录's page numbers."""

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held_pages = []

        def showPage(self):
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            deferred.total = total = len(self._held_pages)
            for state in self._held_pages:
                self.__dict__.update(state)
                page = self._pageNumber
                _draw_contents_numbers(self, deferred, page)
                if page >= deferred.first_numbered:
                    self.setFont(deferred.font, FOOTER_SIZE)
                    self.drawCentredString(self._pagesize[0] / 2, FOOTER_Y, f"第 {page} 页 / 共 {total} 页")
                super().showPage()
            super().save()

    return NumberedCanvas
