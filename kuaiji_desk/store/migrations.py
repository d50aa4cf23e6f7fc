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

from ..core.forms.fields import RENAMED_NUMBERS
from .errors import StoreError
from .models import MODELS


def _create_tables(db: SqliteDatabase) -> None:
    with db.bind_ctx(MODELS):
        db.create_tables(MODELS, safe=False)


def _one_vehicle_count(db: SqliteDatabase) -> None:
    """公务用车保有量 was asked twice (九 and 十二); one field holds it now.  Where both were
    filled, 九's stays."""
    for old, new in RENAMED_NUMBERS.items():
        db.execute_sql(
            "UPDATE number_value SET key = ? WHERE key = ? AND NOT EXISTS "
            "(SELECT 1 FROM number_value AS kept WHERE kept.report_id = number_value.report_id AND kept.key = ?)",
            (new, old, new))
        db.execute_sql("DELETE FROM number_value WHERE key = ?", (old,))


MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [_create_tables, _one_vehicle_count]


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
