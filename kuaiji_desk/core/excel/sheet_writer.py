"""Writing one printed sheet: styled cells, merged ranges, widths, row heights, print setup.

The table and 自评表 layouts say what goes where; how it looks is decided here
once.  Every text goes in as text: openpyxl would make a formula of a name that
starts with '=' (tech-notes §5), so a string cell is always typed 's'.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..money import fen_to_decimal

FONT_NAME = "宋体"
AMOUNT_FORMAT = "#,##0.00"
YUAN_FORMAT = '#,##0.00" 元"'     # 「3,352,775.69 元」, as the PDF prints it; the cell stays a number
FOOTER = "第 &P 页 / 共 &N 页"

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BODY_SIZE = 11
_LINE_HEIGHT = 14.25     # points per line of 11-point text
_MIN_WIDTH, _MAX_WIDTH = 6, 50
_PADDING = 2


@dataclass(frozen=True)
class Style:
    size: int = _BODY_SIZE
    bold: bool = False
    align: str = "left"        # left | center | right
    wrap: bool = True
    measure: int = _MAX_WIDTH  # the most this text asks of its column's width; 0: nothing
    indent: int = 0            # a figure kept off the cell's right edge, clear of a code beside it


TITLE = Style(size=16, bold=True, align="center", measure=0)
LINE = Style(wrap=False, measure=0)               # 部门, 注: lines that may run past their cell
RIGHT = Style(align="right", wrap=False, measure=0)
HEAD = Style(align="center", measure=12)          # long headers wrap rather than widen
CELL = Style()
CELL_BOLD = Style(bold=True)
CENTER = Style(align="center")
AMOUNT = Style(align="right", wrap=False, indent=1)
AMOUNT_BOLD = Style(align="right", wrap=False, bold=True, indent=1)
NOTE = Style(measure=0)


def display_width(text: str) -> int:
    """Columns a text takes in Excel's width unit: a 汉字 or full-width sign counts two."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def shown_number(value: int | Decimal, fmt: str) -> str:
    """The text a number shows in its format: '1,286.76', '3,352,775.69 元'."""
    if fmt == "General":
        return str(value)
    return f"{value:,.2f}" + "".join(re.findall(r'"([^"]*)"', fmt))


class SheetWriter:
    def __init__(self, ws: Worksheet):
        self.ws = ws
        self._need: dict[int, int] = {}                       # column → width its texts ask for
        self._wrapped: list[tuple[int, int, int, int, str, int]] = []  # r1, c1, r2, c2, text, size
        self._spanned: list[tuple[int, int, int]] = []        # c1, c2, width a one-line text merged over them asks
        self._alike: list[tuple[int, ...]] = []               # columns given one width, the widest one's
        self.last_col = 1

    def text(self, r: int, c: int, text: str | None, style: Style = CELL, to: tuple[int, int] | None = None) -> None:
        """A text cell, merged down/right to ``to`` when given, framed by ``box`` separately."""
        r2, c2 = to or (r, c)
        cell = self._cell(r, c, r2, c2, style)
        if text:
            cell.value = text
            cell.data_type = "s"
            self._note_size(r, c, r2, c2, text, style)

    def number(self, r: int, c: int, value: int | Decimal | None, style: Style = CENTER, fmt: str = "General",
               to: tuple[int, int] | None = None) -> None:
        r2, c2 = to or (r, c)
        cell = self._cell(r, c, r2, c2, style)
        if value is not None:
            cell.value = value
            cell.number_format = fmt
            self._note_size(r, c, r2, c2, shown_number(value, fmt), style)

    def amount(self, r: int, c: int, fen: int | None, style: Style = AMOUNT, unit: str = "万元",
               to: tuple[int, int] | None = None) -> None:
        """An amount as a number with two decimals; blank when there is none."""
        value = None if fen is None else fen_to_decimal(fen, unit)
        self.number(r, c, value, style, AMOUNT_FORMAT if unit == "万元" else YUAN_FORMAT, to)

    def same_width(self, *columns: int) -> None:
        """These columns get one width (the widest one's): 执行数 no wider than 执行率."""
        self._alike.append(columns)

    def box(self, r1: int, c1: int, r2: int, c2: int) -> None:
        for row in self.ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
            for cell in row:
                cell.border = _BOX

    def finish(self, header_rows: tuple[int, int] | None, landscape: bool, min_widths: dict[int, int] | None = None) -> None:
        """Column widths from the texts, row heights for wrapped texts, and the page setup."""
        ws = self.ws
        widths = {}
        for c in range(1, self.last_col + 1):
            need = max(self._need.get(c, 0), (min_widths or {}).get(c, 0))
            widths[c] = min(max(need + _PADDING, _MIN_WIDTH), _MAX_WIDTH)
        for c1, c2, need in self._spanned:   # a figure over merged columns: the last one widens
            widths[c2] += max(0, need + _PADDING - sum(widths[c] for c in range(c1, c2 + 1)))
        for columns in self._alike:
            widest = max(widths[c] for c in columns)
            widths.update({c: widest for c in columns})
        for c, width in widths.items():
            ws.column_dimensions[get_column_letter(c)].width = width
        self._row_heights(widths)
        _page_setup(ws, header_rows, landscape)

    # -- internals ---------------------------------------------------------------
    def _cell(self, r: int, c: int, r2: int, c2: int, style: Style):
        self.last_col = max(self.last_col, c2)
        if (r2, c2) != (r, c):
            self.ws.merge_cells(start_row=r, start_column=c, end_row=r2, end_column=c2)
        cell = self.ws.cell(r, c)
        cell.font = Font(name=FONT_NAME, size=style.size, bold=style.bold)
        cell.alignment = Alignment(horizontal=style.align, vertical="center", wrap_text=style.wrap, indent=style.indent)
        return cell

    def _note_size(self, r: int, c: int, r2: int, c2: int, text: str, style: Style) -> None:
        longest = max(display_width(line) for line in text.split("\n"))
        # Bold figures are wider; an indent takes about two of Excel's width units.
        longest = math.ceil(longest * (1.1 if style.bold else 1)) + 2 * style.indent
        if c == c2 and style.measure:
            self._need[c] = max(self._need.get(c, 0), min(longest, style.measure))
        elif style.measure and not style.wrap:
            self._spanned.append((c, c2, min(longest, style.measure)))
        if style.wrap:
            self._wrapped.append((r, c, r2, c2, text, style.size))

    def _row_heights(self, widths: dict[int, int]) -> None:
        """Excel does not grow a row for wrapped text in merged cells: heights are set
        from the lines each wrapped text needs in the width it has."""
        need: dict[int, float] = {}
        for r1, c1, r2, c2, text, size in self._wrapped:
            scale = size / _BODY_SIZE
            room = max((sum(widths[c] for c in range(c1, c2 + 1)) - _PADDING) / scale, 1)
            lines = sum(max(1, math.ceil(display_width(line) / room)) for line in text.split("\n"))
            per_row = lines * _LINE_HEIGHT * scale / (r2 - r1 + 1)
            for r in range(r1, r2 + 1):
                need[r] = max(need.get(r, 0), per_row)
        for r, height in need.items():
            if height > _LINE_HEIGHT:
                self.ws.row_dimensions[r].height = math.ceil(height)


def _page_setup(ws: Worksheet, header_rows: tuple[int, int] | None, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    # Without fitToPage Excel ignores the fit values; height 0: as many pages as needed.
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if header_rows:
        ws.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    ws.oddFooter.center.text = FOOTER
