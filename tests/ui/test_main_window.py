"""The real window, driven as an accountant drives it — menus, buttons, keys and dialogs
(tests/as_user.py) — and the database holds the result."""
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from as_user import (
    cancel, click, files, fill, menu_item, ok, print_to_file, save_as, starting_folder, text,
    unit_and_year, yes,
)
from kuaiji_desk.core.sample import SAMPLE_UNIT
from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.ui.app import application

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
W = 1_000_000
UNIT = "测试单位"


def stored(tmp_path, unit=UNIT, year=2024):
    db = open_db(tmp_path / "k.db")
    try:
        return repo.load_report(db, unit, year)
    finally:
        close_db(db)


def create_report(window, user, dialogs, unit=UNIT, year=2024):
    dialogs.answer(fill(unit_and_year(unit, year)))
    user.choose("文件", "新建报告")
    assert window.session is not None and window.session.report.unit == unit


def at(tab, row, col):
    return tab.model.index_of(row, col)


def rules_check_sample():
    from kuaiji_desk.core import rules
    from kuaiji_desk.core.sample import load_sample

    return rules.check(load_sample())


def rules_found(window):
    return {f.rule for f in window.session.findings}


def test_empty_database_offers_new_report_and_the_sample(open_window, user):
    window = open_window()
    assert window.stack.currentWidget() is window.start
    assert "新建一份报告、从上年的Excel开始，或打开示例" in window.start.hint.text()
    user(window).click("打开示例")
    assert window.session.report.unit == SAMPLE_UNIT
    assert window.view.count() == 12
    assert [window.view.tabText(i) for i in (0, 1, 9, 10, 11)] == [
        "单位信息与说明", "公开01表", "公开09表", "整体绩效自评", "项目绩效自评"]
    assert "错误 0" in window.counts.text()


def test_the_start_page_opens_the_report_double_clicked_or_chosen(open_window, user, qtbot):
    window = open_window()
    me = user(window)
    me.click("打开示例")
    assert window.counts.text().startswith("错误 0")
    me.choose("文件", "打开报告")                              # back to the list: the report is closed
    assert window.stack.currentWidget() is window.start and window.session is None
    assert window.counts.text() == window.saved.text() == window.message.message() == ""
    assert window.windowTitle() == "部门决算公开"
    tree = window.start.tree
    assert [tree.headerItem().text(c) for c in range(tree.columnCount())] == [
        "单位", "年度", "最近修改", "错误", "提示"]
    warnings = sum(f.severity == "warning" for f in rules_check_sample())
    first = tree.topLevelItem(0)
    assert first.text(0) == SAMPLE_UNIT and first.text(3) == "0"
    assert first.text(4) == str(warnings) and warnings > 0
    assert tree.columnWidth(1) < tree.columnWidth(0) and tree.columnWidth(3) < 100
    me.click("打开")
    assert window.view is not None and window.stack.currentWidget() is window.view
    me.choose("文件", "打开报告")
    rect = tree.visualItemRect(tree.topLevelItem(0))   # the list is shown afresh
    me.double_click(tree.viewport(), rect.center())
    assert window.stack.currentWidget() is window.view and window.session.report.unit == SAMPLE_UNIT


