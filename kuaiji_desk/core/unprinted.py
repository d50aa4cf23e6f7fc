"""Figures the report holds that its layout does not print.

The data model holds every cell any layout prints; a layout prints some (湖北's 公开08表
has no 年初结转和结余, 上海's 24 类 no 债务还本支出).  A figure in a cell the report's layout
leaves out is kept, checked by the rules and carried into the data sheet, but the printed
table does not show it: the exports say so, so that it is not lost unseen.
"""
from __future__ import annotations

from .layout import layout, printed_cells, printed_layout
from .naming import cell_name
from .report import Report


def unprinted_figures(report: Report) -> list[str]:
    """One line per figure (in Chinese) that the report's layout does not print."""
    publication = report.publication
    out = []
    for spec in publication.tables:
        shown = printed_cells(printed_layout(report, spec))
        lay = None
        for key in sorted(k for k in report.cells if k[0] == spec.id):
            _, row, col = key
            if (row, col) in shown or not report.cells[key]:
                continue
            lay = lay or layout(report, spec.id)
            out.append(f"{cell_name(report, lay, row, col)}有数，但「{publication.title}」式样的"
                       f"{spec.named}不印这一格。")
    return out
