"""The real window, driven as an accountant drives it; the database holds the result."""
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMessageBox

from kuaiji_desk.core.sample import SAMPLE_UNIT
from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.ui.app import application
from kuaiji_desk.ui.import_preview import ImportPreview
from kuaiji_desk.ui.main_window import MainWindow
from kuaiji_desk.ui.start_page import NewReportDialog

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
W = 1_000_000
UNIT = "测试单位"


@pytest.fixture
def open_window(qtbot, tmp_path):
    application()
    windows = []

    def make(size=(1400, 900)):
        window = MainWindow(tmp_path / "k.db")
        qtbot.addWidget(window)
        if size:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window
    yield make
    for w in windows:
        if w.isVisible():
            w.close()


def stored(tmp_path, unit=UNIT, year=2024):
    db = open_db(tmp_path / "k.db")
    try:
        return repo.load_report(db, unit, year)
    finally:
        close_db(db)


def create_through_dialog(window, monkeypatch, unit=UNIT, year=2024):
    def fill_and_accept(dialog):
        dialog.unit.setCurrentText(unit)
        dialog.year.setValue(year)
        dialog._accept()
        return NewReportDialog.DialogCode.Accepted
    monkeypatch.setattr(NewReportDialog, "exec", fill_and_accept)
    window.new_report()


def type_into(qtbot, tab, row, col, text):
    """Types on a cell as a person does: the first key opens the editor, Enter commits."""
    view = tab.view
    view.setFocus()
    view.setCurrentIndex(tab.model.index_of(row, col))
    qtbot.keyClicks(view, text[0])
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)


def rules_found(window):
    return {f.rule for f in window.session.findings}


def test_empty_database_offers_new_report_and_the_sample(open_window):
    window = open_window()
    assert window.stack.currentWidget() is window.start
    assert "新建一份报告、从上年的Excel开始，或打开示例" in window.start.hint.text()
    window.open_sample()
    assert window.session.report.unit == SAMPLE_UNIT
    assert window.view.count() == 12
    assert [window.view.tabText(i) for i in (0, 1, 9, 10, 11)] == [
        "单位信息与说明", "公开01表", "公开09表", "整体绩效自评", "项目绩效自评"]
    assert "错误 0" in window.counts.text()


