"""Opening the database file, and refusing files that are not ours."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import peewee

from .errors import StoreError
from .migrations import check_version, migrate

_SQLITE_MAGIC = b"SQLite format 3\x00"

# busy_timeout comes first so that the others wait for a lock held elsewhere.
_PRAGMAS = (
    ("busy_timeout", 5000),
    ("journal_mode", "wal"),
    ("synchronous", "normal"),
    ("foreign_keys", 1),
)


def open_db(path: Path) -> peewee.SqliteDatabase:
    """Opens (creating if need be) and migrates the database at ``path``."""
    path = Path(path)
    _refuse_foreign(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = peewee.SqliteDatabase(str(path), pragmas=_PRAGMAS)
    try:
        db.connect()
        migrate(db)
    except peewee.DatabaseError as exc:
        db.close()
        raise StoreError(f"无法使用数据库文件「{path}」：{exc}") from exc
    except Exception:
        db.close()
        raise
    return db


def close_db(db: peewee.SqliteDatabase) -> None:
    db.close()


def _refuse_foreign(path: Path) -> None:
    """Raises StoreError for a file this program must not write to.

    Checked before the database is opened with its pragmas, since switching the
    journal mode already writes to the file.
    """
    if path.is_dir():
        raise StoreError(f"「{path}」是文件夹，不是数据库文件。")
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as f:
        if f.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
            raise StoreError(f"「{path}」不是本程序的数据库文件（不是 SQLite 数据库），文件未被改动。")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
            ).fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"数据库文件「{path}」已损坏，无法打开（{exc}），文件未被改动。") from exc
    check_version(version, str(path))
    if version == 0 and tables:
        raise StoreError(f"「{path}」是其他程序的 SQLite 数据库，不能用作本程序的数据库，文件未被改动。")
