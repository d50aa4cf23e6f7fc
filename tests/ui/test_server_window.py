"""The window on a server database: it says which server (never the password), needs no lock
file, edits reach the server, and backups are the administrator's — said, not faked."""
from __future__ import annotations

import pytest
from server_db import DatabaseMaker

from as_user import ok
from kuaiji_desk import paths
from kuaiji_desk.core import edits
from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.ui import main


@pytest.fixture
def server_db(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "user")   # the window's settings
    with DatabaseMaker("postgresql", None) as maker:
        url = maker.new()
        db = open_db(url)
        repo.create_report(db, "测试单位", 2024)
        close_db(db)
        yield url.replace("://kuaiji@", "://kuaiji:s3cret@")


def test_the_window_on_a_server_says_which_and_keeps_the_administrator_s_backups(
        open_window, user, dialogs, server_db, tmp_path):
    window = open_window(db=server_db)
    me = user(window)
    shown = server_db.replace(":s3cret", "")
    assert shown in window.windowTitle() and "s3cret" not in window.windowTitle()
    assert window.server_label.isVisible() and window.server_label.text() == f"服务器数据库：{shown}"
    assert not list(tmp_path.glob("**/*.lock")) and not list(tmp_path.glob("**/backups"))
    for item in ("备份数据", "恢复数据"):
        dialogs.answer(ok, expect="数据库管理员")
        me.choose("文件", item)
    window.open_report("测试单位", 2024)
    assert window.session.apply(edits.set_cell("01", "1", "1", 123_00))
    db = open_db(server_db)
    try:
        assert repo.load_report(db, "测试单位", 2024).cells[("01", "1", "1")] == 123_00
    finally:
        close_db(db)
    assert list((tmp_path / "user" / "servers").glob("*.ini")) == []   # written when the window closes
    window.close()
    assert len(list((tmp_path / "user" / "servers").glob("*.ini"))) == 1


def test_main_opens_a_server_database_without_a_lock(server_db, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr(main, "_window", lambda app, target: opened.append(target) or 0)
    assert main.run(server_db) == 0
    assert opened == [server_db] and not list(tmp_path.glob("**/*.lock"))
