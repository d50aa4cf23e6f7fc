"""Copies of the database: on request, once a day, and back again.

Copies go through SQLite's online backup API, which includes what is still in
the -wal file; copying the .db file alone would miss the latest edits.

They are a SQLite file's: a server database (store/server.py) is backed up by whoever runs
the server, with the server's own tools, and is refused here with SERVER_BACKUP.
"""
from __future__ import annotations

import errno
import shutil
import sqlite3
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import peewee

from ..core.files import replace, write_atomically
from .db import on_server, refuse_foreign
from .server import is_server
from .errors import StoreError, describe
from .files import sqlite_uri
from .models import COMPOSITION_MODELS, MODELS

# The tables every version of the program has made (later ones come with their migration step).
FIRST_TABLES = {m._meta.table_name for m in MODELS if m not in COMPOSITION_MODELS}

BACKUP_DIR = "backups"
DAILY_PREFIX = "kuaiji-"
KEEP = 30
SERVER_BACKUP = "服务器数据库由数据库管理员用服务器的工具备份和恢复，本程序不备份、也不恢复服务器上的数据。"


def backups_dir(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_DIR


def backup_to(db: peewee.SqliteDatabase, target_path: Path) -> Path:
    """A consistent copy of the open database at ``target_path``, checked before it is put in place."""
    if on_server(db):
        raise StoreError(SERVER_BACKUP)
    target_path = Path(target_path)
    try:
        return write_atomically(target_path, lambda partial: _copy(db.connection(), partial))
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"无法写入备份文件「{target_path}」：{describe(exc)}。") from exc


def check_restorable(source_path: Path) -> None:
    """Raises StoreError (naming the file) unless it is an undamaged database of this program."""
    source = Path(source_path)
    try:
        _check_restorable(source)
    except OSError as exc:
        reason = ("没有读取权限，或文件正被其他程序占用" if exc.errno in (errno.EACCES, errno.EPERM)
                  else describe(exc))
        raise StoreError(f"无法读取「{source}」：{reason}。") from exc


def _check_restorable(source: Path) -> None:
    if not source.is_file():
        raise StoreError(f"「{source}」不存在或不是文件。")
    if source.stat().st_size == 0:
        raise StoreError(f"「{source}」是空文件，不是本程序的数据库备份。")
    refuse_foreign(source)   # not SQLite, damaged header, foreign tables, newer version
    try:
        with closing(sqlite3.connect(sqlite_uri(source, "mode=ro"), uri=True)) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            problems = _integrity_problems(conn)
    except sqlite3.OperationalError as exc:   # not there, held, a share gone: not damage
        raise StoreError(f"无法读取「{source}」（{exc}）：文件可能正被占用，或所在的网络位置暂时无法访问。") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"「{source}」已损坏，不能用于恢复（{exc}）。") from exc
    # An empty SQLite file passes refuse_foreign (open_db would set it up); a
    # restore needs our tables in it.
    if version == 0 or not FIRST_TABLES <= tables:
        raise StoreError(f"「{source}」不是本程序的数据库备份。")
    if problems:
        raise StoreError(f"「{source}」已损坏，不能用于恢复（{problems[0]}）。")


def restore_from(db_path: Path, source_path: Path) -> Path | None:
    """Replaces the database at ``db_path`` by ``source_path``; returns the safety copy of what it replaced.

    The caller closes its connection first.  A refused source, or a failure on the way (a
    full disk, a database another program holds), leaves everything as it was: the
    database, the source, and no safety copy.
    """
    if is_server(db_path):
        raise StoreError(SERVER_BACKUP)
    db_path, source = Path(db_path), Path(source_path)
    check_restorable(source)
    # Staged beside the database so that the final move is a rename on one disk, and
    # checked again there: the copy is what goes into place.
    staged = db_path.with_name(f".{db_path.name}.restore")
    safety = None
    try:
        _remove(staged, *_sidecars(staged))   # what a restore that was killed left
        # Through SQLite, read-only: what the source's -wal file holds is in the copy too.
        with closing(sqlite3.connect(sqlite_uri(source, "mode=ro"), uri=True)) as src:
            _backup_into(src, staged)
        with closing(sqlite3.connect(staged)) as conn:
            problems = _integrity_problems(conn)
        if problems:
            raise StoreError(f"「{source}」复制后校验失败（{problems[0]}），数据未被替换。")
        safety = _safety_copy(db_path)
        # A -wal left beside the old file would be replayed into the new one.
        for stale in _sidecars(db_path):
            stale.unlink(missing_ok=True)
        replace(staged, db_path)
        return safety
    except BaseException as exc:
        if safety is not None:   # the database it was made of is still in place
            _remove(safety, quietly=True)
        if isinstance(exc, (OSError, sqlite3.Error)):
            raise StoreError(f"无法用「{source}」恢复数据：{describe(exc)}。") from exc
        raise
    finally:
        _remove(staged, *_sidecars(staged), quietly=True)