def test_a_season_of_work_in_the_window(open_window, user, dialogs, qtbot, tmp_path):
    window = open_window()
    me = user(window)
    create_report(window, me, dialogs)
    assert window.windowTitle().startswith(f"{UNIT} 2024年度")
    view = window.view

    # 公开02表: a code row with its 类 and 款 appearing by themselves, then figures typed in.
    t02 = view.tables["02"]
    view.setCurrentWidget(t02)
    me.retype(t02.code_edit, "2010350")
    me.click("新增", within=t02)
    assert {"201", "20103", "2010350"} <= set(window.session.report.code_rows["02"])
    me.type_in_cell(t02.view, at(t02, "2010350", "2"), "1,286.76")
    assert window.session.values.value("02", "合计", "1") == 1_286_760_000
    assert "B01" in rules_found(window)                     # 01 r27 says 0, 02 says 1286.76

    # 公开01表: the same income; the finding goes away.
    t01 = view.tables["01"]
    view.setCurrentWidget(t01)
    me.type_in_cell(t01.view, at(t01, "1", "1"), "1286.76")
    assert "B01" not in rules_found(window) and "B02" not in rules_found(window)
    assert "B04" in rules_found(window)                     # 04 still empty

    # 公开04表: a block pasted from Excel is one undoable step.
    t04 = view.tables["04"]
    view.setCurrentWidget(t04)
    me.click_cell(t04.view, at(t04, "1", "1"))
    QGuiApplication.clipboard().setText("1,286.76\r\n\r\n")
    me.press("Ctrl+V")
    assert window.session.report.cells[("04", "1", "1")] == 1_286_760_000
    assert "B04" not in rules_found(window)
    me.choose("编辑", "撤销 粘贴 公开04表 2 个单元格")
    assert ("04", "1", "1") not in window.session.report.cells and "B04" in rules_found(window)
    me.click_tool("重做 粘贴 公开04表 2 个单元格")
    assert window.session.report.cells[("04", "1", "1")] == 1_286_760_000

    # A code row added and removed again, from the grid's context menu.
    t03 = view.tables["03"]
    view.setCurrentWidget(t03)
    me.retype(t03.code_edit, "2210201")
    me.press("Return")
    assert "2210201" in window.session.report.code_rows["03"]
    dialogs.answer(menu_item("删除科目 221"), yes)
    me.right_click(t03.view.viewport(), t03.view.visualRect(at(t03, "221", "1")).center())
    dialogs.wait()
    assert "221" not in window.session.report.code_rows.get("03", {})

    # A project with an indicator whose target was missed asks for the reason.
    projects = view.projects
    view.setCurrentWidget(projects)
    me.click("新增", within=projects.list.parentWidget())
    me.click("新增指标", within=projects.form)
    table = projects.form.indicators
    row = table.model.rowCount() - 1
    for col, text in ((2, "全年运维报告篇数"), (3, "≥12篇"), (4, "6篇")):
        me.type_in_cell(table.view, table.model.index(row, col), text, end="Tab")
    assert any(f.rule == "F04" and f.table == "项目自评" for f in window.session.findings)

    # The findings panel lists them; a click jumps to the cell.
    panel = window.findings_panel
    tree = panel.tree
    groups = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert any(g.text(0).startswith("公开04表") for g in groups) and "项目绩效自评表" in [g.text(0) for g in groups]
    group04 = next(g for g in groups if g.text(0).startswith("公开04表"))
    group04.setExpanded(True)
    finding = group04.child(0).data(0, Qt.ItemDataRole.UserRole)
    tree.scrollToItem(group04.child(0))
    me.left_click(tree.viewport(), tree.visualItemRect(group04.child(0)).center())
    assert view.currentWidget() is t04
    assert t04.view.currentIndex() == at(t04, finding.row, finding.column)

    window.close()
    report = stored(tmp_path)
    assert report.cells[("02", "2010350", "2")] == 1_286_760_000
    assert report.cells[("01", "1", "1")] == 1_286_760_000
    assert report.cells[("04", "1", "1")] == 1_286_760_000
    assert report.projects[0].indicators[0].actual == "6篇"

    again = open_window()                                   # the last report reopens by itself
    assert again.session is not None and again.session.report == report


