"""The schema's history, numbered by ``PRAGMA user_version`` in a SQLite file and by the
one row of the table ``kuaiji_desk_version`` on a PostgreSQL server.

``MIGRATIONS[i]`` brings a database from version ``i`` to ``i + 1``; a new
database walks the whole list.  Step 1 creates the tables from the models as
they are declared: when a later step changes a table, step 1 must go on creating
the old shape (for instance with literal SQL) so that every database takes the
same path.  Every step runs on both: SQL written with ``?`` goes through :func:`_sql`.
"""
from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager

from peewee import Database, PostgresqlDatabase, SqliteDatabase

from ..core.excel.year_end_04 import OLD_ROWS, fold_old_rows
from ..core.excel.year_end_04 import TABLE as TABLE_04
from ..core.forms.fields import RENAMED_NUMBERS
from ..core.forms.tables_2024 import YEAR_END_04
from ..core.layouts import DEFAULT as DEFAULT_LAYOUT
from .errors import StoreError
from .models import COMPOSITION_MODELS, MODELS, ReportRow, Unit


class _ReportV1(ReportRow):
    """The report table as step 1 made it: without the revision that step 4 adds, nor the
    layout that step 5 adds."""

    class Meta:
        table_name = "report"


_ReportV1._meta.remove_field("revision")
_ReportV1._meta.remove_field("layout")


VERSION_TABLE = "kuaiji_desk_version"
# pg_advisory_xact_lock's key: the programs that set up one server database take their
# steps one after another (the lock belongs to the database, and ends with the transaction).
_SCHEMA_LOCK = 0x6B75616A69   # "kuaji"


def _sql(db: Database, text: str, params=()):
    """``text`` written with SQLite's ``?`` placeholders, run on either database."""
    return db.execute_sql(text.replace("?", db.param), params)


def _create_tables(db: Database) -> None:
    # One table at a time, each after those it refers to.
    models = [Unit, _ReportV1, *(m for m in MODELS if m not in (Unit, ReportRow, *COMPOSITION_MODELS))]
    with db.bind_ctx(models):
        for model in models:
            model.create_table(safe=False)


def _one_vehicle_count(db: Database) -> None:
    """公务用车保有量 was asked twice (九 and 十二); one field holds it now.  Where both were
    filled, 九's stays."""
    for old, new in RENAMED_NUMBERS.items():
        _sql(db,
             "UPDATE number_value SET key = ? WHERE key = ? AND NOT EXISTS "
             "(SELECT 1 FROM number_value AS kept WHERE kept.report_id = number_value.report_id AND kept.key = ?)",
             (new, old, new))
        _sql(db, "DELETE FROM number_value WHERE key = ?", (old,))


def _year_end_by_fund(db: Database) -> None:
    """公开04表's 年末财政拨款结转和结余 was declared by fund in rows 61–63; the template
    prints it in row 60, by fund in columns 3–5, and rows 61–63 are spacers.  Each
    report's figures of rows 61–63 move into row 60's column for their fund (as the
    importer reads an older layout: :func:`fold_old_rows`)."""
    old = tuple(OLD_ROWS)
    marks = ",".join("?" * (len(old) + 1))
    found = _sql(
        db, f'SELECT report_id, "row", col, fen, rounded FROM cell WHERE "table" = ? AND "row" IN ({marks}) '
        "ORDER BY report_id, id", (TABLE_04, YEAR_END_04, *old)).fetchall()
    reports: dict[int, list[tuple]] = {}
    for report_id, *cell in found:
        reports.setdefault(report_id, []).append(cell)
    for report_id, cells in reports.items():
        if not any(row in OLD_ROWS for row, *_ in cells):
            continue
        values = {(row, col): fen for row, col, fen, _ in cells if fen is not None}
        rounded = {(row, col) for row, col, _, flag in cells if flag}
        fold_old_rows(values, rounded)
        kept = [k for k in dict.fromkeys([*values, *rounded]) if k[0] not in OLD_ROWS]
        _sql(db, f'DELETE FROM cell WHERE report_id = ? AND "table" = ? AND "row" IN ({marks})',
             (report_id, TABLE_04, YEAR_END_04, *old))
        for row, col in kept:
            _sql(db, 'INSERT INTO cell (report_id, "table", "row", col, fen, rounded) VALUES (?, ?, ?, ?, ?, ?)',
                 (report_id, TABLE_04, row, col, values.get((row, col)), (row, col) in rounded))


