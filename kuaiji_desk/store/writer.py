"""Writes a Report's contents as rows; the caller holds the transaction."""
from __future__ import annotations

from dataclasses import fields

from peewee import Model, PostgresqlDatabase

from ..core.report import (
    COMPOSITION, DICT_PARTS, EXPLANATIONS, LAST_YEAR, NUMBERS, OVERALL, PROJECTS, TEXTS, Indicator,
)
from ..core.report import Overall as OverallData
from ..core.report import Project as ProjectData
from ..core.report import Report
from .models import (
    COMPOSITION_MODELS, REPORT_CHILDREN, Cell, CodeRow, CompositionUnit, Explanation, InternalTransfer,
    LastYearValue, NumberValue, Overall, OverallIndicator, Project, ProjectIndicator, ReportRow, TextValue,
)


def _scalar_fields(cls) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.name != "indicators")


_PROJECT_FIELDS = _scalar_fields(ProjectData)
_OVERALL_FIELDS = _scalar_fields(OverallData)
_INDICATOR_FIELDS = _scalar_fields(Indicator)


# The parts of a report that are written separately (see Report.touch): each
# table, and the named parts below.
_KEYED = {
    TEXTS: (TextValue, "value"),
    NUMBERS: (NumberValue, "value"),
    LAST_YEAR: (LastYearValue, "fen"),
    EXPLANATIONS: (Explanation, "text"),
}


def replace_contents(row: ReportRow, report: Report) -> None:
    for model in REPORT_CHILDREN:
        model.delete().where(model.report == row).execute()
    if report.composition is not None:
        _write_composition(row, report)
    else:   # a 部门's tables and projects are its units': never stored as its own
        _write_cells(row, report, list(report.cells) + [k for k in report.rounded if k not in report.cells])
        _write_code_rows(row, report, list(report.code_rows))
        _write_projects(row, report)
    if report.overall is not None:
        _write_overall(row, report)
    for part in _KEYED:
        _write_keyed(row, report, part)


def replace_parts(row: ReportRow, report: Report, parts, cells=()) -> None:
    """Rewrites only the named parts, and the named cells, of a saved report (of a 部门: its own
    parts, never the tables and projects that are its units')."""
    if report.composition is not None:
        if COMPOSITION in parts:
            for model in COMPOSITION_MODELS:
                model.delete().where(model.report == row).execute()
            _write_composition(row, report)
        tables = {t.id for t in report.forms.tables}
        parts, cells = [p for p in parts if p not in tables and p != PROJECTS], ()
    if cells:
        keys = list(dict.fromkeys(cells))
        for table, row_id, col in keys:
            Cell.delete().where(Cell.report == row, Cell.table == table, Cell.row == row_id,
                                Cell.col == col).execute()
        _write_cells(row, report, [k for k in keys if k in report.cells or k in report.rounded])
    tables = [t.id for t in report.forms.tables if t.id in parts]
    if tables:
        for model in (Cell, CodeRow):
            model.delete().where(model.report == row, model.table.in_(tables)).execute()
        wanted = set(tables)
        _write_cells(row, report, [k for k in list(report.cells) + list(report.rounded - report.cells.keys())
                                   if k[0] in wanted])
        _write_code_rows(row, report, tables)
    if PROJECTS in parts:
        Project.delete().where(Project.report == row).execute()
        _write_projects(row, report)
    if OVERALL in parts:
        Overall.delete().where(Overall.report == row).execute()
        if report.overall is not None:
            _write_overall(row, report)
    for part in _KEYED:
        if part in parts:
            model = _KEYED[part][0]
            model.delete().where(model.report == row).execute()
            _write_keyed(row, report, part)


def _write_composition(row: ReportRow, report: Report) -> None:
    """The units and transfers, and the figures of the 部门's own published workbook as its cells."""
    composition = report.composition
    Cell.delete().where(Cell.report == row).execute()
    _write_figures(row, composition.published, composition.published_rounded,
                   [*composition.published, *(k for k in composition.published_rounded if k not in composition.published)])
    for i, name in enumerate(report.composition.units):
        CompositionUnit.create(report=row, position=i, name=name)
    for i, t in enumerate(report.composition.transfers):
        InternalTransfer.create(report=row, position=i, **{f.name: getattr(t, f.name) for f in fields(t)})


def _write_keyed(row: ReportRow, report: Report, part: str) -> None:
    model, column = _KEYED[part]
    values = getattr(report, DICT_PARTS[part])
    _insert(model, ("report", "key", column), [(row.id, k, v) for k, v in values.items()])


def _write_code_rows(row: ReportRow, report: Report, tables) -> None:
    _insert(CodeRow, ("report", "table", "code", "name"), [
        (row.id, table, code, name) for table in tables for code, name in report.code_rows.get(table, {}).items()
    ])


def _write_cells(row: ReportRow, report: Report, keys) -> None:
    _write_figures(row, report.cells, report.rounded, keys)


def _write_figures(row: ReportRow, cells: dict, rounded, keys) -> None:
    _insert(Cell, ("report", "table", "row", "col", "fen", "rounded"), [
        (row.id, *key, cells.get(key), key in rounded) for key in keys
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
    bound variables; executemany binds one row at a time in C.  psycopg2's executemany
    would go to the server and back once a row: execute_batch sends them by the hundred.
    """
    if not rows:
        return
    # A one-row insert_many renders the statement with its columns in our order.
    one_row = model.insert_many([(None,) * len(columns)], fields=[model._meta.fields[c] for c in columns])
    template, _ = one_row.sql()
    database = model._meta.database
    if isinstance(database, PostgresqlDatabase):
        from psycopg2.extras import execute_batch

        execute_batch(database.cursor(), template, rows, page_size=500)
    else:
        database.cursor().executemany(template, rows)