def test_import_is_one_undoable_step_and_a_bad_file_changes_nothing(open_window, user, dialogs, tmp_path):
    window = open_window()
    me = user(window)
    create_report(window, me, dialogs, unit=SAMPLE_UNIT)
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a workbook")
    dialogs.answer(files(bad), ok, expect=None)
    me.press("Ctrl+I")
    title, text = dialogs.last.title, dialogs.last.text
    assert title == "无法导入" and "坏.xlsx" in text and "报告未作任何更改" in text
    assert window.session.undo_stack.count() == 0

    chosen = [FIXTURES / "hanyang-2024-public-tables.xlsx", FIXTURES / "hanyang-2024-self-evaluations.xlsx"]
    previews = []

    def look(dialog):
        previews.append([dialog.table.item(i, 0).text() + "|" + dialog.table.item(i, 3).text()
                         + "|" + dialog.table.item(i, 4).text() for i in range(dialog.table.rowCount())])
        previews.append(dialog.replaces.toPlainText())
    dialogs.answer(files(*chosen), fill(look, then=click("取消")))
    me.click_tool("导入")                                     # cancelled in the preview: nothing written
    assert window.session.undo_stack.count() == 0 and window.session.report.projects == []
    tables, replaces = previews
    assert "公开02表 收入决算表|22 行，44 个数|合计 1,286.76" in tables
    assert "公开07表 政府性基金预算财政拨款收入支出决算表|无数据|" in tables
    assert tables[0].endswith("|收入总计 1,286.76") and tables[5].endswith("|人员经费与公用经费合计 335.28")
    assert replaces == "报告中还没有这些内容，导入不替换任何已有数据。"
    dialogs.answer(files(*chosen), click("导入"))
    me.choose("文件", "导入本年工作簿")
    assert window.session.undo_stack.count() == 1
    assert len(window.session.report.projects) == 14
    assert stored(tmp_path, SAMPLE_UNIT).cells[("01", "57", "2")] == 1_286_760_000
    me.press("Ctrl+Z")
    assert window.session.report.projects == [] and ("01", "57", "2") not in stored(tmp_path, SAMPLE_UNIT).cells


def test_geometry_and_unit_are_remembered(open_window, user, dialogs):
    window = open_window()
    me = user(window)
    create_report(window, me, dialogs)
    window.resize(760, 560)
    me.choose("视图", "金额单位：元")
    assert window.session.unit == "元"
    me.choose("文件", "退出")
    assert not window.isVisible()
    again = open_window(size=None)
    assert again.session.unit == "元"
    assert [a.isChecked() for a in again.unit_group.actions()] == [False, True]
    assert (again.width(), again.height()) == (760, 560)
    user(again).click_tool("金额单位：万元")
    assert again.session.unit == "万元"


def test_a_second_copy_on_the_same_database_is_told(tmp_path, monkeypatch):
    from kuaiji_desk.store.lock import WINDOW, DatabaseLock
    from kuaiji_desk.ui import main

    application()
    lock = DatabaseLock(tmp_path / "k.db", WINDOW)
    assert lock.acquire()                            # the first copy holds it
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append(text))
    assert main.run(tmp_path / "k.db") == 2
    assert "已被另一个正在运行" in told[0]
    lock.release()


def test_ctrl_z_and_ctrl_y_in_a_grid(open_window, user, dialogs):
    window = open_window()
    me = user(window)
    create_report(window, me, dialogs)
    t01 = window.view.tables["01"]
    window.view.setCurrentWidget(t01)
    me.type_in_cell(t01.view, at(t01, "1", "1"), "5")
    assert window.session.report.cells[("01", "1", "1")] == 5 * W
    me.press("Ctrl+Z")
    assert ("01", "1", "1") not in window.session.report.cells
    me.press("Ctrl+Y")
    assert window.session.report.cells[("01", "1", "1")] == 5 * W
    me.press("Ctrl+Shift+Z")
    assert window.session.report.cells[("01", "1", "1")] == 5 * W   # nothing more to redo
    assert window.undo_action.text().startswith("撤销 ")


def test_export_and_print_from_the_window(open_window, user, dialogs, tmp_path):
    from PySide6.QtPdf import QPdfDocument

    window = open_window()
    me = user(window)
    me.click("打开示例")
    dialogs.answer(save_as(tmp_path / "表.xlsx"))
    me.choose("文件", "导出Excel")
    dialogs.answer(save_as(tmp_path / "公开.pdf"))
    me.click_tool("导出PDF")
    assert (tmp_path / "表.xlsx").stat().st_size > 10_000 and (tmp_path / "公开.pdf").stat().st_size > 10_000
    exported = QPdfDocument()
    exported.load(str(tmp_path / "公开.pdf"))
    pages = exported.pageCount()
    assert pages > 20

    me.choose("文件", "打印预览")
    preview = window._preview
    assert preview.isVisible() and preview.document.pageCount() == pages
    dialogs.answer(print_to_file(tmp_path / "from-preview.pdf"))
    me.click("打印", within=preview)
    me.click("关闭", within=preview)
    assert not preview.isVisible()

    dialogs.answer(print_to_file(tmp_path / "printed.pdf"))
    me.press("Ctrl+P")
    for name in ("from-preview.pdf", "printed.pdf"):
        printed = QPdfDocument()
        printed.load(str(tmp_path / name))
        assert printed.pageCount() == pages, name


