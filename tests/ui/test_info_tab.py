"""单位信息与说明: fields from the declarations, saved on leaving, undoable, per code of table 05."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QLineEdit, QPlainTextEdit

from kuaiji_desk.core import edits
from kuaiji_desk.core.narrative import Chart, part_three
from kuaiji_desk.core.forms.fields import FIELDS, LAST_YEAR, PER_CODE
from kuaiji_desk.core.rules.findings import Finding
from kuaiji_desk.store.repo import load_report
from kuaiji_desk.ui.budget_table import PLANNED, RATE, SPENT, WHY
from kuaiji_desk.ui.info_tab import InfoTab

# The offscreen platform says so when a window is shown; it is not ours to fix.


@pytest.fixture
def tab(session, shown):
    return shown(InfoTab(session))


def stored(session):
    return load_report(session.db, session.report.unit, session.report.year)


def field(tab, key):
    return tab.inputs[key][0]


def test_every_declared_field_has_an_input_in_its_section(tab):
    titles = [box.title() for box in tab.findChildren(QGroupBox)]
    assert titles[:3] == ["封面", "第一部分 部门概况", "一、收入支出决算总体情况"]
    assert titles[-4:] == ["第四部分 重点工作完成情况", "第五部分 名词解释及其他", "上年数（与上年相比的增减和跨年核对用）",
                           "校验设置"]
    for f in FIELDS + LAST_YEAR:
        if not f.id.endswith(PER_CODE):
            assert f.id in tab.inputs
    assert isinstance(field(tab, "职责"), QPlainTextEdit)
    assert isinstance(field(tab, "一.原因"), QLineEdit)
    assert field(tab, "一.原因").text() == "人员经费减少"
    assert field(tab, "十一.服务").text() == "751.53"
    assert field(tab, "十二.大型设备数").text() == "1"
    assert field(tab, "收支总计").text() == "1,294.48"
    labels = {label.text() for label in tab.findChildren(QLabel)}
    assert {"201 一般公共服务支出", "221 住房保障支出", "政府采购服务支出（万元）"} <= labels


def test_text_is_saved_on_leaving_not_per_keystroke_and_undo_shows_in_the_field(tab, session, typing):
    line = field(tab, "一.原因")
    tab.scroll.verticalScrollBar().setValue(300)
    line.setFocus()
    line.selectAll()
    typing(line, "人员调出")
    assert session.report.texts["一.原因"] == "人员经费减少"     # still typing
    field(tab, "二.原因").setFocus()                               # leaves the field
    assert session.report.texts["一.原因"] == "人员调出"
    assert stored(session).texts["一.原因"] == "人员调出"
    assert session.undo_stack.count() == 1

    session.undo_stack.undo()
    assert line.text() == "人员经费减少"
    assert stored(session).texts["一.原因"] == "人员经费减少"
    assert tab.scroll.verticalScrollBar().value() == 300          # the page did not jump


def test_multiline_text_is_saved_when_focus_leaves(tab, session, retype):
    retype(field(tab, "名词解释补充"), "机关运行经费：指为保障行政单位运行的经费。", field(tab, "咨询电话"))
    assert stored(session).texts["名词解释补充"] == "机关运行经费：指为保障行政单位运行的经费。"
    retype(field(tab, "名词解释补充"), "", field(tab, "咨询电话"))
    assert "名词解释补充" not in stored(session).texts


def test_a_bad_amount_is_refused_and_nothing_saved(tab, session, qtbot, retype):
    line = field(tab, "十一.货物")
    with qtbot.waitSignal(tab.message) as refused:
        retype(line, "十二万", field(tab, "十一.工程"))
    assert "不是金额" in refused.args[0] and "政府采购货物支出" in refused.args[0]
    assert "border" in line.styleSheet() and line.toolTip()
    assert line.text() == "十二万"                                 # left for the user to correct
    assert session.report.numbers["十一.货物"] == 100_000
    assert session.undo_stack.count() == 0

    retype(line, "0.25", field(tab, "十一.工程"))
    assert stored(session).numbers["十一.货物"] == 250_000
    assert "border" not in line.styleSheet()


def test_leaving_an_amount_untouched_keeps_the_exact_fen(db, shown, session):
    edit = edits.set_number(session.report, "十一.货物", 123_456)       # 0.123456 万元, shown 0.12
    session.apply(edit)
    tab = shown(InfoTab(session))
    line = field(tab, "十一.货物")
    assert line.text() == "0.12"
    line.setFocus()
    field(tab, "十一.工程").setFocus()
    assert session.report.numbers["十一.货物"] == 123_456


def test_counts_and_last_year_figures(tab, session, retype):
    retype(field(tab, "九.车辆保有量"), "3", field(tab, "十二.大型设备数"))
    retype(field(tab, "收支总计"), "1300", field(tab, "收入合计"))
    report = stored(session)
    assert report.numbers["九.车辆保有量"] == 3
    assert report.last_year["收支总计"] == 1_300_000_000
    retype(field(tab, "九.车辆保有量"), "2.5", field(tab, "十二.大型设备数"))
    assert stored(session).numbers["九.车辆保有量"] == 3


def test_the_vehicle_count_is_asked_once_and_feeds_nine_and_twelve(tab, session, retype):
    assert "十二.车辆数" not in tab.inputs
    retype(field(tab, "九.车辆保有量"), "4", field(tab, "十二.大型设备数"))
    text = "\n".join(b.text for b in part_three(session.report) if not isinstance(b, Chart))
    assert "公务用车保有量4辆" in text and "共有车辆4辆" in text


def test_per_item_budget_table(tab, session, qtbot):
    model = tab.budget
    assert model.codes == ["2010350", "2010399", "2060502", "2080505", "2101102", "2101103", "2130599",
                           "2210201", "2210202"]
    row = model.codes.index("2060502")
    assert model.index(row, SPENT).data() == "653.80"
    assert model.index(row, RATE).data() == "年初预算为0"
    assert not model.flags(model.index(row, SPENT)) & Qt.ItemFlag.ItemIsEditable

    assert model.setData(model.index(row, PLANNED), "600")
    assert stored(session).numbers["五.三.年初预算:2060502"] == 600_000_000
    assert model.index(row, RATE).data() == "108.97%"
    assert model.setData(model.index(row, WHY), "年中追加科技项目")
    assert stored(session).texts["五.三.原因:2060502"] == "年中追加科技项目"

    with qtbot.waitSignal(model.refused) as refused:
        assert not model.setData(model.index(row, PLANNED), "六百")
    assert "2060502" in refused.args[0]
    assert session.report.numbers["五.三.年初预算:2060502"] == 600_000_000

    session.undo_stack.undo()
    session.undo_stack.undo()
    assert model.index(row, PLANNED).data() == "0.00"
    assert model.index(row, WHY).data() == "根据要求将部分项目经费调整到科学技术支出类"


def test_budget_model_passes_the_model_tester(tab, qtmodeltester):
    qtmodeltester.check(tab.budget)


def test_spent_follows_table_05_and_class_lines_follow_its_classes(tab, session, qtbot, retype):
    model = tab.budget
    session.apply(edits.set_cell("05", "2210202", "1", 5_000_000))
    assert model.index(model.codes.index("2210202"), SPENT).data() == "5.00"

    session.apply(edits.add_code(session.report, "05", "2120101"))
    assert "五.二.用途:212" in tab.inputs and "2120101" in model.codes
    qtbot.waitUntil(field(tab, "五.二.用途:212").isVisible)   # a layout shows new lines from the event loop
    retype(field(tab, "五.二.用途:212"), "城市管理", field(tab, "五.二.用途:201"))
    assert stored(session).texts["五.二.用途:212"] == "城市管理"
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert "五.二.用途:212" not in tab.inputs and "2120101" not in model.codes


def test_amounts_follow_the_unit(tab, session):
    session.set_unit("元")
    assert field(tab, "十一.服务").text() == "7,515,300.00"
    assert "政府采购服务支出（元）" in {label.text() for label in tab.findChildren(QLabel)}
    assert tab.budget.headerData(PLANNED, Qt.Orientation.Horizontal) == "年初预算（元）"


def test_findings_mark_and_show_their_field(tab, session):
    session.apply(edits.set_number(session.report, "十.机关运行经费", 999_000_000))   # > 公用经费: B15
    line = field(tab, "十.机关运行经费")
    assert "background" in line.styleSheet() and "公用经费" in line.toolTip()

    b15 = next(f for f in session.findings if f.rule == "B15")
    assert (b15.row, b15.column) == ("十", "十.机关运行经费")
    assert tab.show_finding(b15)
    assert QApplication.focusWidget() is line
    assert tab.show_finding(Finding("B16", "warning", "情况说明", "九", "九.车辆保有量", None, None, ""))
    assert QApplication.focusWidget() is field(tab, "九.车辆保有量")
    assert tab.show_finding(Finding("X", "warning", "情况说明", "五", "五.三.原因:2010399", None, None, ""))
    assert tab.budget_view.currentIndex().column() == WHY
    assert not tab.show_finding(Finding("A01", "error", "01", "1", "1", None, None, ""))


def test_flush_saves_what_was_typed_before_an_undo_from_the_window(tab, session, typing):
    typing(field(tab, "九.原因"), "无")
    tab.flush()
    assert stored(session).texts["九.原因"] == "无"


def test_glossary_texts_are_one_line_per_item(tab):
    keys = {k for k in tab.inputs if k.startswith("名词解释:")}
    assert "名词解释:2010350" in keys and "名词解释:201" not in keys
    assert all(len(k.split(":")[1]) == 7 for k in keys)
    purposes = {k for k in tab.inputs if k.startswith("五.二.用途:")}
    assert "五.二.用途:201" in purposes and all(len(k.split(":")[1]) == 3 for k in purposes)
