"""The tables.  Money is in 分 as integers, never floats.

Column names repeat the field names of the dataclasses in
:mod:`kuaiji_desk.core.report` so that :mod:`.writer` and :mod:`.reader` copy
them by name: a field added to a dataclass without a column fails loudly.

The models are bound to no database here; :mod:`.repo` binds them to the database
it is given for the length of each call, so two open databases never mix.
"""
from __future__ import annotations

from peewee import (
    BigIntegerField, BooleanField, DatabaseProxy, DateTimeField, ForeignKeyField,
    IntegerField, Model, TextField,
)

from ..core.layouts import DEFAULT as DEFAULT_LAYOUT

unbound = DatabaseProxy()


class BaseModel(Model):
    class Meta:
        database = unbound
        legacy_table_names = False


class Unit(BaseModel):
    name = TextField(unique=True)


class ReportRow(BaseModel):
    unit = ForeignKeyField(Unit, index=False)  # covered by the unique index below
    year = IntegerField()
    department = TextField(default="")
    created = DateTimeField()
    modified = DateTimeField()
    revision = IntegerField(default=0)   # counts the saves: see repo._claim
    layout = TextField(default=DEFAULT_LAYOUT)   # the publication layout (core.layouts)

    class Meta:
        table_name = "report"
        indexes = ((("unit", "year"), True),)


def _owned_by_report():
    # The composite unique index of each child table starts with report, so the
    # foreign key needs no index of its own.
    return ForeignKeyField(ReportRow, on_delete="CASCADE", index=False)


class Cell(BaseModel):
    report = _owned_by_report()
    table = TextField()
    row = TextField()
    col = TextField()
    fen = BigIntegerField(null=True)  # None: a rounded mark the report holds without a value
    rounded = BooleanField(default=False)

    class Meta:
        indexes = ((("report", "table", "row", "col"), True),)


class CodeRow(BaseModel):
    report = _owned_by_report()
    table = TextField()
    code = TextField()
    name = TextField()

    class Meta:
        indexes = ((("report", "table", "code"), True),)


class Project(BaseModel):
    report = _owned_by_report()
    position = IntegerField()
    name = TextField()
    department = TextField()
    executor = TextField()
    category = TextField()
    attribute = TextField()
    kind = TextField()
    budget = BigIntegerField(null=True)
    spent = BigIntegerField(null=True)
    amounts_rounded = BooleanField()
    stated_rate = TextField()
    deviation_reason = TextField()
    improvement = TextField()
    summary = TextField()

    class Meta:
        indexes = ((("report", "position"), True),)


class Overall(BaseModel):
    report = ForeignKeyField(ReportRow, on_delete="CASCADE", unique=True)
    unit_name = TextField()
    basic_total = BigIntegerField(null=True)
    project_total = BigIntegerField(null=True)
    amounts_rounded = BooleanField()
    goals = TextField()
    deviation_reason = TextField()
    improvement = TextField()
    fill_date = TextField()


class _IndicatorColumns(BaseModel):
    """Columns shared by the two indicator tables; has no table of its own."""
    position = IntegerField()
    level1 = TextField()
    level2 = TextField()
    level3 = TextField()
    target = TextField()
    actual = TextField()
    category = TextField()
    weight = TextField()
    score = TextField()


class ProjectIndicator(_IndicatorColumns):
    project = ForeignKeyField(Project, on_delete="CASCADE", index=False)

    class Meta:
        indexes = ((("project", "position"), True),)


class OverallIndicator(_IndicatorColumns):
    overall = ForeignKeyField(Overall, on_delete="CASCADE", index=False)

    class Meta:
        indexes = ((("overall", "position"), True),)


class TextValue(BaseModel):
    report = _owned_by_report()
    key = TextField()
    value = TextField()

    class Meta:
        indexes = ((("report", "key"), True),)


class NumberValue(BaseModel):
    report = _owned_by_report()
    key = TextField()
    value = BigIntegerField()  # 分 for amounts, plain counts otherwise

    class Meta:
        indexes = ((("report", "key"), True),)


class LastYearValue(BaseModel):
    report = _owned_by_report()
    key = TextField()
    fen = BigIntegerField()

    class Meta:
        indexes = ((("report", "key"), True),)


class Explanation(BaseModel):
    report = _owned_by_report()
    key = TextField()
    text = TextField()

    class Meta:
        indexes = ((("report", "key"), True),)


class CompositionUnit(BaseModel):
    """A unit a 部门 report adds up (core.consolidation), by name: the unit's own report of the
    same year is read when the 部门's is."""
    report = _owned_by_report()
    position = IntegerField()
    name = TextField()

    class Meta:
        indexes = ((("report", "position"), True),)


class InternalTransfer(BaseModel):
    """Money between two units of a 部门, taken out of its sum (core.report.Transfer)."""
    report = _owned_by_report()
    position = IntegerField()
    kind = TextField()
    payer = TextField()
    receiver = TextField()
    income_code = TextField()
    expenditure_code = TextField()
    fen = BigIntegerField()

    class Meta:
        indexes = ((("report", "position"), True),)


# Made by migration step 6 (the 部门 of many units), not by step 1.
COMPOSITION_MODELS = (CompositionUnit, InternalTransfer)

# Deleted and rewritten as a whole when a report is saved; indicators go with
# their project or overall row through ON DELETE CASCADE.
REPORT_CHILDREN = (Cell, CodeRow, Project, Overall, TextValue, NumberValue, LastYearValue, Explanation,
                   *COMPOSITION_MODELS)

MODELS = (Unit, ReportRow, *REPORT_CHILDREN, ProjectIndicator, OverallIndicator)