def listed(dialog) -> list[str]:
    """The lines of the 发布前检查, group by group."""
    tree = dialog.tree
    return [tree.topLevelItem(i).child(j).text(0) for i in range(tree.topLevelItemCount())
            for j in range(tree.topLevelItem(i).childCount())]


def test_a_report_with_errors_is_exported_only_after_the_publish_check(open_window, user, dialogs, tmp_path):
    window = open_window()
    me = user(window)
    me.click("打开示例")
    me.choose("文件", "打开报告")                              # the sample is complete: no check asked
    me.click("打开")
    dialogs.answer(cancel)
    me.choose("文件", "导出PDF")
    assert dialogs.last.kind == "QFileDialog"

    t02 = window.view.tables["02"]
    window.view.setCurrentWidget(t02)
    me.type_in_cell(t02.view, at(t02, "2010350", "2"), "261.35")
    lines = []
    dialogs.answer(fill(lambda d: lines.extend(listed(d)), then=click("取消")), expect="发布前检查")
    me.choose("文件", "导出PDF")
    errors = [f for f in window.session.findings if f.severity == "error"]
    assert errors and lines == [f"[错误] {f.message}" for f in errors]
    assert not list(tmp_path.glob("*.pdf"))

    first = errors[0]
    dialogs.answer(fill(lambda d: d.tree.itemWidget(d.tree.topLevelItem(0).child(0), 2).click(), then=lambda d: None))
    me.choose("文件", "导出Excel")                             # 去填写: the dialog closes on the place
    dialogs.wait()
    tab = window.view.tables[first.table]
    assert window.view.currentWidget() is tab and tab.view.currentIndex() == at(tab, first.row, first.column)

    dialogs.answer(click("仍然导出PDF"), cancel)                 # go on, then cancel the file dialog
    me.choose("文件", "导出PDF")
    assert dialogs.seen[-1].kind == "QFileDialog"


def test_a_blank_report_lists_what_is_missing_before_printing(open_window, user, dialogs):
    window = open_window()
    me = user(window)
    create_report(window, me, dialogs)
    lines = []
    dialogs.answer(fill(lambda d: lines.extend(listed(d)), then=click("取消")), expect="发布前检查")
    me.press("Ctrl+P")
    assert "[错误] 报告中还没有任何数字：请导入本年的公开表，或在各表中填写。" in lines
    assert "[错误] 「公开日期」还没有填写。" in lines
    assert window._preview is None                            # nothing rendered


def test_a_single_table_prints_alone(open_window, user, dialogs, tmp_path):
    from PySide6.QtPdf import QPdfDocument

    window = open_window()
    me = user(window)
    me.click("打开示例")
    dialogs.answer(ok)
    me.choose("文件", "打印当前表")                            # 单位信息与说明 is showing
    assert "公开表" in dialogs.last.text
    window.view.setCurrentWidget(window.view.tables["02"])
    dialogs.answer(print_to_file(tmp_path / "02.pdf"))
    me.choose("文件", "打印当前表")
    printed = QPdfDocument()
    printed.load(str(tmp_path / "02.pdf"))
    assert printed.pageCount() == 1


def test_a_new_year_from_last_years_excel(open_window, user, dialogs, tmp_path):
    import workbook_variants as wv

    last_year = wv.save_sheets(wv.last_year(wv.load_sheets(wv.PUBLIC_TABLES)), tmp_path / "2023.xlsx")
    window = open_window()
    assert window.start.hint.text().startswith("数据库中还没有报告") and "从上年的Excel开始" in window.start.hint.text()
    proposed = []
    dialogs.answer(files(last_year), fill(lambda d: proposed.append(d.values())), ok)
    user(window).click("从上年Excel开始")
    assert proposed == [(SAMPLE_UNIT, 2024)]                  # read from the workbook's 2023年度 titles and 部门 line
    assert dialogs.last.title == "已从上年开始"
    report = window.session.report
    assert (report.unit, report.year) == (SAMPLE_UNIT, 2024) and report.last_year["收支总计"] == 1_294_480_000
    assert report.cells == {} and "2010350" in report.code_rows["02"]


