"""Stated totals in the grid, the accountant's way: a part typed, pasted or cleared turns
the totals above it back to computed in the same step; a stated total is typed over; a
computed one says which sum it is; 本表全部按计算值 from the right-click menu.

The sample's figures (the reference report, 万元): 02 has 2010350 事业运行 251.35 and
2010399 294.68 under 20103 / 201 (546.03); its classes 201 546.03, 206 653.80, 208 27.94,
210 25.77, 213 3.00, 221 30.21 add up to 1286.75, while the stated 合计 is 1286.76.
"""
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from as_user import dismiss, fill, menu_item, words, yes
from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.core.sample import SAMPLE_UNIT
from kuaiji_desk.ui import style
from kuaiji_desk.ui.table_tab import TableTab

W = 1_000_000   # 分 per 万元
BACKGROUND, TIP = Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole
ABOVE_2010350 = [("2010350", "1"), ("20103", "2"), ("20103", "1"), ("201", "2"), ("201", "1"),
                 ("合计", "2"), ("合计", "1")]


@pytest.fixture
def make_tab(qtbot, shown):
    def make(session, table_id):
        tab = TableTab(session, table_id)
        qtbot.addWidget(tab)
        return shown(tab)
    return make


@pytest.fixture
def sample_window(open_window, user):
    window = open_window()
    user(window).click("打开示例")
    return window


def stored(tmp_path):
    db = open_db(tmp_path / "k.db")
    try:
        return repo.load_report(db, SAMPLE_UNIT, 2024).cells
    finally:
        close_db(db)


def shows(tab, row, col):
    return tab.model.index_of(row, col).data()


def open_table(window, table_id):
    tab = window.view.tables[table_id]
    window.view.setCurrentWidget(tab)
    return tab


def right_click_cell(me, tab, row, col):
    me.right_click(tab.view.viewport(), tab.view.visualRect(tab.model.index_of(row, col)).center())


def test_a_typed_part_turns_the_totals_above_back_and_ctrl_z_brings_the_stated_figures_back(
        sample_window, user, tmp_path):
    window, me = sample_window, user(sample_window)
    tab = open_table(window, "02")
    assert all(tab.model.is_stated_total(*cell) for cell in ABOVE_2010350)
    steps = window.session.undo_stack.count()

    me.type_in_cell(tab.view, tab.model.index_of("2010350", "2"), "300")

    assert shows(tab, "2010350", "1") == "300.00"
    assert shows(tab, "20103", "2") == shows(tab, "20103", "1") == "594.68"       # 300 + 294.68
    assert shows(tab, "201", "2") == shows(tab, "201", "1") == "594.68"
    assert shows(tab, "合计", "2") == shows(tab, "合计", "1") == "1,335.40"        # 1286.75 − 546.03 + 594.68
    assert not any(tab.model.is_stated_total(*cell) for cell in ABOVE_2010350)
    assert tab.model.index_of("合计", "1").data(BACKGROUND) == style.TOTAL_BACKGROUND
    assert tab.model.is_stated_total("206", "1") and shows(tab, "206", "1") == "653.80"   # another branch
    assert window.session.undo_stack.count() == steps + 1                              # one step
    assert ("02", "合计", "1") not in stored(tmp_path)

    me.press("Ctrl+Z")
    assert shows(tab, "2010350", "2") == "251.35"
    assert shows(tab, "合计", "1") == "1,286.76" and shows(tab, "201", "2") == "546.03"
    assert all(tab.model.is_stated_total(*cell) for cell in ABOVE_2010350)
    assert stored(tmp_path)[("02", "合计", "1")] == 1_286_760_000

    me.press("Ctrl+Y")
    assert shows(tab, "合计", "1") == "1,335.40"


def test_typing_into_a_stated_total_replaces_it(make_tab, sample, user):
    tab = make_tab(sample, "02")
    me = user(tab)
    me.type_in_cell(tab.view, tab.model.index_of("201", "2"), "600")
    assert sample.report.cells[("02", "201", "2")] == 600 * W
    assert tab.model.is_stated_total("201", "2") and shows(tab, "201", "2") == "600.00"
    assert "所列数 600.00 万元" in tab.model.index_of("201", "2").data(TIP)
    assert not tab.model.is_stated_total("合计", "2")
    assert shows(tab, "合计", "2") == "1,340.72"                      # 1286.75 − 546.03 + 600
    assert tab.model.is_stated_total("20103", "2")                    # below it: as stated


