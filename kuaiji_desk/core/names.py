"""Names and texts as they may be entered, whoever enters them.

A unit's name is printed by `reports` one report a line, in the window's title and list, on
the cover of the PDF: a newline, a tab, an escape sequence or a bidi override in it would
forge lines, columns or the order of what the reader sees.  Such characters are refused, and
so is a name longer than any real one.  A text must fit in one Excel cell (32 767 characters),
so that what the accountant wrote is exported whole rather than cut.

The one check for every door: the command line's UNIT, the window's 新建报告, a new report
(and so the store's create_report), and the department names that imports bring.
"""
from __future__ import annotations

import re
import unicodedata

MAX_NAME = 100           # characters; the longest unit names are some 40
CELL_LIMIT = 32_767      # characters Excel keeps in one cell

# Control (Cc), format (Cf: bidi overrides, zero-width), surrogate (Cs), line and paragraph
# separators (Zl, Zp).  Private use (some fonts' rare characters) and spaces are names' own.
_REFUSED = {"Cc", "Cf", "Cs", "Zl", "Zp"}
_KNOWN = {"\n": "换行", "\r": "回车", "\t": "制表符", "\u2028": "换行", "\u2029": "换行", "\x85": "换行"}
_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
_ZERO_WIDTH = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}
_WRAPPING = re.compile(r"[\r\n\t\u2028\u2029\x85]+")


class InvalidText(ValueError):
    """A name or text that cannot be taken; the message is Chinese and says why."""


def _describe(ch: str) -> str:
    code = ord(ch)
    if ch in _KNOWN:
        return _KNOWN[ch]
    if code in _BIDI:
        return f"文字方向控制符（U+{code:04X}）"
    if code in _ZERO_WIDTH:
        return f"零宽字符（U+{code:04X}）"
    return f"控制字符（U+{code:04X}）"


def check_name(text: str, what: str = "单位名称") -> str:
    """The name without its outer blanks; :class:`InvalidText` when it is empty, holds a
    control character or is longer than :data:`MAX_NAME`."""
    name = text.strip()
    if not name:
        raise InvalidText(f"{what}不能为空")
    bad = next((ch for ch in name if unicodedata.category(ch) in _REFUSED), None)
    if bad is not None:
        raise InvalidText(f"{what}中不能有{_describe(bad)}")
    if len(name) > MAX_NAME:
        raise InvalidText(f"{what}有 {len(name)} 个字，超过了 {MAX_NAME} 个字的上限")
    return name


def printable(name: str) -> str:
    """A stored name as one safe line: a character a name may not hold (one stored before the
    check, or written by another program) is shown as its code, \\u202e, never acted upon."""
    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) in _REFUSED else ch for ch in name)


def unit_name(text: str) -> str:
    return check_name(text, "单位名称")


def department_name(text: str) -> str:
    """A department name read from a workbook: a cell that wraps it (Alt+Enter) still names it
    (the line breaks go), any other control character refuses it."""
    return check_name(_WRAPPING.sub("", text), "部门名称")


def check_text(text: str, what: str | None = None) -> str:
    """The text itself when it fits in an Excel cell; else :class:`InvalidText` (naming the
    field ``what``, when given)."""
    if len(text) > CELL_LIMIT:
        raise InvalidText(f"{f'「{what}」' if what else '这段文字'}有 {len(text):,} 个字，"
                          f"超过了 Excel 单元格可以容纳的 {CELL_LIMIT:,} 个字，请删减后再保存。")
    return text
