"""An amount beyond any budget typed in the window is refused where it was typed, the text
kept for correcting, the report and the database as they were."""
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from kuaiji_desk.core.sample import SAMPLE_UNIT, SAMPLE_YEAR
from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.ui.info_tab import InfoTab

BEYOND = "超出了可以处理的金额范围（绝对值不超过 9,000,000,000 万元）"


def stored_cells(path):
    db = open_db(path)
    try:
        return repo.load_report(db, SAMPLE_UNIT, SAMPLE_YEAR).cells
    finally:
        close_db(db)


def test_typing_an_amount_beyond_the_bound_into_a_cell(open_window, user, tmp_path):
    window = open_window()
    me = user(window)
    me.click("打开示例")
    t02 = window.view.tables["02"]
    window.view.setCurrentWidget(t02)
    cell = t02.model.index_of("2010350", "2")
    before = stored_cells(tmp_path / "k.db")
    assert before[("02", "2010350", "2")] == 251_350_000

    me.type_in_cell(t02.view, cell, "9999999999999")
    editor = t02.view.indexWidget(cell)
    assert isinstance(editor, QLineEdit) and editor.text() == "9999999999999"   # kept to be corrected
    assert QApplication.focusWidget() is editor
    reason = t02.view.findChild(QLabel, "refusal")
    assert reason.isVisible() and f"「9999999999999」{BEYOND}" in reason.text() and "Esc" in reason.text()
    assert "请输入数字" not in reason.text()                 # it is a number: too large, not malformed
    assert window.session.report.cells[("02", "2010350", "2")] == 251_350_000
    assert window.session.undo_stack.count() == 0
    assert stored_cells(tmp_path / "k.db") == before

    me.press("Escape")
    assert t02.view.indexWidget(cell) is None
    me.type_in_cell(t02.view, cell, "9000000000")             # the bound itself is taken
    assert window.session.report.cells[("02", "2010350", "2")] == 9 * 10 ** 15
    assert stored_cells(tmp_path / "k.db")[("02", "2010350", "2")] == 9 * 10 ** 15


def test_a_count_beyond_the_bound_is_refused(session, shown, qtbot, retype):
    tab = shown(InfoTab(session))
    line, then = tab.inputs["十二.大型设备数"][0], tab.inputs["十一.工程"][0]
    with qtbot.waitSignal(tab.message) as refused:
        retype(line, "99999999999999999999", then)
    assert "「99999999999999999999」" in refused.args[0] and "太大" in refused.args[0]
    assert line.text() == "99999999999999999999" and "border" in line.styleSheet()
    assert session.report.numbers["十二.大型设备数"] == 1 and session.undo_stack.count() == 0


def test_an_amount_field_beyond_the_bound_is_refused(session, shown, qtbot, retype):
    tab = shown(InfoTab(session))
    line, then = tab.inputs["十一.货物"][0], tab.inputs["十一.工程"][0]
    with qtbot.waitSignal(tab.message) as refused:
        retype(line, "1e20", then)
    assert f"「1e20」{BEYOND}" in refused.args[0]
    assert session.report.numbers["十一.货物"] == 100_000 and session.undo_stack.count() == 0
