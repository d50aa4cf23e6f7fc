"""The command line where the disk, the pipe or the --db path is not what it should be: a Chinese
line on stderr naming the file the user gave, exit status 2, no traceback — and a reader that
stops reading (`| head -1`) is not an error at all."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import run
from full_disk import fill_up, hidden, refuse_writes
from kuaiji_desk.core import edits, files
from kuaiji_desk.core.sample import load_sample
from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db

TESTS = Path(__file__).resolve().parents[1]
UNIT, YEAR = "武汉市汉阳区城市运行管理中心", 2024


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    """The sample as it is (no errors), and with a wrong figure in 02 (two errors)."""
    folder = tmp_path_factory.mktemp("dbs")
    made = {}
    for name, wrong in (("good", False), ("wrong", True)):
        report = load_sample()
        if wrong:
            edits.set_cell("02", "2010350", "2", 261_350_000).apply(report)
        made[name] = folder / f"{name}.db"
        db = open_db(made[name])
        repo.save_report(db, report)
        close_db(db)
    return made


@pytest.fixture
def db(databases, tmp_path):
    copy = tmp_path / "k.db"
    shutil.copy(databases["good"], copy)
    return copy


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


EXPORTS = [("export-excel", "决算.xlsx"), ("export-pdf", "决算.pdf"),
           ("export-audit", "审核.xlsx"), ("export-audit", "审核.pdf")]


@pytest.mark.parametrize("command, name", EXPORTS)
def test_an_export_on_a_full_disk_names_the_file_in_chinese(command, name, db, tmp_path, monkeypatch):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / name
    target.write_bytes(b"the file of yesterday")
    fill_up(monkeypatch, hidden)
    code, out, err = run("--db", db, command, UNIT, YEAR, target)
    assert (code, out) == (2, "")
    assert err == f"错误：无法写入「{target}」：磁盘空间不足。\n"
    assert target.read_bytes() == b"the file of yesterday"
    assert leftovers(out_dir) == []


@pytest.mark.parametrize("command, name", EXPORTS)
def test_an_export_where_writing_is_refused_names_the_file_not_its_partial_copy(command, name, db, tmp_path,
                                                                                monkeypatch):
    target = tmp_path / name
    refuse_writes(monkeypatch, hidden)
    code, out, err = run("--db", db, command, UNIT, YEAR, target)
    assert (code, out) == (2, "")
    assert err == f"错误：无法写入「{target}」：没有写入权限，或文件正被其他程序（如 Excel、WPS）打开。\n"
    assert not target.exists() and leftovers(tmp_path) == []


def test_an_export_onto_a_file_held_for_a_moment_goes_through(db, tmp_path, monkeypatch):
    target = tmp_path / "决算.pdf"
    replace, refused = os.replace, []

    def held_twice(source, destination):   # an antivirus scanner looking at the new file
        if Path(destination) == target and len(refused) < 2:
            refused.append(destination)
            raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问。", str(destination))
        replace(source, destination)

    monkeypatch.setattr(files.os, "replace", held_twice)
    code, out, err = run("--db", db, "export-pdf", UNIT, YEAR, target)
    assert (code, err) == (0, "") and len(refused) == 2
    assert target.read_bytes().startswith(b"%PDF")


FULL_DISK = """
import sys
import pytest
sys.path.insert(0, sys.argv[1])
from full_disk import fill_up, hidden
fill_up(pytest.MonkeyPatch(), hidden)
from kuaiji_desk.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_an_excel_export_on_a_full_disk_prints_one_line_and_no_traceback(db, tmp_path):
    target = tmp_path / "决算.xlsx"
    proc = subprocess.run([sys.executable, "-c", FULL_DISK, str(TESTS), "--db", str(db), "export-excel",
                           UNIT, str(YEAR), str(target)], capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == f"错误：无法写入「{target}」：磁盘空间不足。\n"


# -- a reader that has gone ------------------------------------------------------------

def into_a_closed_pipe(*argv, buffered: bool) -> subprocess.CompletedProcess:
    """`kuaiji-desk ARGV` writing to a pipe whose reader has gone, as `| head -1` leaves it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run([sys.executable, "-m", "kuaiji_desk", *map(str, argv)], stdout=write,
                              stderr=subprocess.PIPE, text=True, encoding="utf-8", timeout=120, env=env)
    finally:
        os.close(write)


@pytest.mark.parametrize("argv, buffered, status", [
    (["reports"], True, 0),                     # a line: the pipe breaks when Python flushes at exit
    (["reports"], False, 0),                    # it breaks while printing
    (["check", UNIT, YEAR], True, 1),           # the status check computed, errors in the report
    (["check", "--json", UNIT, YEAR], True, 1),     # more than Python's buffer: it breaks while printing
], ids=["reports-buffered", "reports-unbuffered", "check", "check-json"])
def test_a_reader_that_stops_reading_is_not_an_error(argv, buffered, status, databases, tmp_path):
    db = tmp_path / "k.db"
    shutil.copy(databases["wrong"], db)
    proc = into_a_closed_pipe("--db", db, *argv, buffered=buffered)
    assert (proc.returncode, proc.stderr) == (status, "")


# -- a --db that is no file ------------------------------------------------------------

def special_files(tmp_path):
    yield Path(os.devnull)
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "管道"
        os.mkfifo(fifo)
        yield fifo


@pytest.mark.parametrize("command", [["reports"], ["check", UNIT, YEAR], ["new", "某单位", 2025]])
def test_a_device_or_pipe_as_the_database_is_refused_in_chinese(command, tmp_path):
    for path in special_files(tmp_path):
        code, out, err = run("--db", path, *command)
        assert (code, out) == (2, "")
        assert f"「{path}」" in err and "不能用作数据库文件" in err
        assert not re.search(r"[A-Za-z]{3,}", err.replace(str(path), "")), err
