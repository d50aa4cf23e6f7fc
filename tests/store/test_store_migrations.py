from __future__ import annotations

import sqlite3

import peewee
import pytest

from kuaiji_desk.store import migrations
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.store.errors import StoreError
from kuaiji_desk.store.models import MODELS


def _tables(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    conn.close()
    return {name for (name,) in rows}


def test_a_version_0_database_without_tables_is_brought_to_the_current_version(tmp_path):
    path = tmp_path / "v0.db"
    sqlite3.connect(path).close()
    db = open_db(path)
    try:
        assert db.pragma("user_version") == migrations.known_version() == 1
    finally:
        close_db(db)
    assert {m._meta.table_name for m in MODELS} <= _tables(path)


def _add_table(name):
    def step(db):
        db.execute_sql(f"CREATE TABLE {name} (x INTEGER)")
    return step


def test_later_steps_run_once_and_in_order(tmp_path, monkeypatch):
    path = tmp_path / "k.db"
    close_db(open_db(path))
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _add_table("two"), _add_table("three")])
    db = open_db(path)
    assert db.pragma("user_version") == 3
    close_db(db)
    close_db(open_db(path))  # would fail on CREATE TABLE if the steps ran again
    assert {"two", "three"} <= _tables(path)


def test_a_failed_step_is_rolled_back_and_keeps_its_version(tmp_path, monkeypatch):
    path = tmp_path / "k.db"
    close_db(open_db(path))

    def broken(db):
        db.execute_sql("CREATE TABLE half_done (x INTEGER)")
        db.execute_sql("THIS IS NOT SQL")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _add_table("two"), broken])
    with pytest.raises(StoreError):
        open_db(path)
    assert "two" in _tables(path) and "half_done" not in _tables(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()


def test_migrate_refuses_a_newer_database(tmp_path):
    db = peewee.SqliteDatabase(str(tmp_path / "n.db"))
    db.pragma("user_version", migrations.known_version() + 5)
    with pytest.raises(StoreError, match="版本 6"):
        migrations.migrate(db)
    db.close()
