"""The grid as accountants use it: keys, blocks, clipboard, one undo step per action."""

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from as_user import settle
from kuaiji_desk.ui import style
from kuaiji_desk.core import edits
from kuaiji_desk.ui.grid_view import GridView, parse_block
from kuaiji_desk.ui.table_model import ReportTableModel
from kuaiji_desk.ui.table_tab import TableTab

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


def test_delete_clears_a_block_as_one_undo_step(qtbot, view, session):
    select(view, at(view, "2010350", "1"), at(view, "2010399", "2"))   # 栏次 1 is a total: skipped
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert ("02", "2010350", "2") not in cells(session)
    assert ("02", "2010399", "2") not in cells(session)
    assert ("02", "2010350", "1") not in cells(session)            # a stated total above them: computed again
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert cells(session)[("02", "2010350", "2")] == 251_350_000
    assert cells(session)[("02", "2010399", "2")] == 294_680_000
    assert cells(session)[("02", "2010350", "1")] == 251_350_000   # the stated figure back, same step


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
    assert session.undo_stack.undoText() == "粘贴 公开02表 4 个单元格"
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


def test_paste_skips_computed_totals_and_clips_at_the_edge(qtbot, view, session):
    session.apply(edits.reset_stated(session.report, "02"))      # every total computed
    go(view, "2210202", "1")                                      # last row; 栏次 1 is a total
    QGuiApplication.clipboard().setText("9\t８\n7\t6\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert ("02", "2210202", "1") not in cells(session)           # computed: 8
    assert view.model().index_of("2210202", "1").data() == "8.00"
    assert cells(session)[("02", "2210202", "2")] == 8 * W        # full-width 8
    assert session.undo_stack.undoText() == "粘贴 公开02表 2210202 财政拨款收入"


def test_paste_over_a_stated_total_replaces_it(qtbot, view, session):
    go(view, "2210202", "1")                                      # stated by the workbook: 4.68
    QGuiApplication.clipboard().setText("9\t８\n")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert cells(session)[("02", "2210202", "1")] == 9 * W        # stated, as pasted
    assert cells(session)[("02", "2210202", "2")] == 8 * W
    assert session.undo_stack.undoText() == "粘贴 公开02表 2 个单元格"


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


def test_typing_on_a_computed_total_says_why_and_stays(qtbot, view, session):
    go(view, "合计", "3")                                         # computed (合计 2 is stated: typed over)
    with qtbot.waitSignal(view.message) as signal:
        qtbot.keyClicks(view, "5")
    assert signal.args[0] == "“合计”的“上级补助收入”（第3栏）由其下各科目相加得出，不能直接填写；请填写其各项。"
    assert view.currentIndex() == at(view, "合计", "3")
    assert view.state() != view.State.EditingState


# -- as the accountant meets it: refused text kept, ← → after typing, 求和/计数 -------------

@pytest.fixture
def grid(session, shown):
    """公开02表's grid at the window's size, active, so that focus moves as the user moves it."""
    view = GridView()
    view.setModel(ReportTableModel(session, "02", view))
    return shown(view)


def editor_of(view, index):
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit), "单元格不在编辑状态"
    return editor


def reason_beside(view):
    """The reason shown next to a refused editor, or None when none is shown."""
    label = view.findChild(QLabel, "refusal")
    return label.text() if label is not None and label.isVisible() else None


