"""Figures and short texts as the narrative words them.

Amounts are 万元 without thousands separators, as the reference prints them in
running text ("1286.76万元"); percentages are rounded half up, like the tables.
"""
from __future__ import annotations

from decimal import Decimal

from ..money import fen_to_decimal, percent

# Where a sentence or clause may end; a typed text is cut before these so that a
# template can add its own punctuation without doubling it.
_TRAILING = "，,；;。．.、：: \u3000"


def trim(number: Decimal) -> str:
    """Without trailing zeros: 20.90 → '20.9', 3.00 → '3', 100.00 → '100'."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def wan(fen: int) -> str:
    """'1286.76'; a zero is '0', as the reference writes 「年初预算为0万元」."""
    return "0" if fen == 0 else f"{fen_to_decimal(fen):f}"


def wan_trimmed(fen: int) -> str:
    """'20.9', '3', '395.84': the 十三(三) project figures as the reference prints them."""
    return trim(fen_to_decimal(fen))


def pct(numerator: int, denominator: int, places: int = 2, trimmed: bool = False) -> str | None:
    """'0.6' (places=1), '42.43', or trimmed '100'; None for a zero base, which has no percentage."""
    value = percent(numerator, denominator, places)
    if value is None:
        return None
    return trim(value) if trimmed else f"{value:f}"


def shares(parts: list[int], whole: int, places: int) -> list[str] | None:
    """Each part's share of the whole as a reader recomputes it from the printed figures:
    part / whole, rounded half up (546.03 / 1286.76 → '42.43').

    ``parts`` and ``whole`` are the figures as printed (舍位平衡 applied), the whole being
    the printed total the text names (「占本年收入」: 本年收入合计).  The shares are not
    forced to add up to 100: 99.99 is normal, a share that does not recompute is not.
    None when the whole is not positive: a share of it is not a number.
    """
    if whole <= 0:
        return None
    return [pct(part, whole, places) for part in parts]


def change_words(delta: int) -> tuple[str, str]:
    """(增加, 增长) for a rise, (减少, 下降) for a fall."""
    return ("增加", "增长") if delta > 0 else ("减少", "下降")


def clause(text: str) -> str:
    """A typed text ready to sit inside a sentence: no end punctuation."""
    return text.strip().rstrip(_TRAILING)


def sentence(text: str) -> str:
    """A typed text closed by exactly one 「。」 (a question or exclamation mark stays)."""
    body = clause(text)
    return body if body.endswith(("！", "？", "!", "?")) else body + "。"


def lines(text: str) -> list[str]:
    """The non-blank lines of a multi-line text, each stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]
