"""Writes a Report's contents as rows; the caller holds the transaction."""
from __future__ import annotations

from dataclasses import fields

from peewee import Model

from ..core.report import Indicator, Overall as OverallData, Project as ProjectData, Report
from .models import (
    REPORT_CHILDREN, Cell, CodeRow, Explanation, LastYearValue, NumberValue, Overall,
    OverallIndicator, Project, ProjectIndicator, ReportRow, TextValue,
)


def _scalar_fields(cls) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.name != "indicators")


_PROJECT_FIELDS = _scalar_fields(ProjectData)
_OVERALL_FIELDS = _scalar_fields(OverallData)
_INDICATOR_FIELDS = _scalar_fields(Indicator)


def replace_contents(row: ReportRow, report: Report) -> None:
    for model in REPORT_CHILDREN:
        model.delete().where(model.report == row).execute()
    _write_cells(row, report)
    _insert(CodeRow, ("report", "table", "code", "name"), [
        (row.id, table, code, name)
        for table, codes in report.code_rows.items() for code, name in codes.items()
    ])
    _write_projects(row, report)
    if report.overall is not None:
        _write_overall(row, report)
    for model, column, values in (
        (TextValue, "value", report.texts),
        (NumberValue, "value", report.numbers),
        (LastYearValue, "fen", report.last_year),
        (Explanation, "text", report.explanations),
    ):
        _insert(model, ("report", "key", column), [(row.id, k, v) for k, v in values.items()])


def _write_cells(row: ReportRow, report: Report) -> None:
    keys = list(report.cells) + [k for k in report.rounded if k not in report.cells]
    _insert(Cell, ("report", "table", "row", "col", "fen", "rounded"), [
        (row.id, *key, report.cells.get(key), key in report.rounded) for key in keys
    ])


def _write_projects(row: ReportRow, report: Report) -> None:
    _insert(Project, ("report", "position", *_PROJECT_FIELDS), [
        (row.id, position, *_values(project, _PROJECT_FIELDS))
        for position, project in enumerate(report.projects)
    ])
    ids = Project.select(Project.id).where(Project.report == row).order_by(Project.position).tuples()
    _insert(ProjectIndicator, ("project", "position", *_INDICATOR_FIELDS), [
        indicator
        for (project_id,), project in zip(ids, report.projects)
        for indicator in _indicator_rows(project_id, project.indicators)
    ])


def _write_overall(row: ReportRow, report: Report) -> None:
    overall = report.overall
    columns = dict(zip(_OVERALL_FIELDS, _values(overall, _OVERALL_FIELDS)))
    overall_id = Overall.insert(report=row.id, **columns).execute()
    _insert(OverallIndicator, ("overall", "position", *_INDICATOR_FIELDS),
            _indicator_rows(overall_id, overall.indicators))


def _indicator_rows(owner_id: int, indicators: list[Indicator]) -> list[tuple]:
    return [(owner_id, position, *_values(i, _INDICATOR_FIELDS)) for position, i in enumerate(indicators)]


def _values(obj, names: tuple[str, ...]) -> tuple:
    return tuple(getattr(obj, name) for name in names)


def _insert(model: type[Model], columns: tuple[str, ...], rows: list[tuple]) -> None:
    """One prepared INSERT run over all rows.

    peewee's insert_many renders every value of every row in Python, ten times
    slower for a report of 10 000 cells, and must be cut to SQLite's limit on
    bound variables; executemany binds one row at a time in C.
    """
    if not rows:
        return
    # A one-row insert_many renders the statement with its columns in our order.
    one_row = model.insert_many([(None,) * len(columns)], fields=[model._meta.fields[c] for c in columns])
    template, _ = one_row.sql()
    model._meta.database.cursor().executemany(template, rows)
