"""The schema's history, numbered by ``PRAGMA user_version``.

``MIGRATIONS[i]`` brings a database from version ``i`` to ``i + 1``; a new
database walks the whole list.  Step 1 creates the tables from the models as
they are declared: when a later step changes a table, step 1 must go on creating
the old shape (for instance with literal SQL) so that every database takes the
same path.
"""
from __future__ import annotations

from collections.abc import Callable

from peewee import SqliteDatabase

from .errors import StoreError
from .models import MODELS


def _create_tables(db: SqliteDatabase) -> None:
    with db.bind_ctx(MODELS):
        db.create_tables(MODELS, safe=False)


MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [_create_tables]


def known_version() -> int:
    return len(MIGRATIONS)


def check_version(version: int, path: str) -> None:
    if version > known_version():
        raise StoreError(f"数据库「{path}」由较新版本的程序创建（版本 {version}），请升级程序。")


def migrate(db: SqliteDatabase) -> None:
    version = db.pragma("user_version")
    check_version(version, db.database)
    for step in range(version, known_version()):
        # One transaction per step: a failed step leaves the database at the
        # version before it, ready for the next attempt.
        with db.atomic():
            MIGRATIONS[step](db)
            db.pragma("user_version", step + 1)
