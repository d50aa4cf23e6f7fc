"""What the rest of the program calls to keep reports in the database.

Each call binds the models to the database it is given, for its own length.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from peewee import Database, IntegrityError

from ..core.consolidation import ConsolidationError, LiveSum, consolidate
from ..core.report import Composition, Report, new_report
from .db import location, on_server, read_only_reason, reading, writing
from .errors import DatabaseReadOnly, ReportChanged, ReportExists, ReportNotFound
from .models import MODELS, CompositionUnit, ReportRow, Unit
from .reader import read_contents
from .writer import replace_contents, replace_parts


@dataclass(frozen=True)
class ReportInfo:
    unit: str
    year: int
    modified: datetime
    units: tuple[str, ...] = ()   # a 部门's: the units it adds up


def list_reports(db: Database) -> list[ReportInfo]:
    with db.bind_ctx(MODELS):
        members: dict[int, list[str]] = {}
        for report_id, name in (CompositionUnit.select(CompositionUnit.report, CompositionUnit.name)
                                .order_by(CompositionUnit.report, CompositionUnit.position).tuples()):
            members.setdefault(report_id, []).append(name)
        query = (
            ReportRow.select(ReportRow.id, Unit.name, ReportRow.year, ReportRow.modified)
            .join(Unit)
            .order_by(Unit.name, ReportRow.year)
        )
        return [ReportInfo(unit, year, modified, tuple(members.get(row_id, ())))
                for row_id, unit, year, modified in query.tuples()]


def report_exists(db: Database, unit: str, year: int) -> bool:
    with db.bind_ctx(MODELS):
        return _find(unit, year) is not None


def create_report(db: Database, unit: str, year: int, department: str = "", layout: str | None = None
                  ) -> Report:
    """A new empty report, printed in ``layout`` (the default for the year when None)."""
    return add_report(db, new_report(unit, year, department, layout))


def add_report(db: Database, report: Report) -> Report:
    """Saves a report made elsewhere (e.g. started from last year's) as a new one;
    ReportExists when the unit already has a report of that year."""
    _refuse_read_only(db)
    with db.bind_ctx(MODELS):
        try:
            with writing(db):
                if _find(report.unit, report.year) is not None:
                    raise ReportExists(report.unit, report.year)
                row = _create_row(report)
                replace_contents(row, report)
        except IntegrityError:   # made by another writer between the look and the insert
            raise ReportExists(report.unit, report.year) from None
    report.stored_revision = row.revision
    return report


def load_report(db: Database, unit: str, year: int) -> Report:
    """The report with the revision it was read at (``stored_revision``), which a later save
    of it must still find in the database.  A 部门's comes with its units' figures added up
    (core.consolidation), read in the same transaction."""
    return open_report(db, unit, year)[0]


def load_or_new(db: Database, unit: str, year: int, layout: str | None = None) -> tuple[Report, bool]:
    """The unit's report of ``year``, or a new one in ``layout`` (not saved yet); whether it is new."""
    try:
        return load_report(db, unit, year), False
    except ReportNotFound:
        return new_report(unit, year, layout=layout), True


def load_department(db: Database, unit: str, year: int) -> LiveSum:
    """A 部门's report kept added up (core.consolidation.LiveSum)."""
    live = open_report(db, unit, year)[1]
    if live is None:
        raise ReportNotFound(unit, year)
    return live


def open_report(db: Database, unit: str, year: int) -> tuple[Report, LiveSum | None]:
    """The report, and for a 部门 the LiveSum that keeps it added up as its units change (what
    the window opens: it follows the units)."""
    with db.bind_ctx(MODELS), reading(db):
        row = _find(unit, year)
        if row is None:
            raise ReportNotFound(unit, year)
        report = read_contents(row, unit)
        report.stored_revision = row.revision
        if report.composition is None:
            return report, None
        live = _department(report)
        return live.report, live


def save_department(db: Database, name: str, year: int, composition: Composition) -> Report:
    """Makes, or changes the units and transfers of, the 部门 report ``name`` of ``year``: every
    unit must have a report of that year, and the sum must be possible (ConsolidationError,
    naming what is wrong, and nothing written)."""
    units = []
    for unit in composition.units:
        try:
            units.append(load_report(db, unit, year))
        except ReportNotFound:
            raise ConsolidationError(f"单位「{unit}」没有{year}年度的报告：请先新建或导入它。") from None
    own, _ = load_or_new(db, name, year, units[0].layout if units else None)
    if own.composition is None and (own.cells or own.projects):
        raise ConsolidationError(f"「{name}」{year}年度已有本单位的报告（有数字），不能改作部门汇总报告。"
                                 f"部门机关本身作为单位时，请用另一个名称（例如「{name}本级」）。")
    own.composition = composition
    report = consolidate(own, units, composition.transfers)   # refused here, before anything is written
    save_report(db, report)
    return report


def _department(report: Report) -> LiveSum:
    units, missing = [], []
    for name in report.composition.units:
        found = _find(name, report.year)
        if found is None:
            missing.append(name)
        else:
            unit = read_contents(found, name)
            unit.stored_revision = found.revision
            units.append(unit)
    return LiveSum(report, units, report.composition.transfers, tuple(missing), strict=False)


def revisions(db: Database, units, year: int) -> dict[str, int]:
    """The saved revision of each named unit's report of ``year`` (those there are): a 部门 open
    in the window asks every few seconds whether one of its units has moved."""
    with db.bind_ctx(MODELS):
        query = (ReportRow.select(Unit.name, ReportRow.revision).join(Unit)
                 .where(Unit.name.in_(list(units)), ReportRow.year == year))
        return dict(query.tuples())


def unit_reports(db: Database, report: Report) -> list[Report]:
    """The reports of a 部门's units (those there are), as stored: for 单位明细 and their findings."""
    if report.composition is None:
        return []
    with db.bind_ctx(MODELS), reading(db):
        found = [(name, _find(name, report.year)) for name in report.composition.units]
        return [read_contents(row, name) for name, row in found if row is not None]


def save_report(db: Database, report: Report) -> None:
    """Replaces what the database holds for the report, all or nothing.

    A report read (or saved) before is saved only if nobody has saved it since: else
    ReportChanged, and nothing is written.  A report never saved is created;
    ReportChanged if another writer has created it meanwhile."""
    _refuse_read_only(db)
    with db.bind_ctx(MODELS):
        try:
            with writing(db):
                row = _claim(report)
                if row is None:
                    row = _create_row(report)
                replace_contents(row, report)
        except IntegrityError:   # created by another writer between the look and the insert
            raise ReportChanged(report.unit, report.year) from None
    report.stored_revision = row.revision


def save_parts(db: Database, report: Report, parts=(), cells=()) -> None:
    """Writes what one edit changed: whole parts (a table '01'…'09', PROJECTS,
    OVERALL, TEXTS, NUMBERS, LAST_YEAR, EXPLANATIONS, DEPARTMENT) and single cells,
    in one transaction.  The report must have been saved before, and not by anyone
    else since it was read or saved here (ReportChanged, nothing written)."""
    _refuse_read_only(db)
    with db.bind_ctx(MODELS), writing(db):
        row = _claim(report)
        if row is None:
            raise ReportNotFound(report.unit, report.year)
        replace_parts(row, report, set(parts), cells)
    report.stored_revision = row.revision


def _claim(report: Report) -> ReportRow | None:
    """The report's row, its revision moved on by one, if the database still holds the
    revision the report was read at; None if there is no such report.  ReportChanged when
    another writer has saved it since (or created it, for a report never saved).

    The test and the increment are one ``UPDATE … WHERE revision = ?``: no other writer
    can come between them, on SQLite or on a server database.
    """
    expected = report.stored_revision
    if expected is not None:
        claimed = (ReportRow
                   .update(revision=ReportRow.revision + 1, modified=datetime.now(), department=report.department,
                           layout=report.layout)
                   .where(ReportRow.unit.in_(Unit.select(Unit.id).where(Unit.name == report.unit)),
                          ReportRow.year == report.year, ReportRow.revision == expected)
                   .execute())
        if claimed:
            return _find(report.unit, report.year)
    if _find(report.unit, report.year) is None:
        return None
    raise ReportChanged(report.unit, report.year)


def _create_row(report: Report) -> ReportRow:
    now = datetime.now()
    unit, _ = Unit.get_or_create(name=report.unit)
    return ReportRow.create(unit=unit, year=report.year, department=report.department, created=now, modified=now,
                            revision=1, layout=report.layout)


def _refuse_read_only(db) -> None:
    reason = read_only_reason(db)
    if reason:
        raise DatabaseReadOnly(location(db), reason, on_server(db))


def _find(unit: str, year: int) -> ReportRow | None:
    return ReportRow.select().join(Unit).where(Unit.name == unit, ReportRow.year == year).first()
