"""Backups while the program runs, restoring them, and the daily rotation."""
from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import peewee
import pytest
from server_db import sqlite_file_only  # noqa: F401 (the backend: SQLite only — backups are a file's)

from full_disk import fill_up
from kuaiji_desk.core.report import new_report
from kuaiji_desk.store import repo
from kuaiji_desk.store import backup
from kuaiji_desk.store.backup import backup_to, backups_dir, check_restorable, restore_from, rotate
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.store.errors import StoreError


def dump(path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return "\n".join(conn.iterdump())


def reports(path) -> list[tuple[str, int]]:
    db = open_db(path)
    try:
        return [(info.unit, info.year) for info in repo.list_reports(db)]
    finally:
        close_db(db)


def test_a_backup_includes_what_another_connection_committed_into_the_wal(db, db_path, rich_report, tmp_path):
    other = open_db(db_path)
    try:
        other.pragma("wal_autocheckpoint", 0)   # the commit stays in the -wal file
        repo.save_report(other, rich_report)
        assert os.path.getsize(f"{db_path}-wal") > 0
        plain = tmp_path / "plain.db"
        shutil.copyfile(db_path, plain)          # what copying the file alone would give
        assert reports(plain) == []
        target = backup_to(db, tmp_path / "备份.db")
    finally:
        close_db(other)
    assert reports(target) == [("某单位", 2024)]
    copy_db = open_db(target)
    try:
        assert repo.load_report(copy_db, "某单位", 2024) == rich_report
    finally:
        close_db(copy_db)
    assert not list(tmp_path.glob(".*.part"))


def test_a_backup_into_a_folder_that_is_gone_says_so_in_chinese(db, tmp_path):
    target = tmp_path / "missing-folder" / "k.db"
    with pytest.raises(StoreError) as info:
        backup_to(db, target)
    assert str(info.value) == f"无法写入备份文件「{target}」：无法创建或打开文件（所在的文件夹可能不存在，或没有写入权限）。"


def test_a_backup_on_a_full_disk_says_so_and_leaves_nothing(db, tmp_path, monkeypatch):
    stick = tmp_path / "U盘"
    stick.mkdir()
    target = stick / "备份.db"
    with monkeypatch.context() as disk, pytest.raises(StoreError) as info:
        fill_up(disk, lambda path: path.parent == stick)
        backup_to(db, target)
    assert str(info.value) == f"无法写入备份文件「{target}」：磁盘空间不足。"
    assert list(stick.iterdir()) == []


def test_a_backup_whose_copy_comes_out_damaged_is_not_kept(db, rich_report, tmp_path, monkeypatch):
    repo.save_report(db, rich_report)
    copy = backup._backup_into

    def damaging_copy(source, target):
        copy(source, target)
        _bad_freelist(Path(target))

    monkeypatch.setattr(backup, "_backup_into", damaging_copy)
    (tmp_path / "备份").mkdir()
    with pytest.raises(StoreError) as info:
        backup_to(db, tmp_path / "备份" / "备份.db")
    # What SQLite found, without its "*** in database main ***" heading.
    assert str(info.value) == "备份副本校验失败（Main freelist: size is 0 but should be 3）。"
    assert list((tmp_path / "备份").iterdir()) == []


def test_restoring_a_good_backup_gives_back_its_reports(db, db_path, rich_report, tmp_path):
    repo.save_report(db, rich_report)
    saved = backup_to(db, tmp_path / "saved.db")
    repo.create_report(db, "后来的单位", 2025)
    close_db(db)
    before = dump(db_path)
    safety = restore_from(db_path, saved)
    assert reports(db_path) == [("某单位", 2024)]
    # The safety copy holds what was replaced.
    assert safety.parent == backups_dir(db_path)
    assert dump(safety) == before
    assert not list(db_path.parent.glob(".*restore*"))


def _bad_freelist(path) -> None:
    """A header that miscounts the free pages: only integrity_check notices."""
    data = bytearray(path.read_bytes())
    data[36:40] = (3).to_bytes(4, "big")
    path.write_bytes(bytes(data))


def _damaged(kind, tmp_path, good):
    path = tmp_path / f"{kind}.db"
    if kind == "truncated":
        data = good.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "random":
        path.write_bytes(os.urandom(20_000))
    elif kind == "empty":
        path.touch()
    elif kind == "empty-sqlite":
        sqlite3.connect(path).close()
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("VACUUM")
    elif kind == "foreign":
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
            conn.commit()
    elif kind == "foreign-versioned":   # user_version set, but not our tables
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
            conn.execute("PRAGMA user_version = 1")
            conn.commit()
    elif kind == "newer":
        shutil.copyfile(good, path)
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("PRAGMA user_version = 99")
    elif kind == "corrupt-page":        # a readable header, a damaged page in the middle
        data = bytearray(good.read_bytes())
        page = int.from_bytes(data[16:18], "big")
        data[page * 2: page * 2 + 200] = os.urandom(200)
        path.write_bytes(bytes(data))
    elif kind == "bad-freelist":        # only integrity_check notices: the header miscounts free pages
        shutil.copyfile(good, path)
        _bad_freelist(path)
    return path


@pytest.mark.parametrize("kind", ["truncated", "random", "empty", "empty-sqlite", "foreign",
                                  "foreign-versioned", "newer", "corrupt-page", "bad-freelist"])
def test_a_damaged_or_foreign_file_is_refused_and_the_data_is_unchanged(kind, db, db_path, rich_report, tmp_path):
    repo.save_report(db, rich_report)
    good = backup_to(db, tmp_path / "good.db")
    close_db(db)
    source = _damaged(kind, tmp_path, good)
    source_bytes = source.read_bytes()
    before = dump(db_path)
    with pytest.raises(StoreError) as info:
        restore_from(db_path, source)
    assert str(source) in str(info.value)
    assert dump(db_path) == before
    assert source.read_bytes() == source_bytes
    assert not backups_dir(db_path).exists()   # nothing was about to be replaced
    assert not list(db_path.parent.glob(".*restore*"))


def test_a_damaged_source_is_refused_even_when_its_copy_would_pass(db, db_path, rich_report, tmp_path, monkeypatch):
    """The check before copying refuses on its own (the window relies on it before closing)."""
    repo.save_report(db, rich_report)
    good = backup_to(db, tmp_path / "good.db")
    repo.create_report(db, "后来的单位", 2025)     # what a wrongful restore would lose
    close_db(db)
    source = _damaged("bad-freelist", tmp_path, good)
    before = dump(db_path)
    copy = backup._backup_into

    def copy_of_the_good_one(source, target):
        with closing(sqlite3.connect(good)) as conn:
            copy(conn, target)

    monkeypatch.setattr(backup, "_backup_into", copy_of_the_good_one)
    with pytest.raises(StoreError, match="已损坏，不能用于恢复"):
        check_restorable(source)
    with pytest.raises(StoreError, match="已损坏，不能用于恢复"):
        restore_from(db_path, source)
    assert dump(db_path) == before
    assert not backups_dir(db_path).exists()


def test_a_copy_that_comes_out_damaged_is_not_put_in_place(db, db_path, rich_report, tmp_path, monkeypatch):
    repo.save_report(db, rich_report)
    good = backup_to(db, tmp_path / "good.db")
    repo.create_report(db, "后来的单位", 2025)
    close_db(db)
    before = dump(db_path)
    copy = backup._backup_into

    def damaging_copy(source, target):
        copy(source, target)
        _bad_freelist(Path(target))

    monkeypatch.setattr(backup, "_backup_into", damaging_copy)
    with pytest.raises(StoreError, match="复制后校验失败.*数据未被替换") as info:
        restore_from(db_path, good)
    assert str(good) in str(info.value)
    assert dump(db_path) == before
    assert not backups_dir(db_path).exists()
    assert not list(db_path.parent.glob(".*restore*"))


def test_rotation_makes_one_backup_a_day_and_keeps_the_newest(db, db_path, rich_report):
    repo.save_report(db, rich_report)
    first = date(2025, 3, 1)
    for day in range(5):
        assert rotate(db_path, keep=3, today=first + timedelta(days=day)) is not None
    assert rotate(db_path, keep=3, today=first + timedelta(days=4)) is None   # today's exists
    names = sorted(p.name for p in backups_dir(db_path).iterdir())
    assert names == ["kuaiji-20250303.db", "kuaiji-20250304.db", "kuaiji-20250305.db"]
    assert reports(backups_dir(db_path) / names[-1]) == [("某单位", 2024)]


def test_rotation_leaves_the_safety_copies_of_restores(db, db_path, tmp_path):
    repo.save_report(db, new_report("单位", 2024))
    saved = backup_to(db, tmp_path / "saved.db")
    close_db(db)
    safety = restore_from(db_path, saved)
    rotate(db_path, keep=1, today=date(2025, 1, 1))
    rotate(db_path, keep=1, today=date(2025, 1, 2))
    assert sorted(p.name for p in backups_dir(db_path).iterdir()) == sorted([safety.name, "kuaiji-20250102.db"])


def test_no_rotation_without_a_database(tmp_path):
    assert rotate(tmp_path / "none.db") is None
    assert not (tmp_path / "backups").exists()


def test_rotation_keeping_none_leaves_no_daily_copy(db, db_path, rich_report):
    repo.save_report(db, rich_report)
    rotate(db_path, keep=2, today=date(2025, 3, 1))
    rotate(db_path, keep=0, today=date(2025, 3, 2))
    assert list(backups_dir(db_path).iterdir()) == []


def test_an_automatic_backup_on_a_full_disk_says_so(db, db_path, monkeypatch):
    target = backups_dir(db_path) / "kuaiji-20250301.db"
    with monkeypatch.context() as disk, pytest.raises(StoreError) as info:
        fill_up(disk, lambda path: path.parent == backups_dir(db_path))
        rotate(db_path, today=date(2025, 3, 1))
    assert str(info.value) == f"无法写入自动备份「{target}」：磁盘空间不足。"
    assert list(backups_dir(db_path).iterdir()) == []


def test_rotation_goes_on_past_a_backup_held_by_another_program(db_path, monkeypatch):
    """A sync tool or a virus scanner holding an old daily backup (Windows refuses to delete it)
    must not stop the start: that copy stays until a later start, the others go."""
    from kuaiji_desk.store.backup import backups_dir, rotate

    close_db(open_db(db_path))
    start = date(2026, 1, 1)
    for day in range(5):
        rotate(db_path, keep=10, today=start + timedelta(days=day))
    held = backups_dir(db_path) / "kuaiji-20260101.db"
    unlink = Path.unlink

    def refuse_the_held_one(self, missing_ok=False):
        if self == held:
            raise PermissionError(32, "另一个程序正在使用此文件")
        unlink(self, missing_ok=missing_ok)
    monkeypatch.setattr(Path, "unlink", refuse_the_held_one)
    rotate(db_path, keep=2, today=start + timedelta(days=5))
    left = sorted(p.name for p in backups_dir(db_path).glob("kuaiji-*.db"))
    assert left == ["kuaiji-20260101.db", "kuaiji-20260105.db", "kuaiji-20260106.db"]


def test_a_backup_folder_that_cannot_be_made_is_a_chinese_refusal(db_path, monkeypatch):
    from kuaiji_desk.store.backup import rotate

    close_db(open_db(db_path))

    def no_folder(self, *args, **kwargs):
        raise PermissionError(13, "拒绝访问")
    monkeypatch.setattr(Path, "mkdir", no_folder)
    with pytest.raises(StoreError, match="无法写入自动备份"):
        rotate(db_path)


def test_a_server_database_is_refused_before_anything_is_touched(tmp_path):
    # No server needed: the refusal comes before any connection (CI's PostgreSQL run checks
    # the same against a live one).
    url = "postgresql://kuaiji@/k?host=/nonexistent"
    with pytest.raises(StoreError) as refused:
        backup_to(peewee.PostgresqlDatabase("k"), tmp_path / "copy.db")
    assert str(refused.value) == backup.SERVER_BACKUP
    with pytest.raises(StoreError) as refused:
        restore_from(url, tmp_path / "copy.db")
    assert str(refused.value) == backup.SERVER_BACKUP
    assert rotate(url) is None
    assert list(tmp_path.iterdir()) == []

