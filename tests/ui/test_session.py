"""Every edit is saved at once, re-checked, and undoable — also after it was saved."""
import sqlite3

import pytest

from kuaiji_desk.core import edits
from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.ui.app import application
from kuaiji_desk.ui.session import Session

W = 1_000_000


@pytest.fixture
def session(tmp_path):
    application()
    db = open_db(tmp_path / "k.db")
    report = repo.create_report(db, "单位", 2024)
    s = Session(db, report)
    yield s
    close_db(db)


def stored(session):
    return repo.load_report(session.db, "单位", 2024)


def test_edit_is_saved_checked_and_signalled(session, qtbot):
    with qtbot.waitSignals([session.changed, session.checked, session.saved]):
        assert session.apply(edits.set_cell("01", "27", "1", 5 * W))
    assert stored(session).cells[("01", "27", "1")] == 5 * W
    assert {f.rule for f in session.findings} >= {"A01", "B01"}


def test_undo_and_redo_are_saved_too(session):
    session.apply(edits.add_code(session.report, "03", "2010350"))
    session.apply(edits.set_cell("03", "2010350", "2", 7 * W))
    session.undo_stack.undo()
    assert ("03", "2010350", "2") not in stored(session).cells
    session.undo_stack.undo()
    assert "03" not in stored(session).code_rows
    session.undo_stack.redo()
    session.undo_stack.redo()
    assert stored(session).cells[("03", "2010350", "2")] == 7 * W
    assert session.values.value("03", "合计", "1") == 7 * W


def test_findings_appear_and_disappear(session):
    before = list(session.findings)
    session.apply(edits.set_cell("01", "1", "1", 5 * W))
    assert any(f.rule == "B02" for f in session.findings)
    session.undo_stack.undo()
    assert session.findings == before and not any(f.rule == "B02" for f in before)


def test_a_failed_save_changes_nothing(session, monkeypatch, qtbot):
    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("kuaiji_desk.ui.session.save_parts", full)
    with qtbot.waitSignal(session.failed) as blocker:
        assert not session.apply(edits.set_cell("01", "1", "1", 5 * W))
    assert "磁盘空间不足" in blocker.args[0]
    assert session.report.cells == {} and session.undo_stack.count() == 0
    monkeypatch.undo()
    assert stored(session).cells == {}
