"""The grid as accountants use it: keys, blocks, clipboard, one undo step per action."""

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

from kuaiji_desk.ui.grid_view import GridView, parse_block
from kuaiji_desk.ui.table_model import ReportTableModel

# The offscreen platform says so when a window or popup is shown; it is not ours to fix.

W = 1_000_000  # 分 per 万元


@pytest.fixture
def view(qtbot, session):
    view = GridView()
    view.setModel(ReportTableModel(session, "02", view))
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def cells(session):
    return session.report.cells


def at(view, row, col):
    return view.model().index_of(row, col)


def go(view, row, col):
    view.setCurrentIndex(at(view, row, col))


def select(view, top_left, bottom_right):
    view.setCurrentIndex(top_left)
    view.selectionModel().select(QItemSelection(top_left, bottom_right), QItemSelectionModel.SelectionFlag.ClearAndSelect)


def type_and_press(qtbot, view, text, key=Qt.Key.Key_Return, modifier=Qt.KeyboardModifier.NoModifier):
    """Types on the current cell (the first key opens the editor), then commits with ``key``."""
    qtbot.keyClicks(view, text[0])
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, key, modifier)
    qtbot.waitUntil(lambda: view.indexWidget(view.currentIndex()) is None and view.state() != view.State.EditingState)


def test_typing_commits_and_enter_moves_down(qtbot, view, session):
    go(view, "2010350", "2")
    type_and_press(qtbot, view, "1,286.76")
    assert cells(session)[("02", "2010350", "2")] == 1_286_760_000
    assert view.currentIndex() == at(view, "2010399", "2")


def test_typing_overwrites_the_figure(qtbot, view, session):
    go(view, "2010350", "2")                                  # holds 251.35
    type_and_press(qtbot, view, "7")
    assert cells(session)[("02", "2010350", "2")] == 7 * W


def test_f2_keeps_the_figure_and_appends(qtbot, view, session):
    go(view, "2010350", "2")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(view.currentIndex())
    assert editor.text() == "251.35" and not editor.hasSelectedText()
    qtbot.keyClicks(editor, "1")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    assert cells(session)[("02", "2010350", "2")] == 251_351_000


def test_tab_commits_and_moves_right_shift_tab_left(qtbot, view, session):
    go(view, "2010350", "2")
    type_and_press(qtbot, view, "5", Qt.Key.Key_Tab)
    assert cells(session)[("02", "2010350", "2")] == 5 * W
    assert view.currentIndex() == at(view, "2010350", "3")
    type_and_press(qtbot, view, "6", Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert cells(session)[("02", "2010350", "3")] == 6 * W
    assert view.currentIndex() == at(view, "2010350", "2")


def test_keys_move_without_editing(qtbot, view):
    go(view, "2010350", "2")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.currentIndex() == at(view, "2010399", "2")
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.currentIndex() == at(view, "2010399", "3")
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.currentIndex() == at(view, "2010350", "3")
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex() == at(view, "2010399", "3")


def test_text_typed_is_refused_with_a_message(qtbot, view, session):
    go(view, "2010350", "2")
    with qtbot.waitSignal(view.model().rejected) as signal:
        type_and_press(qtbot, view, "abc")
    assert "「abc」不是金额" in signal.args[0]
    assert cells(session)[("02", "2010350", "2")] == 251_350_000


def test_delete_clears_a_block_as_one_undo_step(qtbot, view, session):
    select(view, at(view, "2010350", "1"), at(view, "2010399", "2"))   # 栏次 1 is a total: skipped
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert ("02", "2010350", "2") not in cells(session)
    assert ("02", "2010399", "2") not in cells(session)
    assert ("02", "2010350", "1") in cells(session)                # totals are not cleared
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert cells(session)[("02", "2010350", "2")] == 251_350_000
    assert cells(session)[("02", "2010399", "2")] == 294_680_000


def test_paste_from_a_spreadsheet_is_one_undo_step(qtbot, view, session):
    before = dict(cells(session))
    go(view, "2010350", "2")
    QGuiApplication.clipboard().setText("1,000.00\t2.5\r\n3\t\r\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert cells(session)[("02", "2010350", "2")] == 1000 * W
    assert cells(session)[("02", "2010350", "3")] == 2_500_000
    assert cells(session)[("02", "2010399", "2")] == 3 * W
    assert ("02", "2010399", "3") not in cells(session)
    assert session.undo_stack.count() == 1
    assert session.undo_stack.undoText() == "粘贴 4 个单元格"
    session.undo_stack.undo()
    assert cells(session) == before


def test_paste_with_a_bad_cell_changes_nothing(qtbot, view, session):
    before = dict(cells(session))
    go(view, "2010350", "2")
    QGuiApplication.clipboard().setText("1\t2\n3\tabc\n")
    with qtbot.waitSignal(view.message) as signal:
        qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert signal.args[0] == "第2行第2列的「abc」不是金额，未粘贴。"
    assert cells(session) == before
    assert session.undo_stack.count() == 0


def test_paste_skips_totals_and_clips_at_the_edge(qtbot, view, session):
    go(view, "2210202", "1")                                      # last row; 栏次 1 is a total
    QGuiApplication.clipboard().setText("9\t８\n7\t6\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert cells(session)[("02", "2210202", "1")] == 4_680_000    # as stated
    assert cells(session)[("02", "2210202", "2")] == 8 * W        # full-width 8
    assert session.undo_stack.undoText() == "粘贴 1 个单元格"


def test_one_figure_fills_the_selection(qtbot, view, session):
    select(view, at(view, "2010350", "3"), at(view, "2010399", "4"))
    QGuiApplication.clipboard().setText("1\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [cells(session)[("02", r, c)] for r in ("2010350", "2010399") for c in ("3", "4")] == [W] * 4


def test_copy_gives_tab_separated_plain_figures(qtbot, view):
    select(view, view.model().index(0, 1), at(view, "201", "3"))
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == (
        "合计\t1286.76\t1286.76\t\n"
        "一般公共服务支出\t546.03\t546.03\t\n")


def test_parse_block():
    assert parse_block("1\t2\r\n3\t\r\n") == [["1", "2"], ["3", ""]]
    assert parse_block("1") == [["1"]]
    assert parse_block("a\nb\n") == [["a"], ["b"]]


def test_double_click_edits_keeping_the_figure(qtbot, view):
    index = at(view, "2010350", "2")
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)   # Qt edits the cell pressed last
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    editor = view.indexWidget(index)
    assert editor.text() == "251.35" and not editor.hasSelectedText()


def test_typing_on_a_total_says_why_and_stays(qtbot, view, session):
    go(view, "合计", "2")
    with qtbot.waitSignal(view.message) as signal:
        qtbot.keyClicks(view, "5")
    assert "合计数" in signal.args[0]
    assert view.currentIndex() == at(view, "合计", "2")
    assert view.state() != view.State.EditingState
