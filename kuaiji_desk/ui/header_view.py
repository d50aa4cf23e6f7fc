"""The grid's header rows as the table is published: 收入 | 支出 over their columns in
01 and 04, 预算数 / 决算数 over 09's, 06's blocks under their headings, the 栏次 row
last; where the published table merges a header cell, the grid merges it too.

The cells come from :mod:`..core.headers`, as the PDF's and the workbook's do.  One
header view paints them over the sections (the columns stay Qt's own, so that
resizing, scrolling and clicking a header behave as ever), and its height fits the
wrapped texts.  A text wider than its cell is wrapped where a reader breaks it:
between words (一般公共预算 | 财政拨款), never inside one (预|算).
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QHeaderView

from ..core.headers import HeaderCell, TableHeader

PAD_X, PAD_Y = 3, 4   # around a header text, in pixels

# The words of the declared headers (a line never breaks inside one) and the names
# made of several words (a line rather breaks around one than inside it).  A text
# not listed breaks between any two characters, as Chinese may.
WORDS = (
    "一般", "公共", "预算", "财政", "拨款", "政府性", "基金", "国有", "资本", "经营", "上级", "补助", "事业",
    "附属", "单位", "上缴", "其他", "收入", "支出", "本年", "年初", "年末", "结转", "结余", "合计", "小计",
    "基本", "项目", "行次", "栏次", "金额", "预算数", "决算数", "因公", "出国", "公务", "用车", "购置", "运行",
    "维护", "接待", "功能", "分类", "经济", "科目", "编码", "名称", "人员", "公用", "经费",
)
PHRASES = (
    "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政拨款", "公务用车", "附属单位", "结转和结余",
    "功能分类", "经济分类", "科目编码", "科目名称",
)
_NO_LINE_START = set("费数）)》」』、，。：；%％")
_NO_LINE_END = set("及和与对（(《「『")

# What breaking a line before a character costs: inside a word only when nothing else fits.
BETWEEN, INSIDE_NAME, INSIDE_WORD = 1, 3, 100


def _matches(text: str, lexicon: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of the lexicon's entries in ``text``, longest first from the left."""
    longest = max(map(len, lexicon))
    out, i = [], 0
    while i < len(text):
        end = next((i + n for n in range(min(longest, len(text) - i), 1, -1) if text[i:i + n] in lexicon), None)
        if end is None:
            i += 1
        else:
            out.append((i, end))
            i = end
    return out


def break_costs(text: str) -> list[int]:
    """costs[i]: what a line break before text[i] costs (costs[0] is not a break)."""
    costs = [BETWEEN] * len(text)
    for start, end in _matches(text, PHRASES):
        for i in range(start + 1, end):
            costs[i] = INSIDE_NAME
    for start, end in _matches(text, WORDS):
        for i in range(start + 1, end):
            costs[i] = INSIDE_WORD
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after in _NO_LINE_START or before in _NO_LINE_END or (before.isascii() and after.isascii()):
            costs[i] = INSIDE_WORD
    return costs


def wrap_text(text: str, width: int, advance: Callable[[str], int]) -> list[str]:
    """The lines ``text`` takes in ``width`` pixels (``advance`` measures a line).

    The fewest words broken first, then the fewest lines, then breaks between names
    rather than inside them, then lines of even length.
    """
    lines = []
    for part in text.split("\n"):
        lines += _wrap(part, width, advance)
    return lines


def _wrap(text: str, width: int, advance: Callable[[str], int]) -> list[str]:
    if advance(text) <= width:
        return [text]
    costs = break_costs(text)
    n = len(text)
    # best[i]: (score, where the line ending at i starts) for the text up to i.
    best: list[tuple[tuple[int, int, int, int], int] | None] = [None] * (n + 1)
    best[0] = ((0, 0, 0, 0), 0)
    for i in range(1, n + 1):
        for j in range(i - 1, -1, -1):
            used = advance(text[j:i])
            if used > width and j < i - 1:
                break   # wider still from further left; one character alone always goes
            if best[j] is None:
                continue
            cost = costs[j] if j else 0
            (broken, count, names, ragged), _ = best[j]
            score = (broken + (cost >= INSIDE_WORD), count + 1, names + cost, ragged + max(width - used, 0) ** 2)
            if best[i] is None or score < best[i][0]:
                best[i] = (score, j)
    lines, i = [], n
    while i > 0:
        j = best[i][1]
        lines.append(text[j:i])
        i = j
    return lines[::-1]


