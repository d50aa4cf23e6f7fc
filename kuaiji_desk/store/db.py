"""Opening the database — a SQLite file, or a PostgreSQL server's database named by a
``postgresql://`` URL (store/server.py) — and refusing files that are not ours.

A database this process cannot write — the file or its folder read-only, a
read-only disk, an immutable file — is opened read-only: no journal mode switched,
no migration, every write refused by :mod:`.repo` with the reason
(:func:`read_only_reason`).  Reading, checking and exporting work as usual.
"""
from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
import time
from contextlib import closing
from pathlib import Path

import peewee

from .errors import StoreError, cannot_open
from .files import sqlite_uri
from .migrations import check_version, known_version, migrate
from .server import display, is_server, open_server

_SQLITE_MAGIC = b"SQLite format 3\x00"

# busy_timeout comes first so that the others wait for a lock held elsewhere.  The journal
# mode is switched to WAL after these (see _use_wal).
_BUSY_MS = 5000
_PRAGMAS = (
    ("busy_timeout", _BUSY_MS),
    ("synchronous", "normal"),
    ("foreign_keys", 1),
)
# Read-only: nothing that writes (journal_mode would), and SQLite itself refuses any write.
_READ_ONLY_PRAGMAS = (
    ("busy_timeout", 5000),
    ("foreign_keys", 1),
    ("query_only", 1),
)

_DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)


def open_db(target: Path | str) -> peewee.Database:
    """Opens (creating if need be) and migrates the database at ``target``: a file's path, or
    a server's ``postgresql://`` URL.  A file is read-only when this process cannot write it
    or its folder; a server database when the server allows no writes."""
    if is_server(target):
        return open_server(target)
    path = Path(target)
    refuse_foreign(path)
    reason = _why_not_writable(path)
    if reason:
        return _open_read_only(path, reason)
    db = peewee.SqliteDatabase(str(path), pragmas=_PRAGMAS)
    db.read_only, db.location = "", str(path)
    try:
        db.connect()
        _use_wal(db)
        migrate(db)
    except peewee.DatabaseError as exc:
        db.close()
        if _write_refused(exc):   # what trying the files could not tell (a read-only -shm …)
            return _open_read_only(path, "数据库文件是只读的")
        raise StoreError(f"无法使用数据库文件「{path}」：{exc}") from exc
    except Exception:
        db.close()
        raise
    return db


def close_db(db: peewee.Database) -> None:
    db.close()


def location(target_or_db) -> str:
    """Where the database is, as the accountant may read it: the file's path, or the server's
    URL without its password."""
    if isinstance(target_or_db, peewee.Database):
        return target_or_db.location
    return display(target_or_db) if is_server(target_or_db) else str(target_or_db)


def on_server(db) -> bool:
    return isinstance(db, peewee.PostgresqlDatabase)


def read_only_reason(db) -> str:
    """Why the database was opened read-only, in the accountant's words; empty when it can be written."""
    return getattr(db, "read_only", "")


def writing(db):
    """The transaction of a change.  On SQLite it begins IMMEDIATE: the write lock is taken
    first (waiting up to busy_timeout for another writer), so whatever is read inside is the
    latest state and the first write needs no upgrade — a deferred transaction whose snapshot
    another process has overtaken fails at its first write with 「database is locked」, at once.

    On PostgreSQL it begins as usual, READ COMMITTED, and takes no lock up front: every
    change to a report begins with repo._claim's ``UPDATE report … WHERE revision = ?``, which
    locks the report's row.  A second writer's UPDATE of the same row waits until the first
    commits, then evaluates its WHERE again on the row as committed (PostgreSQL's rule for an
    UPDATE that waited on a concurrent one): the revision has moved on, no row matches, and it
    is refused with ReportChanged, having written nothing.  A report created by two at once
    meets the unique index on (unit, year): the second fails, IntegrityError."""
    if isinstance(db, peewee.SqliteDatabase):
        return db.atomic("IMMEDIATE")
    return db.atomic()


def reading(db):
    """The transaction of a read that must see one state of the database (a whole report).
    SQLite's deferred transaction reads one snapshot; PostgreSQL's READ COMMITTED would take a
    new one for each statement, and a save committed between two of them would mix two
    revisions: REPEATABLE READ reads all from the first."""
    if isinstance(db, peewee.PostgresqlDatabase):
        return db.atomic(isolation_level="REPEATABLE READ")
    return db.atomic()


