"""Backups, restores, recent reports, help and about — from the window's menus."""
from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices

from as_user import button_by_label, fill, files, no, ok, save_as, shown_windows, start_page_reports, yes
from full_disk import fill_up
from kuaiji_desk import __version__
from kuaiji_desk.core import edits
from kuaiji_desk.core.sample import SAMPLE_UNIT, SAMPLE_YEAR
from kuaiji_desk.store import repo
from kuaiji_desk.store.backup import backup_to, backups_dir
from kuaiji_desk.store.db import close_db, open_db


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
def window(open_window, db_path):
    return open_window(db=db_path)


@pytest.fixture
def me(window, user):
    return user(window)


def open_from_start_page(me, window, unit, year):
    """文件 → 打开报告, then a double click on the report's row."""
    me.choose("文件", "打开报告")
    tree = window.start.tree
    item = next(item for item, u, y in start_page_reports(window) if (u, y) == (unit, year))
    me.double_click(tree.viewport(), tree.visualItemRect(item).center())
    assert (window.session.report.unit, window.session.report.year) == (unit, year)


def units_shown(window):
    return sorted((unit, year) for _, unit, year in start_page_reports(window))


def stored_reports(path):
    db = open_db(path)
    try:
        return sorted((i.unit, i.year) for i in repo.list_reports(db))
    finally:
        close_db(db)


def test_starting_makes_todays_backup(window, db_path):
    daily = list(backups_dir(db_path).glob("kuaiji-*.db"))
    assert len(daily) == 1
    assert stored_reports(daily[0]) == stored_reports(db_path)


def test_backup_from_the_menu_writes_a_file_that_opens_with_the_same_report(window, me, dialogs, tmp_path):
    open_from_start_page(me, window, SAMPLE_UNIT, SAMPLE_YEAR)
    target = tmp_path / "u盘" / "备份.db"
    target.parent.mkdir()
    dialogs.answer(save_as(target))
    me.choose("文件", "备份数据")
    assert [s.kind for s in dialogs.seen] == ["QFileDialog"]
    assert "已备份" in window.message.message()
    copy_db = open_db(target)
    try:
        assert repo.load_report(copy_db, SAMPLE_UNIT, SAMPLE_YEAR) == window.session.report
    finally:
        close_db(copy_db)


def test_restore_while_a_report_is_open_replaces_the_data(window, me, dialogs, db_path, tmp_path):
    # A backup holding only the blank report, made elsewhere.
    other = open_db(tmp_path / "other.db")
    repo.create_report(other, "另一单位", 2023)
    saved = backup_to(other, tmp_path / "saved.db")
    close_db(other)
    open_from_start_page(me, window, SAMPLE_UNIT, SAMPLE_YEAR)
    dialogs.answer(files(saved), yes)
    me.choose("文件", "恢复数据")
    question = dialogs.last
    assert question.title == "恢复数据" and str(saved) in question.text
    assert "替换" in question.text and "另存" in question.text
    assert window.session is None and window.stack.currentWidget() is window.start
    assert units_shown(window) == [("另一单位", 2023)]
    # The window works on the restored data, and the replaced data was kept.
    open_from_start_page(me, window, "另一单位", 2023)
    assert stored_reports(db_path) == [("另一单位", 2023)]
    [safety] = backups_dir(db_path).glob("恢复前-*.db")
    assert (SAMPLE_UNIT, SAMPLE_YEAR) in stored_reports(safety)


def test_restore_can_be_declined(window, me, dialogs, db_path, tmp_path):
    saved = backup_to(window.db, tmp_path / "saved.db")
    open_from_start_page(me, window, SAMPLE_UNIT, SAMPLE_YEAR)
    dialogs.answer(files(saved), no)
    me.choose("文件", "恢复数据")
    assert window.session is not None and window.session.report.unit == SAMPLE_UNIT
    assert not list(backups_dir(db_path).glob("恢复前-*.db"))


def still_saving(window, db_path):
    """The report that was open is open again, and an edit still reaches the database."""
    assert window.session.report.unit == SAMPLE_UNIT
    assert window.session.apply(edits.set_cell("01", "1", "1", 123_00))
    db = open_db(db_path)
    try:
        assert repo.load_report(db, SAMPLE_UNIT, SAMPLE_YEAR).cells[("01", "1", "1")] == 123_00
    finally:
        close_db(db)


