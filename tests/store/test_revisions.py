"""Every report counts its saves; a save based on a count that is no longer the latest is
refused, so that one writer never silently undoes another's work.  And two programs
creating one new database at once both end up with it, set up once."""
from __future__ import annotations

import copy
import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from server_db import schema_version

from kuaiji_desk.core.report import EXPLANATIONS, new_report
from kuaiji_desk.store import migrations
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.store.errors import ReportChanged, StoreError
from kuaiji_desk.store.repo import add_report, create_report, load_report, save_parts, save_report

UNIT = "某单位"


def stored_revision(db) -> int:
    return db.execute_sql("SELECT revision FROM report").fetchone()[0]


def test_each_save_moves_the_revision_on_and_a_load_says_which_it_read(db):
    report = create_report(db, UNIT, 2024)
    assert report.stored_revision == 1 == stored_revision(db)
    report.set("01", "1", "1", 5)
    save_parts(db, report, cells=[("01", "1", "1")])
    assert report.stored_revision == 2 == stored_revision(db)
    save_report(db, report)
    assert report.stored_revision == 3
    assert load_report(db, UNIT, 2024).stored_revision == 3


def test_a_save_based_on_an_older_revision_is_refused_and_writes_nothing(db):
    create_report(db, UNIT, 2024)
    window, command = load_report(db, UNIT, 2024), load_report(db, UNIT, 2024)
    command.explanations["R06-1"] = "命令行写的说明"
    save_report(db, command)                                  # the command line saves first
    window.set("01", "1", "1", 7)
    window.explanations["R09-2"] = "窗口写的说明"
    with pytest.raises(ReportChanged, match="报告已被另一个程序修改"):
        save_parts(db, window, parts=[EXPLANATIONS], cells=[("01", "1", "1")])
    with pytest.raises(ReportChanged):
        save_report(db, window)
    assert window.stored_revision == 1                        # still the one it was read at
    now = load_report(db, UNIT, 2024)
    assert now.explanations == {"R06-1": "命令行写的说明"} and ("01", "1", "1") not in now.cells
    assert now.stored_revision == 2 == stored_revision(db)


def test_a_report_never_saved_does_not_replace_one_made_meanwhile(db):
    mine = new_report(UNIT, 2024)                             # e.g. an import that found no report
    theirs = create_report(db, UNIT, 2024)                    # … while another program made it
    theirs.texts["main_duties"] = "另一个程序填的"
    save_report(db, theirs)
    mine.texts["main_duties"] = "会覆盖它"
    with pytest.raises(ReportChanged):
        save_report(db, mine)
    assert load_report(db, UNIT, 2024).texts == {"main_duties": "另一个程序填的"}


def test_a_copy_of_a_loaded_report_saves_from_the_revision_it_was_copied_at(db):
    report = create_report(db, UNIT, 2024)
    changed = copy.deepcopy(report)
    changed.set("01", "1", "1", 9)
    save_report(db, changed)
    with pytest.raises(ReportChanged):
        save_report(db, report)                               # the original is one revision behind


COUNT_UP = textwrap.dedent("""
    import sys, time
    from kuaiji_desk.store.db import open_db
    from kuaiji_desk.store.errors import ReportChanged
    from kuaiji_desk.store.repo import load_report, save_parts, save_report
    db = open_db(sys.argv[1])
    while time.time() < float(sys.argv[2]):
        time.sleep(0.001)
    saved = refused = 0
    while saved < int(sys.argv[3]):
        report = load_report(db, "某单位", 2024)
        report.numbers["count"] = report.numbers.get("count", 0) + 1
        try:
            if saved % 2:
                save_report(db, report)
            else:
                save_parts(db, report, parts=["numbers"])
        except ReportChanged:
            refused += 1
            continue
        saved += 1
    print(saved, refused)
""")


