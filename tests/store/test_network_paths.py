"""A database on a Windows network share: a URI SQLite accepts, a trouble opening it never
called damage, and the accountant warned that a shared file is no shared database."""
from __future__ import annotations

import sqlite3

import pytest
from server_db import sqlite_file_only  # noqa: F401  (files only)

from kuaiji_desk.store import db as store_db
from kuaiji_desk.store.db import close_db, open_db, refuse_foreign
from kuaiji_desk.store.errors import StoreError
from kuaiji_desk.store.files import is_network_path, sqlite_uri


def test_a_unc_path_gets_the_four_slashes_sqlite_wants():
    assert sqlite_uri(r"\\server\share\部门\kuaiji.db", "mode=ro") == \
        "file:////server/share/%E9%83%A8%E9%97%A8/kuaiji.db?mode=ro"


def test_sqlite_opens_a_file_uri_with_an_empty_authority(tmp_path):
    path = tmp_path / "k.db"
    close_db(open_db(path))
    uri = "file://" + str(path) + "?mode=ro"        # what the UNC form becomes on this platform
    with sqlite3.connect(uri, uri=True) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    assert sqlite_uri(path, "mode=ro") == path.resolve().as_uri() + "?mode=ro"


def test_a_file_that_cannot_be_opened_is_not_called_damaged(tmp_path, monkeypatch):
    path = tmp_path / "k.db"
    close_db(open_db(path))

    def unreachable(*args, **kwargs):
        raise sqlite3.OperationalError("unable to open database file")
    monkeypatch.setattr(store_db.sqlite3, "connect", unreachable)
    with pytest.raises(StoreError) as refused:
        refuse_foreign(path)
    assert "已损坏" not in str(refused.value) and "网络位置暂时无法访问" in str(refused.value)


def test_network_paths_are_known():
    assert is_network_path(r"\\server\share\kuaiji.db") and is_network_path("//server/share/kuaiji.db")
    assert not is_network_path("/home/会计/kuaiji.db")