def _use_wal(db: peewee.SqliteDatabase) -> None:
    """Write-ahead logging: readers never wait for the writer.  The switch needs the file to
    itself for a moment, and SQLite answers 「database is locked」 at once, without waiting
    as busy_timeout would, while another process opening the same new database switches
    too: tried again for as long."""
    deadline = time.monotonic() + _BUSY_MS / 1000
    while True:
        try:
            db.pragma("journal_mode", "wal")
            return
        except peewee.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def _why_not_writable(path: Path) -> str:
    """Why this process cannot write the database, empty when it can.

    Tried, not asked: os.access says yes to root on a read-only file and knows nothing of
    immutable files; and SQLite must create its -wal and -shm files beside the database,
    so the folder must take a new file too.  The folder is made when missing.
    """
    if path.exists():
        try:
            os.close(os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0)))
        except OSError as exc:
            if exc.errno in _DENIED:
                return "磁盘是只读的" if exc.errno == errno.EROFS else "数据库文件是只读的"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=path.parent)
        os.close(fd)
        os.remove(probe)
    except OSError as exc:
        if exc.errno in _DENIED:
            return "磁盘是只读的" if exc.errno == errno.EROFS else "数据库所在的文件夹不能写入"
        raise StoreError(f"无法使用数据库文件夹「{path.parent}」：{exc}") from exc
    return ""


def _open_read_only(path: Path, reason: str) -> peewee.SqliteDatabase:
    if not path.is_file() or path.stat().st_size == 0:
        raise StoreError(f"无法在「{path.parent}」新建数据库：{reason}。请选择可以写入的位置。")
    db = peewee.SqliteDatabase(_read_only_uri(path), uri=True, pragmas=_READ_ONLY_PRAGMAS)
    db.read_only, db.location = reason, str(path)
    try:
        db.connect()
        version = db.pragma("user_version")
    except peewee.DatabaseError as exc:
        db.close()
        raise StoreError(f"无法读取数据库文件「{path}」（{reason}）：{exc}") from exc
    if version != known_version():
        db.close()
        raise StoreError(f"数据库「{path}」由较早版本的程序建立，需要先升级才能打开，但它是只读的（{reason}）。"
                         "请把它复制到可以写入的位置后再打开。")
    return db


def _read_only_uri(path: Path) -> str:
    """SQLite's URI for reading ``path``: mode=ro; immutable as well where SQLite cannot make
    its -shm file (a read-only folder) and no -wal file holds changes not yet in the database."""
    uri = sqlite_uri(path, "mode=ro")
    try:
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return uri
    except sqlite3.OperationalError as exc:
        if not cannot_open(exc):
            raise
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(f"数据库「{path}」所在的文件夹是只读的，而它还有没有并入数据库的修改（「{wal.name}」）。"
                         f"请把「{path.name}」连同同名的 -wal、-shm 文件复制到可以写入的位置后再打开。")
    return uri + "&immutable=1"


def _write_refused(exc: peewee.DatabaseError) -> bool:
    cause = exc.__cause__ or exc.__context__
    name = getattr(cause, "sqlite_errorname", "") or getattr(exc, "sqlite_errorname", "")
    return name.startswith("SQLITE_READONLY") or "readonly database" in str(exc)


def refuse_foreign(path: Path) -> None:
    """Raises StoreError for a file this program must not write to.

    Checked before the database is opened with its pragmas, since switching the
    journal mode already writes to the file.
    """
    if path.is_dir():
        raise StoreError(f"「{path}」是文件夹，不是数据库文件。")
    if path.exists() and not path.is_file():   # /dev/null, a pipe: SQLite's own words are English
        raise StoreError(f"「{path}」不是普通文件（而是设备或管道），不能用作数据库文件。")
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as f:
        if f.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
            raise StoreError(f"「{path}」不是本程序的数据库文件（不是 SQLite 数据库），文件未被改动。")
    try:
        with closing(sqlite3.connect(_read_only_uri(path), uri=True)) as conn:
            # One statement, so one snapshot: another process setting up this new database
            # commits its tables and its version together.
            version, tables = conn.execute(
                "SELECT (SELECT user_version FROM pragma_user_version), "
                "(SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%')"
            ).fetchone()
    except sqlite3.OperationalError as exc:   # not there, held, a share gone: not damage
        raise StoreError(f"无法打开数据库文件「{path}」（{exc}）：文件可能正被占用，或所在的网络位置暂时无法访问。"
                         "文件未被改动。") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"数据库文件「{path}」已损坏，无法打开（{exc}），文件未被改动。") from exc
    check_version(version, str(path))
    if version == 0 and tables:
        raise StoreError(f"「{path}」是其他程序的 SQLite 数据库，不能用作本程序的数据库，文件未被改动。")
