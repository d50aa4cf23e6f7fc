"""A worksheet as a grid of values, with merged cells resolved to their origin.

Both .xlsx (openpyxl) and .xls (xlrd) sheets become a :class:`Grid`, so that the
readers of the tables never see which library read the file.  Rows and columns
count from 1, as Excel does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl.utils import get_column_letter

from .errors import WorkbookError

# Merged ranges covering more cells than this (in one sheet) are no table we know, only a
# way to make us spend memory: openpyxl makes an object of every cell they cover, some
# 700 bytes each.  A 公开表 merges a few thousand.
MAX_MERGED_CELLS = 100_000

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans("", "", "\"'“”‘’「」")


def compact(value) -> str:
    """Text without whitespace: workbooks pad, wrap and space titles and headers freely."""
    if value is None:
        return ""
    return _SPACE.sub("", value if isinstance(value, str) else render(value))


def unquoted(text: str) -> str:
    """Without quotes: 财政拨款"三公"经费 is printed with straight, curly or no quotes."""
    return text.translate(_QUOTES)


def render(value, percent: bool = False) -> str:
    """A cell value as the text a reader would see: 1.0 → '1', 0.8645 as percent → '86.45%'."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        # repr: the shortest text that is the float, so 653.8 stays 653.8; a Decimal is a
        # formula's result computed here (see formulas.py).
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if percent:
            number *= 100
        text = f"{number.normalize():f}"
        return text + "%" if percent else text
    return str(value)


@dataclass
class Grid:
    file: str                                   # the file's name, for messages
    sheet: str
    values: dict[tuple[int, int], object]       # non-blank cells only
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row1, col1, row2, col2)
    percent: set[tuple[int, int]] = field(default_factory=set)  # numbers formatted as percent

    def __post_init__(self):
        self._origin: dict[tuple[int, int], tuple[int, int]] = {}
        area = sum((r2 - r1 + 1) * (c2 - c1 + 1) for r1, c1, r2, c2 in self.merged)
        if area > MAX_MERGED_CELLS:
            raise WorkbookError(f"「{self.file}」工作表「{self.sheet}」的合并单元格过多，不像是公开表，无法读取。")
        for r1, c1, r2, c2 in self.merged:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        self._origin[(r, c)] = (r1, c1)
        self._rows: dict[int, list[int]] = {}
        for r, c in sorted(self.values):
            self._rows.setdefault(r, []).append(c)
        self.max_row = max((r for r, _ in self.values), default=0)
        self.max_col = max((c for _, c in self.values), default=0)

    def raw(self, r: int, c: int):
        """The cell's own value; a cell covered by a merged range has none."""
        return self.values.get((r, c))

    def text(self, r: int, c: int) -> str:
        """The text shown in the cell: that of its merged range's origin."""
        at = self._origin.get((r, c), (r, c))
        return render(self.values.get(at), at in self.percent)

    def raw_text(self, r: int, c: int) -> str:
        return render(self.values.get((r, c)), (r, c) in self.percent)

    def key(self, r: int, c: int) -> str:
        """The shown text without whitespace, for comparing with labels."""
        return _SPACE.sub("", self.text(r, c))

    def columns_in(self, r: int) -> list[int]:
        """The columns of row ``r`` that hold a value of their own, left to right."""
        return self._rows.get(r, [])

    def address(self, r: int, c: int) -> str:
        return f"{get_column_letter(c)}{r}"

    def place(self, r: int, c: int) -> str:
        return f"「{self.file}」工作表「{self.sheet}」{self.address(r, c)} 单元格"

    def sheet_place(self) -> str:
        return f"「{self.file}」工作表「{self.sheet}」"
