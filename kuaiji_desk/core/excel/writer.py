"""Exporting a report to one Excel workbook: the nine 公开表 (in the report's layout) and
the 绩效自评表 as published, ready to print, and the exact report in a hidden data sheet.

Printed figures are rounded to 0.01 万元 and balanced (:mod:`..shown`); the data
sheet (:mod:`.datasheet`) keeps them to the 分, so that importing the file with
:func:`.importer.read_workbooks` gives back the report itself.
"""
from __future__ import annotations

from os import PathLike

from openpyxl import Workbook

from ..files import write_in_one_go
from ..report import Report
from .datasheet import DATA_SHEET, write_data_sheet
from .sheet_writer import SheetWriter
from .write_selfeval import write_overall, write_project
from .write_tables import write_table

OVERALL_SHEET = "整体绩效自评表"
SHEET_NAME_LIMIT = 31          # Excel's, in UTF-16 units
# Excel refuses these in a sheet's name; their full-width forms read the same in Chinese.
_FULL_WIDTH = str.maketrans({":": "：", "/": "／", "\\": "＼", "?": "？", "*": "＊", "[": "［", "]": "］"})
_RESERVED = "history"          # Excel keeps this name for itself


def sheet_name(wanted: str, taken: set[str], fallback: str) -> str:
    """A name Excel takes for a sheet, as near ``wanted`` as can be: forbidden signs in their
    full-width form, at most 31 characters, and none of ``taken`` (Excel compares names
    without case): a cut name already taken gets 「（2）」, 「（3）」….  Adds it to ``taken``."""
    name = "".join(ch for ch in wanted.translate(_FULL_WIDTH) if ch.isprintable()).strip().strip("'").strip()
    name = name or fallback
    n = 1
    while True:
        suffix = f"（{n}）" if n > 1 else ""
        candidate = _cut(name, SHEET_NAME_LIMIT - len(suffix)).rstrip("'") + suffix
        if candidate.casefold() not in taken and candidate.casefold() != _RESERVED:
            taken.add(candidate.casefold())
            return candidate
        n += 1


def _cut(text: str, limit: int) -> str:
    while len(text.encode("utf-16-le")) // 2 > limit:
        text = text[:-1]
    return text


def project_sheets(report: Report) -> list[str]:
    """Each project's sheet: named after the project (「项目N」 for one without a name)."""
    taken = {name.casefold() for name in [spec.sheet_name for spec in report.publication.tables]
             + [OVERALL_SHEET, DATA_SHEET]}
    return [sheet_name(p.name, taken, f"项目{i}") for i, p in enumerate(report.projects, start=1)]


def export_workbook(report: Report, path: str | PathLike) -> None:
    book = Workbook()
    book.remove(book.active)
    for spec in report.publication.tables:   # the report's layout: its tables, order and sheet names
        write_table(SheetWriter(book.create_sheet(spec.sheet_name)), report, spec.id)
    if report.overall is not None:
        write_overall(SheetWriter(book.create_sheet(OVERALL_SHEET)), report, report.overall)
    for i, (project, name) in enumerate(zip(report.projects, project_sheets(report))):
        write_project(SheetWriter(book.create_sheet(name)), report, project, i)
    write_data_sheet(book, report)
    write_in_one_go(path, book.save)
