"""A database on a read-only medium is read, not called damaged: opened read-only, nothing
switched or migrated, every write refused with the reason."""
from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing

import pytest
from read_only import read_only  # noqa: F401 (a fixture)
from server_db import sqlite_file_only  # noqa: F401 (the backend: SQLite only — read-only files and folders)

from kuaiji_desk.store.db import close_db, open_db, read_only_reason
from kuaiji_desk.store.errors import DatabaseReadOnly, StoreError
from kuaiji_desk.store.repo import add_report, create_report, list_reports, load_report, save_parts, save_report

UNIT = "某单位"


@pytest.fixture
def saved(tmp_path, rich_report):
    """A database with one report, closed, in a folder of its own."""
    folder = tmp_path / "光盘"
    path = folder / "kuaiji.db"
    db = open_db(path)
    save_report(db, rich_report)
    close_db(db)
    return path


def files_and_bytes(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _reads_and_refuses(path, rich_report, why):
    db = open_db(path)
    try:
        assert why in read_only_reason(db)
        assert [(i.unit, i.year) for i in list_reports(db)] == [("某单位", 2024)]
        report = load_report(db, "某单位", 2024)
        assert report == rich_report
        report.set("01", "1", "1", 1)
        for write in (lambda: save_report(db, report), lambda: save_parts(db, report, cells=[("01", "1", "1")]),
                      lambda: create_report(db, "新单位", 2024), lambda: add_report(db, rich_report)):
            with pytest.raises(DatabaseReadOnly, match="只读") as refused:
                write()
            assert str(path) in str(refused.value)
        assert db.pragma("query_only") == 1
    finally:
        close_db(db)


def test_a_read_only_file_is_opened_read_only(saved, rich_report, read_only):
    before = saved.read_bytes()
    how = read_only(saved)
    _reads_and_refuses(saved, rich_report, "数据库文件是只读的")
    assert saved.read_bytes() == before, how


def test_a_database_in_a_read_only_folder_is_opened_read_only(saved, rich_report, read_only):
    folder = saved.parent
    before = files_and_bytes(folder)
    assert list(before) == ["kuaiji.db"]          # closed: no -wal, no -shm beside it
    how = read_only(folder)
    _reads_and_refuses(saved, rich_report, "文件夹不能写入")
    assert files_and_bytes(folder) == before, how


def test_a_database_that_needs_a_migration_says_it_must_be_copied_first(saved, read_only, rewind):
    rewind(saved, 3)
    read_only(saved.parent)
    with pytest.raises(StoreError) as refused:
        open_db(saved)
    assert "复制到可以写入的位置" in str(refused.value) and "损坏" not in str(refused.value)
    with closing(sqlite3.connect(f"{saved.as_uri()}?mode=ro&immutable=1", uri=True)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3   # not migrated


def test_changes_still_in_the_wal_file_are_not_passed_over(tmp_path, rich_report, read_only):
    """Copied while the program was writing: the last save is in the -wal file, which SQLite
    cannot use read-only without its -shm; the user is told to copy both, not shown old data."""
    source = tmp_path / "在用" / "kuaiji.db"
    db = open_db(source)
    try:
        db.pragma("wal_autocheckpoint", 0)
        save_report(db, rich_report)
        folder = tmp_path / "光盘"
        folder.mkdir()
        for suffix in ("", "-wal"):
            shutil.copyfile(f"{source}{suffix}", folder / f"kuaiji.db{suffix}")
    finally:
        close_db(db)
    read_only(folder)
    with pytest.raises(StoreError, match="-wal") as refused:
        open_db(folder / "kuaiji.db")
    assert "损坏" not in str(refused.value)


def test_no_new_database_in_a_read_only_folder(tmp_path, read_only):
    folder = tmp_path / "光盘"
    folder.mkdir()
    read_only(folder)
    with pytest.raises(StoreError, match="无法在.*新建数据库"):
        open_db(folder / "kuaiji.db")
    assert list(folder.iterdir()) == []


def test_a_writable_database_is_not_read_only(db):
    assert read_only_reason(db) == ""
    assert db.pragma("query_only") == 0