@pytest.mark.parametrize("content", [b"", os.urandom(50_000), b"SQLite format 3\x00" + os.urandom(9_000)])
def test_restore_from_a_damaged_file_is_refused_and_the_window_keeps_working(
        content, window, me, dialogs, db_path, tmp_path):
    open_from_start_page(me, window, SAMPLE_UNIT, SAMPLE_YEAR)
    before = stored_reports(db_path)
    bad = tmp_path / "坏备份.db"
    bad.write_bytes(content)
    dialogs.answer(files(bad), ok)
    me.choose("文件", "恢复数据")
    refused = dialogs.last
    assert refused.title == "无法恢复数据"
    assert str(bad) in refused.text and "当前数据未作任何更改" in refused.text
    assert stored_reports(db_path) == before
    still_saving(window, db_path)


def test_a_restore_that_fails_after_confirmation_reopens_the_report(window, me, dialogs, db_path, tmp_path,
                                                                   monkeypatch):
    saved = backup_to(window.db, tmp_path / "saved.db")
    open_from_start_page(me, window, SAMPLE_UNIT, SAMPLE_YEAR)
    before = stored_reports(db_path)

    # The disk is full once the user said yes: the copy staged beside the database fails.
    with monkeypatch.context() as full:
        fill_up(full, lambda path: path.name.startswith(f".{db_path.name}.restore"))
        dialogs.answer(files(saved), yes, ok)
        me.choose("文件", "恢复数据")
    refused = dialogs.last
    assert refused.title == "无法恢复数据" and "磁盘空间不足" in refused.text and "当前数据未作任何更改" in refused.text
    assert stored_reports(db_path) == before
    assert not backups_dir(db_path).exists() or not list(backups_dir(db_path).glob("恢复前-*"))
    assert window.stack.currentWidget() is window.view
    still_saving(window, db_path)


def test_recent_reports_menu_lists_and_opens(window, me, db_path, user, open_window):
    open_from_start_page(me, window, "测试单位", 2024)
    open_from_start_page(me, window, SAMPLE_UNIT, SAMPLE_YEAR)
    assert me.menu_items("文件", "最近打开") == [f"1 {SAMPLE_UNIT} {SAMPLE_YEAR}年度", "2 测试单位 2024年度"]
    me.choose("文件", "最近打开", "2 测试单位 2024年度")
    assert window.session.report.unit == "测试单位"
    # Remembered in the settings beside the database, at most five.
    window.close()
    again = open_window(db=db_path)
    them = user(again)
    try:
        assert them.menu_items("文件", "最近打开")[0] == "1 测试单位 2024年度"
        for year in range(2015, 2022):
            repo.create_report(again.db, "历年", year)
            open_from_start_page(them, again, "历年", year)
        recent = them.menu_items("文件", "最近打开")
        assert len(recent) == 5 and recent[0] == "1 历年 2021年度"
    finally:
        again.close()


def test_help_shows_the_walk_through(window, me):
    me.press("F1")
    [dialog] = shown_windows("使用说明")
    text = dialog.browser.toPlainText()
    for words in ("新建报告", "导入本年工作簿", "校验结果", "错误", "提示", "单位信息与说明", "绩效自评",
                  "导出Excel", "导出PDF", "打印", "备份数据"):
        assert words in text
    dialog.close()
    me.choose("帮助", "使用说明")
    assert len(shown_windows("使用说明")) == 1


def test_about_names_the_version_and_the_data_folder(window, me, dialogs, db_path, monkeypatch):
    opened, said = [], []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))

    def read_then_open_folder(dialog):
        said.append(dialog.text.text())
        button_by_label(dialog, "打开数据目录").click()
    dialogs.answer(fill(read_then_open_folder, then=ok))
    me.choose("帮助", "关于")
    dialogs.wait()
    assert __version__ in said[0]
    assert str(db_path.resolve()) in said[0]
    assert [Path(url.toLocalFile()) for url in opened] == [db_path.resolve().parent]
    assert not shown_windows("关于")
