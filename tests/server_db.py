"""Databases for tests that run on both backends: SQLite files, and databases made for the
test on the PostgreSQL server named by KUAIJI_DESK_TEST_PG (a URL whose database the test
user may connect to, and which may create databases: .ci/postgres starts such a server).
Without it the PostgreSQL runs are skipped (and in CI, where skips fail the run, it is set)."""
from __future__ import annotations

import os
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest

SERVER_ENV = "KUAIJI_DESK_TEST_PG"
BACKENDS = ["sqlite", "postgresql"]

# A test about what only a SQLite file has, in a module whose tests run on both.
sqlite_only = pytest.mark.parametrize("backend", ["sqlite"])


@pytest.fixture(name="backend")
def sqlite_file_only() -> str:
    """Imported by a module about what only a SQLite file has (its WAL, the file lock, read-only
    files, backup and restore): its tests run on SQLite alone."""
    return "sqlite"


def schema_version(db) -> int:
    from kuaiji_desk.store.migrations import stored_version

    return stored_version(db)


def server_url() -> str:
    url = os.environ.get(SERVER_ENV)
    if not url:
        pytest.skip(f"没有测试用的 PostgreSQL 服务器（环境变量 {SERVER_ENV}，见 .ci/postgres）")
    return url


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


class DatabaseMaker:
    """``new()`` gives where a new, empty database is: ``first`` and then files beside it on
    SQLite, a new database on the server on PostgreSQL.  The server's are dropped on exit."""

    def __init__(self, backend: str, first):
        self.backend, self.first = backend, first
        self.made: list[str] = []
        self._admin = None
        if backend == "postgresql":
            import psycopg2

            self.url = server_url()
            self._admin = psycopg2.connect(self.url)
            self._admin.autocommit = True

    def new(self):
        if self._admin is None:
            n = len(self.made)
            path = self.first if n == 0 else self.first.with_name(f"{self.first.stem}{n}{self.first.suffix}")
            self.made.append(path)
            return path
        name = f"kuaiji_test_{uuid.uuid4().hex[:12]}"
        with self._admin.cursor() as cur:
            cur.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
        self.made.append(name)
        return with_database(self.url, name)

    def __enter__(self) -> DatabaseMaker:
        return self

    def __exit__(self, *exc) -> None:
        if self._admin is None:
            return
        with self._admin.cursor() as cur:
            for name in self.made:
                cur.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self._admin.close()


def raw_db(target):
    """The database at ``target`` opened as it is, without the program's checks and steps."""
    import peewee

    from kuaiji_desk.store.server import is_server

    if is_server(target):
        db = peewee.PostgresqlDatabase(target)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        db = peewee.SqliteDatabase(str(target))
    db.connect()
    return db


def tables(target) -> set[str]:
    db = raw_db(target)
    try:
        return set(db.get_tables())
    finally:
        db.close()