@pytest.mark.parametrize("table, row, col, said", [
    ("02", "合计", "3", "“合计”的“上级补助收入”（第3栏）由其下各科目相加得出，不能直接填写；请填写其各项。"),
    ("02", "201", "4", "“201 一般公共服务支出”的“事业收入”（第4栏）由其下各科目相加得出，不能直接填写；请填写其各项。"),
], ids=["合计-3", "201-4"])
def test_typing_into_a_computed_total_says_which_sum_it_is(qtbot, make_tab, sample, user, table, row, col, said):
    tab = make_tab(sample, table)
    me = user(tab)
    me.click_cell(tab.view, tab.model.index_of(row, col))
    with qtbot.waitSignal(tab.message) as signal:
        me.type("5", to=tab.view)
    assert signal.args[0] == said
    assert tab.view.state() != tab.view.State.EditingState
    assert sample.undo_stack.count() == 0


def test_once_computed_a_total_says_so_and_cannot_be_typed_into(qtbot, make_tab, sample, user, dialogs):
    tab = make_tab(sample, "02")
    me = user(tab)
    dialogs.answer(menu_item("本表全部按计算值"))
    right_click_cell(me, tab, "2010350", "2")
    dialogs.wait()
    for row, col, said in [
        ("2010350", "1", "“2010350 事业运行”的“本年收入合计”（第1栏）由本行第2至7栏相加得出，不能直接填写；请填写其各项。"),
        ("合计", "1", "“合计”的“本年收入合计”（第1栏）由其下各科目的第2至7栏相加得出，不能直接填写；请填写其各项。"),
    ]:
        me.click_cell(tab.view, tab.model.index_of(row, col))
        with qtbot.waitSignal(tab.message) as signal:
            me.type("5", to=tab.view)
        assert signal.args[0] == said
    assert shows(tab, "合计", "1") == "1,286.75"
    assert sample.undo_stack.count() == 1


def test_a_fixed_table_total_names_its_rows(qtbot, make_tab, sample, user, dialogs):
    tab = make_tab(sample, "01")
    me = user(tab)
    dialogs.answer(menu_item("本表全部按计算值"))
    right_click_cell(me, tab, "1", "1")
    dialogs.wait()
    me.click_cell(tab.view, tab.model.index_of("27", "1"))
    with qtbot.waitSignal(tab.message) as signal:
        me.type("5", to=tab.view)
    assert signal.args[0] == "“本年收入合计”（第27行）由第1至8行相加得出，不能直接填写；请填写其各项。"


def test_this_table_all_computed_from_the_right_click_menu(qtbot, make_tab, sample, user, dialogs):
    tab = make_tab(sample, "02")
    me = user(tab)
    with qtbot.waitSignal(tab.message) as signal:
        dialogs.answer(menu_item("本表全部按计算值"))
        right_click_cell(me, tab, "206", "2")
        dialogs.wait()
    assert signal.args[0] == "公开02表的 35 个所列合计数已全部按计算值。"
    assert not [k for k in sample.report.cells if k[0] == "02" and tab.model.is_stated_total(k[1], k[2])]
    assert shows(tab, "合计", "1") == "1,286.75" and shows(tab, "2010350", "1") == "251.35"
    assert ("03", "合计", "1") in sample.report.cells                  # other tables as stated
    assert sample.undo_stack.undoText() == "公开02表全部按计算值"

    enabled = []
    dialogs.answer(fill(lambda menu: enabled.extend(a.isEnabled() for a in menu.actions()
                                                    if words(a.text()) == "本表全部按计算值"), then=dismiss))
    right_click_cell(me, tab, "206", "2")
    dialogs.wait()
    assert enabled == [False]                                          # nothing left to reset

    sample.undo_stack.undo()
    assert shows(tab, "合计", "1") == "1,286.76" and tab.model.is_stated_total("合计", "1")


def test_delete_and_paste_turn_the_totals_above_back(make_tab, sample, user):
    tab = make_tab(sample, "02")
    me = user(tab)
    me.click_cell(tab.view, tab.model.index_of("2010350", "2"))
    me.press("Delete")
    assert shows(tab, "2010350", "1") == ""                            # a total of nothing: blank
    assert shows(tab, "20103", "1") == "294.68"
    assert shows(tab, "合计", "1") == "1,035.40"                        # 1286.75 − 251.35
    assert sample.undo_stack.count() == 1
    sample.undo_stack.undo()
    assert shows(tab, "合计", "1") == "1,286.76"

    me.click_cell(tab.view, tab.model.index_of("201", "1"))             # a stated total cleared: computed
    me.press("Delete")
    assert shows(tab, "201", "1") == "546.03" and not tab.model.is_stated_total("201", "1")
    assert shows(tab, "合计", "1") == "1,286.75" and not tab.model.is_stated_total("合计", "1")
    sample.undo_stack.undo()

    QGuiApplication.clipboard().setText("300\n")                       # copied from a spreadsheet
    me.click_cell(tab.view, tab.model.index_of("2010350", "2"))
    me.press("Ctrl+V")
    assert shows(tab, "合计", "1") == "1,335.40"
    assert not any(tab.model.is_stated_total(*cell) for cell in ABOVE_2010350)
    assert sample.undo_stack.count() == 1


