"""Checkbox lines of the 项目绩效自评表: '1、部门预算项目 ☑  2、区直专项 □'."""
from __future__ import annotations

import re

CHECKED = "☑■√☒✔✓"
UNCHECKED = "□☐"
_MARK = re.compile(f"([{CHECKED}{UNCHECKED}])")
_NUMBER = re.compile(r"^\s*\d+\s*[、.．)）]\s*")


def checked_options(line: str) -> list[str]:
    """The options marked checked, without their numbers, in printed order.

    The mark may follow its option ('部门预算项目 ☑') or precede it ('☑部门预算项目');
    which one is told by whether the line starts with a mark.
    """
    pieces = _MARK.split(line)   # text, mark, text, mark, …, text
    texts, marks = pieces[0::2], pieces[1::2]
    if not marks:
        return []
    mark_first = not texts[0].strip()
    options = texts[1:] if mark_first else texts[:-1]
    return [_NUMBER.sub("", t).strip() for t, m in zip(options, marks) if m in CHECKED]
