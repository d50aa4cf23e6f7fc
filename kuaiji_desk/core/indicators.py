"""Performance indicator values: '≥15万件', '≤5次', '100%', '2024年底'.

A target is numeric when it is an optional comparator, a number and a unit; a
target without comparator is to be reached (≥).  Values in 万 units are scaled so
that '≥15万件' and '214770件' compare.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal, InvalidOperation

from .money import normalise_number_text

_OPS = {"≥": ">=", ">=": ">=", "＞": ">", ">": ">", "≤": "<=", "<=": "<=", "＜": "<", "<": "<", "=": "=", "＝": "="}
_MEASURE = re.compile(r"^(≥|>=|＞|>|≤|<=|＜|<|=|＝)?([+-]?\d+(?:\.\d+)?)([^\d]*)$")


@dataclass(frozen=True)
class Measure:
    op: str | None
    value: Decimal
    unit: str


@lru_cache(maxsize=65536)
def parse_measure(text: str) -> Measure | None:
    t = normalise_number_text(text or "")   # full-width digits and ％ made half-width
    m = _MEASURE.match(t)
    if not m:
        return None
    try:
        value = Decimal(m.group(2))
    except InvalidOperation:
        return None
    unit = m.group(3)
    if unit.startswith("万"):
        value, unit = value * 10000, unit[1:]
    return Measure(_OPS.get(m.group(1)), value, unit)   # None without comparator


@lru_cache(maxsize=65536)
def is_missed(target: str, actual: str) -> bool | None:
    """True when a numeric target was not reached; None when they cannot be compared."""
    t, a = parse_measure(target), parse_measure(actual)
    if t is None or a is None or a.op is not None:
        return None
    if t.unit and a.unit and t.unit != a.unit:
        return None
    op = t.op or ">="
    if op == ">=":
        return a.value < t.value
    if op == ">":
        return a.value <= t.value
    if op == "<=":
        return a.value > t.value
    if op == "<":
        return a.value >= t.value
    return a.value != t.value


_BARE = re.compile(r"^(≥|>=|＞|>|≤|<=|＜|<|=|＝)?[+-]?\d+(?:\.\d+)?$")


def lacks_unit(target: str) -> bool:
    """A bare number such as '450': neither the reader nor the rules know what of."""
    t = normalise_number_text(target or "")
    return bool(_BARE.match(t)) and parse_measure(t).value != 0