def rotate(db_path: Path, keep: int = KEEP, today: date | None = None) -> Path | None:
    """Today's automatic backup in ``backups/kuaiji-YYYYmmdd.db`` unless it exists; keeps the newest ``keep``.

    Returns the backup written, or None (a server database among them).  Raises StoreError,
    in Chinese, for whatever keeps it from writing: never a bare OSError.
    """
    if is_server(db_path):
        return None
    db_path = Path(db_path)
    if not db_path.is_file():
        return None
    folder = backups_dir(db_path)
    target = folder / f"{DAILY_PREFIX}{(today or date.today()):%Y%m%d}.db"
    written = None
    try:
        if not target.exists():
            folder.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(db_path)) as conn:
                written = write_atomically(target, lambda partial: _copy(conn, partial))
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"无法写入自动备份「{target}」：{describe(exc)}。") from exc
    # Names sort by date; only the daily copies are rotated, never the safety copies.
    daily = sorted(p for p in folder.glob(f"{DAILY_PREFIX}*.db") if p.stem[len(DAILY_PREFIX):].isdigit())
    for old in daily[:-keep] if keep > 0 else daily:
        try:
            old.unlink(missing_ok=True)
        except OSError:
            continue   # held by a sync tool or a virus scanner: gone at a later start
    return written


def _copy(source: sqlite3.Connection, target: Path) -> None:
    _backup_into(source, target)
    with closing(sqlite3.connect(target)) as dst:
        problems = _integrity_problems(dst)
    if problems:
        raise StoreError(f"备份副本校验失败（{problems[0]}）。")


def _backup_into(source: sqlite3.Connection, target: Path) -> None:
    """SQLite's online backup of ``source`` into the file ``target``: every page, those still
    in a -wal file too."""
    with closing(sqlite3.connect(target)) as dst:
        source.backup(dst)
        # One self-contained file, to be carried on a USB stick; open_db turns WAL back on.
        dst.execute("PRAGMA journal_mode=delete")


def _safety_copy(db_path: Path) -> Path | None:
    """What a restore is about to replace, kept in the backups folder under a name of its own."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    folder = backups_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = _unused(folder, f"恢复前-{datetime.now():%Y%m%d-%H%M%S}", ".db")
    try:
        with closing(sqlite3.connect(db_path)) as conn:
            write_atomically(target, lambda partial: _backup_into(conn, partial))
    except sqlite3.OperationalError:
        raise   # a full disk, an I/O error: no copy, no restore
    except sqlite3.DatabaseError:
        # A damaged database is what one restores over: keep its bytes as they are.
        write_atomically(target, lambda partial: shutil.copyfile(db_path, partial))
    return target


def _unused(folder: Path, stem: str, suffix: str) -> Path:
    """``stem`` + ``suffix`` in ``folder``, numbered when that name is taken: a copy is never overwritten."""
    target, n = folder / f"{stem}{suffix}", 1
    while target.exists():
        n += 1
        target = folder / f"{stem}-{n}{suffix}"
    return target


def _remove(*paths: Path, quietly: bool = False) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            if not quietly:
                raise


def _integrity_problems(conn: sqlite3.Connection) -> list[str]:
    rows = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
    if rows == ["ok"]:
        return []
    # Rows may start with a "*** in database main ***" line; the user needs what follows it.
    return [line for row in rows for line in row.splitlines() if not line.startswith("***")] or rows


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


