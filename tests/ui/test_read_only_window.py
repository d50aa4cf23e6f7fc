"""The window on a database it cannot write (a CD, a write-protected stick): 「只读」 in the title
and the status bar, everything that would change the database disabled, typing refused
with the reason; looking, checking, exporting and printing as usual."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from as_user import ok, save_as
from read_only import read_only  # noqa: F401 (a fixture)

from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db

UNIT = "测试单位"
W = 1_000_000


@pytest.fixture
def on_a_cd(tmp_path, read_only):
    """A database with one report, last opened by the user, in a folder now read-only."""
    folder = tmp_path / "光盘"
    path = folder / "k.db"
    db = open_db(path)
    try:
        report = repo.create_report(db, UNIT, 2024)
        report.set("01", "1", "1", 5 * W)
        repo.save_report(db, report)
    finally:
        close_db(db)
    (folder / "k.ini").write_text(f"[last]\nunit={UNIT}\nyear=2024\n", encoding="utf-8")
    read_only(folder)
    return path


def test_a_read_only_database_is_shown_read_only_and_refuses_changes(on_a_cd, open_window, user, dialogs, tmp_path):
    before = on_a_cd.read_bytes()
    window = open_window(db=on_a_cd)
    me = user(window)
    assert window.session.report.cells[("01", "1", "1")] == 5 * W
    assert window.windowTitle() == f"{UNIT} 2024年度 — 部门决算公开（只读）"
    assert window.read_only_label.isVisible() and window.read_only_label.text() == "只读"
    assert "文件夹不能写入" in window.read_only_label.toolTip()
    for path in (("文件", "新建报告"), ("文件", "从上年Excel开始"), ("文件", "从上年报告新建"),
                 ("文件", "导入本年工作簿"), ("文件", "恢复数据"), ("编辑", "撤销"), ("编辑", "重做")):
        assert not me.menu_action(*path).isEnabled(), path
    assert me.menu_action("文件", "导出Excel").isEnabled() and me.menu_action("文件", "打印预览").isEnabled()

    t01 = window.view.tables["01"]
    window.view.setCurrentWidget(t01)
    dialogs.answer(ok, expect="只读")
    me.type_in_cell(t01.view, t01.model.index_of("1", "1"), "7")
    assert dialogs.last.title == "只读"                               # refused, not tried and failed
    assert "不能修改" in dialogs.last.text and "文件夹不能写入" in dialogs.last.text
    assert window.session.report.cells[("01", "1", "1")] == 5 * W
    assert t01.model.index_of("1", "1").data() == "5.00"

    dialogs.answer(save_as(tmp_path / "审核.xlsx"))
    me.choose("文件", "导出审核报告")
    assert (tmp_path / "审核.xlsx").is_file()

    me.choose("文件", "打开报告")                                   # the start page says so too
    assert window.windowTitle() == "部门决算公开（只读）"
    new_buttons = [b for b in window.start.findChildren(QPushButton) if b.text() in ("新建报告…", "从上年Excel开始…")]
    assert len(new_buttons) == 2 and not any(b.isEnabled() for b in new_buttons)
    window.close()
    assert on_a_cd.read_bytes() == before


def test_a_writable_database_says_nothing_of_read_only(open_window):
    window = open_window()
    assert "只读" not in window.windowTitle() and not window.read_only_label.isVisible()
