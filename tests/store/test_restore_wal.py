"""Restoring a backup: all of it (what its -wal file still holds too), and on a full disk or a
held database nothing left behind — no half-written safety copy, none overwritten."""
from __future__ import annotations

import errno
import io
import os
import shutil
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from server_db import sqlite_file_only  # noqa: F401 (the backend: SQLite only — restoring a SQLite file and its -wal)

from full_disk import fill_up, refuse_removal, refuse_writes
from kuaiji_desk.core.report import new_report
from kuaiji_desk.store import backup, repo
from kuaiji_desk.store.backup import backup_to, backups_dir, check_restorable, restore_from
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.store.errors import StoreError


def dump(path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return "\n".join(conn.iterdump())


def reports(path) -> list[tuple[str, int]]:
    db = open_db(path)
    try:
        return sorted((info.unit, info.year) for info in repo.list_reports(db))
    finally:
        close_db(db)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_backup_whose_last_commits_are_in_its_wal_is_restored_with_them(db, db_path, rich_report, tmp_path):
    repo.create_report(db, "现在的单位", 2025)
    close_db(db)
    source = tmp_path / "elsewhere" / "备份.db"
    writer = open_db(source)                     # WAL mode, as the program writes its databases
    try:
        writer.pragma("wal_checkpoint(TRUNCATE)")   # its tables are in the main file,
        writer.pragma("wal_autocheckpoint", 0)      # the report stays in the -wal file
        repo.save_report(writer, rich_report)
        assert os.path.getsize(f"{source}-wal") > 0
        with closing(sqlite3.connect(f"{source.as_uri()}?immutable=1", uri=True)) as main_file_alone:
            assert main_file_alone.execute("SELECT count(*) FROM report").fetchone()[0] == 0
        source_bytes = source.read_bytes(), Path(f"{source}-wal").read_bytes()
        restore_from(db_path, source)
        assert (source.read_bytes(), Path(f"{source}-wal").read_bytes()) == source_bytes   # read, never written
    finally:
        close_db(writer)
    assert reports(db_path) == [("某单位", 2024)]
    restored = open_db(db_path)
    try:
        assert repo.load_report(restored, "某单位", 2024) == rich_report
    finally:
        close_db(restored)


def _full_backups_folder(db_path):
    return lambda path: backups_dir(db_path) in path.parents


def _full_beside_the_database(db_path):
    return lambda path: path.parent == db_path.parent and path.name.startswith(".")


@pytest.mark.parametrize("full", [_full_backups_folder, _full_beside_the_database], ids=["safety-copy", "staging"])
def test_a_restore_on_a_full_disk_says_so_and_leaves_nothing_behind(full, db, db_path, rich_report, tmp_path,
                                                                   monkeypatch):
    saved = backup_to(db, tmp_path / "saved.db")
    repo.save_report(db, rich_report)
    close_db(db)
    before = dump(db_path)
    with monkeypatch.context() as disk, pytest.raises(StoreError) as info:
        fill_up(disk, full(db_path), room=4096)
        restore_from(db_path, saved)
    assert str(info.value) == f"无法用「{saved}」恢复数据：磁盘空间不足。"
    assert dump(db_path) == before
    assert files_in(backups_dir(db_path)) == []
    assert [n for n in files_in(db_path.parent) if n.startswith(".")] == []


@pytest.mark.parametrize("safety_copy_held", [False, True], ids=["", "safety-copy-held-too"])
def test_a_database_held_by_another_program_is_left_as_it_was_without_a_safety_copy(safety_copy_held, db, db_path,
                                                                                      rich_report, tmp_path,
                                                                                      monkeypatch):
    """Also when the safety copy cannot be removed either: the user is told why the restore failed."""
    saved = backup_to(db, tmp_path / "saved.db")
    repo.save_report(db, rich_report)
    close_db(db)
    before = dump(db_path)
    replace = os.replace

    def held(source, destination):
        if Path(destination) == db_path:
            raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问。", str(destination))
        replace(source, destination)

    with monkeypatch.context() as holding, pytest.raises(StoreError) as info:
        holding.setattr(os, "replace", held)
        if safety_copy_held:
            refuse_removal(holding, lambda path: path.parent == backups_dir(db_path) and path.name.startswith("恢复前"))
        restore_from(db_path, saved)
    assert str(info.value) == f"无法用「{saved}」恢复数据：没有写入权限，或文件正被其他程序（如 Excel、WPS）打开。"
    assert dump(db_path) == before
    assert len(files_in(backups_dir(db_path))) == safety_copy_held
    assert [n for n in files_in(db_path.parent) if n.startswith(".")] == []


class _OneSecond(datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(2025, 3, 1, 9, 30, 15, 250_000)


def test_two_restores_within_one_second_keep_both_safety_copies(db, db_path, tmp_path, monkeypatch):
    repo.save_report(db, new_report("第一个单位", 2024))
    first = backup_to(db, tmp_path / "first.db")
    repo.create_report(db, "第二个单位", 2024)
    second = backup_to(db, tmp_path / "second.db")
    close_db(db)
    monkeypatch.setattr(backup, "datetime", _OneSecond)
    kept = [restore_from(db_path, first), restore_from(db_path, second)]
    assert [p.name for p in kept] == ["恢复前-20250301-093015.db", "恢复前-20250301-093015-2.db"]
    assert files_in(backups_dir(db_path)) == sorted(p.name for p in kept)
    assert reports(kept[0]) == [("第一个单位", 2024), ("第二个单位", 2024)]
    assert reports(kept[1]) == [("第一个单位", 2024)]


def test_a_backup_that_cannot_be_read_is_refused_naming_it(db, db_path, tmp_path, monkeypatch):
    saved = backup_to(db, tmp_path / "saved.db")
    close_db(db)
    before = dump(db_path)
    with monkeypatch.context() as held:
        refuse_writes(held, lambda path: path == saved, reads_too=True)
        with pytest.raises(StoreError) as info:
            check_restorable(saved)
        assert str(info.value) == f"无法读取「{saved}」：没有读取权限，或文件正被其他程序占用。"
        with pytest.raises(StoreError):
            restore_from(db_path, saved)
    assert dump(db_path) == before
    assert files_in(backups_dir(db_path)) == []


def test_a_backup_killed_halfway_does_not_stop_the_next_one(db, tmp_path):
    """What it left beside its target — half a file, SQLite's journal — is cleared first."""
    target = tmp_path / "备份.db"
    (tmp_path / ".备份.db.part").write_bytes(b"SQLite format 3\x00" + os.urandom(3000))
    (tmp_path / ".备份.db.part-journal").write_bytes(os.urandom(600))
    assert backup_to(db, target) == target
    check_restorable(target)
    assert [n for n in files_in(tmp_path) if n.startswith(".")] == []


def test_a_missing_or_empty_backup_is_refused_saying_which(tmp_path):
    missing, empty = tmp_path / "不在了.db", tmp_path / "空的.db"
    empty.touch()
    with pytest.raises(StoreError) as info:
        check_restorable(missing)
    assert str(info.value) == f"「{missing}」不存在或不是文件。"
    with pytest.raises(StoreError) as info:
        check_restorable(empty)
    assert str(info.value) == f"「{empty}」是空文件，不是本程序的数据库备份。"


def test_a_backup_on_a_stick_pulled_out_while_it_is_read_says_so(db, tmp_path, monkeypatch):
    saved = backup_to(db, tmp_path / "saved.db")
    real_open = io.open

    def failing(file, mode="r", *args, **kwargs):
        if Path(file) == saved:
            raise OSError(errno.EIO, "Input/output error", str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", failing)
    with pytest.raises(StoreError) as info:
        check_restorable(saved)
    assert str(info.value) == f"无法读取「{saved}」：读写磁盘时出错（U 盘或网络盘可能已断开）。"


def test_a_backup_made_by_the_first_version_of_the_program_is_restored(db, db_path, rich_report, tmp_path, rewind):
    repo.save_report(db, rich_report)
    saved = backup_to(db, tmp_path / "old.db")
    close_db(db)
    rewind(saved, 1)
    check_restorable(saved)
    restore_from(db_path, saved)
    assert reports(db_path) == [("某单位", 2024)]


def test_a_restore_killed_halfway_does_not_stop_the_next_one(db, db_path, rich_report, tmp_path):
    """What it left beside the database — half a staged copy, SQLite's journal — is cleared first."""
    repo.save_report(db, rich_report)
    saved = backup_to(db, tmp_path / "saved.db")
    close_db(db)
    staged = db_path.with_name(f".{db_path.name}.restore")
    staged.write_bytes(os.urandom(5000))
    Path(f"{staged}-journal").write_bytes(os.urandom(600))
    restore_from(db_path, saved)
    assert reports(db_path) == [("某单位", 2024)]
    assert [n for n in files_in(db_path.parent) if n.startswith(".")] == []


def test_restoring_where_there_is_no_database_yet_keeps_no_safety_copy(db, tmp_path):
    repo.save_report(db, new_report("备份里的单位", 2024))
    saved = backup_to(db, tmp_path / "saved.db")
    for existing in (None, b""):   # no file at all, an empty file
        db_path = tmp_path / ("new" if existing is None else "empty") / "kuaiji.db"
        db_path.parent.mkdir()
        if existing is not None:
            db_path.write_bytes(existing)
        assert restore_from(db_path, saved) is None
        assert reports(db_path) == [("备份里的单位", 2024)]
        assert not backups_dir(db_path).exists()


def test_sqlite_files_left_beside_an_empty_database_are_not_read_as_the_restored_ones(db, db_path, tmp_path):
    """A -wal left there would be replayed into the restored database."""
    repo.save_report(db, new_report("备份里的单位", 2024))
    saved = backup_to(db, tmp_path / "saved.db")
    close_db(db)
    db_path.write_bytes(b"")
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{db_path}{suffix}").write_bytes(os.urandom(4096))
    restore_from(db_path, saved)
    assert files_in(db_path.parent) == [db_path.name]
    assert reports(db_path) == [("备份里的单位", 2024)]


def test_a_damaged_database_restored_over_is_kept_byte_for_byte(db, db_path, tmp_path):
    repo.save_report(db, new_report("备份里的单位", 2024))
    saved = backup_to(db, tmp_path / "saved.db")
    close_db(db)
    damaged = b"SQLite format 3\x00" + os.urandom(8000)
    db_path.write_bytes(damaged)
    safety = restore_from(db_path, saved)
    assert safety.read_bytes() == damaged
    assert safety.name.startswith("恢复前-") and safety.suffix == ".db"
    assert reports(db_path) == [("备份里的单位", 2024)]


def test_a_staged_copy_left_by_a_killed_restore_that_cannot_be_removed_stops_the_restore(db, db_path, tmp_path,
                                                                                         monkeypatch):
    saved = backup_to(db, tmp_path / "saved.db")
    close_db(db)
    before = dump(db_path)
    staged = db_path.with_name(f".{db_path.name}.restore")
    staged.write_bytes(os.urandom(5000))
    with monkeypatch.context() as antivirus, pytest.raises(StoreError) as info:
        refuse_removal(antivirus, lambda path: path == staged)
        restore_from(db_path, saved)
    assert str(info.value) == f"无法用「{saved}」恢复数据：没有写入权限，或文件正被其他程序（如 Excel、WPS）打开。"
    assert dump(db_path) == before


def test_a_backup_left_with_its_wal_is_read_without_being_changed(db, db_path, rich_report, tmp_path):
    # A copy taken while the program was writing (a USB stick pulled, a crash): the last
    # commits are only in the -wal beside it, and no program has it open.  Opened for writing,
    # SQLite would fold the -wal into the file on closing and delete it: the source changed.
    close_db(db)
    writing = tmp_path / "writing" / "备份.db"
    writer = open_db(writing)
    try:
        writer.pragma("wal_checkpoint(TRUNCATE)")
        writer.pragma("wal_autocheckpoint", 0)
        repo.save_report(writer, rich_report)
        left = tmp_path / "left"
        left.mkdir()
        for suffix in ("", "-wal", "-shm"):
            shutil.copyfile(f"{writing}{suffix}", left / f"备份.db{suffix}")
    finally:
        close_db(writer)
    source = left / "备份.db"
    as_left = source.read_bytes(), Path(f"{source}-wal").read_bytes()
    check_restorable(source)
    assert (source.read_bytes(), Path(f"{source}-wal").read_bytes()) == as_left
    restore_from(db_path, source)
    assert (source.read_bytes(), Path(f"{source}-wal").read_bytes()) == as_left
    assert reports(db_path) == [("某单位", 2024)]