def test_a_season_of_work_in_the_window(open_window, qtbot, tmp_path, monkeypatch):
    window = open_window()
    create_through_dialog(window, monkeypatch)
    assert window.windowTitle().startswith(f"{UNIT} 2024年度")
    view = window.view

    # 公开02表: a code row with its 类 and 款 appearing by themselves, then figures typed in.
    t02 = view.tables["02"]
    view.setCurrentWidget(t02)
    t02.code_edit.setText("2010350")
    assert t02.add_code()
    assert {"201", "20103", "2010350"} <= set(window.session.report.code_rows["02"])
    type_into(qtbot, t02, "2010350", "2", "1,286.76")
    assert window.session.values.value("02", "合计", "1") == 1_286_760_000
    assert "B01" in rules_found(window)                     # 01 r27 says 0, 02 says 1286.76

    # 公开01表: the same income; the finding goes away.
    t01 = view.tables["01"]
    view.setCurrentWidget(t01)
    type_into(qtbot, t01, "1", "1", "1286.76")
    assert "B01" not in rules_found(window) and "B02" not in rules_found(window)
    assert "B04" in rules_found(window)                     # 04 still empty

    # 公开04表: a block pasted from Excel is one undoable step.
    t04 = view.tables["04"]
    view.setCurrentWidget(t04)
    t04.view.setFocus()
    t04.view.setCurrentIndex(t04.model.index_of("1", "1"))
    QGuiApplication.clipboard().setText("1,286.76\r\n\r\n")
    qtbot.keyClick(t04.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.session.report.cells[("04", "1", "1")] == 1_286_760_000
    assert "B04" not in rules_found(window)
    window.undo()
    assert ("04", "1", "1") not in window.session.report.cells and "B04" in rules_found(window)
    window.redo()
    assert window.session.report.cells[("04", "1", "1")] == 1_286_760_000

    # A code row added and removed again.
    t03 = view.tables["03"]
    t03.code_edit.setText("2210201")
    assert t03.add_code()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert t03.remove_code("221")
    assert "03" not in window.session.report.code_rows or "221" not in window.session.report.code_rows["03"]

    # A project with an indicator whose target was missed asks for the reason.
    projects = view.projects
    view.setCurrentWidget(projects)
    projects.add_project()
    model = projects.form.indicators.model
    projects.form.indicators._add()
    row = model.rowCount() - 1
    for col, text in ((2, "全年运维报告篇数"), (3, "≥12篇"), (4, "6篇")):
        assert model.setData(model.index(row, col), text)
    assert any(f.rule == "F04" and f.table == "项目自评" for f in window.session.findings)

    # The findings panel lists them; a click jumps to the cell.
    panel = window.findings_panel
    tables = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert any(t.startswith("公开04表") for t in tables) and "项目绩效自评表" in tables
    b05 = next(f for f in window.session.findings if f.table == "04")
    panel.jump.emit(b05)
    assert view.currentWidget() is t04

    window.close()
    report = stored(tmp_path)
    assert report.cells[("02", "2010350", "2")] == 1_286_760_000
    assert report.cells[("01", "1", "1")] == 1_286_760_000
    assert report.cells[("04", "1", "1")] == 1_286_760_000
    assert report.projects[0].indicators[0].actual == "6篇"

    again = open_window()                                   # the last report reopens by itself
    assert again.session is not None and again.session.report == report


def test_import_is_one_undoable_step_and_a_bad_file_changes_nothing(open_window, monkeypatch, tmp_path):
    window = open_window()
    create_through_dialog(window, monkeypatch, unit=SAMPLE_UNIT)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a workbook")
    assert not window.import_workbooks([str(bad)])
    assert "坏.xlsx" in shown[0] and "报告未作任何更改" in shown[0]
    assert window.session.undo_stack.count() == 0

    files = [str(FIXTURES / "hanyang-2024-public-tables.xlsx"), str(FIXTURES / "hanyang-2024-self-evaluations.xlsx")]
    previews = []

    def look_then(answer):
        def exec_(dialog):
            previews.append([dialog.table.item(i, 0).text() + "|" + dialog.table.item(i, 3).text()
                             for i in range(dialog.table.rowCount())])
            return answer
        return exec_
    monkeypatch.setattr(ImportPreview, "exec", look_then(QDialog.DialogCode.Rejected))
    assert not window.import_workbooks(files)                 # cancelled in the preview: nothing written
    assert window.session.undo_stack.count() == 0 and window.session.report.projects == []
    assert "公开02表 收入决算表|22 行，44 个数" in previews[0] and "公开07表 政府性基金预算财政拨款收入支出决算表|无数据" in previews[0]
    monkeypatch.setattr(ImportPreview, "exec", look_then(QDialog.DialogCode.Accepted))
    assert window.import_workbooks(files)
    assert window.session.undo_stack.count() == 1
    assert len(window.session.report.projects) == 14
    assert stored(tmp_path, SAMPLE_UNIT).cells[("01", "57", "2")] == 1_286_760_000
    window.undo()
    assert window.session.report.projects == [] and ("01", "57", "2") not in stored(tmp_path, SAMPLE_UNIT).cells


def test_geometry_and_unit_are_remembered(open_window, monkeypatch):
    window = open_window()
    create_through_dialog(window, monkeypatch)
    window.resize(760, 560)
    window.set_amount_unit("元")
    window.close()
    again = open_window(size=None)
    assert again.session.unit == "元"
    assert (again.width(), again.height()) == (760, 560)


def test_a_second_copy_on_the_same_database_is_told(tmp_path, monkeypatch):
    from PySide6.QtCore import QLockFile

    from kuaiji_desk.ui import main

    application()
    lock = QLockFile(str((tmp_path / "k.db").with_suffix(".lock")))
    assert lock.tryLock(100)                         # the first copy holds it
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append(text))
    assert main.run(tmp_path / "k.db") == 2
    assert "已被另一个正在运行" in told[0]
    lock.unlock()


