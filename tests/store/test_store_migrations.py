from __future__ import annotations

import pytest
from server_db import raw_db, schema_version, tables

from kuaiji_desk.store import migrations
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.store.errors import StoreError
from kuaiji_desk.store.models import MODELS
from kuaiji_desk.store.repo import create_report, load_report, save_report


def test_a_version_0_database_without_tables_is_brought_to_the_current_version(db_target):
    path = db_target
    raw_db(path).close()   # a SQLite file of no bytes; the server's new database
    db = open_db(path)
    try:
        assert schema_version(db) == migrations.known_version() == 6
    finally:
        close_db(db)
    assert {m._meta.table_name for m in MODELS} <= tables(path)


def _add_table(name):
    def step(db):
        db.execute_sql(f"CREATE TABLE {name} (x INTEGER)")
    return step


def test_later_steps_run_once_and_in_order(db_target, monkeypatch):
    path = db_target
    close_db(open_db(path))
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _add_table("two"), _add_table("three")])
    db = open_db(path)
    assert schema_version(db) == len(migrations.MIGRATIONS)
    close_db(db)
    close_db(open_db(path))  # would fail on CREATE TABLE if the steps ran again
    assert {"two", "three"} <= tables(path)


def test_a_failed_step_is_rolled_back_and_keeps_its_version(db_target, monkeypatch):
    path = db_target
    close_db(open_db(path))

    def broken(db):
        db.execute_sql("CREATE TABLE half_done (x INTEGER)")
        db.execute_sql("THIS IS NOT SQL")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _add_table("two"), broken])
    with pytest.raises(StoreError):
        open_db(path)
    assert "two" in tables(path) and "half_done" not in tables(path)
    db = raw_db(path)
    assert schema_version(db) == len(migrations.MIGRATIONS) - 1
    db.close()


def test_migrate_refuses_a_newer_database(db_target):
    db = raw_db(db_target)
    migrations.set_version(db, migrations.known_version() + 5)
    with pytest.raises(StoreError, match=f"版本 {migrations.known_version() + 5}"):
        migrations.migrate(db)
    db.close()


def test_the_vehicle_count_asked_twice_before_is_kept_once(db_target, rewind):
    """Version 1 asked 公务用车保有量 under 九 and under 十二; version 2 keeps one field."""
    path = db_target
    db = open_db(path)
    for unit, numbers in (("只填了十二", {"十二.车辆数": 3}), ("两处都填了", {"十二.车辆数": 5, "九.车辆保有量": 4})):
        report = create_report(db, unit, 2024)
        report.numbers.update(numbers)
        save_report(db, report)
    close_db(db)
    rewind(path, 1)
    db = open_db(path)
    try:
        assert schema_version(db) == migrations.known_version()
        assert load_report(db, "只填了十二", 2024).numbers == {"九.车辆保有量": 3}
        assert load_report(db, "两处都填了", 2024).numbers == {"九.车辆保有量": 4}
    finally:
        close_db(db)


def test_reports_made_before_layouts_print_in_hubeis_2024_layout(db_target, rewind):
    """Version 4 had no layouts: step 5 gives every report the layout its exports always had."""
    path = db_target
    db = open_db(path)
    for year in (2024, 2025):
        create_report(db, "旧单位", year)
    close_db(db)
    rewind(path, 4)
    db = open_db(path)
    try:
        assert schema_version(db) == migrations.known_version() == 6
        assert [load_report(db, "旧单位", year).layout for year in (2024, 2025)] == ["hubei-2024", "hubei-2024"]
    finally:
        close_db(db)


def test_a_report_keeps_its_layout_and_a_save_keeps_a_changed_one(db_target):
    db = open_db(db_target)
    try:
        create_report(db, "上海单位", 2024, layout="shanghai-2024")
        report = load_report(db, "上海单位", 2024)
        assert report.layout == "shanghai-2024"
        assert set(report.code_rows["06"]) >= {"31001", "31019", "31021"}   # the layout's rows of 06
        report.layout = "shanghai-26-2024"
        save_report(db, report)
        assert load_report(db, "上海单位", 2024).layout == "shanghai-26-2024"
    finally:
        close_db(db)
