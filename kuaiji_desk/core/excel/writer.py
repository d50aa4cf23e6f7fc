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
from .datasheet import write_data_sheet
from .sheet_writer import SheetWriter
from .write_selfeval import write_overall, write_project
from .write_tables import write_table

OVERALL_SHEET = "整体绩效自评表"


def project_sheet(number: int) -> str:
    return f"项目{number}"


def export_workbook(report: Report, path: str | PathLike) -> None:
    book = Workbook()
    book.remove(book.active)
    for spec in report.publication.tables:   # the report's layout: its tables, order and sheet names
        write_table(SheetWriter(book.create_sheet(spec.sheet_name)), report, spec.id)
    if report.overall is not None:
        write_overall(SheetWriter(book.create_sheet(OVERALL_SHEET)), report, report.overall)
    for i, project in enumerate(report.projects, start=1):
        write_project(SheetWriter(book.create_sheet(project_sheet(i))), report, project, i)
    write_data_sheet(book, report)
    write_in_one_go(path, book.save)
