"""项目绩效自评: the list, the form, the indicators; every change one saved, undoable edit."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QStyleOptionViewItem

from as_user import no, yes
from kuaiji_desk.core.rules.findings import Finding
from kuaiji_desk.store.repo import load_report
from kuaiji_desk.ui.indicator_model import MISSED_HINT, PROJECT_COLUMNS, IndicatorModel
from kuaiji_desk.ui.projects_tab import ProjectsTab
from kuaiji_desk.ui.style import WARNING_BACKGROUND

# The offscreen platform says so when a window is shown; it is not ours to fix.

LEVEL3, TARGET, ACTUAL = 2, 3, 4


@pytest.fixture
def tab(session, shown):
    return shown(ProjectsTab(session))


@pytest.fixture
def me(tab, user):
    return user(tab)


def stored(session):
    return load_report(session.db, session.report.unit, session.report.year)


def names(session):
    return [p.name for p in session.report.projects]


def select(tab, index):
    """Clicks the project in the list."""
    item = tab.list_model.index(index)
    tab.list.scrollTo(item)
    QTest.mouseClick(tab.list.viewport(), Qt.MouseButton.LeftButton, pos=tab.list.visualRect(item).center())
    assert tab.current == index


def test_list_numbers_the_projects_and_the_form_shows_the_selected(tab, session):
    assert tab.list_model.index(0).data() == "1. 通信链路租赁费"
    assert tab.list_model.rowCount() == 14
    select(tab, 13)
    form = tab.form
    assert form.inputs["name"].text() == "行政事业单位缴纳残保金"
    assert form.inputs["category"].currentText() == "部门预算项目"
    assert form.inputs["budget"].text() == "3.00" and form.inputs["spent"].text() == "2.59"
    assert form.rate.text() == "86.33%"
    assert form.stated.text() == "导入表中为 86.45%"


def test_add_rename_and_remove_a_project(tab, me, session, dialogs, typing):
    me.click("新增")
    assert len(session.report.projects) == 15 and tab.current == 14
    assert tab.list_model.index(14).data() == "15. （未命名项目）"
    assert QApplication.focusWidget() is tab.form.inputs["name"]
    typing(tab.form.inputs["name"], "城市运行监测平台运维")
    tab.list.setFocus()
    assert stored(session).projects[14].name == "城市运行监测平台运维"
    assert stored(session).projects[14].executor == session.report.unit
    assert tab.list_model.index(14).data() == "15. 城市运行监测平台运维"

    item = tab.list.visualRect(tab.list_model.index(14)).center()
    me.double_click(tab.list.viewport(), item)                              # renamed in the list
    me.type("监测平台运维")
    me.press("Return")
    assert stored(session).projects[14].name == "监测平台运维"
    assert tab.form.inputs["name"].text() == "监测平台运维"

    dialogs.answer(no, expect="删除项目「监测平台运维」")
    me.click("删除")
    assert len(session.report.projects) == 15
    dialogs.answer(yes)
    me.click("删除")
    assert len(stored(session).projects) == 14 and tab.current == 13
    assert session.undo_stack.undoText() == "删除项目"

    session.undo_stack.undo()
    assert names(session)[14] == "监测平台运维" and tab.current == 13


def test_move_a_project_and_keep_it_selected_through_undo(tab, me, session):
    first, second = names(session)[:2]
    me.click("下移", within=tab.buttons["下移"].parentWidget())
    assert names(session)[:2] == [second, first] and tab.current == 1
    assert [p.name for p in stored(session).projects][:2] == [second, first]
    assert tab.buttons["上移"].isEnabled()
    me.click("上移", within=tab.buttons["上移"].parentWidget())
    assert names(session)[:2] == [first, second] and tab.current == 0
    assert not tab.buttons["上移"].isEnabled()

    select(tab, 5)
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert names(session)[:2] == [first, second]
    assert tab.current == 5 and tab.form.inputs["name"].text() == names(session)[5]


def test_editing_spent_updates_the_rate_and_persists(tab, session, retype):
    select(tab, 13)
    retype(tab.form.inputs["spent"], "3", tab.form.inputs["budget"])
    assert session.report.projects[13].spent == 3_000_000
    assert stored(session).projects[13].spent == 3_000_000
    assert tab.form.rate.text() == "100.00%"
    assert session.undo_stack.undoText() == "14. 行政事业单位缴纳残保金 修改执行数"
    session.undo_stack.undo()
    assert tab.form.inputs["spent"].text() == "2.59" and tab.form.rate.text() == "86.33%"

    retype(tab.form.inputs["budget"], "", tab.form.inputs["spent"])
    assert tab.form.rate.text() == "—"


def test_a_bad_amount_is_refused(tab, session, qtbot, retype):
    with qtbot.waitSignal(tab.message) as refused:
        retype(tab.form.inputs["budget"], "三百", tab.form.inputs["spent"])
    assert "不是金额" in refused.args[0]
    assert session.report.projects[0].budget == 395_840_000 and session.undo_stack.count() == 0


def test_choices_save_when_picked(tab, me, session):
    box = tab.form.inputs["kind"]
    assert [box.itemText(i) for i in range(box.count())] == ["", "常年性项目", "延续性项目", "一次性项目"]
    box.setFocus()
    for _ in range(3):
        me.press("Down", to=box)
    assert stored(session).projects[0].kind == "一次性项目"
    assert session.undo_stack.undoText() == "1. 通信链路租赁费 修改项目类型"


def test_a_missed_target_marks_the_row_and_asks_for_the_reason(tab, me, session, retype):
    select(tab, 10)                                   # 乡村振兴专项资金: all targets met, no reason
    form, model = tab.form, tab.form.indicators.model
    assert form.reason_note.isHidden()
    me.click("新增指标", within=form)
    row = model.rowCount() - 1
    assert form.indicators.current_row() == row
    assert stored(session).projects[10].indicators[row].level1 == model.index(row - 1, 0).data()
    for column, text in ((LEVEL3, "全年运维报告篇数"), (TARGET, "≥12篇"), (ACTUAL, "6篇")):
        me.type_in_cell(form.indicators.view, model.index(row, column), text)
    assert stored(session).projects[10].indicators[row].actual == "6篇"
    assert model.index(row, LEVEL3).data(Qt.ItemDataRole.BackgroundRole) == WARNING_BACKGROUND
    assert "≥12篇" in model.index(row, ACTUAL).data(Qt.ItemDataRole.ToolTipRole)
    assert form.reason_note.isVisible() and form.reason_note.text() == MISSED_HINT
    assert "background" in form.inputs["deviation_reason"].styleSheet()

    retype(form.inputs["deviation_reason"], "机构改革后统计截至6月底。", form.inputs["improvement"])
    assert stored(session).projects[10].deviation_reason == "机构改革后统计截至6月底。"
    assert form.reason_note.isHidden()
    assert "background" not in form.inputs["deviation_reason"].styleSheet()


def test_a_low_rate_asks_for_the_reason_too(tab):
    select(tab, 13)                                   # 86.33% < 90%, no reason
    assert tab.form.reason_note.text() == "执行率低于90%，请填写偏差原因"


def test_indicator_rows_move_and_go(tab, me, session):
    select(tab, 8)
    table, model = tab.form.indicators, tab.form.indicators.model
    first, second = model.index(0, LEVEL3).data(), model.index(1, LEVEL3).data()
    me.click_cell(table.view, model.index(0, LEVEL3))
    me.click("下移", within=table)
    assert [x.level3 for x in stored(session).projects[8].indicators][:2] == [second, first]
    assert table.current_row() == 1
    me.click("删除指标", within=table)
    assert len(stored(session).projects[8].indicators) == 6
    assert session.undo_stack.undoText() == "9. 区政府门户网站运维 删除指标"
    session.undo_stack.undo()
    assert model.rowCount() == 7


def test_indicator_editors_offer_the_standard_names(tab):
    view = tab.form.indicators.view
    delegate = view.itemDelegate()
    model = tab.form.indicators.model
    level1 = delegate.createEditor(view.viewport(), QStyleOptionViewItem(), model.index(0, 0))
    level2 = delegate.createEditor(view.viewport(), QStyleOptionViewItem(), model.index(0, 1))
    assert isinstance(level1, QComboBox) and not level1.isEditable()
    assert [level1.itemText(i) for i in range(level1.count())] == ["产出指标", "效益指标", "满意度指标"]
    assert isinstance(level2, QComboBox) and level2.isEditable() and level2.findText("服务对象满意度指标") >= 0
    assert not isinstance(delegate.createEditor(view.viewport(), QStyleOptionViewItem(), model.index(0, 2)), QComboBox)


def test_indicator_model_passes_the_model_tester(tab, session, qtmodeltester):
    select(tab, 8)
    qtmodeltester.check(tab.form.indicators.model)
    rows = [*session.report.projects[0].indicators]

    def change(mutate, label):        # what a tab does, without a session
        mutate(rows)
        alone.set_indicators(rows)
        return True
    alone = IndicatorModel(PROJECT_COLUMNS, change)
    alone.set_indicators(rows)
    qtmodeltester.check(alone)
    assert alone.add(-1) == 5 and rows[5].level1 == rows[4].level1
    assert alone.move(5, -1) and rows[4].level3 == ""


def test_findings_colour_the_list_and_the_fields(tab, session):
    row = tab.list_model.index(11)                    # 驻村工作经费: F04 偏差原因 and 改进措施
    assert "偏差大或目标未完成原因分析" in row.data(Qt.ItemDataRole.ToolTipRole)
    assert row.data(Qt.ItemDataRole.BackgroundRole) is not None
    select(tab, 9)                                    # F03: 指标1 lacks a target
    assert tab.form.indicators.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    select(tab, 7)                                    # F03: no 效益指标
    assert "效益指标" in tab.form.indicators.note.text() and tab.form.indicators.note.isVisible()


def test_show_finding_selects_the_project_and_focuses_the_field(tab, session):
    assert tab.show_finding(Finding("F04", "warning", "项目自评", "12", "偏差原因", None, None, ""))
    assert tab.current == 11
    assert QApplication.focusWidget() is tab.form.inputs["deviation_reason"]
    assert tab.show_finding(Finding("F03", "warning", "项目自评", "10", "指标5", None, None, ""))
    assert tab.current == 9 and tab.form.indicators.current_row() == 4
    assert tab.show_finding(Finding("B13", "warning", "项目自评", "", "执行数", None, None, ""))
    assert not tab.show_finding(Finding("F04", "warning", "项目自评", "99", "偏差原因", None, None, ""))
    assert not tab.show_finding(Finding("B14", "error", "整体自评", "", "基本支出总额", None, None, ""))


def test_typing_then_switching_projects_saves_to_the_project_typed_in(tab, session, typing):
    typing(tab.form.inputs["improvement"], "加强统计")
    tab.show_finding(Finding("F04", "warning", "项目自评", "12", "偏差原因", None, None, ""))
    assert session.report.projects[0].improvement == "加强统计"
    assert session.report.projects[11].improvement == ""
