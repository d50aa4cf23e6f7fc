"""The publication layout chosen in the 新建报告 and 从上年Excel开始 dialogs, as a person chooses
it, remembered for the next report, and the report's tabs and tables shaped by it."""
from __future__ import annotations

from PySide6.QtCore import Qt

from as_user import files, fill, ok, pick, unit_and_year
from kuaiji_desk.core.sample import SAMPLE_UNIT, load_sample
from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db

UNIT = "测试单位"


def new_report_in(unit: str, year: int, layout: str | None, seen: list):
    def answer(dialog):
        seen.append(dialog.layout_choice.currentText())
        unit_and_year(unit, year)(dialog)
        seen.append(dialog.layout_choice.currentText())     # the year moved it along its series
        if layout:
            pick(dialog.layout_choice, layout)
            seen.append(dialog.layout_about.text())
    return answer


def stored_layout(tmp_path, unit, year):
    db = open_db(tmp_path / "k.db")
    try:
        return repo.load_report(db, unit, year).layout
    finally:
        close_db(db)


def test_a_new_report_in_shanghais_layout_and_the_next_one_proposed_in_it(open_window, user, dialogs, tmp_path):
    window = open_window()
    seen: list[str] = []
    dialogs.answer(fill(new_report_in(UNIT, 2024, "上海 2024年度（24类）", seen)))
    user(window).choose("文件", "新建报告")
    assert seen[0].startswith("湖北 ")                       # proposed: 湖北's, for the year first shown
    assert seen[1:] == ["湖北 2024年度", "表一至表九，无表号、行次、栏次；支出功能分类列24类（市级模板）"]
    assert window.session.report.layout == "shanghai-2024" == stored_layout(tmp_path, UNIT, 2024)
    assert [window.view.tabText(i) for i in range(1, 10)] == [f"表{n}" for n in "一二三四五六七八九"]

    again: list[str] = []
    dialogs.answer(fill(new_report_in("另一单位", 2025, None, again)))
    user(window).choose("文件", "新建报告")
    assert again[0].startswith("上海 ") and again[0].endswith("（24类）")   # the last chosen …
    assert again[1] == "上海 2025年度（24类）"                             # … for the year typed
    assert stored_layout(tmp_path, "另一单位", 2025) == "shanghai-2025"


def test_a_new_year_from_last_years_excel_in_the_layout_chosen(open_window, user, dialogs, tmp_path):
    import workbook_variants as wv

    last_year = wv.save_sheets(wv.last_year(wv.load_sheets(wv.PUBLIC_TABLES)), tmp_path / "2023.xlsx")
    window = open_window()
    seen: list[str] = []

    def choose_central(dialog):
        seen.append(dialog.layout_choice.currentText())
        pick(dialog.layout_choice, "中央部门 2024年度")
    dialogs.answer(files(last_year), fill(choose_central), ok)
    user(window).click("从上年Excel开始")
    assert seen == ["湖北 2024年度"]
    assert window.session.report.unit == SAMPLE_UNIT
    assert window.session.report.layout == "central-2024" == stored_layout(tmp_path, SAMPLE_UNIT, 2024)


