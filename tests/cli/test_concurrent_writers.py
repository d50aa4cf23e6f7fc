"""Commands that write, the window, and each other: nothing one of them saved is lost.

The window holds the lock beside the database while it is open: a command that writes is
refused (exit 2) and changes nothing; commands that read work.  Two commands that write
take turns.  A save based on a report that another program has saved since is refused
(exit 2, 「报告已被另一个程序修改」), never written over it: on a server database, which has no
lock and where commands write at once, that is what keeps one from undoing another."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from cli_runner import load, run
from read_only import read_only  # noqa: F401 (a fixture)
from server_db import BACKENDS, DatabaseMaker

from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.store.lock import COMMAND, WINDOW, DatabaseLock

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TABLES = FIXTURES / "hanyang-2024-public-tables.xlsx"
UNIT = "测试单位"
IN_WINDOW = "数据库正由部门决算公开程序使用，请先关闭程序"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "k.db"
    assert run("--db", path, "new", UNIT, 2024)[0] == 0
    return path


@pytest.fixture(params=BACKENDS)
def any_db(request, tmp_path):
    """The database of a test that runs on a SQLite file and on a server database."""
    with DatabaseMaker(request.param, tmp_path / "k.db") as maker:
        target = maker.new()
        assert run("--db", target, "new", UNIT, 2024)[0] == 0
        yield target


def finding_keys(db, count):
    code, out, _ = run("--db", db, "check", UNIT, 2024, "--json")
    keys = [f["key"] for f in json.loads(out)["findings"]]
    assert len(keys) >= count
    return keys[:count]


def dump(path) -> str:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as conn:
        return "\n".join(conn.iterdump())


def test_while_the_window_is_open_commands_that_write_are_refused_and_readers_work(db, tmp_path):
    key, = finding_keys(db, 1)
    before = dump(db)
    with DatabaseLock(db, WINDOW) as window:
        assert window.acquire()
        for argv in (("explain", UNIT, 2024, key, "命令行写的说明"), ("new", "另一单位", 2024),
                     ("import", UNIT, 2024, TABLES), ("new", UNIT, 2025, "--from-report")):
            code, out, err = run("--db", db, *argv)
            assert (code, out) == (2, ""), argv
            assert IN_WINDOW in err, argv
        assert dump(db) == before
        assert run("--db", db, "reports")[0] == 0
        assert run("--db", db, "check", UNIT, 2024)[0] == 1
        code, out, _ = run("--db", db, "export-excel", UNIT, 2024, tmp_path / "公开.xlsx")
        assert code == 0 and (tmp_path / "公开.xlsx").is_file()
        assert run("--db", db, "export-audit", UNIT, 2024, tmp_path / "审核.pdf")[0] == 0
    assert run("--db", db, "explain", UNIT, 2024, key, "命令行写的说明")[0] == 0   # closed: it works
    assert load(db, UNIT, 2024).explanations == {key: "命令行写的说明"}


def test_the_window_reached_through_a_symlink_keeps_commands_out_too(db, tmp_path):
    link = tmp_path / "link.db"
    link.symlink_to(db)
    key, = finding_keys(db, 1)
    with DatabaseLock(db, WINDOW) as window:
        assert window.acquire()
        code, _, err = run("--db", link, "explain", UNIT, 2024, key, "经由链接")
    assert code == 2 and IN_WINDOW in err
    assert load(db, UNIT, 2024).explanations == {}


def test_a_command_waits_while_another_command_writes(db):
    key, = finding_keys(db, 1)
    other = DatabaseLock(db, COMMAND)
    assert other.acquire()
    import threading

    threading.Timer(0.3, other.release).start()
    assert run("--db", db, "explain", UNIT, 2024, key, "等了一会儿")[0] == 0
    assert load(db, UNIT, 2024).explanations == {key: "等了一会儿"}


def test_a_save_based_on_a_report_saved_meanwhile_is_refused(any_db, monkeypatch):
    """Another program (one that keeps no lock: an older copy, a share whose locks do not
    work, another accountant on the server) saves between the command's read and its save."""
    db = any_db
    first, second = finding_keys(db, 2)
    reading = repo.load_report

    def read_then_someone_saves(database, unit, year):
        report = reading(database, unit, year)
        other = open_db(db)
        try:
            theirs = reading(other, unit, year)
            theirs.explanations[first] = "另一个程序的说明"
            repo.save_report(other, theirs)
        finally:
            close_db(other)
        return report

    monkeypatch.setattr(repo, "load_report", read_then_someone_saves)
    code, out, err = run("--db", db, "explain", UNIT, 2024, second, "命令行的说明")
    monkeypatch.undo()
    assert (code, out) == (2, "")
    assert "报告已被另一个程序修改" in err
    assert load(db, UNIT, 2024).explanations == {first: "另一个程序的说明"}


