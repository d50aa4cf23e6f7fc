"""Exact amounts.

Every amount is an ``int`` of 分 (fen).  Text and spreadsheet numbers are parsed
through ``Decimal`` so that no binary float ever stands for money.  Display is in
万元 with two decimals (or 元), rounding half up, as the published tables do.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN_PER_YUAN = 100
FEN_PER_WAN = 1_000_000  # 1 万元 = 10 000 元 = 1 000 000 分

UNITS = {"万元": FEN_PER_WAN, "元": FEN_PER_YUAN}

# What a 万元 figure shown with two decimals can hide: ±0.005 万元.
HALF_SHOWN_WAN = FEN_PER_WAN // 200  # 5 000 分

# The largest amount taken, typed or read: 10^12 万元, a thousand times any budget in the
# country, and 10^18 分, within the 2^63 分 the database holds.  Every reader of numbers
# refuses beyond it (parse_amount, the data sheet of an export, the counts of the window).
# 9 000 000 000 万元 (9×10¹⁵ 分) is far beyond any budget and below 2⁵³: an Excel cell, a double,
# still holds every 分 of it exactly, so an export reads back to the same figure.
MAX_WAN = 9 * 10 ** 9
MAX_FEN = MAX_WAN * FEN_PER_WAN

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．，－＋（）％　",
    "0123456789.,-+()% ",
)
_BLANKS = {"", "-", "--", "—", "－", "/", "无"}


class AmountError(ValueError):
    """Text that is not an amount; the message is Chinese and names the text."""


class AmountOutOfRange(AmountError):
    """An amount beyond :data:`MAX_WAN`; the message names it."""


def out_of_range(shown: str) -> AmountOutOfRange:
    return AmountOutOfRange(f"「{shown}」超出了可以处理的金额范围（绝对值不超过 {MAX_WAN:,} 万元）")


def check_fen(fen: int, shown: str | None = None) -> int:
    """``fen`` itself when within ±:data:`MAX_FEN`; else :class:`AmountOutOfRange`."""
    if abs(fen) > MAX_FEN:
        raise out_of_range(shown if shown is not None else str(fen))
    return fen


def normalise_number_text(text: str) -> str:
    """Half-width digits, no spaces or thousands separators."""
    t = text.translate(_FULLWIDTH)
    t = re.sub(r"[\s\u00a0,，']", "", t)
    return t


# Separators group thousands: one mark between groups of three digits, before the point.
_MARK = r"[\s,']"
_GROUPED_RUN = re.compile(rf"\d+(?:{_MARK}+\d+)+", re.ASCII)
_GROUPED = re.compile(rf"\d{{1,3}}(?:{_MARK}\d{{3}})+", re.ASCII)
_LOOSE_MARK = re.compile(r"(?<!\d)[,']|[,'](?!\d)", re.ASCII)
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)


def _well_grouped(text: str) -> bool:
    """Whether the text's thousands separators stand where they group thousands: 1,286.76 and
    1 286.76, not 12,3.4 or 1,2,3 (which would otherwise read as 123.4 and 123)."""
    t = text.translate(_FULLWIDTH).replace("\u00a0", " ").strip()
    if _LOOSE_MARK.search(t):
        return False
    for m in _GROUPED_RUN.finditer(t):
        if not _GROUPED.fullmatch(m.group()) or t[:m.start()].endswith("."):
            return False
    return True


def to_decimal(value) -> Decimal | None:
    """A number from a cell or text as ``Decimal``; ``None`` for a blank.

    Floats (what openpyxl hands over) go through ``repr`` so that 653.8 stays
    653.8 and never becomes 653.799999….  Raises :class:`AmountError`.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise AmountError(f"「{value}」不是金额")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise AmountError("单元格的数值无效")
        return Decimal(repr(value))
    text = normalise_number_text(str(value))
    if text in _BLANKS:
        return None
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    if not _NUMBER.fullmatch(text) or not _well_grouped(str(value)):
        raise AmountError(f"「{str(value).strip()}」不是金额")
    number = Decimal(text)
    return number.copy_negate() if negative else number


