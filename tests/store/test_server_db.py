"""What only a server database has: its URL, the server's refusals said in Chinese without the
password, another program's database and a newer one left untouched, a server that allows
no writes.  (Everything else the store does is tested on both databases.)"""
from __future__ import annotations

import pytest
from cli_runner import run
from server_db import raw_db, server_url, tables, with_database

from kuaiji_desk.store import migrations
from kuaiji_desk.store.db import close_db, location, open_db, read_only_reason
from kuaiji_desk.store.errors import DatabaseReadOnly, StoreError
from kuaiji_desk.store.repo import create_report, list_reports, load_report, save_report
from kuaiji_desk.store.server import display


@pytest.fixture
def backend():
    return "postgresql"


def test_the_password_is_never_shown():
    assert display("postgresql://kuaiji:机密pw@db.example:5433/finance") == "postgresql://kuaiji@db.example:5433/finance"
    assert display("postgres://u@/k?host=/run/pg&password=pw") == "postgres://u@/k?host=/run/pg"
    assert location("postgresql://a:b@h/k") == "postgresql://a@h/k"


def test_a_server_database_keeps_reports_as_a_file_does(db, rich_report):
    assert read_only_reason(db) == ""
    assert "kuaiji_desk_version" in db.get_tables()
    save_report(db, rich_report)
    assert load_report(db, "某单位", 2024) == rich_report
    assert [i.unit for i in list_reports(db)] == ["某单位"]


def _refused(target, *words):
    before = tables(target)
    with pytest.raises(StoreError) as info:
        open_db(target)
    for word in words:
        assert word in str(info.value)
    assert tables(target) == before
    return str(info.value)


def test_another_programs_database_is_refused_untouched(db_target):
    other = raw_db(db_target)
    other.execute_sql("CREATE TABLE invoices (x INTEGER)")
    other.close()
    _refused(db_target, "其他程序", "数据库未被改动")


def test_a_newer_database_is_refused_untouched(db_target):
    close_db(open_db(db_target))
    db = raw_db(db_target)
    migrations.set_version(db, migrations.known_version() + 1)
    db.close()
    _refused(db_target, "较新版本", f"版本 {migrations.known_version() + 1}")


def test_a_server_that_allows_no_writes_opens_read_only(db_target):
    db = open_db(db_target)
    create_report(db, "某单位", 2024)
    close_db(db)
    name = db_target.split("?")[0].rsplit("/", 1)[1]
    admin = raw_db(server_url())
    admin.execute_sql(f"ALTER DATABASE {name} SET default_transaction_read_only = on")
    admin.close()
    db = open_db(db_target)
    try:
        assert read_only_reason(db) == "服务器只允许读取"
        report = load_report(db, "某单位", 2024)
        with pytest.raises(DatabaseReadOnly, match="请与数据库管理员联系"):
            save_report(db, report)
    finally:
        close_db(db)


def _said(url):
    code, out, err = run("--db", url, "reports")
    assert (code, out) == (2, "")
    assert err.startswith("错误：") and "Traceback" not in err
    assert "s3cret" not in err
    return err


def test_the_server_s_refusals_are_said_in_chinese_without_the_password(db_target):
    url = db_target.replace("://kuaiji@", "://kuaiji:s3cret@")
    assert "没有数据库「nosuch」" in _said(with_database(url, "nosuch"))
    assert "拒绝了用户「nobody」的登录" in _said(url.replace("://kuaiji:", "://nobody:"))
    assert "无法连接数据库服务器" in _said("postgresql://kuaiji:s3cret@/k?host=/nonexistent/socket")
    assert "没有写明数据库名" in _said("postgresql://kuaiji:s3cret@localhost/")


def test_backups_and_restores_are_the_administrator_s(db, db_target, tmp_path):
    from kuaiji_desk.store.backup import SERVER_BACKUP, backup_to, restore_from, rotate

    with pytest.raises(StoreError, match="数据库管理员"):
        backup_to(db, tmp_path / "copy.db")
    with pytest.raises(StoreError) as info:
        restore_from(db_target, tmp_path / "copy.db")
    assert str(info.value) == SERVER_BACKUP
    assert rotate(db_target) is None
    assert list(tmp_path.iterdir()) == []