def test_a_year_or_unit_that_does_not_follow_the_workbook_is_said_before_anything_is_made(
        open_window, user, dialogs, tmp_path):
    import workbook_variants as wv

    last_year = wv.save_sheets(wv.last_year(wv.load_sheets(wv.PUBLIC_TABLES)), tmp_path / "2023.xlsx")
    window = open_window()
    said = []

    def wrong_year_then_other_unit(dialog):
        unit_and_year(SAMPLE_UNIT, 2025)(dialog)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        said.append(dialog.error.text())
        assert dialog.isVisible()                              # refused: nothing made
        unit_and_year(UNIT, 2024)(dialog)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        said.append(dialog.error.text())
        assert dialog.isVisible()                              # warned once ...
    dialogs.answer(files(last_year), fill(wrong_year_then_other_unit), ok)   # ... then 确定 again goes on
    user(window).click("从上年Excel开始")
    assert said[0] == "所选工作簿是2023年度的，由它只能新建2024年度的报告。"
    assert said[1].startswith(f"所选工作簿的部门是「{SAMPLE_UNIT}」，与填写的单位「{UNIT}」不同。")
    assert (window.session.report.unit, window.session.report.year) == (UNIT, 2024)


def test_a_new_year_from_last_years_report_in_the_database(open_window, user, dialogs):
    window = open_window()
    me = user(window)
    me.click("打开示例")                                       # 2024 of the sample unit
    dialogs.answer(fill(unit_and_year(SAMPLE_UNIT, 2025)), ok)
    me.choose("文件", "从上年报告新建")
    report = window.session.report
    assert (report.unit, report.year) == (SAMPLE_UNIT, 2025)
    assert report.last_year["收支总计"] == 1_286_760_000 and len(report.projects) == 14
    assert all(p.spent is None for p in report.projects)


def test_a_save_that_fails_under_undo_or_redo_leaves_screen_and_database_alike(open_window, user, dialogs,
                                                                                tmp_path, monkeypatch):
    from kuaiji_desk.ui import session as session_module

    window = open_window()
    me = user(window)
    me.click("打开示例")
    t01 = window.view.tables["01"]
    window.view.setCurrentWidget(t01)
    me.type_in_cell(t01.view, at(t01, "1", "1"), "5")
    saving = session_module.save_parts

    def full_disk(*args):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(session_module, "save_parts", full_disk)
    dialogs.answer(ok, expect="未能保存")
    me.press("Ctrl+Z")
    assert "磁盘空间不足" in dialogs.last.text and "Errno" not in dialogs.last.text
    assert window.saved.text() == "未保存"
    assert window.session.report.cells[("01", "1", "1")] == 5 * W          # not undone: it was not saved
    assert stored(tmp_path, SAMPLE_UNIT).cells[("01", "1", "1")] == 5 * W
    assert at(t01, "1", "1").data() == "5.00"

    monkeypatch.setattr(session_module, "save_parts", saving)
    me.type_in_cell(t01.view, at(t01, "1", "1"), "6")
    me.press("Ctrl+Z")
    assert stored(tmp_path, SAMPLE_UNIT).cells[("01", "1", "1")] == 5 * W
    monkeypatch.setattr(session_module, "save_parts", full_disk)
    dialogs.answer(ok, expect="未能保存")
    me.press("Ctrl+Y")
    assert window.session.report.cells[("01", "1", "1")] == 5 * W          # not redone either
    assert stored(tmp_path, SAMPLE_UNIT).cells[("01", "1", "1")] == 5 * W
    assert at(t01, "1", "1").data() == "5.00"