def _within(number: Decimal, unit: str) -> bool:
    # Compared before multiplying: Decimal('1E+999999999') × 100 would overflow the context.
    return number.copy_abs() <= Decimal(MAX_FEN) / UNITS[unit]


def decimal_to_fen(number: Decimal, unit: str = "万元") -> int:
    """Rounds half up to the 分; :class:`AmountOutOfRange` beyond :data:`MAX_WAN`."""
    if not _within(number, unit):
        raise out_of_range(f"{number}")
    fen = (number * UNITS[unit]).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(fen)


def parse_amount(value, unit: str = "万元") -> int | None:
    """Cell value or typed text → 分 (``None`` when blank).  Raises :class:`AmountError`,
    :class:`AmountOutOfRange` beyond :data:`MAX_WAN` (naming the value as given)."""
    number = to_decimal(value)
    if number is None:
        return None
    if not _within(number, unit):
        raise out_of_range(str(value).strip())   # a float's str is its repr: 1e+20, never rounded
    return decimal_to_fen(number, unit)


def is_shown_precision(value, unit: str) -> bool:
    """True when a 万元 figure carries no more than the two shown decimals.

    Such a figure is itself a rounding of the truth (±0.005 万元); a 万元 figure
    with more decimals, or any 元 figure, is known to the 分.
    """
    if unit != "万元":
        return False
    number = to_decimal(value)
    if number is None:
        return False
    return number == number.quantize(Decimal("0.01"))


def within_rounding(gap: int, rounded_figures: int) -> bool:
    """Whether a gap between two sides can come from rounding alone: each figure
    shown to 0.01 万元 on either side may be off by 0.005 万元."""
    return abs(gap) <= rounded_figures * HALF_SHOWN_WAN


def fen_to_decimal(fen: int, unit: str = "万元", places: int = 2) -> Decimal:
    q = Decimal(1).scaleb(-places)
    return (Decimal(fen) / UNITS[unit]).quantize(q, rounding=ROUND_HALF_UP)


def round_to_shown(fen: int, unit: str = "万元") -> int:
    """The 分 value of what is shown: 12 345 678 分 → 12 340 000 分 in 万元."""
    step = UNITS[unit] // 100
    q, r = divmod(abs(fen), step)
    if 2 * r >= step:
        q += 1
    return q * step if fen >= 0 else -q * step


def format_amount(fen: int | None, unit: str = "万元", grouping: bool = True, blank_zero: bool = False) -> str:
    """1286760000 → '1,286.76' (万元)."""
    if fen is None or (blank_zero and fen == 0):
        return ""
    d = fen_to_decimal(fen, unit)
    return f"{d:,.2f}" if grouping else f"{d:.2f}"


def format_plain(fen: int, unit: str = "万元") -> str:
    """Amount as machines read it: '1286.76'."""
    return format_amount(fen, unit, grouping=False)


def percent(numerator: int, denominator: int, places: int = 2) -> Decimal | None:
    """numerator / denominator in percent, half up; ``None`` for a zero base."""
    if denominator == 0:
        return None
    q = Decimal(1).scaleb(-places)
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(q, rounding=ROUND_HALF_UP)


def percent_bounds(numerator: int, numerator_err: int, denominator: int, denominator_err: int) -> tuple[Decimal, Decimal] | None:
    """The range of (n ± en) / (d ± ed) in percent, for amounts shown rounded."""
    low_d, high_d = denominator + denominator_err, denominator - denominator_err
    if low_d <= 0 or high_d <= 0:
        return None
    low = Decimal(numerator - numerator_err) * 100 / Decimal(low_d)
    high = Decimal(numerator + numerator_err) * 100 / Decimal(high_d)
    return low, high


def parse_percent(value) -> Decimal | None:
    """'86.45%' or 0.8645 (a cell formatted as percent) → Decimal('86.45')."""
    if value is None:
        return None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = to_decimal(value)
        return number * 100 if abs(number) <= 10 else number
    text = normalise_number_text(str(value))
    if not text:
        return None
    if text.endswith("%"):
        text = text[:-1]
    try:
        return Decimal(text)
    except InvalidOperation:
        raise AmountError(f"「{str(value).strip()}」不是百分比") from None
