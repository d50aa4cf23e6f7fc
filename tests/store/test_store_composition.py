"""A 部门 report in the store: it keeps its units and transfers and its own parts; its tables and
projects are its units', added up when it is read, never stored as its own."""
from __future__ import annotations

import dataclasses

from kuaiji_desk.core import rules
from kuaiji_desk.core.report import TEXTS, Composition, Transfer, new_report
from kuaiji_desk.core.sample import load_sample
from kuaiji_desk.store import migrations, repo
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.store.models import MODELS, Cell, Project, ReportRow, Unit
from server_db import schema_version


# The sample books no 上级补助收入: a transfer of it cannot be taken out of 单位乙.
IMPOSSIBLE = Transfer("补助", "单位甲", "单位乙", "2010350", "2010350", 1)


def units_and_department(db, transfers=()):
    sample = load_sample()
    for name in ("单位甲", "单位乙"):
        repo.save_report(db, dataclasses.replace(sample, unit=name))
    own = new_report("某部门", 2024)
    own.composition = Composition(("单位甲", "单位乙"), transfers)
    repo.save_report(db, own)
    return sample


def stored(db, model, unit: str) -> int:
    """How many rows of ``model`` the report of ``unit`` has in the database."""
    with db.bind_ctx(MODELS):
        return model.select().join(ReportRow).join(Unit).where(Unit.name == unit).count()


def test_a_department_is_read_with_its_units_added_up_and_stores_only_its_own(db):
    sample = units_and_department(db)
    report = repo.load_report(db, "某部门", 2024)
    assert report.composition.units == ("单位甲", "单位乙") and report.composition.problems == ()
    assert report.cells[("01", "30", "1")] == 2 * sample.cells[("01", "30", "1")]
    assert len(report.projects) == 2 * len(sample.projects)
    report.texts["职责"] = "部门职责"
    repo.save_parts(db, report, parts=(TEXTS, "01", "projects"), cells=[("01", "30", "1")])
    repo.save_report(db, report)
    assert stored(db, Cell, "某部门") == stored(db, Project, "某部门") == 0
    assert stored(db, Cell, "单位甲") > 0
    again = repo.load_report(db, "某部门", 2024)
    assert again.texts["职责"] == "部门职责" and again.cells == report.cells


def test_an_edit_in_a_unit_moves_the_department(db):
    sample = units_and_department(db)
    unit = repo.load_report(db, "单位甲", 2024)
    unit.set("02", "2010350", "2", unit.get("02", "2010350", "2") + 500)
    repo.save_report(db, unit)
    report = repo.load_report(db, "某部门", 2024)
    assert report.cells[("02", "2010350", "2")] == 2 * sample.get("02", "2010350", "2") + 500


def test_a_unit_without_a_report_is_named_missing(db):
    units_and_department(db)
    report = repo.load_report(db, "某部门", 2024)
    report.composition = dataclasses.replace(report.composition, units=("单位甲", "单位乙", "单位丙"))
    repo.save_report(db, report)
    again = repo.load_report(db, "某部门", 2024)
    assert again.composition.units == ("单位甲", "单位乙", "单位丙") and again.composition.missing == ("单位丙",)
    info = {i.unit: i.units for i in repo.list_reports(db)}
    assert info["某部门"] == ("单位甲", "单位乙", "单位丙") and info["单位甲"] == ()
    assert [u.unit for u in repo.unit_reports(db, again)] == ["单位甲", "单位乙"]


def test_a_stored_transfer_that_no_longer_fits_opens_the_department_and_is_an_error(db):
    sample = units_and_department(db, (IMPOSSIBLE,))
    report = repo.load_report(db, "某部门", 2024)
    assert report.cells[("01", "30", "1")] == 2 * sample.cells[("01", "30", "1")]   # left out
    assert report.composition.transfers == (IMPOSSIBLE,)                            # still listed
    [problem] = [f for f in rules.check(report) if f.rule == "B17.2"]
    assert problem.severity == "error" and "收到方「单位乙」的公开02表2010350「上级补助收入」只有 0.00 万元" in problem.message
    repo.save_report(db, report)
    assert repo.load_report(db, "某部门", 2024).composition.transfers == (IMPOSSIBLE,)


def test_a_version_5_database_gains_the_composition_tables(db_target, rewind):
    db = open_db(db_target)
    repo.create_report(db, "旧单位", 2024)
    close_db(db)
    rewind(db_target, 5)
    db = open_db(db_target)
    try:
        assert schema_version(db) == migrations.known_version() == 6
        assert repo.load_report(db, "旧单位", 2024).composition is None
        units_and_department(db)
        assert repo.load_report(db, "某部门", 2024).composition.units == ("单位甲", "单位乙")
    finally:
        close_db(db)
