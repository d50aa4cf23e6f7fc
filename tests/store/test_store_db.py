from __future__ import annotations

import sqlite3

import pytest
from server_db import sqlite_only

from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.store.errors import StoreError
from kuaiji_desk.store.migrations import known_version


@sqlite_only
def test_open_creates_the_folder_and_sets_the_pragmas(db, db_path):
    assert db_path.is_file()
    assert db.pragma("journal_mode") == "wal"
    assert db.pragma("foreign_keys") == 1
    assert db.pragma("synchronous") == 1  # NORMAL
    assert db.pragma("busy_timeout") == 5000
    assert db.pragma("user_version") == known_version()


def test_an_empty_file_becomes_a_database(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    close_db(open_db(path))
    assert path.read_bytes().startswith(b"SQLite format 3\x00")


def _assert_refused(path, *words):
    before = path.read_bytes()
    with pytest.raises(StoreError) as info:
        open_db(path)
    assert str(path) in str(info.value)
    for word in words:
        assert word in str(info.value)
    assert path.read_bytes() == before


def test_a_text_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库\n" * 10, encoding="utf-8")
    _assert_refused(path, "不是")


def test_garbage_bytes_are_refused_and_left_alone(tmp_path):
    path = tmp_path / "garbage.db"
    path.write_bytes(bytes(range(256)) * 40)
    _assert_refused(path)


def _real_database(tmp_path):
    path = tmp_path / "real.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x TEXT)")
        conn.executemany("INSERT INTO t VALUES (?)", [("x" * 300,)] * 2000)
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("length", [50, 100, 4096, 8192, 100_000])
def test_a_truncated_database_is_refused_and_left_alone(tmp_path, length):
    path = tmp_path / "truncated.db"
    path.write_bytes(_real_database(tmp_path)[:length])
    _assert_refused(path, "损坏")


def test_another_programs_database_is_refused_and_left_alone(tmp_path):
    _real_database(tmp_path)
    _assert_refused(tmp_path / "real.db", "其他程序")


def test_a_newer_database_is_refused_and_left_alone(tmp_path, db_path):
    close_db(open_db(db_path))
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {known_version() + 1}")
    conn.close()
    _assert_refused(db_path, "较新版本", f"版本 {known_version() + 1}", "请升级程序")


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(StoreError):
        open_db(tmp_path)
