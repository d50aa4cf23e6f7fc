"""Every item of every menu, every toolbar button and every item of a grid's context menu,
triggered as the user triggers it, on the sample report: none may raise.

Dialogs that open are dismissed (Cancel, Escape), so each action runs up to its first
question; pytest-qt fails the test on any exception raised in a slot.
"""
import pytest
from PySide6.QtWidgets import QApplication, QMenu, QToolBar

from as_user import dismiss, menu_item, words
from kuaiji_desk.ui.print_preview import PrintPreview

LAST = "退出"   # ends the walk


@pytest.fixture
def window(open_window, dialogs):
    dialogs.otherwise = dismiss
    return open_window()


def menu_paths(window, me):
    """(menu, …, item) for every item the menus show, submenus opened as the user opens them."""
    paths = []
    bar = window.menuBar()
    for top in bar.actions():
        paths += _paths(me, top.menu(), (words(top.text()),))
    return paths


def _paths(me, menu: QMenu, path):
    found = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        label = (*path, words(action.text()))
        if action.menu() is not None:
            found += [(*label, item) for item in me.menu_items(*label) if item != "（无）"]
        else:
            found.append(label)
    return found


def with_a_report_open(window, me):
    if window.view is None or window.stack.currentWidget() is not window.view:
        me.click("打开")
    for preview in [w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreview) and w.isVisible()]:
        preview.close()


def test_every_menu_item_and_toolbar_button_runs_without_error(window, user, dialogs):
    me = user(window)
    me.click("打开示例")
    paths = menu_paths(window, me)
    assert ("文件", "打印预览") in paths and ("编辑", "撤销") in paths and ("帮助", "关于") in paths
    assert any(p[:2] == ("文件", "最近打开") for p in paths)
    for path in sorted(paths, key=lambda p: p[-1] == LAST):
        with_a_report_open(window, me)
        action = me.menu_action(*path) if len(path) == 2 else None
        if action is not None and not action.isEnabled():
            continue    # 撤销 and 重做 with nothing to undo
        me.choose(*path)
        dialogs.wait()
        if path[-1] == LAST:
            assert not window.isVisible()
            return
    pytest.fail("「退出」不在菜单中")


def test_every_toolbar_button_runs_without_error(window, user, dialogs):
    me = user(window)
    me.click("打开示例")
    labels = [words(a.iconText()) for bar in window.findChildren(QToolBar) for a in bar.actions()
              if not a.isSeparator() and a.isVisible()]
    assert {"导入", "导出Excel", "导出PDF", "打印预览", "打印"} <= set(labels)
    for label in labels:
        with_a_report_open(window, me)
        if me.tool(label).isEnabled():
            me.click_tool(label)
            dialogs.wait()


@pytest.mark.parametrize("table", ["01", "02", "06", "09"])
def test_every_context_menu_item_of_a_grid_runs_without_error(window, user, dialogs, table):
    me = user(window)
    me.click("打开示例")
    tab = window.view.tables[table]
    window.view.setCurrentWidget(tab)
    view = tab.view
    model = tab.model
    cells = [model.index(r, c) for r in range(min(model.rowCount(), 4)) for c in range(model.columnCount())]
    for index in cells:
        offered = []
        dialogs.answer(lambda menu: (offered.extend(words(a.text()) for a in menu.actions() if a.text()),
                                     menu.close()))
        me.right_click(view.viewport(), view.visualRect(index).center())
        dialogs.wait()
        for item in offered:
            dialogs.answer(menu_item(item))
            me.right_click(view.viewport(), view.visualRect(index).center())
            dialogs.wait()
