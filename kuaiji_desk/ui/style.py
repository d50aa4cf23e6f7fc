"""The few colours that carry meaning, used by every view."""
from __future__ import annotations

from PySide6.QtGui import QColor

TOTAL_BACKGROUND = QColor("#eef1f5")      # computed, read-only
STATED_BACKGROUND = QColor("#fff6d6")     # a total as an imported workbook stated it
ERROR_BACKGROUND = QColor("#f8c9c4")
WARNING_BACKGROUND = QColor("#fde3b0")
NOTICE_BACKGROUND = QColor("#dcebf8")     # 尾数: rounding only
UNKNOWN_CODE_FOREGROUND = QColor("#a05a00")
REFUSED_FRAME = QColor("#d32f2f")         # a field or editor holding text that is not an amount
REFUSED_BACKGROUND = QColor("#fdecea")    # the reason shown beside it

SEVERITY_BACKGROUND = {"error": ERROR_BACKGROUND, "warning": WARNING_BACKGROUND, "notice": NOTICE_BACKGROUND}
SEVERITY_RANK = {"error": 0, "warning": 1, "notice": 2}


def worst(severities) -> str | None:
    """The most serious of some severities, or None."""
    return min(severities, key=SEVERITY_RANK.__getitem__, default=None)
