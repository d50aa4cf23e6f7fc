from __future__ import annotations

import copy
import re

import pytest
from server_db import sqlite_only

from kuaiji_desk.core.report import NUMBERS, PROJECTS, Overall, Project, Report
from kuaiji_desk.store import writer
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.store.errors import ReportExists, ReportNotFound, StoreError
from kuaiji_desk.store.repo import (
    create_report, list_reports, load_report, report_exists, save_parts, save_report,
)


def test_round_trip_gives_back_what_was_saved(db, rich_report):
    save_report(db, rich_report)
    loaded = load_report(db, "某单位", 2024)
    assert loaded == rich_report
    assert loaded.cells.keys() == rich_report.cells.keys()
    assert [p.name for p in loaded.projects] == ["农村道路维护", "无金额项目"]
    assert [i.level3 for i in loaded.projects[0].indicators] == ["指标1", "指标2", "指标3"]
    assert list(loaded.code_rows["02"]) == ["213", "21301", "2130101"]
    # True == 1, so equality alone would not notice flags coming back as ints.
    assert loaded.projects[0].amounts_rounded is True
    assert loaded.overall.amounts_rounded is False


def test_saving_twice_gives_the_same(db, rich_report):
    save_report(db, rich_report)
    first = list_reports(db)[0].modified
    save_report(db, rich_report)
    assert load_report(db, "某单位", 2024) == rich_report
    infos = list_reports(db)
    assert len(infos) == 1 and infos[0].modified >= first


def test_saving_replaces_rather_than_merges(db, rich_report):
    save_report(db, rich_report)
    changed = copy.deepcopy(rich_report)
    changed.set("01", "1", "1", None)
    changed.projects = changed.projects[1:]
    changed.overall = None
    changed.texts = {}
    changed.department = ""
    save_report(db, changed)
    assert load_report(db, "某单位", 2024) == changed


def test_an_empty_report_round_trips(db):
    report = Report(unit="空单位", year=2023)
    save_report(db, report)
    assert load_report(db, "空单位", 2023) == report


def test_overall_without_indicators_is_not_none(db):
    report = Report(unit="某单位", year=2024, overall=Overall())
    save_report(db, report)
    assert load_report(db, "某单位", 2024).overall == Overall()


def test_list_reports_orders_by_unit_then_year(db):
    for unit, year in [("乙单位", 2024), ("甲单位", 2024), ("乙单位", 2023)]:
        save_report(db, Report(unit=unit, year=year))
    assert [(i.unit, i.year) for i in list_reports(db)] == sorted(
        [("乙单位", 2024), ("甲单位", 2024), ("乙单位", 2023)]
    )


def test_create_report_saves_the_default_rows(db):
    report = create_report(db, "某单位", 2024, department="某部门")
    assert report.code_rows["06"]
    assert report_exists(db, "某单位", 2024)
    assert not report_exists(db, "某单位", 2023)
    assert load_report(db, "某单位", 2024) == report


def test_create_report_refuses_an_existing_one(db):
    create_report(db, "某单位", 2024)
    with pytest.raises(ReportExists) as info:
        create_report(db, "某单位", 2024)
    assert str(info.value) == "报告已存在：某单位 2024年度"
    assert isinstance(info.value, StoreError)


def test_load_report_of_a_missing_one(db):
    create_report(db, "某单位", 2024)
    with pytest.raises(ReportNotFound) as info:
        load_report(db, "某单位", 2023)
    assert str(info.value) == "未找到报告：某单位 2023年度"
    assert (info.value.unit, info.value.year) == ("某单位", 2023)


def test_a_failed_save_leaves_the_old_data(db, rich_report, monkeypatch):
    save_report(db, rich_report)
    before = list_reports(db)

    def fail(*args):
        raise RuntimeError("disk on fire")

    # Cells, code rows and projects are rewritten by then; the overall is next.
    monkeypatch.setattr(writer, "_write_overall", fail)
    changed = copy.deepcopy(rich_report)
    changed.set("01", "1", "1", 1)
    changed.projects.pop()
    with pytest.raises(RuntimeError):
        save_report(db, changed)
    assert load_report(db, "某单位", 2024) == rich_report
    assert list_reports(db) == before


def test_a_failed_first_save_leaves_no_report(db, rich_report, monkeypatch):
    monkeypatch.setattr(writer, "_write_overall", lambda *args: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        save_report(db, rich_report)
    assert list_reports(db) == []


def test_data_survives_closing_and_reopening(db_target, rich_report):
    db = open_db(db_target)
    save_report(db, rich_report)
    close_db(db)
    again = open_db(db_target)
    try:
        assert load_report(again, "某单位", 2024) == rich_report
    finally:
        close_db(again)


def test_two_open_databases_do_not_mix(new_target, rich_report):
    a, b = open_db(new_target()), open_db(new_target())
    try:
        save_report(a, rich_report)
        assert list_reports(b) == []
        assert not report_exists(b, "某单位", 2024)
        assert load_report(a, "某单位", 2024) == rich_report
    finally:
        close_db(a)
        close_db(b)


def _writes(db, save) -> list[str]:
    """The INSERT, UPDATE and DELETE statements ``save`` runs, as SQLite ran them."""
    seen: list[str] = []
    conn = db.connection()
    conn.set_trace_callback(seen.append)
    try:
        save()
    finally:
        conn.set_trace_callback(None)
    return [s for s in seen if s.split(None, 1)[0] in ("INSERT", "UPDATE", "DELETE")]


def _tables(statements: list[str]) -> set[str]:
    return {re.match(r'(?:INSERT INTO|UPDATE|DELETE FROM) "(\w+)"', s).group(1) for s in statements}


@sqlite_only   # counts the statements through SQLite's trace callback
def test_save_parts_writes_only_what_an_edit_changed(db):
    report = create_report(db, "某单位", 2024)
    report.projects.append(Project(name="项目", budget=1, spent=1))
    report.numbers["九.车辆保有量"] = 2
    report.add_code("02", "2010350")
    report.set("02", "2010350", "2", 5_000_000, rounded=True)
    report.set("02", "合计", "1", 6_000_000)
    report.set("03", "合计", "1", 6_000_000)
    save_report(db, report)

    # Two cells: the report row's date, those two cells, nothing else.
    report.set("02", "2010350", "2", 7_000_000)
    report.set("02", "合计", "1", None)
    writes = _writes(db, lambda: save_parts(db, report, cells=[("02", "2010350", "2"), ("02", "合计", "1")]))
    assert _tables(writes) == {"report", "cell"}
    assert [s for s in writes if s.startswith("INSERT")] == [
        'INSERT INTO "cell" ("report_id", "table", "row", "col", "fen", "rounded") '
        "VALUES (1, '02', '2010350', '2', 7000000, 0)"]
    assert len([s for s in writes if s.startswith("DELETE")]) == 2
    assert load_report(db, "某单位", 2024) == report

    # One table: its cells and code rows only, not 03's nor 06's.
    report.remove_code("02", "201")
    writes = _writes(db, lambda: save_parts(db, report, parts=["02"]))
    assert _tables(writes) == {"report", "cell", "code_row"}
    assert all("'03'" not in s and "'06'" not in s for s in writes)
    assert load_report(db, "某单位", 2024) == report

    # Projects and narrative figures: neither the tables nor the other parts.
    report.projects[0].name = "改名的项目"
    report.numbers["九.车辆保有量"] = 3
    writes = _writes(db, lambda: save_parts(db, report, parts=[PROJECTS, NUMBERS]))
    assert _tables(writes) == {"report", "project", "number_value"}
    assert load_report(db, "某单位", 2024) == report