def test_removing_a_code_leaves_the_totals_above_it_computed(make_tab, sample, user, dialogs):
    tab = make_tab(sample, "02")
    dialogs.answer(menu_item("删除科目 2010399"), yes)
    right_click_cell(user(tab), tab, "2010399", "2")
    dialogs.wait()
    assert shows(tab, "合计", "1") == "992.07"                          # 1286.75 − 294.68
    assert shows(tab, "20103", "2") == "251.35"
    assert not tab.model.is_stated_total("20103", "2")
    assert tab.model.is_stated_total("2010350", "1")


def test_06_an_item_typed_turns_its_class_and_group_back(make_tab, sample, user):
    tab = make_tab(sample, "06")
    assert tab.model.is_stated_total("301", "1") and shows(tab, "301", "1") == "309.48"
    user(tab).type_in_cell(tab.view, tab.model.index_of("30101", "1"), "20")
    assert shows(tab, "301", "1") == "310.85"                           # its items 309.49 − 18.64 + 20
    assert not tab.model.is_stated_total("人员经费合计", "1")
    assert tab.model.is_stated_total("公用经费合计", "1")


def test_a_code_added_to_02_is_offered_for_03_and_05_as_one_more_step(sample_window, user):
    window, me = sample_window, user(sample_window)
    tab = open_table(window, "02")
    report = window.session.report
    me.retype(tab.code_edit, "2010301")
    me.press("Return")
    assert "2010301" in report.code_rows["02"]
    for row in ("20103", "201", "合计"):                                 # a code row under them: computed
        assert not tab.model.is_stated_total(row, "1"), row
    assert tab.model.is_stated_total("2010350", "1")
    assert not tab.offer.isHidden()
    assert tab.offer_label.text() == "公开03表和公开05表中还没有科目 2010301「行政运行」。"

    me.click("也在公开03表和公开05表新增", within=tab)
    assert "2010301" in report.code_rows["03"] and "2010301" in report.code_rows["05"]
    assert ("03", "合计", "1") not in report.cells and ("05", "20103", "2") not in report.cells
    assert tab.offer.isHidden()
    assert window.session.undo_stack.undoText() == "在公开03表、公开05表新增科目 2010301"

    me.press("Ctrl+Z")                                                   # the 03 and 05 rows only
    assert "2010301" not in report.code_rows["03"] and "2010301" not in report.code_rows["05"]
    assert ("03", "合计", "1") in report.cells
    assert "2010301" in report.code_rows["02"]
    me.press("Ctrl+Z")
    assert "2010301" not in report.code_rows["02"]
    assert tab.model.is_stated_total("合计", "1")


def test_the_offer_names_only_the_tables_that_lack_the_code_and_can_be_declined(make_tab, sample, user):
    t05 = make_tab(sample, "05")
    user(t05).retype(t05.code_edit, "2010301")
    user(t05).press("Return")
    assert t05.offer is None                                             # offered from 02 only
    tab = make_tab(sample, "02")
    me = user(tab)
    me.retype(tab.code_edit, "2010301")
    me.press("Return")
    assert tab.offer_label.text() == "公开03表中还没有科目 2010301「行政运行」。"
    me.click("不用", within=tab)
    assert tab.offer.isHidden()
    assert "2010301" not in sample.report.code_rows["03"]
    assert sample.undo_stack.count() == 2


def test_the_grid_after_a_reset(make_tab, sample, user, dialogs, tmp_path):
    """For a look at the marks: computed totals grey, stated ones yellow, findings red."""
    tab = make_tab(sample, "02")
    me = user(tab)
    me.type_in_cell(tab.view, tab.model.index_of("2010350", "2"), "300")
    tab.grab().save(str(Path(tmp_path) / "after_typing.png"))
    dialogs.answer(menu_item("本表全部按计算值"))
    right_click_cell(me, tab, "206", "2")
    dialogs.wait()
    shot = Path(tmp_path) / "after_reset.png"
    assert tab.grab().save(str(shot))
    marks = [style.TOTAL_BACKGROUND, *style.SEVERITY_BACKGROUND.values()]
    for row in ("合计", "201", "206", "2010350"):
        assert tab.model.index_of(row, "1").data(BACKGROUND) in marks, row
