"""A 部门 in the window: the start page shows it with its units; its tables are its units' added
up, read-only, with 单位明细; its units' findings are listed under it and open the unit; the
sum follows a unit saved by another program."""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from as_user import ok, start_page_reports
from kuaiji_desk.core.consolidation import consolidate
from kuaiji_desk.core.report import Composition, new_report
from kuaiji_desk.core.sample import load_sample
from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.ui.findings_panel import FINDING_ROLE

DEPT = "某部门"
UNITS = ("单位甲", "单位乙")


def department_in(path):
    sample = load_sample()
    db = open_db(path)
    try:
        for name in UNITS:
            repo.save_report(db, dataclasses.replace(sample, unit=name))
        own = new_report(DEPT, 2024)
        own.composition = Composition(UNITS)
        repo.save_report(db, consolidate(own, []))
    finally:
        close_db(db)
    return sample


def open_department(window, me):
    me.choose("文件", "打开报告")
    tree = window.start.tree
    item = next(item for item, unit, _ in start_page_reports(window) if unit == DEPT)
    me.double_click(tree.viewport(), tree.visualItemRect(item).center())
    assert window.session.report.unit == DEPT


def test_the_start_page_shows_the_department_with_its_units(open_window, user, tmp_path):
    department_in(tmp_path / "k.db")
    window = open_window()
    tree = window.start.tree
    top = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert top == ["某部门（部门汇总，2 个单位）"]
    dept = tree.topLevelItem(0)
    assert [dept.child(i).text(0) for i in range(dept.childCount())] == list(UNITS) and dept.isExpanded()
    open_department(window, user(window))


def test_the_departments_cells_are_its_units_added_and_cannot_be_typed_into(open_window, user, dialogs, tmp_path):
    sample = department_in(tmp_path / "k.db")
    window = open_window()
    me = user(window)
    open_department(window, me)
    tab = window.view.tables["02"]
    window.view.setCurrentWidget(tab)
    cell = tab.model.index_of("2010350", "2")
    assert cell.data() == "502.70"                             # 251.35 万元 twice
    me.click_cell(tab.view, cell)
    QTest.keyClicks(tab.view, "5")
    assert "部门汇总数由所属单位的报告汇总得出" in window.message.message()
    assert window.session.report.get("02", "2010350", "2") == 2 * sample.get("02", "2010350", "2")
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "单位甲：251.35" in tip and "单位乙：251.35" in tip and "部门合计：502.70 万元" in tip
    dialogs.answer(ok)
    me.double_click(tab.view.viewport(), tab.view.visualRect(cell).center())
    assert dialogs.last.title == "单位明细"
    assert "单位甲：251.35\n单位乙：251.35\n部门合计：502.70 万元" in dialogs.last.text


def test_a_units_finding_is_listed_under_the_department_and_opens_the_unit(open_window, user, tmp_path):
    department_in(tmp_path / "k.db")
    window = open_window()
    me = user(window)
    open_department(window, me)
    tree = window.findings_panel.tree
    groups = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    names = [g.text(0) for g in groups]
    assert "单位：单位甲" in names and "单位：单位乙" in names
    group = groups[names.index("单位：单位乙")]
    group.setExpanded(True)
    item = group.child(0)
    finding = item.data(0, FINDING_ROLE).finding
    tree.scrollToItem(item)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    assert window.session.report.unit == "单位乙"
    assert window.session.live is None and finding.message in [f.message for f in window.session.findings]


def test_the_sum_follows_a_unit_saved_by_another_program(open_window, user, qtbot, tmp_path):
    sample = department_in(tmp_path / "k.db")
    window = open_window()
    open_department(window, user(window))
    window.session.follow_timer.setInterval(50)
    other = open_db(tmp_path / "k.db")   # another accountant, on unit 甲
    try:
        unit = repo.load_report(other, "单位甲", 2024)
        unit.set("02", "2010350", "7", 12_340_000)     # 12.34 万元 of 其他收入
        repo.save_report(other, unit)
    finally:
        close_db(other)
    tab = window.view.tables["02"]
    qtbot.waitUntil(lambda: tab.model.index_of("2010350", "7").data() == "12.34", timeout=3000)
    assert window.session.report.get("02", "2010350", "2") == 2 * sample.get("02", "2010350", "2")
    assert window.session.undo_stack.count() == 0    # nothing of the 部门's own to undo


def test_the_departments_own_texts_are_written_and_kept(open_window, user, tmp_path):
    department_in(tmp_path / "k.db")
    window = open_window()
    me = user(window)
    open_department(window, me)
    field = window.view.info.inputs["职责"][0]
    window.view.setCurrentWidget(window.view.info)
    me.retype(field, "统筹全部门的工作")
    me.press("Tab", to=field)
    db = open_db(tmp_path / "k.db")
    try:
        assert repo.load_report(db, DEPT, 2024).texts["职责"] == "统筹全部门的工作"
    finally:
        close_db(db)


