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


def shares(parts: list[int], places: int) -> list[str] | None:
    """Each part's share of their sum, adding up to exactly 100 (largest remainder).

    The whole is the sum of the parts, not a stated total: a structure is made of
    its parts, and a stated total may differ from them by a 尾数 (公开05表: the 类
    add up to 1286.75, 合计 shows 1286.76).  None when there is nothing to share.
    """
    total = sum(parts)
    if total <= 0 or any(p < 0 for p in parts):
        return None
    unit = 10 ** places
    whole = 100 * unit
    floors, remainders = [], []
    for part in parts:
        q, r = divmod(part * whole, total)
        floors.append(q)
        remainders.append(r)
    # Ties go to the larger part, then to the earlier one: the result never depends on chance.
    order = sorted(range(len(parts)), key=lambda i: (-remainders[i], -parts[i], i))
    for i in order[: whole - sum(floors)]:
        floors[i] += 1
    quantum = Decimal(1).scaleb(-places)
    return [f"{(Decimal(q) / unit).quantize(quantum):f}" for q in floors]


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