def test_two_processes_counting_up_in_one_report_lose_no_count(db, db_target):
    """Each process reads the count, adds one and saves, again and again: every save based on a
    count the other has moved on is refused and tried again, so none is lost."""
    create_report(db, UNIT, 2024)
    at, each = time.time() + 1.0, 60
    procs = [subprocess.Popen([sys.executable, "-c", COUNT_UP, str(db_target), str(at), str(each)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8") for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outputs]
    refused = sum(int(out.split()[1]) for out, _ in outputs)
    report = load_report(db, UNIT, 2024)
    assert report.numbers["count"] == 2 * each
    assert report.stored_revision == 1 + 2 * each
    print(f"refused and tried again: {refused}")


def test_a_version_3_database_counts_from_0(db_target, rewind):
    db = open_db(db_target)
    create_report(db, UNIT, 2024)
    close_db(db)
    rewind(db_target, 3)
    db = open_db(db_target)
    try:
        assert schema_version(db) == migrations.known_version() == 6
        report = load_report(db, UNIT, 2024)
        assert report.stored_revision == 0
        save_report(db, report)
        assert load_report(db, UNIT, 2024).stored_revision == 1
    finally:
        close_db(db)


def test_a_report_added_starts_at_revision_1(db):
    report = add_report(db, new_report(UNIT, 2024))
    assert report.stored_revision == 1


# -- two programs creating one new database -------------------------------------------------

def test_two_connections_creating_one_new_database_both_open_it(db_target, monkeypatch):
    """The first step is slowed down so that, without the write lock taken before the version is
    read, both would run it: 「table "unit" already exists」."""
    create = migrations.MIGRATIONS[0]

    def slow_create(db):
        time.sleep(0.3)
        create(db)

    monkeypatch.setattr(migrations, "MIGRATIONS", [slow_create, *migrations.MIGRATIONS[1:]])
    path = db_target
    errors: list[Exception] = []

    def open_it():
        try:
            close_db(open_db(path))
        except StoreError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    db = open_db(path)
    try:
        assert schema_version(db) == migrations.known_version()
        create_report(db, UNIT, 2024)
        assert load_report(db, UNIT, 2024).stored_revision == 1
    finally:
        close_db(db)


OPEN_AT = textwrap.dedent("""
    import sys, time
    from kuaiji_desk.store.db import open_db
    while time.time() < float(sys.argv[2]):
        time.sleep(0.001)
    open_db(sys.argv[1]).close()
""")


def test_processes_creating_one_new_database_at_once_all_open_it(new_target, backend):
    """Real processes, four at a time on a database nobody has set up yet, four times over (all
    started at once, each four waiting for their moment)."""
    rounds, each = 4, 4
    targets = [new_target() for _ in range(rounds)]
    at = time.time() + 2.5   # all started and waiting by then
    procs = [(round_, subprocess.Popen([sys.executable, "-c", OPEN_AT, str(targets[round_]),
                                        str(at + 0.25 * round_)],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"))
             for round_ in range(rounds) for _ in range(each)]
    failed = [(round_, err) for round_, p in procs for _, err in [p.communicate(timeout=120)] if p.returncode]
    assert failed == []
    for target in targets:
        db = open_db(target)
        try:
            assert schema_version(db) == migrations.known_version()
            if backend == "sqlite":
                assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            close_db(db)


def test_the_switch_to_wal_is_tried_again_when_sqlite_says_locked_at_once(tmp_path, monkeypatch):
    """While another process switches the same new database to WAL, SQLite answers 「database
    is locked」 at once, without waiting as busy_timeout would (seen about once in five rounds
    of the test above): the switch is tried again."""
    import peewee

    switch = peewee.SqliteDatabase.pragma
    refusals = []

    def busy_at_first(self, key, *args, **kwargs):
        if key == "journal_mode" and args and len(refusals) < 3:
            refusals.append(key)
            raise peewee.OperationalError("database is locked")
        return switch(self, key, *args, **kwargs)

    monkeypatch.setattr(peewee.SqliteDatabase, "pragma", busy_at_first)
    db = open_db(tmp_path / "new.db")
    try:
        assert len(refusals) == 3 and db.pragma("journal_mode") == "wal"
    finally:
        close_db(db)
