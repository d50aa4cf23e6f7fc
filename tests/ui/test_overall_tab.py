"""整体绩效自评: totals in the session's unit, the table made on the first edit, the shared indicator model."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kuaiji_desk.core import edits
from kuaiji_desk.core.rules.findings import Finding
from kuaiji_desk.store.repo import create_report, load_report
from kuaiji_desk.ui.indicator_model import MISSED_HINT, OVERALL_COLUMNS, IndicatorModel
from kuaiji_desk.ui.overall_tab import OverallTab
from kuaiji_desk.ui.session import Session
from kuaiji_desk.ui.style import WARNING_BACKGROUND

# The offscreen platform says so when a window is shown; it is not ours to fix.

LEVEL3, TARGET, ACTUAL = 2, 4, 5


@pytest.fixture
def tab(session, shown):
    return shown(OverallTab(session))


def stored(session):
    return load_report(session.db, session.report.unit, session.report.year)


def test_shows_the_table(tab):
    form = tab.form
    assert form.inputs["unit_name"].text() == "汉阳区城市运行管理中心"
    assert form.inputs["basic_total"].text() == "335.28"
    assert form.inputs["project_total"].text() == "951.48"
    assert form.inputs["fill_date"].text() == "2025年6月20日"
    assert isinstance(form.indicators.model, IndicatorModel) and form.indicators.model.columns is OVERALL_COLUMNS
    assert form.indicators.model.rowCount() == 36
    assert form.indicators.model.index(1, 3).data() == "绩效基本型"


def test_totals_edit_persist_and_undo(tab, session, retype):
    basic, project = tab.form.inputs["basic_total"], tab.form.inputs["project_total"]
    basic.setFocus()
    project.setFocus()
    assert session.report.overall.basic_total == 335_277_569      # left untouched: the exact 分 stay
    retype(basic, "335.27", project)
    assert stored(session).overall.basic_total == 335_270_000
    assert session.undo_stack.undoText() == "整体绩效自评 修改基本支出总额"
    session.undo_stack.undo()
    assert basic.text() == "335.28" and stored(session).overall.basic_total == 335_277_569


def test_totals_in_yuan(tab, session, retype):
    session.set_unit("元")
    basic = tab.form.inputs["basic_total"]
    assert basic.text() == "3,352,775.69"
    assert "基本支出总额（元）" in [label.text() for label, _ in tab.form._amount_labels]
    retype(basic, "3352775.70", tab.form.inputs["project_total"])
    assert stored(session).overall.basic_total == 335_277_570


def test_a_bad_total_is_refused(tab, session, qtbot, retype):
    with qtbot.waitSignal(tab.message):
        retype(tab.form.inputs["project_total"], "九百", tab.form.inputs["basic_total"])
    assert session.report.overall.project_total == 951_479_069 and session.undo_stack.count() == 0


def test_the_first_edit_makes_the_table(db, shown, retype):
    report = create_report(db, "测试单位", 2024)
    session = Session(db, report)
    tab = shown(OverallTab(session))
    assert tab.form.inputs["goals"].toPlainText() == ""
    retype(tab.form.inputs["goals"], "提升办事效率", tab.form.inputs["fill_date"])
    overall = load_report(db, "测试单位", 2024).overall
    assert overall.goals == "提升办事效率" and overall.unit_name == "测试单位"
    assert tab.form.inputs["unit_name"].text() == "测试单位"
    session.undo_stack.undo()
    assert load_report(db, "测试单位", 2024).overall is None
    assert tab.form.inputs["goals"].toPlainText() == "" and tab.form.inputs["unit_name"].text() == ""


def test_a_missed_target_asks_for_the_reason(tab, session, retype):
    form, model = tab.form, tab.form.indicators.model
    retype(form.inputs["deviation_reason"], "", form.inputs["improvement"])
    assert form.reason_note.text() == MISSED_HINT                    # rows 26 and 28 miss their targets
    assert model.index(25, LEVEL3).data(Qt.ItemDataRole.BackgroundRole) == WARNING_BACKGROUND
    assert "整体绩效自评表中" in form.inputs["deviation_reason"].toolTip()   # F04 names the field

    missed = [r for r in range(model.rowCount()) if model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole)]
    for row in missed:
        model.setData(model.index(row, ACTUAL), model.index(row, TARGET).data().lstrip("≥"))
    assert stored(session).overall.indicators[25].actual == "3300条"
    assert model.index(25, LEVEL3).data(Qt.ItemDataRole.BackgroundRole) is None
    assert form.reason_note.isHidden()


def test_indicator_rows_are_added_to_the_overall_table(tab, session, user):
    table = tab.form.indicators
    me = user(tab)
    me.click_cell(table.view, table.model.index(35, 2))
    me.click("新增指标", within=table)
    assert len(stored(session).overall.indicators) == 37
    assert stored(session).overall.indicators[36].level1 == "满意度"
    assert session.undo_stack.undoText() == "整体绩效自评 新增指标"


def test_indicator_model_passes_the_model_tester(tab, qtmodeltester):
    qtmodeltester.check(tab.form.indicators.model)


def test_show_finding_focuses_the_field(tab, session):
    session.apply(edits.change_overall(
        session.report, lambda r: setattr(r.overall, "basic_total", 1), "修改基本支出总额"))
    b14 = next(f for f in session.findings if f.rule == "B14")
    assert "background" in tab.form.inputs["basic_total"].styleSheet()
    assert tab.show_finding(b14)
    assert QApplication.focusWidget() is tab.form.inputs["basic_total"]
    assert tab.show_finding(Finding("X", "warning", "整体自评", "", "指标3", None, None, ""))
    assert tab.form.indicators.current_row() == 2
    assert not tab.show_finding(Finding("F04", "warning", "项目自评", "1", "偏差原因", None, None, ""))