def test_ctrl_z_and_ctrl_y_in_a_grid(open_window, qtbot, monkeypatch):
    window = open_window()
    create_through_dialog(window, monkeypatch)
    t01 = window.view.tables["01"]
    window.view.setCurrentWidget(t01)
    window.activateWindow()
    qtbot.waitActive(window)
    type_into(qtbot, t01, "1", "1", "5")
    assert window.session.report.cells[("01", "1", "1")] == 5 * W
    qtbot.keyClick(t01.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ("01", "1", "1") not in window.session.report.cells
    qtbot.keyClick(t01.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.session.report.cells[("01", "1", "1")] == 5 * W
    assert window.undo_action.text() == "撤销 编辑单元格"


def test_export_and_print_from_the_window(open_window, monkeypatch, tmp_path):
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    window = open_window()
    window.open_sample()
    assert window.export_excel(str(tmp_path / "表.xlsx"))
    assert window.export_pdf(str(tmp_path / "公开.pdf"))
    assert (tmp_path / "表.xlsx").stat().st_size > 10_000 and (tmp_path / "公开.pdf").stat().st_size > 10_000

    preview = window.print_preview()
    pages = preview.document.pageCount()
    assert pages > 20
    preview.close()

    def print_to_file(dialog):
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        return QPrintDialog.DialogCode.Accepted
    monkeypatch.setattr(QPrintDialog, "exec", print_to_file)
    assert window.print_report() == pages
    printed = QPdfDocument()
    printed.load(str(tmp_path / "printed.pdf"))
    assert printed.pageCount() == pages


def test_a_report_with_errors_is_exported_only_after_a_warning(open_window, monkeypatch, tmp_path):
    from kuaiji_desk.core import edits

    window = open_window()
    window.open_sample()
    window.session.apply(edits.set_cell("02", "2010350", "2", 261_350_000))
    asked = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", answer)
    assert not window.export_pdf(str(tmp_path / "x.pdf"))
    assert "2 条错误" in asked[0] and "A06" not in asked[0] and "2010350" in asked[0]
    assert not (tmp_path / "x.pdf").exists()


def test_a_single_table_prints_alone(open_window, monkeypatch, tmp_path):
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    window = open_window()
    window.open_sample()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    assert window.print_current_table() == 0 and "公开表" in told[0]     # 单位信息与说明 is showing
    window.view.setCurrentWidget(window.view.tables["02"])

    def print_to_file(dialog):
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(tmp_path / "02.pdf"))
        return QPrintDialog.DialogCode.Accepted
    monkeypatch.setattr(QPrintDialog, "exec", print_to_file)
    assert window.print_current_table() == 1
    printed = QPdfDocument()
    printed.load(str(tmp_path / "02.pdf"))
    assert printed.pageCount() == 1


def test_a_new_year_from_last_years_excel(open_window, monkeypatch, tmp_path):
    import workbook_variants as wv

    last_year = wv.save_sheets(wv.last_year(wv.load_sheets(wv.PUBLIC_TABLES)), tmp_path / "2023.xlsx")
    window = open_window()
    assert window.start.hint.text().startswith("数据库中还没有报告") and "从上年的Excel开始" in window.start.hint.text()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Ok)

    def fill(dialog):                                        # the 新建报告 dialog asks for unit and year
        dialog.unit.setCurrentText(UNIT)
        dialog.year.setValue(2024)
        return NewReportDialog.DialogCode.Accepted
    monkeypatch.setattr(NewReportDialog, "exec", fill)
    assert window.start_from_last_year([str(last_year)])
    report = window.session.report
    assert report.year == 2024 and report.last_year["收支总计"] == 1_294_480_000
    assert report.cells == {} and "2010350" in report.code_rows["02"]


def test_a_new_year_from_last_years_report_in_the_database(open_window, monkeypatch):
    window = open_window()
    window.open_sample()                                      # 2024 of the sample unit

    def fill(dialog):
        dialog.unit.setCurrentText(SAMPLE_UNIT)
        dialog.year.setValue(2025)
        return NewReportDialog.DialogCode.Accepted
    monkeypatch.setattr(NewReportDialog, "exec", fill)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Ok)
    assert window.start_from_last_report()
    report = window.session.report
    assert (report.unit, report.year) == (SAMPLE_UNIT, 2025)
    assert report.last_year["收支总计"] == 1_286_760_000 and len(report.projects) == 14
    assert all(p.spent is None for p in report.projects)
