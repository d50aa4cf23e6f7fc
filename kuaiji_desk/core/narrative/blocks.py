"""What the narrative is made of, for every writer (PDF, preview) to lay out.

The narrative engine returns these; it never formats pages.  Amounts inside text
are already words ("1286.76万元"); charts carry their figures in 分.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int          # 1 第一部分…, 2 一、…, 3 （一）…


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Chart:
    kind: str                        # 'bar' (this year vs last) or 'pie' (a structure)
    caption: str                     # 图1：收、支决算总计变动情况
    labels: tuple[str, ...]          # categories (bar) or slices (pie)
    series: tuple[tuple[str, tuple[int, ...]], ...] = field(default=())  # (name, values in 分) per series
    shares: tuple[str, ...] = ()     # a pie's slices' shares as the text prints them ('26.1'), per label


Block = Heading | Paragraph | Chart