def framed_in_red(editor) -> bool:
    image = editor.grab().toImage()
    edge = image.pixelColor(0, image.height() // 2)
    return abs(edge.red() - style.REFUSED_FRAME.red()) < 30 and edge.green() < 100 and edge.blue() < 100


@pytest.mark.parametrize("typed", ["abc", "12..3"])
def test_text_that_is_not_an_amount_stays_in_its_editor_with_the_reason(grid, user, session, typed):
    me = user(grid)
    cell = at(grid, "2010350", "2")
    messages = []
    grid.message.connect(messages.append)
    me.type_in_cell(grid, cell, typed)                       # Enter: refused, nothing thrown away
    editor = editor_of(grid, cell)
    assert editor.text() == typed and QApplication.focusWidget() is editor
    assert grid.currentIndex() == cell
    assert framed_in_red(editor)
    reason = reason_beside(grid)
    assert f"「{typed}」不是金额" in reason and "Esc" in reason
    label = grid.findChild(QLabel, "refusal")
    assert label.geometry().top() == editor.geometry().bottom() + 1      # right under the editor
    assert messages and f"「{typed}」不是金额" in messages[-1]              # and in the status bar
    assert cells(session)[("02", "2010350", "2")] == 251_350_000 and session.undo_stack.count() == 0
    me.press("Escape")                                       # Esc still drops it
    assert grid.indexWidget(cell) is None and reason_beside(grid) is None
    assert grid.state() != grid.State.EditingState
    assert cells(session)[("02", "2010350", "2")] == 251_350_000


def test_no_key_or_click_leaves_refused_text_until_it_is_corrected(grid, user, session):
    me = user(grid)
    cell = at(grid, "2010350", "2")
    me.type_in_cell(grid, cell, "1o0", end="Tab")            # a letter o for a zero
    editor = editor_of(grid, cell)
    moved = []                                               # not even for a moment
    grid.selectionModel().currentChanged.connect(lambda current, _: moved.append(current))
    for key in ("Down", "Return", "Shift+Tab", "PgDown"):
        me.press(key)
        assert editor_of(grid, cell) is editor and grid.currentIndex() == cell, key
    me.click_cell(grid, at(grid, "2010399", "3"))            # a click elsewhere brings it back
    settle()
    assert editor_of(grid, cell) is editor and grid.currentIndex() == cell
    assert QApplication.focusWidget() is editor and editor.text() == "1o0"
    assert moved == []
    header = grid.horizontalHeader()                         # a click on a column's header too
    me.left_click(header.viewport(), QPoint(header.sectionViewportPosition(4) + 5, header.height() - 5))
    settle()
    assert editor_of(grid, cell) is editor and grid.currentIndex() == cell
    assert QApplication.focusWidget() is editor and editor.text() == "1o0"
    me.press("Left")                                         # correcting it now: the cursor moves
    me.press("Backspace")
    me.type("0")
    assert reason_beside(grid) is None and not framed_in_red(editor)   # being corrected
    me.press("Return")
    assert cells(session)[("02", "2010350", "2")] == 100 * W
    assert grid.currentIndex() == at(grid, "2010399", "2")
    assert session.undo_stack.count() == 1


def test_refused_text_waits_while_the_user_works_elsewhere(session, shown, user):
    tab = shown(TableTab(session, "02"))
    me = user(tab)
    cell = tab.model.index_of("2010350", "2")
    me.type_in_cell(tab.view, cell, "abc")
    me.retype(tab.code_edit, "2010350")                      # the editor waits while the user works elsewhere
    assert QApplication.focusWidget() is tab.code_edit and editor_of(tab.view, cell).text() == "abc"
    me.press("Return")                                       # a code already there: the tab jumps to it
    settle()
    editor = editor_of(tab.view, cell)                       # but the refused text is not thrown away
    assert editor.text() == "abc" and tab.view.currentIndex() == cell
    assert QApplication.focusWidget() is editor and "「abc」不是金额" in reason_beside(tab.view)
    me.press("Escape")
    assert tab.view.indexWidget(cell) is None and session.undo_stack.count() == 0


def test_arrows_after_typing_commit_and_move_as_in_excel(grid, user, session):
    me = user(grid)
    me.type_in_cell(grid, at(grid, "2010350", "2"), "5", end="Right")
    assert cells(session)[("02", "2010350", "2")] == 5 * W
    assert grid.currentIndex() == at(grid, "2010350", "3") and grid.state() != grid.State.EditingState
    me.type_in_cell(grid, at(grid, "2010350", "3"), "6.5", end="Left")
    assert cells(session)[("02", "2010350", "3")] == 6_500_000
    assert grid.currentIndex() == at(grid, "2010350", "2")
    me.type_in_cell(grid, at(grid, "2010399", "3"), "x", end="Right")   # refused: stays
    assert editor_of(grid, at(grid, "2010399", "3")).text() == "x"
    assert grid.currentIndex() == at(grid, "2010399", "3")
    me.press("Left")                                         # now correcting it, as after Excel's 重试
    assert editor_of(grid, at(grid, "2010399", "3")).cursorPosition() == 0


def test_arrows_in_f2_or_after_a_double_click_move_the_text_cursor(grid, user, session):
    me = user(grid)
    cell = at(grid, "2010350", "2")                          # holds 251.35
    me.click_cell(grid, cell)
    me.press("F2")
    editor = editor_of(grid, cell)
    assert editor.cursorPosition() == 6
    me.press("Left")
    me.press("Left")
    assert editor_of(grid, cell) is editor and editor.cursorPosition() == 4 and grid.currentIndex() == cell
    me.press("Right")
    me.type("9")
    me.press("Return")
    assert cells(session)[("02", "2010350", "2")] == 251_395_000   # 251.395 万元
    other = at(grid, "2010399", "2")                          # holds 294.68
    me.double_click(grid.viewport(), grid.visualRect(other).center())
    editor = editor_of(grid, other)
    me.press("Home")
    me.press("Right")
    assert editor_of(grid, other) is editor and editor.cursorPosition() == 1
    me.press("Escape")
    me.type_in_cell(grid, other, "7", end="F2")             # typed over, then F2: now correcting
    editor = editor_of(grid, other)
    me.press("Left")
    assert editor_of(grid, other) is editor and editor.cursorPosition() == 0
    me.press("Escape")
    assert cells(session)[("02", "2010399", "2")] == 294_680_000


def test_the_sum_and_count_of_the_selected_cells_are_offered_for_the_status_bar(grid, user, session):
    me = user(grid)
    said = []
    grid.selection_summary.connect(said.append)
    me.click_cell(grid, grid.model().index(0, 1))            # 「合计」: one cell, nothing to say
    settle()
    assert grid.summary_text() == ""
    me.press("Shift+Right")
    me.press("Shift+Right")                                  # 合计 | 1,286.76 | 1,286.76
    settle()
    assert said[-1] == grid.summary_text() == "求和 2,573.52  计数 3"
    me.press("Shift+Down")                                   # and 一般公共服务支出 546.03 546.03
    settle()
    assert said[-1] == "求和 3,665.58  计数 6"
    me.click_cell(grid, at(grid, "2010350", "3"))
    me.press("Shift+Down")                                   # two empty cells
    settle()
    assert said[-1] == ""
    me.click_cell(grid, at(grid, "2010350", "2"))
    me.press("Shift+Down")
    settle()
    assert said[-1] == "求和 546.03  计数 2"                 # 251.35 + 294.68
    me.press("Delete")                                       # the figures change under the selection
    settle()
    assert said[-1] == "" and session.undo_stack.count() == 1


def test_the_sum_follows_the_unit_chosen_in_the_window(open_window, user):
    window = open_window()
    me = user(window)
    me.click("打开示例")
    tab = window.view.tables["02"]
    window.view.setCurrentWidget(tab)
    me.click_cell(tab.view, tab.model.index_of("2010350", "2"))
    me.press("Shift+Down")
    settle()
    assert tab.view.summary_text() == "求和 546.03  计数 2"
    me.choose("视图", "金额单位：元")
    settle()
    assert tab.view.summary_text() == "求和 5,460,300.00  计数 2"
    window.close()
