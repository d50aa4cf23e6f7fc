"""A season in the window, through menus, buttons, keys and dialogs only: last year's .xls,
this year's workbooks through the preview, corrections, undo and redo across tabs, the PDF,
its preview and the print.  Every step's result is asserted where the accountant would
look: the tables, the findings, the database, the files."""
import shutil
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from as_user import click, files, fill, ok, print_to_file, save_as
from kuaiji_desk.core.layout import stated_totals
from kuaiji_desk.core.sample import SAMPLE_UNIT
from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
W = 1_000_000


def stored(path):
    db = open_db(path)
    try:
        return repo.load_report(db, SAMPLE_UNIT, 2024)
    finally:
        close_db(db)


def pages(path) -> int:
    document = QPdfDocument()
    document.load(str(path))
    return document.pageCount()


def test_a_season_in_the_window(open_window, tmp_path, user, dialogs):
    window = open_window()
    me = user(window)
    db = tmp_path / "k.db"

    # 从上年Excel开始 with last year's tables as an Excel 97–2003 file.
    last_year = shutil.copy(FIXTURES / "hanyang-2023-public-tables.xls", tmp_path / "2023年度公开表.xls")
    proposed = []
    dialogs.answer(files(last_year), fill(lambda d: proposed.append(d.values())), ok)
    me.click("从上年Excel开始")
    assert proposed == [(SAMPLE_UNIT, 2024)]
    report = window.session.report
    assert report.year == 2024 and report.last_year["收支总计"] == 1_294_480_000
    assert report.cells == {} and "2010350" in report.code_rows["02"]

    # 导入本年工作簿 (Ctrl+I): the preview says what it replaces; 导入 is one undoable step.
    said = []
    this_year = [shutil.copy(FIXTURES / name, tmp_path / name)
                 for name in ("hanyang-2024-public-tables.xlsx", "hanyang-2024-self-evaluations.xlsx")]
    dialogs.answer(files(*this_year), fill(lambda d: said.append(d.replaces.toPlainText()), then=click("导入")))
    me.press("Ctrl+I")
    assert "公开02表：现有 21 个科目行（其中 21 个未填数）将被替换。" in said[0]
    report = window.session.report
    assert len(report.projects) == 14 and window.session.undo_stack.count() == 1
    assert stored(db).cells[("01", "30", "1")] == 1_286_760_000
    # The tables agree; what the errors say is what the 情况说明 still lacks (last year's
    # workbooks carry no texts).
    errors = {f.rule for f in window.session.findings if f.severity == "error"}
    assert errors and all(rule.startswith("E") for rule in errors)

    # A correction under stated totals: they follow, and the cross-table check speaks.
    view = window.view
    t02 = view.tables["02"]
    view.setCurrentWidget(t02)
    stated_before = set(stated_totals(report, "02"))
    me.type_in_cell(t02.view, t02.model.index_of("2010350", "2"), "260")
    # The sum of the 类 again: 201 is 260 + 294.68; with the others 1,295.40 (the workbook stated
    # 1,286.76 where its 类 add up to 1,286.75, a 尾数 that goes with the stated figure).
    assert t02.model.index_of("201", "1").data() == "554.68"
    assert t02.model.index_of("合计", "1").data() == "1,295.40"
    assert {("02", "合计", "1"), ("02", "2010350", "1")} <= stated_before - set(stated_totals(report, "02"))
    assert any(f.rule == "B01" and f.severity == "error" for f in window.session.findings)
    assert window.undo_action.text() == "撤销 公开02表 2010350 财政拨款收入"

    # A refused entry stays in the editor; Escape gives it up and nothing changed.
    t03 = view.tables["03"]
    view.setCurrentWidget(t03)
    before = dict(report.cells)
    me.type_in_cell(t03.view, t03.model.index_of("2010350", "2"), "12..3")
    editor = QApplication.focusWidget()
    assert t03.view.state() == t03.view.State.EditingState and editor.text() == "12..3"
    me.press("Escape")
    assert t03.view.state() != t03.view.State.EditingState and report.cells == before

    # A block pasted from Excel into 公开01表: one step.
    t01 = view.tables["01"]
    view.setCurrentWidget(t01)
    me.click_cell(t01.view, t01.model.index_of("4", "1"))
    QGuiApplication.clipboard().setText("1.5\r\n2.5\r\n")
    me.press("Ctrl+V")
    assert (report.cells[("01", "4", "1")], report.cells[("01", "5", "1")]) == (1_500_000, 2_500_000)

    # Undo and redo from another tab bring each change to the front.
    view.setCurrentWidget(view.tables["04"])
    me.press("Ctrl+Z")
    assert view.currentWidget() is t01 and ("01", "4", "1") not in report.cells
    me.choose("编辑", "撤销 公开02表 2010350 财政拨款收入")
    assert view.currentWidget() is t02 and t02.view.currentIndex() == t02.model.index_of("2010350", "2")
    assert set(stated_totals(report, "02")) == stated_before
    assert {f.rule for f in window.session.findings if f.severity == "error"} == errors
    me.press("Ctrl+Y")
    assert report.cells[("02", "2010350", "2")] == 260 * W and stored(db).cells[("02", "2010350", "2")] == 260 * W

    # 导出PDF, 打印预览 and 打印 of a report that still lacks texts and has an error: the
    # 发布前检查 each time, and going on is a choice.
    dialogs.answer(click("仍然导出PDF"), save_as(tmp_path / "公开.pdf"), expect="发布前检查")
    me.choose("文件", "导出PDF")
    exported = pages(tmp_path / "公开.pdf")
    assert exported > 20
    dialogs.answer(click("仍然打印"))
    me.click_tool("打印预览")
    preview = window._preview
    assert preview.isVisible() and preview.document.pageCount() == exported
    me.click("关闭", within=preview)
    dialogs.answer(click("仍然打印"), print_to_file(tmp_path / "打印.pdf"))
    me.press("Ctrl+P")
    assert pages(tmp_path / "打印.pdf") == exported