def tick(me, dialog, *names):
    """Ticks (or unticks) units in the list as a person does: select, then Space."""
    for name in names:
        item = dialog.units.findItems(name, Qt.MatchFlag.MatchExactly)[0]
        dialog.units.setCurrentItem(item)
        dialog.units.setFocus()
        QTest.keyClick(dialog.units, Qt.Key.Key_Space)


def test_a_department_is_made_and_its_units_changed_from_the_menu(open_window, user, dialogs, tmp_path):
    from as_user import fill, pick, type_text

    sample = load_sample()
    db = open_db(tmp_path / "k.db")
    try:
        for name in UNITS:
            repo.save_report(db, dataclasses.replace(sample, unit=name))
    finally:
        close_db(db)
    window = open_window()
    me = user(window)

    def make(dialog):
        dialog.name.lineEdit().setFocus()
        type_text(dialog.name.lineEdit(), DEPT)
        dialog.year.setFocus()
        dialog.year.selectAll()
        type_text(dialog.year, "2024")
        tick(me, dialog, *UNITS)
    dialogs.answer(fill(make))
    me.choose("文件", "新建部门汇总")
    report = window.session.report
    assert report.unit == DEPT and sorted(report.composition.units) == sorted(UNITS)
    assert report.get("01", "30", "1") == 2 * sample.get("01", "30", "1")

    def transfer_too_big(dialog):
        me.click("新增一笔", within=dialog)
        pick(dialog.transfers.cellWidget(0, 1), "单位甲")
        pick(dialog.transfers.cellWidget(0, 2), "单位乙")
        for column, text in ((3, "2010350"), (4, "2010350"), (5, "5")):
            me.type_in_cell(dialog.transfers, dialog.transfers.model().index(0, column), text)
    dialogs.answer(fill(transfer_too_big), ok)
    me.choose("文件", "部门单位构成")
    assert dialogs.last.title == "无法汇总" and "只有 0.00 万元，不够抵消" in dialogs.last.text
    assert sorted(window.session.report.composition.units) == sorted(UNITS)      # nothing changed

    dialogs.answer(fill(lambda dialog: tick(me, dialog, "单位乙")))
    me.choose("文件", "部门单位构成")
    assert window.session.report.composition.units == ("单位甲",)
    assert window.session.report.get("01", "30", "1") == sample.get("01", "30", "1")


def test_the_units_workbooks_are_imported_at_once_and_the_open_department_shows_them(open_window, user, dialogs,
                                                                                     tmp_path):
    from as_published import in_layout, published
    from as_user import click, files, fill

    department_in(tmp_path / "k.db")
    sample = load_sample()
    figures = dataclasses.replace(in_layout(sample, "hubei-2024"), unit="单位乙", department="单位乙")
    figures.set("02", "2010350", "7", 12_340_000)           # 12.34 万元 of 其他收入, new in 单位乙's workbook
    book = published(figures, tmp_path / "乙.xlsx", ())
    window = open_window()
    me = user(window)
    open_department(window, me)
    seen = []
    dialogs.answer(files(book), fill(lambda d: seen.append(d.text.toPlainText()), then=click("导入")))
    me.choose("文件", "导入各单位工作簿")
    assert seen[0].startswith("【单位乙】2024年度：替换现有报告中这些表的内容（乙-published.xlsx）")
    assert window.session.report.unit == DEPT
    assert window.session.report.get("02", "2010350", "7") == 12_340_000


def test_the_departments_published_tables_are_imported_beside_the_sum_and_undone(open_window, user, dialogs,
                                                                                tmp_path):
    import openpyxl

    from as_published import published
    from as_user import click, files, fill

    sample = department_in(tmp_path / "k.db")
    window = open_window()
    me = user(window)
    open_department(window, me)
    book = published(window.session.report, tmp_path / "部门.xlsx", ())
    wb = openpyxl.load_workbook(book)
    ws = wb["公开01表"]
    figure = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, float))
    figure.value += 1
    wb.save(book)
    said = []
    dialogs.answer(files(book), fill(lambda d: said.append(d.replaces.toPlainText()), then=click("导入")))
    me.press("Ctrl+I")
    assert "这是部门汇总报告：导入的是部门自己公开的表" in said[0]
    assert [f.rule for f in window.session.findings if f.rule == "B17.3"] == ["B17.3"]
    assert window.session.report.get("01", "1", "1") == 2 * sample.get("01", "1", "1")
    me.press("Ctrl+Z")
    assert not [f for f in window.session.findings if f.rule == "B17.3"]
    assert window.session.report.composition.published == {}


def test_the_departments_projects_say_their_unit(open_window, user, tmp_path):
    sample = department_in(tmp_path / "k.db")
    window = open_window()
    open_department(window, user(window))
    window.view.setCurrentWidget(window.view.projects)
    model = window.view.projects.list_model
    first, last = model.index(0).data(), model.index(model.rowCount() - 1).data()
    assert first == f"1. {sample.projects[0].name}（单位甲）"
    assert last.endswith("（单位乙）") and model.rowCount() == 2 * len(sample.projects)
