"""A table's tab: the published heading, adding and removing codes, totals, jumps."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel

from as_user import dismiss, fill, menu_item, no, words, yes
from kuaiji_desk.core import edits
from kuaiji_desk.core.rules.findings import Finding
from kuaiji_desk.store.repo import load_report
from kuaiji_desk.ui import style
from kuaiji_desk.ui.legend import ColourLegend
from kuaiji_desk.ui.table_tab import TableTab

# The offscreen platform says so when a window or popup is shown; it is not ours to fix.


@pytest.fixture
def make_tab(qtbot):
    def make(session, table_id):
        tab = TableTab(session, table_id)
        qtbot.addWidget(tab)
        return tab
    return make


def rows(tab):
    """Every row id the grid shows, line by line (06 shows several blocks per line)."""
    model = tab.model
    cells = (model.cell_of(model.index(r, c)) for r in range(model.rowCount()) for c in range(model.columnCount()))
    return list(dict.fromkeys(cell[0] for cell in cells if cell))


def labels(tab):
    return [label.text() for label in tab.findChildren(QLabel)]


def test_heading_as_published(make_tab, sample):
    tab = make_tab(sample, "02")
    texts = labels(tab)
    for expected in ["2024年度收入决算表", "公开02表", "部门：武汉市汉阳区城市运行管理中心", "单位：万元",
                     "注：本表反映部门本年度取得的各项收入情况。"]:
        assert expected in texts
    sample.set_unit("元")
    assert "单位：元" in labels(tab)


def test_statement_shows_only_for_an_empty_table(make_tab, sample):
    empty, full = make_tab(sample, "07"), make_tab(sample, "02")
    assert empty.statement_label.text() == "本部门2024年度无政府性基金预算财政拨款收入支出。"
    assert not empty.statement_label.isHidden()
    assert full.statement_label.isHidden()


def right_click_cell(me, tab, row, col):
    me.right_click(tab.view.viewport(), tab.view.visualRect(tab.model.index_of(row, col)).center())


def test_adding_a_code_adds_its_class_and_item_and_undo_removes_them(qtbot, make_tab, blank, db, shown, user):
    tab = shown(make_tab(blank, "02"))
    me = user(tab)
    me.retype(tab.code_edit, "2010350")
    me.press("Return")
    assert rows(tab) == ["合计", "201", "20103", "2010350"]
    assert tab.model.label_of("2010350") == "事业运行"
    assert tab.code_edit.text() == ""
    assert load_report(db, "单位", 2024).code_rows["02"] == {"201": "一般公共服务支出",
                                                          "20103": "政府办公厅（室）及相关机构事务",
                                                          "2010350": "事业运行"}
    me.retype(tab.code_edit, "2010101 行政运行")       # as the completer writes it
    me.click("新增", within=tab)
    assert rows(tab) == ["合计", "201", "20101", "2010101", "20103", "2010350"]
    blank.undo_stack.undo()
    blank.undo_stack.undo()
    assert rows(tab) == ["合计"]


def test_the_completer_offers_catalog_entries_by_code_or_name(qtbot, make_tab, blank):
    tab = make_tab(blank, "02")
    qtbot.keyClicks(tab.code_edit, "201035")
    assert tab._suggestions.stringList()[0] == "2010350 事业运行"
    tab.code_edit.clear()
    typed = QInputMethodEvent()          # Chinese arrives through the input method
    typed.setCommitString("事业运行")
    QApplication.sendEvent(tab.code_edit, typed)
    assert "2010350 事业运行" in tab._suggestions.stringList()


def test_an_unknown_code_is_added_and_marked(qtbot, make_tab, blank, shown, user):
    tab = shown(make_tab(blank, "02"))
    user(tab).retype(tab.code_edit, "2010388 本地科目")
    with qtbot.waitSignal(tab.message) as signal:
        user(tab).press("Return")
    assert "不在2024年科目表中" in signal.args[0]
    assert tab.model.label_of("2010388") == "本地科目"
    assert tab.model.index_of("2010388", "").data(Qt.ItemDataRole.BackgroundRole) == style.WARNING_BACKGROUND


@pytest.mark.parametrize("table, code", [("02", "20103501"), ("02", "abc"), ("02", "2010"), ("06", "3010101")])
def test_a_malformed_code_is_refused(qtbot, make_tab, blank, table, code, shown, user):
    tab = shown(make_tab(blank, table))
    before = rows(tab)
    user(tab).retype(tab.code_edit, code)
    with qtbot.waitSignal(tab.message) as signal:
        user(tab).click("新增", within=tab)
    assert "科目编码" in signal.args[0] and "位" in signal.args[0]
    assert rows(tab) == before
    assert blank.undo_stack.count() == 0


def test_a_code_already_there_is_selected_not_added_twice(qtbot, make_tab, sample, shown, user):
    tab = shown(make_tab(sample, "02"))
    user(tab).retype(tab.code_edit, "2010350")
    with qtbot.waitSignal(tab.message):
        user(tab).press("Return")
    assert sample.undo_stack.count() == 0
    assert tab.view.currentIndex() == tab.model.index_of("2010350", "")


def test_removing_a_code_asks_first(make_tab, sample, shown, user, dialogs):
    tab = shown(make_tab(sample, "02"))
    me = user(tab)
    dialogs.answer(menu_item("删除科目 20103"), no)
    right_click_cell(me, tab, "20103", "2")
    dialogs.wait()
    assert "20103" in rows(tab)
    question = dialogs.last.text
    dialogs.answer(menu_item("删除科目 20103"), yes)
    right_click_cell(me, tab, "20103", "")
    dialogs.wait()
    assert "20103" not in rows(tab) and "2010350" not in rows(tab)
    assert ("02", "2010350", "2") not in sample.report.cells
    assert question == "删除科目 20103「政府办公厅(室)及相关机构事务」及其下 2 个科目？这些行填写的金额将一并删除。"
    sample.undo_stack.undo()
    assert sample.report.cells[("02", "2010350", "2")] == 251_350_000


def test_stated_totals_reset_to_computed(make_tab, sample, shown, user, dialogs):
    tab = shown(make_tab(sample, "02"))
    sample.apply(edits.set_cell("02", "2010350", "2", 300_000_000))
    index = tab.model.index_of("2010350", "1")
    dialogs.answer(menu_item("恢复为计算值"))
    user(tab).click_cell(tab.view, index)
    right_click_cell(user(tab), tab, "2010350", "1")
    dialogs.wait()
    assert index.data() == "300.00"
    assert not tab.model.is_stated_total("2010350", "1")
    assert sample.undo_stack.undoText() == "恢复为计算值"


def test_show_finding_selects_its_cell(make_tab, sample):
    tab = make_tab(sample, "02")
    finding = next(f for f in sample.findings if f.table == "02")
    assert tab.show_finding(finding)
    assert tab.model.cell_of(tab.view.currentIndex()) == (finding.row, finding.column)
    elsewhere = Finding("A01", "error", "01", "27", "1", None, None, "…")
    assert not tab.show_finding(elsewhere)
    missing = Finding("A07.2", "warning", "02", "2099999", "", None, None, "…")
    assert not tab.show_finding(missing)


def test_rejections_reach_the_status_bar(qtbot, make_tab, sample):
    tab = make_tab(sample, "02")
    with qtbot.waitSignal(tab.message) as signal:
        tab.model.setData(tab.model.index_of("2010350", "2"), "一百")
    assert "「一百」不是金额" in signal.args[0]


def test_context_menu_offers_what_the_cell_allows(make_tab, sample, shown, user, dialogs):
    tab = shown(make_tab(sample, "02"))
    me = user(tab)

    def offered(row, col):
        items = []
        dialogs.answer(fill(lambda menu: items.extend(words(a.text()) for a in menu.actions() if a.text()),
                            then=dismiss))
        right_click_cell(me, tab, row, col)
        dialogs.wait()
        return items
    assert offered("2010350", "2") == ["复制", "粘贴", "清除", "删除科目 2010350", "本表全部按计算值"]
    assert offered("合计", "1") == ["复制", "粘贴", "清除", "恢复为计算值", "本表全部按计算值"]
    dialogs.answer(menu_item("恢复为计算值"))
    right_click_cell(me, tab, "合计", "1")
    dialogs.wait()
    assert not tab.model.is_stated_total("合计", "1")
    assert tab.model.index_of("合计", "1").data() == "1,286.75"    # the sum of the classes


def test_a_legend_under_the_grid_names_its_colours(make_tab, sample):
    tab = make_tab(sample, "02")
    legend = tab.findChild(ColourLegend)
    swatches = {label.text(): label for label in legend.findChildren(QLabel) if "background" in label.styleSheet()}
    assert list(swatches) == ["错误", "提示", "尾数", "计算值", "导入的合计"]
    stated = tab.model.index_of("2010350", "1").data(Qt.ItemDataRole.BackgroundRole)
    assert stated == style.STATED_BACKGROUND and stated.name() in swatches["导入的合计"].styleSheet()
    assert "改动其下各项后按计算值" in swatches["导入的合计"].toolTip()