def _report_revisions(db: Database) -> None:
    """Each report counts its saves: a save based on an older count is refused
    (:func:`kuaiji_desk.store.repo.save_report`), so that no writer undoes another's."""
    db.execute_sql("ALTER TABLE report ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")


def _report_layouts(db: Database) -> None:
    """Each report remembers the publication layout it is printed in (core.layouts); every
    report made before printed as 湖北's 2024 template, and keeps doing so."""
    db.execute_sql(f"ALTER TABLE report ADD COLUMN layout TEXT NOT NULL DEFAULT '{DEFAULT_LAYOUT}'")


def _compositions(db: Database) -> None:
    """A 部门 report names the units it adds up, and the transfers between them it takes out."""
    with db.bind_ctx(COMPOSITION_MODELS):
        for model in COMPOSITION_MODELS:
            model.create_table(safe=False)


MIGRATIONS: list[Callable[[Database], None]] = [
    _create_tables, _one_vehicle_count, _year_end_by_fund, _report_revisions, _report_layouts, _compositions,
]


def known_version() -> int:
    return len(MIGRATIONS)


def check_version(version: int, where: str) -> None:
    if version > known_version():
        raise StoreError(f"数据库「{where}」由较新版本的程序创建（版本 {version}），请升级程序。")


def stored_version(db: Database) -> int:
    if isinstance(db, SqliteDatabase):
        return db.pragma("user_version")
    # Not to_regclass: it looks the name up in the session's catalog cache, which may still say
    # 「no such table」 after another program's step committed it while this one waited for
    # the lock.  pg_tables is read as of now.
    if VERSION_TABLE not in db.get_tables():
        return 0
    return _sql(db, f"SELECT version FROM {VERSION_TABLE}").fetchone()[0]


def set_version(db: Database, version: int) -> None:
    if isinstance(db, SqliteDatabase):
        db.pragma("user_version", version)
        return
    db.execute_sql(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version INTEGER NOT NULL)")
    db.execute_sql(f"DELETE FROM {VERSION_TABLE}")
    _sql(db, f"INSERT INTO {VERSION_TABLE} (version) VALUES (?)", (version,))


@contextmanager
def _step(db: Database):
    """The transaction of one step, holding what keeps other programs' steps out: SQLite's
    write lock (an IMMEDIATE transaction), the server's advisory lock."""
    from .db import writing   # db.py opens the database with this module

    with writing(db):
        if isinstance(db, PostgresqlDatabase):
            _sql(db, "SELECT pg_advisory_xact_lock(?)", (_SCHEMA_LOCK,))
        yield


def _refuse_foreign_tables(db: Database, where: str) -> None:
    """A server database without our version that has tables is another program's: refused
    untouched.  (A SQLite file is looked at before it is opened: db.refuse_foreign.)"""
    if isinstance(db, PostgresqlDatabase) and db.get_tables():
        raise StoreError(f"服务器数据库「{where}」中已有其他程序的表，不能用作本程序的数据库，数据库未被改动。")


def migrate(db: Database) -> None:
    where = getattr(db, "location", db.database)
    first = stored_version(db)
    check_version(first, where)
    for step in range(first, known_version()):
        # One transaction per step: a failed step leaves the database at the
        # version before it, ready for the next attempt.  The version is read again
        # once the transaction holds the lock: another process opening the same
        # (new) database may have taken the step while this one waited.
        with _step(db):
            version = stored_version(db)
            if version > step:
                continue
            if version == 0:
                _refuse_foreign_tables(db, where)
            MIGRATIONS[step](db)
            set_version(db, step + 1)
