"""What the rest of the program calls to keep reports in the database.

Each call binds the models to the database it is given, for its own length.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from peewee import SqliteDatabase

from ..core.report import Report, new_report
from .errors import ReportExists, ReportNotFound
from .models import MODELS, ReportRow, Unit
from .reader import read_contents
from .writer import replace_contents, replace_parts


@dataclass(frozen=True)
class ReportInfo:
    unit: str
    year: int
    modified: datetime


def list_reports(db: SqliteDatabase) -> list[ReportInfo]:
    with db.bind_ctx(MODELS):
        query = (
            ReportRow.select(Unit.name, ReportRow.year, ReportRow.modified)
            .join(Unit)
            .order_by(Unit.name, ReportRow.year)
        )
        return [ReportInfo(unit, year, modified) for unit, year, modified in query.tuples()]


def report_exists(db: SqliteDatabase, unit: str, year: int) -> bool:
    with db.bind_ctx(MODELS):
        return _find(unit, year) is not None


def create_report(db: SqliteDatabase, unit: str, year: int, department: str = "") -> Report:
    return add_report(db, new_report(unit, year, department))


def add_report(db: SqliteDatabase, report: Report) -> Report:
    """Saves a report made elsewhere (e.g. started from last year's) as a new one;
    ReportExists when the unit already has a report of that year."""
    with db.bind_ctx(MODELS), db.atomic():
        if _find(report.unit, report.year) is not None:
            raise ReportExists(report.unit, report.year)
        _save(report)
    return report


def load_report(db: SqliteDatabase, unit: str, year: int) -> Report:
    with db.bind_ctx(MODELS), db.atomic():
        row = _find(unit, year)
        if row is None:
            raise ReportNotFound(unit, year)
        return read_contents(row, unit)


def save_report(db: SqliteDatabase, report: Report) -> None:
    """Replaces what the database holds for the report, all or nothing."""
    with db.bind_ctx(MODELS), db.atomic():
        _save(report)


def save_parts(db: SqliteDatabase, report: Report, parts=(), cells=()) -> None:
    """Writes what one edit changed: whole parts (a table '01'…'09', PROJECTS,
    OVERALL, TEXTS, NUMBERS, LAST_YEAR, EXPLANATIONS, DEPARTMENT) and single cells,
    in one transaction.  The report must have been saved before."""
    with db.bind_ctx(MODELS), db.atomic():
        row = _find(report.unit, report.year)
        if row is None:
            raise ReportNotFound(report.unit, report.year)
        row.department = report.department
        row.modified = datetime.now()
        row.save()
        replace_parts(row, report, set(parts), cells)


def _save(report: Report) -> None:
    now = datetime.now()
    row = _find(report.unit, report.year)
    if row is None:
        unit, _ = Unit.get_or_create(name=report.unit)
        row = ReportRow.create(unit=unit, year=report.year, department=report.department, created=now, modified=now)
    else:
        row.department = report.department
        row.modified = now
        row.save()
    replace_contents(row, report)


def _find(unit: str, year: int) -> ReportRow | None:
    return ReportRow.select().join(Unit).where(Unit.name == unit, ReportRow.year == year).first()
