"""「与上年相比」 clauses: the change, its rate and the accountant's reason.

Without last year's figure there is no clause at all: a comparison with a figure
nobody gave would be a wrong sentence, and leaving it out is not.
"""
from __future__ import annotations

from ..forms.changes import Change
from .source import Source
from .words import change_words, pct, wan


def versus(src: Source, subject: str, now: int, change: Change, places: int = 1, each: bool = False,
           reason: bool = True) -> str | None:
    """「与2023年度相比，收、支总计减少7.72万元，下降0.6%，主要原因是人员经费减少」.

    ``each`` says 「各减少」 for a pair that changed together (收、支总计).  A last
    year of 0 has no rate; an unchanged figure is 「持平」 and needs no reason.  The
    rate has one decimal by default, as the reference prints it in 一 to 五（一）.
    """
    last = src.last(change.last_key)
    if last is None:
        return None
    head = f"与{src.last_year_words}相比，{subject}"
    delta = now - last
    if delta == 0:
        return f"{head}持平"
    more, grow = change_words(delta)
    text = f"{head}{'各' if each else ''}{more}{wan(abs(delta))}万元"
    rate = pct(abs(delta), last, places) if last > 0 else None
    if rate is not None:
        text += f"，{grow}{rate}%"
    why = src.reason(change.reason_key) if reason else ""
    if why:
        text += f"，主要原因是{why}"
    return text
