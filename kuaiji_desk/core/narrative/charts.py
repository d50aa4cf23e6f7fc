"""The four figures of 第三部分, as data for a writer to draw."""
from __future__ import annotations

from .blocks import Chart
from .source import Source


def this_year_vs_last(src: Source, caption: str, labels: tuple[str, ...], now: tuple[int, ...],
                      last_key: str) -> Chart:
    """A bar per label for last year (when known: one figure for every label, as 收、支
    总计 are one figure) and this year."""
    series = []
    last = src.last(last_key)
    if last is not None:
        series.append((src.last_year_words, tuple(last for _ in labels)))
    series.append((f"{src.year}年度", now))
    return Chart("bar", caption, labels, tuple(series))


def structure(src: Source, caption: str, parts: list[tuple[str, int]], shares: list[str]) -> Chart:
    """A pie of this year's non-zero parts, each labelled with the share the text prints."""
    return Chart("pie", caption, tuple(name for name, _ in parts),
                 ((f"{src.year}年度", tuple(amount for _, amount in parts)),), tuple(shares))
