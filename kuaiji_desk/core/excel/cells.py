"""Reading single cells and rows: amounts, numbers, the line that ends a table."""
from __future__ import annotations

import re
from decimal import Decimal

from ..money import UNITS, AmountError, AmountOutOfRange, is_shown_precision, out_of_range, parse_amount
from .errors import WorkbookError
from .grid import Grid


def is_number(value) -> bool:
    """A number as a cell holds it: int or float, or the Decimal a formula was computed to."""
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _amount(grid: Grid, r: int, c: int, value, unit: str) -> tuple[int, bool] | None:
    try:
        fen = parse_amount(value, unit)
    except AmountOutOfRange:
        raise WorkbookError(f"{grid.place(r, c)}的{out_of_range(grid.raw_text(r, c))}。") from None
    except AmountError:
        raise WorkbookError(f"{grid.place(r, c)}的内容「{grid.raw_text(r, c)}」不是金额。") from None
    if fen is None:
        return None
    # A float is binary: Excel's sum 1286.7600000000002 is 1286.76 and noise, so its
    # precision is judged on the 分 it stands for.
    shown = Decimal(fen) / UNITS[unit] if isinstance(value, float) else value
    return fen, is_shown_precision(shown, unit)


def read_amount(grid: Grid, r: int, c: int, unit: str) -> tuple[int, bool] | None:
    """(分, shown rounded to 0.01 万元) of the cell's own value; None when blank or '-'.

    The cell's own value, not its merged origin's: an amount spread over a merged
    range is one amount, not one per column.
    """
    return _amount(grid, r, c, grid.raw(r, c), unit)


_UNIT_SUFFIX = re.compile(r"^(.*?)\s*(万元|元)\s*$", re.S)


def read_amount_with_unit(grid: Grid, r: int, c: int, default_unit: str) -> tuple[int, bool] | None:
    """Like :func:`read_amount` for text such as '3352775.69元' that names its unit."""
    value, unit = grid.raw(r, c), default_unit
    if isinstance(value, str):
        m = _UNIT_SUFFIX.match(value)
        if m:
            value, unit = m.group(1), m.group(2)
    return _amount(grid, r, c, value, unit)


_INTEGER = re.compile(r"\d+")


def integer_at(grid: Grid, r: int, c: int) -> int | None:
    """A 行次 or 栏次 number: 7, 7.0 or '7'."""
    key = grid.key(r, c)
    return int(key) if _INTEGER.fullmatch(key) else None


_STOP = re.compile(r"^(注|说明|本部门|备注)")


def is_stop_row(grid: Grid, r: int) -> bool:
    """The 注 under a table (or the statement of an empty one) ends its rows."""
    cols = grid.columns_in(r)
    return bool(cols) and bool(_STOP.match(grid.key(r, cols[0])))