class SpanningHeader(QHeaderView):
    """A horizontal header that paints a table's published header rows over its sections."""

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._cells: list[HeaderCell] = []
        self._rows: list[int] = []                # height of each header row
        self._lines: dict[HeaderCell, list[str]] = {}
        self._wrapped: dict[tuple[str, int], list[str]] = {}
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setHighlightSections(False)
        self.sectionResized.connect(self._lay_out)

    def show_header(self, header: TableHeader | None) -> None:
        """Paints ``header`` (None: Qt's own header from the model's header data)."""
        self._cells = header.cells() if header else []
        self._lay_out()

    def cells(self) -> list[tuple[HeaderCell, QRect, list[str]]]:
        """What is painted: each header cell, its rectangle in the header and its lines."""
        tops = [sum(self._rows[:r]) for r in range(len(self._rows) + 1)]
        out = []
        for cell in self._cells:
            left = self.sectionViewportPosition(cell.left)
            right = self.sectionViewportPosition(cell.right) + self.sectionSize(cell.right)
            rect = QRect(left, tops[cell.top], right - left, tops[cell.bottom + 1] - tops[cell.top])
            out.append((cell, rect, self._lines.get(cell, [])))
        return out

    # -- layout --------------------------------------------------------------------
    def _width(self, cell: HeaderCell) -> int:
        return sum(self.sectionSize(c) for c in range(cell.left, cell.right + 1)) - 2 * PAD_X

    def _wrap(self, text: str, width: int) -> list[str]:
        key = (text, width)
        lines = self._wrapped.get(key)
        if lines is None:
            if len(self._wrapped) > 5000:   # a column dragged through many widths
                self._wrapped.clear()
            metrics = self.fontMetrics()
            lines = self._wrapped[key] = wrap_text(text, width, metrics.horizontalAdvance) if text else []
        return lines

    def _lay_out(self, *_) -> None:
        """Wraps every text in its cell's width and sizes the header rows to hold them."""
        if not self._cells or self.count() <= max(c.right for c in self._cells):
            before, self._rows, self._lines = self._rows, [], {}
        else:
            before = self._rows
            line = self.fontMetrics().lineSpacing()
            self._lines = {cell: self._wrap(cell.text, self._width(cell)) for cell in self._cells}
            rows = [line + 2 * PAD_Y] * (max(c.bottom for c in self._cells) + 1)
            # A cell of one row sets that row's height; one over several rows adds to its last
            # row whatever the rows above leave it short.
            for cell in sorted(self._cells, key=lambda c: c.bottom - c.top):
                need = len(self._lines[cell]) * line + 2 * PAD_Y
                short = need - sum(rows[cell.top:cell.bottom + 1])
                if short > 0:
                    rows[cell.bottom] += short
            self._rows = rows
        if sum(before) != sum(self._rows):
            self.updateGeometry()
            self.geometriesChanged.emit()   # the view makes room for the new height
        self.viewport().update()

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._wrapped.clear()
            self._lay_out()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self._rows:
            hint.setHeight(sum(self._rows))
        return hint

    # -- painting --------------------------------------------------------------------
    def paintEvent(self, event):
        if not self._rows:
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.Window))
        grid = palette.color(QPalette.ColorRole.Mid)
        text = palette.color(QPalette.ColorRole.ButtonText)
        for cell, rect, lines in self.cells():
            if not rect.intersects(event.rect()):
                continue
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Button))
            painter.setPen(grid)
            painter.drawLine(rect.topRight(), rect.bottomRight())
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())
            if lines:
                painter.setPen(text)
                painter.drawText(rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y), Qt.AlignmentFlag.AlignCenter,
                                 "\n".join(lines))
        painter.end()