def test_an_export_onto_a_file_open_in_excel_is_refused_and_keeps_the_old_file(open_window, user, dialogs,
                                                                             tmp_path, monkeypatch):
    from kuaiji_desk.core import files

    window = open_window()
    me = user(window)
    me.click("打开示例")
    target = tmp_path / "表.xlsx"
    target.write_bytes(b"last week's export")

    def held_by_excel(source, destination):      # what Windows says while Excel has the file open
        raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问。", str(destination))
    monkeypatch.setattr(files.os, "replace", held_by_excel)
    dialogs.answer(save_as(target), yes, ok)        # the file dialog asks before overwriting
    me.choose("文件", "导出Excel")
    refused = dialogs.last
    assert refused.title == "无法导出Excel" and "表.xlsx" in refused.text and "请先关闭它" in refused.text
    assert target.read_bytes() == b"last week's export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_click_in_the_findings_panel_jumps_and_a_double_click_explains_a_warning(open_window, user, dialogs,
                                                                                  tmp_path):
    window = open_window()
    me = user(window)
    me.click("打开示例")
    tree = window.findings_panel.tree
    items = [tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
             for j in range(tree.topLevelItem(i).childCount())]
    warning = next(i for i in items if i.data(0, Qt.ItemDataRole.UserRole).severity == "warning")
    finding = warning.data(0, Qt.ItemDataRole.UserRole)
    warning.parent().setExpanded(True)
    tree.scrollToItem(warning)
    me.left_click(tree.viewport(), tree.visualItemRect(warning).center())
    assert window.view.currentWidget() is window.view.tab_for(finding.table)

    dialogs.answer(text("经区财政局批复调整。"), expect=finding.message)
    me.double_click(tree.viewport(), tree.visualItemRect(warning).center())
    assert dialogs.last.title == "填写说明"
    assert window.session.report.explanations[finding.key] == "经区财政局批复调整。"
    assert stored(tmp_path, SAMPLE_UNIT).explanations[finding.key] == "经区财政局批复调整。"
    shown = [i.text(2) for i in (tree.topLevelItem(k).child(j) for k in range(tree.topLevelItemCount())
                                 for j in range(tree.topLevelItem(k).childCount()))]
    assert any(t.endswith("（说明：经区财政局批复调整。）") for t in shown)
    me.choose("编辑", "撤销 填写校验结果的说明")
    assert finding.key not in window.session.report.explanations


def test_undo_and_redo_bring_what_they_change_to_the_front(open_window, user, dialogs, qtbot):
    from PySide6.QtWidgets import QApplication

    window = open_window()
    me = user(window)
    me.click("打开示例")
    view = window.view
    t03, t01 = view.tables["03"], view.tables["01"]
    view.setCurrentWidget(t03)
    me.type_in_cell(t03.view, at(t03, "2010350", "2"), "200")
    info = view.info
    view.setCurrentWidget(info)
    phone = info.inputs["咨询电话"][0]
    me.retype(phone, "027-84848484")
    me.press("Tab")
    projects = view.projects
    view.setCurrentWidget(projects)
    select = projects.list.visualRect(projects.list_model.index(2)).center()
    me.left_click(projects.list.viewport(), select)
    me.retype(projects.form.inputs["spent"], "1")
    me.press("Tab")
    view.setCurrentWidget(t01)

    me.press("Ctrl+Z")                                      # the project's 执行数
    assert view.currentWidget() is projects and projects.current == 2
    me.press("Ctrl+Z")                                      # the phone number
    assert view.currentWidget() is info and QApplication.focusWidget() is phone
    assert window.undo_action.text() == "撤销 公开03表 2010350 基本支出"
    me.press("Ctrl+Z")                                      # the 03 cell
    assert view.currentWidget() is t03 and t03.view.currentIndex() == at(t03, "2010350", "2")
    assert window.redo_action.text() == "重做 公开03表 2010350 基本支出"
    view.setCurrentWidget(t01)
    me.press("Ctrl+Y")
    assert view.currentWidget() is t03 and t03.view.currentIndex() == at(t03, "2010350", "2")
    assert window.session.report.cells[("03", "2010350", "2")] == 200 * W