WRITER = textwrap.dedent("""
    # One command-line writer: explains its finding twenty times while another explains its own,
    # each round started by both at the same moment.  Before each round it looks whether its
    # last explanation is still there: the other saving a copy read before it would have
    # removed it.
    import io, sys, time
    from kuaiji_desk import cli
    from kuaiji_desk.core import rules
    from kuaiji_desk.store import repo
    checking = rules.check
    # As long as checking a report of a real size takes, between the command's read and its save.
    rules.check = lambda report: (time.sleep(0.08), checking(report))[1]
    from kuaiji_desk.store.db import close_db, open_db
    db_path, unit, key, at = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    lost, last, refused = [], None, 0
    for round_ in range(20):
        if round_:
            db = open_db(db_path)
            try:
                found = repo.load_report(db, unit, 2024).explanations.get(key)
            finally:
                close_db(db)
            if found != last:
                lost.append(f"{last} → {found}")
        while time.time() < at + round_ * 0.25:
            time.sleep(0.0005)
        err = io.StringIO()
        code = cli.main(["--db", db_path, "explain", unit, "2024", key, f"第{round_}轮"], out=io.StringIO(), err=err)
        if code == 0:
            last = f"第{round_}轮"
        elif code == 2 and "报告已被另一个程序修改" in err.getvalue():
            refused += 1   # the other saved between this one's read and its save: nothing written
        else:
            sys.exit(f"第{round_}轮 exit {code}: {err.getvalue()}")
    if lost:
        sys.exit(f"丢失 {len(lost)} 次：" + "；".join(lost))
    print(last, refused)
""")


def test_two_command_line_writers_at_once_lose_nothing(any_db):
    """Two processes explain a finding each, twenty times, both at the same moments: every
    explanation saved (exit 0) stays until its writer replaces it.  (Before, the report one
    had read was saved over what the other saved meanwhile.)  On a SQLite file they take turns
    (the lock) and none is refused; on a server they write at once, and a save based on what
    the other has saved since is refused, 「报告已被另一个程序修改」, having written nothing."""
    db = any_db
    keys = finding_keys(db, 2)
    at = time.time() + 1.0   # both started and waiting by then
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), UNIT, key, str(at)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
             for key in keys]
    results = [(p.returncode, out.decode().split(), err.decode("utf-8"))
               for p in procs for out, err in [p.communicate(timeout=120)]]
    assert [(code, err) for code, _, err in results] == [(0, ""), (0, "")]
    assert load(db, UNIT, 2024).explanations == {key: last for key, (_, (last, _), _) in zip(keys, results)}
    if isinstance(db, Path):
        assert [last for _, (last, _), _ in results] == ["第19轮", "第19轮"]
        assert [refused for _, (_, refused), _ in results] == ["0", "0"]


def test_a_read_only_database_is_read_and_exported_and_not_written(db, tmp_path, read_only, capsys):
    key, = finding_keys(db, 1)
    read_only(db)
    before = db.read_bytes()
    assert run("--db", db, "reports")[0] == 0
    assert "只读" in capsys.readouterr().err
    code, out, _ = run("--db", db, "check", UNIT, 2024, "--json")
    assert code == 1 and json.loads(out)["unit"] == UNIT
    assert run("--db", db, "export-pdf", UNIT, 2024, tmp_path / "公开.pdf")[0] == 0
    code, out, err = run("--db", db, "explain", UNIT, 2024, key, "写不进去")
    assert (code, out) == (2, "") and "只读" in err
    assert db.read_bytes() == before
