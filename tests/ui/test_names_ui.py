"""新建报告 refuses a unit name with control characters or of no sane length, saying why in the
dialog; a text field refuses more than an Excel cell holds, as the number fields refuse."""
import pytest

from as_user import cancel, fill, ok, type_text
from kuaiji_desk.core import names
from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.store.repo import load_report
from kuaiji_desk.ui.info_tab import InfoTab


def reports_in(path):
    db = open_db(path)
    try:
        return [(info.unit, info.year) for info in repo.list_reports(db)]
    finally:
        close_db(db)


@pytest.mark.parametrize("unit, reason", [
    ("某单位\u202e位单", "单位名称中不能有文字方向控制符（U+202E）。"),
    ("某单位\t2024", "单位名称中不能有制表符。"),
    ("某\x1b单位", "单位名称中不能有控制字符（U+001B）。"),
    ("单" * 101, "单位名称有 101 个字，超过了 100 个字的上限。"),
])
def test_new_report_refuses_the_name_in_its_dialog(open_window, user, dialogs, tmp_path, unit, reason):
    window = open_window()
    said = []

    def name_it(dialog):
        field = dialog.unit.lineEdit()
        field.setFocus()
        field.selectAll()
        type_text(field, unit)          # as pasted from elsewhere

    def refused_then_cancelled(dialog):
        ok(dialog)                      # 确定: the dialog stays, saying why
        said.append((dialog.isVisible(), dialog.error.text()))
        cancel(dialog)
    dialogs.answer(fill(name_it, then=refused_then_cancelled))
    user(window).choose("文件", "新建报告")
    dialogs.wait()
    assert said == [(True, reason)]
    assert window.session is None and reports_in(tmp_path / "k.db") == []


def test_new_report_takes_a_sane_name(open_window, user, dialogs, tmp_path):
    window = open_window()

    def name_it(dialog):
        field = dialog.unit.lineEdit()
        field.setFocus()
        type_text(field, "  某　单位 ")
    dialogs.answer(fill(name_it))
    user(window).choose("文件", "新建报告")
    assert window.session is not None and window.session.report.unit == "某　单位"


@pytest.fixture
def tab(session, shown):
    return shown(InfoTab(session))


@pytest.mark.parametrize("key", ["职责", "一.原因"])       # a TextBox and a TextLine
def test_a_text_longer_than_a_cell_is_refused_in_its_field(tab, session, retype, key, qtbot):
    field, then = tab.inputs[key][0], tab.inputs["咨询电话"][0]
    before = load_report(session.db, session.report.unit, session.report.year).texts.get(key)
    long = "说" * (names.CELL_LIMIT + 1)
    with qtbot.waitSignal(tab.message) as told:                       # the status bar says it too
        retype(field, long, then)
    assert told.args[0].endswith("超过了 Excel 单元格可以容纳的 32,767 个字，请删减后再保存。")
    text = field.toPlainText() if hasattr(field, "toPlainText") else field.text()
    assert text == long                                               # not cut, left to shorten
    assert "border" in field.styleSheet()
    assert field.toolTip() == "这段文字有 32,768 个字，超过了 Excel 单元格可以容纳的 32,767 个字，请删减后再保存。"
    assert session.report.texts.get(key) == before and session.undo_stack.count() == 0
    assert load_report(session.db, session.report.unit, session.report.year).texts.get(key) == before

    retype(field, long[1:], then)                                      # one character less: taken
    assert "border" not in field.styleSheet()
    assert load_report(session.db, session.report.unit, session.report.year).texts[key] == long[1:]