def test_file_dialogs_start_in_documents_then_in_the_last_folder_used(open_window, user, dialogs, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from kuaiji_desk.ui.file_dialogs import documents_folder

    window = open_window()
    me = user(window)
    me.click("打开示例")
    started, labels = [], []

    def look(dialog):
        labels.extend(dialog.labelText(label) for label in (QFileDialog.DialogLabel.LookIn,
                                                            QFileDialog.DialogLabel.FileType))
    dialogs.answer(fill(look, then=starting_folder(started)))
    me.choose("文件", "导出PDF")
    assert started == [documents_folder()] and started[0] != tmp_path
    assert labels == ["查找范围：", "文件类型："]
    elsewhere = tmp_path / "交给财政局"
    elsewhere.mkdir()
    dialogs.answer(save_as(elsewhere / "2024年度决算公开.xlsx"))
    me.choose("文件", "导出Excel")
    dialogs.answer(starting_folder(started))
    me.click_tool("导出PDF")
    dialogs.answer(starting_folder(started))
    me.choose("文件", "导入本年工作簿")
    assert started[1:] == [elsewhere, elsewhere]


def test_print_to_file_offers_the_documents_folder(open_window, user, dialogs):
    from PySide6.QtWidgets import QLineEdit

    from kuaiji_desk.ui.file_dialogs import documents_folder

    window = open_window()
    me = user(window)
    me.click("打开示例")
    offered = []
    dialogs.answer(fill(lambda d: offered.append(d.findChild(QLineEdit, "filename").text()), then=cancel))
    me.press("Ctrl+P")
    assert offered == [str(documents_folder() / f"{SAMPLE_UNIT}2024年度部门决算公开.pdf")]


def test_a_long_status_message_is_cut_beside_the_counts_with_all_of_it_in_the_tooltip(open_window, user, dialogs,
                                                                                      tmp_path):
    window = open_window(size=(900, 700))
    me = user(window)
    me.click("打开示例")
    deep = tmp_path / ("很长的文件夹名称" * 6)
    deep.mkdir()
    dialogs.answer(save_as(deep / "决算公开.pdf"))
    me.choose("文件", "导出PDF")
    line = window.message
    assert line.message() == f"已导出PDF：{deep / '决算公开.pdf'}" and line.toolTip() == line.message()
    assert line.text().endswith("…") and len(line.text()) < len(line.message())
    assert line.geometry().right() < window.counts.geometry().left()
    assert window.counts.text().startswith("错误 0")


def test_ctrl_f_finds_a_code_a_name_or_an_amount_across_the_tabs(open_window, user, qtbot):
    from PySide6.QtWidgets import QApplication

    from as_user import shown_windows

    window = open_window()
    me = user(window)
    me.click("打开示例")
    me.press("Ctrl+F")
    [finder] = shown_windows("查找")
    me.type("251.35", to=finder.query)
    me.press("Return", to=finder.query)
    hits = [finder.hits.item(i).text() for i in range(finder.hits.count())]
    assert "公开03表 2010350 基本支出 251.35" in hits and finder.count.text().startswith(f"找到 {len(hits)} 处")
    finder.hits.setCurrentRow(hits.index("公开03表 2010350 基本支出 251.35"))
    me.press("Return", to=finder.hits)
    t03 = window.view.tables["03"]
    assert window.view.currentWidget() is t03 and t03.view.currentIndex() == at(t03, "2010350", "2")
    assert QApplication.focusWidget() is t03.view

    me.choose("编辑", "查找")
    me.retype(finder.query, "残保金")
    me.press("Return")
    assert finder.hits.item(0).text() == "项目绩效自评 14. 行政事业单位缴纳残保金"
    me.double_click(finder.hits.viewport(), finder.hits.visualItemRect(finder.hits.item(0)).center())
    assert window.view.currentWidget() is window.view.projects and window.view.projects.current == 13


def test_the_sum_and_count_of_the_selection_show_in_the_status_bar(open_window, user, qtbot):
    window = open_window()
    me = user(window)
    me.click("打开示例")
    t03 = window.view.tables["03"]
    window.view.setCurrentWidget(t03)
    me.click_cell(t03.view, at(t03, "2010350", "2"))
    me.click_cell(t03.view, at(t03, "2010399", "3"), extend=True)
    # 2010350: 基本 251.35, 项目 0; 2010399: 基本 0, 项目 294.68 (the reference's 公开03表)
    assert window.selection.text() == "求和 546.03  计数 2"
    window.view.setCurrentWidget(window.view.info)
    assert window.selection.text() == ""
    window.view.setCurrentWidget(t03)
    assert window.selection.text() == "求和 546.03  计数 2"
    me.choose("文件", "打开报告")
    assert window.selection.text() == ""


def test_all_computed_for_the_whole_report_from_the_edit_menu(open_window, user):
    from kuaiji_desk.core.layout import stated_totals

    window = open_window()
    me = user(window)
    me.click("打开示例")
    stated = stated_totals(window.session.report)
    assert len(stated) > 20                                  # the reference's workbook states its totals
    me.choose("编辑", "全部按计算值")
    assert stated_totals(window.session.report) == []
    assert stored(tmp_path_of(window), SAMPLE_UNIT).cells.keys().isdisjoint(stated)
    me.menu_items("编辑")
    assert not me.menu_action("编辑", "全部按计算值").isEnabled()
    me.choose("编辑", "撤销 全部按计算值")
    assert stated_totals(window.session.report) == stated
    me.menu_items("编辑")
    assert me.menu_action("编辑", "全部按计算值").isEnabled()


def tmp_path_of(window):
    return window.db_path.parent


def test_the_audit_report_from_the_file_menu(open_window, user, dialogs, tmp_path):
    import openpyxl

    window = open_window()
    me = user(window)
    me.click("打开示例")
    dialogs.answer(save_as(tmp_path / "审核报告.xlsx"))
    me.choose("文件", "导出审核报告")
    ws = openpyxl.load_workbook(tmp_path / "审核报告.xlsx")["审核报告"]
    assert ws["A3"].value.startswith("审核结果：错误 0 条，提示 14 条，尾数 12 条")
    assert window.message.message().startswith("已导出审核报告：")


def test_a_missing_field_in_the_findings_panel_is_one_click_away(open_window, user, dialogs):
    from PySide6.QtWidgets import QApplication

    window = open_window()
    me = user(window)
    create_report(window, me, dialogs)
    tree = window.findings_panel.tree
    items = [tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
             for j in range(tree.topLevelItem(i).childCount())]
    date_missing = next(i for i in items if i.data(0, Qt.ItemDataRole.UserRole).column == "公开日期")
    assert date_missing.text(1) == "公开日期与咨询电话" and date_missing.text(0) == "错误"
    date_missing.parent().setExpanded(True)
    tree.scrollToItem(date_missing)
    me.left_click(tree.viewport(), tree.visualItemRect(date_missing).center())
    field = window.view.info.inputs["公开日期"][0]
    assert window.view.currentWidget() is window.view.info and QApplication.focusWidget() is field
    me.type("2025年9月30日")
    me.press("Tab")
    assert not any(f.column == "公开日期" for f in window.session.findings)


def test_the_first_window_fits_a_small_screen():
    """1366×768, or 1920×1080 at 150% (1280×720 usable less the task bar): never larger."""
    from PySide6.QtCore import QSize

    from kuaiji_desk.ui.main_window import first_size

    assert first_size(QSize(1920, 1040)) == QSize(1400, 900)
    small = first_size(QSize(1366, 728))
    assert small.width() <= 1366 - 40 and small.height() <= 728 - 60
    scaled = first_size(QSize(1280, 680))
    assert scaled.width() < 1280 and scaled.height() < 680


def test_a_daily_backup_that_cannot_be_written_is_said_and_the_window_opens(open_window, tmp_path):
    # A file where the backups folder should be (a sync tool's leftover): the start goes on.
    db_path = tmp_path / "k.db"
    close_db(open_db(db_path))
    (tmp_path / "backups").write_text("不是文件夹", encoding="utf-8")
    window = open_window(db=db_path)
    said = window.message.message()
    assert said.startswith(f"自动备份未完成：无法写入自动备份「{tmp_path / 'backups'}"), said
    assert said.endswith("：已有同名的文件，无法在此建立文件夹。"), said
    assert window.isVisible() and window.stack.currentWidget() is window.start
