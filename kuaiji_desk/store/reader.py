"""Builds a Report back from its rows."""
from __future__ import annotations

from ..core.report import Composition, Indicator, Overall, Project, Report, Transfer
from .models import (
    Cell, CodeRow, CompositionUnit, Explanation, InternalTransfer, LastYearValue, NumberValue, Overall as OverallRow,
    OverallIndicator, Project as ProjectRow, ProjectIndicator, ReportRow, TextValue,
)

# Rows are read back in id order, which is the order they were written in, so
# every dict and list keeps the order it was saved with.


def read_contents(row: ReportRow, unit: str) -> Report:
    report = Report(unit=unit, year=row.year, department=row.department, layout=row.layout)
    cells = Cell.select(Cell.table, Cell.row, Cell.col, Cell.fen, Cell.rounded).where(Cell.report == row)
    # The driver's rows as they come (no per-value conversion): thousands of cells a report, and
    # fifty reports for a 部门.  rounded is 0/1 or a boolean, read for its truth either way.
    for table, row_id, col, fen, rounded in _raw(cells.order_by(Cell.id)):
        key = (table, row_id, col)
        if fen is not None:
            report.cells[key] = fen
        if rounded:
            report.rounded.add(key)
    codes = CodeRow.select(CodeRow.table, CodeRow.code, CodeRow.name).where(CodeRow.report == row)
    for table, code, name in _raw(codes.order_by(CodeRow.id)):
        report.code_rows.setdefault(table, {})[code] = name
    report.projects = _read_projects(row)
    report.overall = _read_overall(row)
    for target, model, column in (
        (report.texts, TextValue, TextValue.value),
        (report.numbers, NumberValue, NumberValue.value),
        (report.last_year, LastYearValue, LastYearValue.fen),
        (report.explanations, Explanation, Explanation.text),
    ):
        target.update(model.select(model.key, column).where(model.report == row).order_by(model.id).tuples())
    report.composition = _read_composition(row)
    if report.composition is not None:   # a 部门's own cells are those of its published workbook
        report.composition.published, report.cells = report.cells, {}
        report.composition.published_rounded, report.rounded = frozenset(report.rounded), set()
    return report


def _read_composition(row: ReportRow) -> Composition | None:
    """A 部门's units and transfers, as named (its figures are added up by the repository)."""
    units = [name for (name,) in CompositionUnit.select(CompositionUnit.name).where(CompositionUnit.report == row)
             .order_by(CompositionUnit.position).tuples()]
    if not units:
        return None
    transfers = InternalTransfer.select().where(InternalTransfer.report == row).order_by(InternalTransfer.position)
    return Composition(tuple(units), tuple(Transfer(**_without(r, "id", "report", "position"))
                                           for r in transfers.dicts()))


def _read_projects(row: ReportRow) -> list[Project]:
    query = ProjectRow.select().where(ProjectRow.report == row).order_by(ProjectRow.position)
    projects = {r["id"]: Project(**_without(r, "id", "report", "position")) for r in query.dicts()}
    indicators = (
        ProjectIndicator.select()
        .join(ProjectRow)
        .where(ProjectRow.report == row)
        .order_by(ProjectIndicator.project, ProjectIndicator.position)
    )
    for r in _raw_dicts(indicators):   # text columns only: nothing to convert
        projects[r["project_id"]].indicators.append(Indicator(**_without(r, "id", "project_id", "position")))
    return list(projects.values())


def _read_overall(row: ReportRow) -> Overall | None:
    found = OverallRow.select().where(OverallRow.report == row).dicts().first()
    if found is None:
        return None
    indicators = (
        OverallIndicator.select()
        .where(OverallIndicator.overall == found["id"])
        .order_by(OverallIndicator.position)
    )
    return Overall(
        **_without(found, "id", "report"),
        indicators=[Indicator(**_without(r, "id", "overall", "position")) for r in indicators.dicts()],
    )


def _raw(query):
    return query.model._meta.database.execute(query)


def _raw_dicts(query):
    cursor = _raw(query)
    names = [d[0] for d in cursor.description]
    return (dict(zip(names, r)) for r in cursor)


def _without(row: dict, *names: str) -> dict:
    return {k: v for k, v in row.items() if k not in names}
