"""Backups, restores, recent reports, help and about — from the window's menus."""
from __future__ import annotations

import copy
import os

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from kuaiji_desk import __version__
from kuaiji_desk.core import edits
from kuaiji_desk.core.sample import SAMPLE_UNIT, SAMPLE_YEAR
from kuaiji_desk.store import repo
from kuaiji_desk.store.backup import backup_to, backups_dir
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.ui.app import application
from kuaiji_desk.ui.main_window import MainWindow


@pytest.fixture
def db_path(tmp_path, sample_report):
    """A database holding the reference report and a blank one."""
    path = tmp_path / "k.db"
    db = open_db(path)
    repo.save_report(db, copy.deepcopy(sample_report))
    repo.create_report(db, "测试单位", 2024)
    close_db(db)
    return path


@pytest.fixture
def window(qtbot, db_path):
    application()
    w = MainWindow(db_path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.isVisible():
        w.close()


@pytest.fixture
def messages(monkeypatch):
    """QMessageBox calls, answered Yes."""
    said = []

    def record(kind):
        def box(parent, title, text, *args, **kwargs):
            said.append((kind, title, text))
            return QMessageBox.StandardButton.Yes
        return box
    for kind in ("critical", "question", "warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    return said


def units_shown(window):
    table = window.start.table
    return sorted((table.item(r, 0).text(), int(table.item(r, 1).text())) for r in range(table.rowCount()))


def stored_reports(path):
    db = open_db(path)
    try:
        return sorted((i.unit, i.year) for i in repo.list_reports(db))
    finally:
        close_db(db)


def trigger(action):
    assert action.isEnabled()
    action.trigger()


def test_starting_makes_todays_backup(window, db_path):
    daily = list(backups_dir(db_path).glob("kuaiji-*.db"))
    assert len(daily) == 1
    assert stored_reports(daily[0]) == stored_reports(db_path)


def test_backup_from_the_menu_writes_a_file_that_opens_with_the_same_report(window, tmp_path, monkeypatch, messages):
    window.open_report(SAMPLE_UNIT, SAMPLE_YEAR)
    target = tmp_path / "u盘" / "备份.db"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    trigger(window.backup_action)
    assert messages == []
    assert "已备份" in window.statusBar().currentMessage()
    copy_db = open_db(target)
    try:
        assert repo.load_report(copy_db, SAMPLE_UNIT, SAMPLE_YEAR) == window.session.report
    finally:
        close_db(copy_db)


def test_restore_while_a_report_is_open_replaces_the_data(window, db_path, tmp_path, monkeypatch, messages):
    # A backup holding only the blank report, made elsewhere.
    other = open_db(tmp_path / "other.db")
    repo.create_report(other, "另一单位", 2023)
    saved = backup_to(other, tmp_path / "saved.db")
    close_db(other)
    window.open_report(SAMPLE_UNIT, SAMPLE_YEAR)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(saved), "")))
    trigger(window.restore_action)
    [(kind, _, text)] = messages
    assert kind == "question" and str(saved) in text and "替换" in text and "另存" in text
    assert window.session is None and window.stack.currentWidget() is window.start
    assert units_shown(window) == [("另一单位", 2023)]
    # The window works on the restored data, and the replaced data was kept.
    window.open_report("另一单位", 2023)
    assert window.session.report.unit == "另一单位"
    assert stored_reports(db_path) == [("另一单位", 2023)]
    [safety] = backups_dir(db_path).glob("恢复前-*.db")
    assert (SAMPLE_UNIT, SAMPLE_YEAR) in stored_reports(safety)


def test_restore_can_be_declined(window, db_path, tmp_path, monkeypatch):
    saved = backup_to(window.db, tmp_path / "saved.db")
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    window.open_report(SAMPLE_UNIT, SAMPLE_YEAR)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(saved), "")))
    trigger(window.restore_action)
    assert window.session is not None and window.session.report.unit == SAMPLE_UNIT
    assert not list(backups_dir(db_path).glob("恢复前-*.db"))


@pytest.mark.parametrize("content", [b"", os.urandom(50_000), b"SQLite format 3\x00" + os.urandom(9_000)])
def test_restore_from_a_damaged_file_is_refused_and_the_window_keeps_working(
        content, window, db_path, tmp_path, monkeypatch, messages, qtbot):
    window.open_report(SAMPLE_UNIT, SAMPLE_YEAR)
    before = stored_reports(db_path)
    bad = tmp_path / "坏备份.db"
    bad.write_bytes(content)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bad), "")))
    trigger(window.restore_action)
    [(kind, title, text)] = messages
    assert kind == "critical" and title == "无法恢复数据"
    assert str(bad) in text and "当前数据未作任何更改" in text
    assert stored_reports(db_path) == before
    # Still the same report, still saving.
    assert window.session.report.unit == SAMPLE_UNIT
    assert window.session.apply(edits.set_cell("01", "1", "1", 123_00))
    db = open_db(db_path)
    try:
        assert repo.load_report(db, SAMPLE_UNIT, SAMPLE_YEAR).cells[("01", "1", "1")] == 123_00
    finally:
        close_db(db)


def test_recent_reports_menu_lists_and_opens(window, db_path):
    window.open_report("测试单位", 2024)
    window.open_report(SAMPLE_UNIT, SAMPLE_YEAR)
    window.recent_menu.rebuild()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert texts == [f"&1 {SAMPLE_UNIT} {SAMPLE_YEAR}年度", "&2 测试单位 2024年度"]
    window.recent_menu.actions()[1].trigger()
    assert window.session.report.unit == "测试单位"
    # Remembered in the settings beside the database, at most five.
    window.close()
    again = MainWindow(db_path)
    try:
        again.recent_menu.rebuild()
        assert [a.text() for a in again.recent_menu.actions()][0] == "&1 测试单位 2024年度"
        for year in range(2015, 2022):
            repo.create_report(again.db, "历年", year)
            again.open_report("历年", year)
        again.recent_menu.rebuild()
        assert len(again.recent_menu.actions()) == 5
        assert again.recent_menu.actions()[0].text() == "&1 历年 2021年度"
    finally:
        again.close()


def test_help_shows_the_walk_through(window):
    dialog = window.show_help()
    text = dialog.browser.toPlainText()
    for words in ("新建报告", "导入本年工作簿", "校验结果", "错误", "提示", "单位信息与说明", "绩效自评",
                  "导出Excel", "导出PDF", "打印", "备份数据"):
        assert words in text
    dialog.close()


def test_about_names_the_version_and_the_data_folder(window, db_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    dialog = window.show_about()
    assert __version__ in dialog.text.text()
    assert str(db_path.resolve()) in dialog.text.text()
    dialog.open_button.click()
    assert [url.toLocalFile() for url in opened] == [str(db_path.resolve().parent)]
    dialog.close()