def test_a_report_in_shanghais_layout_shows_its_tables_as_printed(open_window, user, tmp_path):
    report = load_sample()
    report.layout = "shanghai-2024"
    db = open_db(tmp_path / "k.db")
    try:
        repo.save_report(db, report)
    finally:
        close_db(db)
    window = open_window()
    user(window).click("打开")
    view = window.view
    assert [view.tabText(i) for i in range(1, 10)] == [f"表{n}" for n in "一二三四五六七八九"]
    assert view.tabToolTip(7) == "财政拨款“三公”经费支出决算表"          # 七, before the fund tables
    one = view.tables["01"].model            # 项目 | 决算数: no 行次 column, no 栏次 under the headers
    assert [one.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == ["收入\n项目", "决算数", "支出\n项目",
                                                                                "决算数"]
    seven = view.tables["09"].model
    assert [seven.headerData(c, Qt.Orientation.Horizontal).split("\n")[-1] for c in range(4)] == \
        ["预算数", "决算数", "预算数", "决算数"]
    five = view.tables["05"].model
    labels = [five.label_of(five.cell_of(five.index(r, 1))[0]) for r in range(five.rowCount())]
    assert labels[-1] == "合计" and labels[0] == "一般公共服务支出"      # 合计 under the codes
    assert not view.tables["01"].department_label.isVisibleTo(view.tables["01"])   # no 部门 line


def test_a_published_workbooks_stray_figure_is_listed_in_the_preview_and_left_out(open_window, user, dialogs,
                                                                                   tmp_path):
    import openpyxl

    from as_published import in_layout, published
    from as_user import click

    path = published(in_layout(load_sample(), "shanghai-2024"), tmp_path / "上海.xlsx")
    book = openpyxl.load_workbook(path)
    ws = next(ws for ws in book.worksheets if ws["A1"].value == "收入支出决算总表")
    ws["A20"], ws["B20"] = "其他资金（备注）", 12.34
    book.save(path)
    window = open_window()
    me = user(window)
    dialogs.answer(fill(unit_and_year(UNIT, 2024)))
    me.choose("文件", "新建报告")
    seen = []

    def look(dialog):
        seen.append(dialog.unplaced.toPlainText() if dialog.unplaced.isVisibleTo(dialog) else "")
    dialogs.answer(files(path), fill(look, then=click("仍然导入（不含这些数）")))
    me.choose("文件", "导入本年工作簿")
    assert "A20 单元格的「其他资金（备注）」不是一、收入支出决算总表的行，无法确定行次。" in seen[0]
    assert window.session.report.get("01", "1", "1") == load_sample().get("01", "1", "1")
    assert window.session.undo_stack.count() == 1


def save(tmp_path, report) -> None:
    db = open_db(tmp_path / "k.db")
    try:
        repo.save_report(db, report)
    finally:
        close_db(db)


def tab_names(window) -> list[str]:
    return [window.view.tabText(i) for i in range(1, 10)]


def test_the_layout_of_an_open_report_is_changed_from_the_menu_and_undone(open_window, user, dialogs, tmp_path):
    save(tmp_path, load_sample())
    window = open_window()
    me = user(window)
    me.click("打开")
    window.view.setCurrentIndex(3)
    seen = []

    def choose_shanghai(dialog):
        seen.append(dialog.layout_choice.currentText())
        pick(dialog.layout_choice, "上海 2024年度（24类）")
        seen.append(dialog.layout_choice.about.text())
    dialogs.answer(fill(choose_shanghai))
    me.choose("文件", "公开表式样")
    assert seen[0] == "湖北 2024年度" and "无表号、行次、栏次" in seen[1]
    assert tab_names(window) == [f"表{n}" for n in "一二三四五六七八九"]
    assert window.view.currentIndex() == 3                       # the same tab, rebuilt
    assert "31001" in window.session.report.code_rows["06"]      # 上海's 06 prints it even when empty
    assert stored_layout(tmp_path, SAMPLE_UNIT, 2024) == "shanghai-2024"
    me.press("Ctrl+Z")
    assert tab_names(window)[0] == "公开01表" and stored_layout(tmp_path, SAMPLE_UNIT, 2024) == "hubei-2024"
    assert "31001" not in window.session.report.code_rows["06"]
    me.press("Ctrl+Y")
    assert tab_names(window)[0] == "表一"


def test_an_import_proposes_the_workbooks_layout(open_window, user, dialogs, tmp_path):
    from as_published import in_layout, published
    from as_user import click

    path = published(in_layout(load_sample(), "shanghai-2024"), tmp_path / "上海.xlsx")
    window = open_window()
    me = user(window)
    dialogs.answer(fill(unit_and_year(UNIT, 2024)))
    me.choose("文件", "新建报告")
    assert window.session.report.layout == "hubei-2024"
    proposed = []

    def look(dialog):
        proposed.append((dialog.switch_layout.isVisibleTo(dialog), dialog.switch_layout.isChecked(),
                         dialog.switch_layout.text()))
    dialogs.answer(files(path), fill(look, then=click("导入")))
    me.choose("文件", "导入本年工作簿")
    [(shown, checked, words)] = proposed
    assert shown and checked and "报告改用工作簿的公开表式样「上海 2024年度（24类）」" in words
    assert window.session.report.layout == "shanghai-2024" == stored_layout(tmp_path, UNIT, 2024)
    assert tab_names(window)[0] == "表一"
    me.press("Ctrl+Z")                                            # the import and the layout: one step
    assert window.session.report.layout == "hubei-2024" and tab_names(window)[0] == "公开01表"
    assert window.session.report.get("01", "1", "1") is None
