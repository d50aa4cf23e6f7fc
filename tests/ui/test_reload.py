"""The window open, another program saves the report (the command line on a share whose
locks do not hold, an older copy of the program): the window's next save is refused, the
report read again, the user told, and the edit made again where it does not meet the other
program's changes.  Before, the window saved its own copy over what the other had saved.

The rule (ui/session.py, ``rebase``): figures are made again when the other program left
their tables as the window had them; an explanation, a text or a number when it left that
key; anything else when it left the part."""
from __future__ import annotations

from PySide6.QtCore import Qt

from as_user import ok, text
from cli_runner import load, run
from kuaiji_desk.core.sample import SAMPLE_UNIT, SAMPLE_YEAR
from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db

UNIT = "测试单位"
W = 1_000_000


def at(tab, row, col):
    return tab.model.index_of(row, col)


def a_report_open(open_window, tmp_path, unit=UNIT):
    """The window on the report of a database made beforehand, as the user left it."""
    db = open_db(tmp_path / "k.db")
    try:
        repo.create_report(db, unit, 2024)
    finally:
        close_db(db)
    (tmp_path / "k.ini").write_text(f"[last]\nunit={unit}\nyear=2024\n", encoding="utf-8")
    window = open_window()
    assert window.session is not None and window.session.report.unit == unit
    return window


def another_program(tmp_path, change, unit=UNIT, year=2024):
    """Another program reads the report, changes it and saves it, as the command line does."""
    db = open_db(tmp_path / "k.db")
    try:
        report = repo.load_report(db, unit, year)
        change(report)
        repo.save_report(db, report)
    finally:
        close_db(db)


def test_an_explanation_written_by_the_command_line_survives_the_windows_next_edit(open_window, user, dialogs,
                                                                                 tmp_path):
    window = a_report_open(open_window, tmp_path)
    me = user(window)
    t01 = window.view.tables["01"]
    window.view.setCurrentWidget(t01)
    me.type_in_cell(t01.view, at(t01, "2", "1"), "3")                    # an edit before: undoable
    assert window.session.undo_stack.count() == 1
    key = window.session.findings[0].key
    assert run("--db", tmp_path / "k.db", "explain", UNIT, 2024, key, "命令行写的说明")[0] == 0
    dialogs.answer(ok, expect="报告已被另一个程序修改")
    me.type_in_cell(t01.view, at(t01, "1", "1"), "5")
    dialogs.wait()
    said = dialogs.last.text
    assert "已重新读取" in said and "撤销记录已清空" in said and "已在重新读取的报告上保存" in said
    stored = load(tmp_path / "k.db", UNIT, 2024)
    assert stored.explanations == {key: "命令行写的说明"}
    assert stored.cells[("01", "1", "1")] == 5 * W
    assert window.session.report.explanations == {key: "命令行写的说明"}
    assert window.session.undo_stack.count() == 1          # the edit made again, and nothing older
    me.press("Ctrl+Z")
    stored = load(tmp_path / "k.db", UNIT, 2024)
    assert ("01", "1", "1") not in stored.cells and stored.explanations == {key: "命令行写的说明"}
    assert stored.cells[("01", "2", "1")] == 3 * W and not window.undo_action.isEnabled()


def test_two_explanations_one_from_each_program_are_both_kept(open_window, user, dialogs, tmp_path):
    """The reported case: the window's next explanation used to save its whole list of
    explanations, without the one the command line had written."""
    window = open_window()
    me = user(window)
    me.click("打开示例")
    tree = window.findings_panel.tree
    items = [tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
             for j in range(tree.topLevelItem(i).childCount())]
    warnings = [i for i in items if i.data(0, Qt.ItemDataRole.UserRole).severity == "warning"]
    theirs, mine = (w.data(0, Qt.ItemDataRole.UserRole).key for w in warnings[:2])
    code, _, err = run("--db", tmp_path / "k.db", "explain", SAMPLE_UNIT, SAMPLE_YEAR, theirs, "命令行写的说明")
    assert code == 0, err
    item = warnings[1]
    item.parent().setExpanded(True)
    tree.scrollToItem(item)
    dialogs.answer(text("窗口写的说明"), ok)
    me.double_click(tree.viewport(), tree.visualItemRect(item).center())
    dialogs.wait()
    assert dialogs.last.title == "报告已被另一个程序修改"
    expected = {theirs: "命令行写的说明", mine: "窗口写的说明"}
    assert load(tmp_path / "k.db", SAMPLE_UNIT, SAMPLE_YEAR).explanations == expected
    assert window.session.report.explanations == expected


def test_an_edit_that_meets_the_other_programs_change_is_not_saved_and_the_user_is_told(open_window, user,
                                                                                       dialogs, tmp_path):
    window = a_report_open(open_window, tmp_path)
    me = user(window)
    another_program(tmp_path, lambda r: r.set("01", "2", "1", 7 * W))   # the same table
    t01 = window.view.tables["01"]
    window.view.setCurrentWidget(t01)
    dialogs.answer(ok, expect="没有保存")
    me.type_in_cell(t01.view, at(t01, "1", "1"), "5")
    dialogs.wait()
    assert "撤销记录已清空" in dialogs.last.text
    stored = load(tmp_path / "k.db", UNIT, 2024)
    assert stored.cells[("01", "2", "1")] == 7 * W and ("01", "1", "1") not in stored.cells
    assert window.session.report.cells == stored.cells                  # the screen shows what was read
    assert at(t01, "2", "1").data() == "7.00" and not at(t01, "1", "1").data()
    assert window.session.undo_stack.count() == 0
    me.type_in_cell(t01.view, at(t01, "1", "1"), "5")                   # now it saves as usual
    assert load(tmp_path / "k.db", UNIT, 2024).cells[("01", "1", "1")] == 5 * W


def test_an_undo_after_another_program_saved_reads_the_report_again(open_window, user, dialogs, tmp_path, qtbot):
    window = a_report_open(open_window, tmp_path)
    me = user(window)
    t01 = window.view.tables["01"]
    window.view.setCurrentWidget(t01)
    me.type_in_cell(t01.view, at(t01, "1", "1"), "5")
    me.type_in_cell(t01.view, at(t01, "2", "1"), "6")
    key = window.session.findings[0].key
    another_program(tmp_path, lambda r: r.explanations.update({key: "另一个程序的说明"}))
    dialogs.answer(ok, expect="撤销")
    me.press("Ctrl+Z")
    dialogs.wait()
    qtbot.waitUntil(lambda: window.session.undo_stack.count() == 0)
    stored = load(tmp_path / "k.db", UNIT, 2024)
    assert stored.explanations == {key: "另一个程序的说明"}
    assert ("01", "2", "1") not in stored.cells and stored.cells[("01", "1", "1")] == 5 * W   # undone, saved
    assert window.session.report.cells == stored.cells
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    me.type_in_cell(t01.view, at(t01, "1", "1"), "8")                     # and work goes on
    assert load(tmp_path / "k.db", UNIT, 2024).cells[("01", "1", "1")] == 8 * W
