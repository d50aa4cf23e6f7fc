"""What every part of the PDF builder shares: the report, fonts and styles, the
paragraph factory that escapes text and notes characters the font lacks, and the
markers that become bookmarks and 目录 lines."""
from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from ..report import Report
from ..shown import shown_values
from .fonts import PdfFonts
from .styles import PORTRAIT_WIDTH, Styles


_STRAIGHT = re.compile(r'"([^"\n]*)"')


def typographic(text: str) -> str:
    """One kind of quotation marks in the whole document: the table names' straight
    财政拨款"三公"经费 printed as the text's “三公”."""
    return _STRAIGHT.sub(r"“\1”", text) if '"' in text else text


def markup(text: str) -> str:
    """Plain text → reportlab paragraph markup (escaped, line breaks kept)."""
    return escape(typographic(text)).replace("\r\n", "\n").replace("\n", "<br/>")


class Context:
    def __init__(self, report: Report, fonts: PdfFonts, styles: Styles):
        self.report = report
        self.fonts = fonts
        self.styles = styles
        self.missing: set[str] = set()   # characters printed in a font that lacks them
        self._keys = 0
        self._shown: dict[str, dict[tuple[str, str], int]] = {}

    def new_key(self) -> str:
        """A name for a bookmark destination, unique in the document."""
        self._keys += 1
        return f"k{self._keys}"

    def shown(self, table_id: str) -> dict[tuple[str, str], int]:
        """The table's figures as printed (舍位平衡 applied), worked out once per document."""
        if table_id not in self._shown:
            self._shown[table_id] = shown_values(self.report, table_id)
        return self._shown[table_id]

    @property
    def year(self) -> int:
        return self.report.year

    def check(self, font_name: str, text: str) -> None:
        if text:
            self.missing |= self.fonts.missing(font_name, text)

    def para(self, text: str, style: ParagraphStyle) -> Paragraph:
        self.check(style.fontName, text)
        return (Emboldened if getattr(style, "embolden", False) else Measured)(markup(text), style)

    def cell(self, text: str, style: ParagraphStyle, width: float):
        """Table cell content: the plain string when it fits on one line of ``width``
        (set in the table's font and size, which must be the style's: much cheaper
        to lay out), else a wrapping paragraph."""
        text = typographic(text)
        if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= width:
            self.check(style.fontName, text)
            return text
        return self.para(text, style)


class Measured(Paragraph):
    """A paragraph that breaks its lines once per width.  A table measures its cells' paragraphs
    when it is placed, again when a page break makes it split, and once more when it draws them:
    breaking Chinese text into lines is most of the PDF's time, and the lines only depend on
    the width (reportlab's split forgets them when it gives up on a page: measured again then)."""

    _measured: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth, availHeight):
        if self._measured is None or self._measured[0] != availWidth or not hasattr(self, "blPara"):
            self._measured = availWidth, super().wrap(availWidth, availHeight)
        return self._measured[1]


class Emboldened(Measured):
    """A title in a font that has no bold face of its own (the bundled one serves every role):
    its glyphs filled and stroked, as office programs embolden such a face, so that titles
    stand apart from the text in weight as well as size."""

    STROKE = 0.035   # of the font size

    def beginText(self, x, y):
        text = super().beginText(x, y)
        text.setTextRenderMode(2)   # fill, then stroke
        return text

    def draw(self):
        self.canv.saveState()
        self.canv.setLineWidth(self.style.fontSize * self.STROKE)
        self.canv.setStrokeColor(self.style.textColor)
        try:
            super().draw()
        finally:
            self.canv.restoreState()


class Anchor(Flowable):
    """An invisible mark (put it first on a page): a PDF bookmark at ``level`` (0 = part) and, with
    ``toc``, a 目录 line at ``toc`` - 1 (1 for a part, 2 for a section)."""

    _ZEROSIZE = 1

    def __init__(self, text: str, level: int, key: str, toc: int = 0):
        super().__init__()
        self.text, self.level, self.key, self.toc = typographic(text), level, key, toc
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        pass


def fit_one_line(style: ParagraphStyle, text: str, width: float, smallest: float = 12) -> ParagraphStyle:
    """The style, set smaller (down to ``smallest``) when that keeps ``text`` on one line."""
    natural = stringWidth(text, style.fontName, style.fontSize)
    if natural <= width:
        return style
    size = max(smallest, int(style.fontSize * width / natural * 4) / 4)
    return ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size,
                          leading=style.leading * size / style.fontSize)


def heading(ctx: Context, text: str, level: int, toc: bool) -> Paragraph:
    """A heading (level 1 = 第X部分) that carries its own bookmark, so that the
    mark lands on the page where the heading does."""
    style = ctx.styles.heading(level)
    if level == 1:
        style = fit_one_line(style, text, PORTRAIT_WIDTH)
    p = ctx.para(text, style)
    p.outline = (typographic(text), level - 1, ctx.new_key(), level if toc else 0)
    return p
