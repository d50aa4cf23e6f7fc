"""Drives the window the way a person does: a menu item clicked, a toolbar button pressed, a
key sent to whatever has the focus, a dialog answered by clicking its buttons.

A test written with these goes through Qt's own dispatch (the menu's mouse release, the
shortcut map, the dialog's modal loop), so it fails where the user would fail: a disabled
item, a slot that receives the wrong argument, a shortcut that is ambiguous, a dialog that
opens when nobody expected it.  It is as short as calling the slot:

    dialogs.answer(save_as(tmp_path / "公开.pdf"))
    user.choose("文件", "导出PDF")

Dialogs are answered while they are open, by a timer that looks at the modal widget and the
popup menu every few milliseconds; a dialog that nobody answered is closed and fails the
test, so a forgotten message box never hangs the suite.
"""
from __future__ import annotations

import re
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QDialogButtonBox, QFileDialog, QInputDialog, QLineEdit, QMenu,
    QMessageBox, QPlainTextEdit, QTextEdit, QToolBar, QWidget,
)

POLL_MS = 15
STUCK_SECONDS = 10   # an answered dialog still open after this was not answered
_KEY_HINT = re.compile(r"\(&\w\)")


def words(text: str) -> str:
    """A menu or button text as the user reads it: no access key, no trailing 「…」."""
    return _KEY_HINT.sub("", text).replace("&", "").rstrip("…").strip()


@dataclass
class Seen:
    """A dialog as it was shown: its kind, title and the words it said."""
    kind: str
    title: str
    text: str


def _said(widget: QWidget) -> str:
    if isinstance(widget, QMessageBox):
        return "\n".join(t for t in (widget.text(), widget.informativeText(), widget.detailedText()) if t)
    if isinstance(widget, QInputDialog):
        return widget.labelText()
    return ""


Answer = Callable[[QWidget], None]


class Dialogs:
    """Answers the dialogs and popup menus that open, in the order the test queued them."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self._answers: deque[tuple[Answer, str | None]] = deque()
        self._answering = 0
        self.seen: list[Seen] = []
        self.unexpected: list[Seen] = []
        self.otherwise: Answer | None = None   # for dialogs nothing was queued for
        self._timer = QTimer()
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def answer(self, *answers: Answer, expect: str | None = None) -> None:
        """Queues answers for the next dialogs, in order; ``expect`` must be in the first one's
        title or text."""
        for i, answer in enumerate(answers):
            self._answers.append((answer, expect if i == 0 else None))

    @property
    def last(self) -> Seen:
        return self.seen[-1]

    def texts(self) -> list[str]:
        return [s.text for s in self.seen]

    def _look(self) -> None:
        widget = QApplication.activePopupWidget()
        if not isinstance(widget, QMenu):
            widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible():
            return
        answered = widget.property("answered_by_test")
        if answered:
            if not self._answering and time.monotonic() - answered > STUCK_SECONDS:
                self._give_up(widget, "回答后仍未关闭")
            return
        widget.setProperty("answered_by_test", time.monotonic())
        seen = Seen(type(widget).__name__, widget.title() if isinstance(widget, QMenu) else widget.windowTitle(),
                    _said(widget))
        self.seen.append(seen)
        if not self._answers and self.otherwise is not None:
            self._answers.append((self.otherwise, None))
        if not self._answers:
            self._give_up(widget, "没有准备回答")
            return
        answer, expect = self._answers.popleft()
        if expect is not None and expect not in seen.title + "\n" + seen.text:
            self.unexpected.append(Seen(seen.kind, seen.title, f"{seen.text}\n（期望其中有「{expect}」）"))
        # Answered from a timer of its own: Qt does not fire a timer again while its slot runs, so
        # a dialog that the answer opens (a confirmation, a menu item's message box) would go
        # unseen if the answer ran here.
        self._answering += 1
        QTimer.singleShot(0, lambda: self._run(answer, widget))

    def _run(self, answer: Answer, widget: QWidget) -> None:
        try:
            answer(widget)
        except Exception as exc:   # noqa: BLE001 - reported by verify(), the dialog closed so nothing hangs
            self._give_up(widget, f"回答 {answer.__name__} 失败：{exc!r}")
        finally:
            self._answering -= 1

    def _give_up(self, widget: QWidget, why: str) -> None:
        """Closes a dialog the test could not answer; verify() fails the test with why."""
        title = widget.title() if isinstance(widget, QMenu) else widget.windowTitle()
        self.unexpected.append(Seen(type(widget).__name__, title, f"{_said(widget)}（{why}）"))
        widget.close() if isinstance(widget, QMenu) else widget.reject()

    def wait(self, timeout: int = 5000) -> None:
        """Waits until every queued answer was given (for popups, which do not block)."""
        self.qtbot.waitUntil(lambda: not self._answers and not self._answering, timeout=timeout)

    def verify(self) -> None:
        """Fails on a dialog nobody expected, or an answer no dialog took."""
        self._timer.stop()
        problems = [f"对话框 {s.kind}「{s.title}」：{s.text}" for s in self.unexpected]
        problems += [f"没有出现的对话框（已准备的回答：{a.__name__}）" for a, _ in self._answers]
        assert not problems, "\n".join(problems)


# -- answers -----------------------------------------------------------------------
def _named(answer: Answer, name: str) -> Answer:
    answer.__name__ = name
    return answer


def _click_standard(widget: QWidget, which) -> None:
    if isinstance(widget, QMessageBox):
        button = widget.button(QMessageBox.StandardButton(which.value))
    else:
        box = widget.findChild(QDialogButtonBox)
        button = box.button(QDialogButtonBox.StandardButton(which.value)) if box else None
    assert button is not None and button.isVisible(), f"「{widget.windowTitle()}」没有按钮 {which.name}"
    button.click()


def press(which: QMessageBox.StandardButton) -> Answer:
    """Clicks one of the dialog's standard buttons."""
    return _named(lambda w: _click_standard(w, which), which.name)


yes = press(QMessageBox.StandardButton.Yes)
no = press(QMessageBox.StandardButton.No)
ok = press(QMessageBox.StandardButton.Ok)
cancel = press(QMessageBox.StandardButton.Cancel)


def click(label: str) -> Answer:
    """Clicks the dialog's button that reads ``label``."""
    def answer(widget):
        button_by_label(widget, label).click()
    return _named(answer, f"click({label})")


def fill(change: Callable[[QWidget], None], then: Answer = ok) -> Answer:
    """Lets the test fill the dialog's fields, then answers it (OK by default)."""
    def answer(widget):
        change(widget)
        then(widget)
    return _named(answer, f"fill({getattr(change, '__name__', '')})")


def _choose_files(widget: QWidget, paths: list[Path]) -> None:
    assert isinstance(widget, QFileDialog), f"期望文件对话框，出现的是「{widget.windowTitle()}」"
    folders = {p.parent for p in paths}
    assert len(folders) == 1, "一次只能从一个文件夹选择"
    widget.setDirectory(str(folders.pop()))
    widget.findChild(QLineEdit, "fileNameEdit").setText(" ".join(f'"{p.name}"' for p in paths)
                                                          if len(paths) > 1 else paths[0].name)
    widget.accept()


def files(*paths) -> Answer:
    """Picks these files in an open dialog (all from one folder, as a person can)."""
    return _named(lambda w: _choose_files(w, [Path(p) for p in paths]), "files")


def save_as(path) -> Answer:
    """Types this file name in a save dialog and saves."""
    return _named(lambda w: _choose_files(w, [Path(path)]), "save_as")


def starting_folder(record: list) -> Answer:
    """Notes where a file dialog opened, then cancels it."""
    def answer(widget):
        record.append(Path(widget.directory().absolutePath()))
        widget.reject()
    return _named(answer, "starting_folder")


def text(value: str) -> Answer:
    """Types into a QInputDialog and presses OK."""
    def answer(widget):
        assert isinstance(widget, QInputDialog)
        field = widget.findChild(QPlainTextEdit) or widget.findChild(QTextEdit) or widget.findChild(QLineEdit)
        field.setFocus()
        field.selectAll()
        QTest.keyClick(field, Qt.Key.Key_Delete)
        QApplication.sendEvent(field, _committed(value))
        _click_standard(widget, QDialogButtonBox.StandardButton.Ok)
    return _named(answer, "text")


def print_to_file(path) -> Answer:
    """Chooses 打印到文件 (PDF) in the print dialog, names the file and prints."""
    def answer(widget):
        assert isinstance(widget, QPrintDialog), f"期望打印对话框，出现的是「{widget.windowTitle()}」"
        widget.findChild(QLineEdit, "filename").setText(str(path))
        _click_standard(widget, QDialogButtonBox.StandardButton.Ok)
    return _named(answer, "print_to_file")


def menu_item(label: str) -> Answer:
    """Clicks the item of a popup (context) menu that reads ``label``."""
    def answer(menu):
        assert isinstance(menu, QMenu), f"期望右键菜单，出现的是「{menu.windowTitle()}」"
        action = _find_action(menu.actions(), label, "右键菜单")
        QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    return _named(answer, f"menu_item({label})")


dismiss = _named(lambda w: w.close() if isinstance(w, QMenu) else w.reject(), "dismiss")


# -- finding what the user sees ------------------------------------------------------
def _find_action(actions, label: str, where: str):
    found = [a for a in actions if not a.isSeparator() and words(a.text()) == label]
    assert found, f"{where}中没有「{label}」，只有：{[words(a.text()) for a in actions if a.text()]}"
    return found[0]


def shown_windows(title: str) -> list[QWidget]:
    """The windows and dialogs on screen with this title."""
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle() == title]


def button_by_label(within: QWidget, label: str) -> QAbstractButton:
    """The visible button that reads ``label`` (access keys and 「…」 ignored)."""
    found = [b for b in within.findChildren(QAbstractButton) if b.isVisible() and words(b.text()) == label]
    assert found, f"没有可见的按钮「{label}」"
    assert len(found) == 1, f"有 {len(found)} 个按钮「{label}」"
    return found[0]


def settle() -> None:
    """Lets Qt deliver what a key or click queued (an item delegate commits an edit on the
    next turn of the event loop): a person never types faster than that."""
    QApplication.processEvents()


def type_text(widget: QWidget, text: str) -> None:
    """Keys for ASCII, an input method's commit for Chinese (QTest cannot press keys that are
    not ASCII)."""
    if text.isascii():
        QTest.keyClicks(widget, text)
    else:
        QApplication.sendEvent(widget, _committed(text))


def start_page_reports(window) -> list[tuple[object, str, int]]:
    """(item, unit, year) of every report the start page lists, 部门 and their units included."""
    from kuaiji_desk.ui.start_page import REPORT_ROLE

    tree, out = window.start.tree, []

    def walk(item):
        which = item.data(0, REPORT_ROLE)
        if which:
            out.append((item, which[0], int(which[1])))
        for i in range(item.childCount()):
            walk(item.child(i))
    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i))
    return out


def pick(combo, text: str) -> None:
    """Chooses an entry of a drop-down list with the keyboard, as a person does."""
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text, f"列表中没有「{text}」"


def unit_and_year(unit, year):
    """Fills the 新建报告 dialog's unit and year as a person types them."""
    def name_it(dialog):
        field = dialog.unit.lineEdit()
        field.setFocus()
        field.selectAll()
        type_text(field, unit)
        dialog.year.setFocus()
        dialog.year.selectAll()
        type_text(dialog.year, str(year))
    return name_it


def _committed(value: str):
    from PySide6.QtGui import QInputMethodEvent

    event = QInputMethodEvent()
    event.setCommitString(value)
    return event


def _driven(menu: QMenu) -> QMenu:
    """Marks a menu the test opens itself, so that the dialog watcher leaves it alone."""
    menu.setProperty("answered_by_test", time.monotonic())
    return menu


class User:
    """The accountant at the keyboard and mouse of ``window``."""

    def __init__(self, qtbot, window: QWidget):
        self.qtbot = qtbot
        self.window = window

    def _bring_up(self, widget: QWidget) -> QWidget:
        """Activates the window that holds ``widget``, as the click that reaches it would."""
        window = widget.window()
        if QApplication.activeWindow() is not window:
            window.activateWindow()
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
        return widget

    def menu_action(self, *path: str):
        """The action a menu path names, e.g. ("文件", "最近打开", "单位 2024年度")."""
        actions = [m.menuAction() for m in self.window.menuBar().findChildren(QMenu)
                   if m.parent() is self.window.menuBar()]
        action = _find_action(actions, path[0], "菜单栏")
        for label in path[1:]:
            action = _find_action(action.menu().actions(), label, f"菜单「{words(action.text())}」")
        return action

    def _open_menu(self, *path: str) -> QMenu:
        """Clicks a menu of the menu bar open, then each submenu on ``path``; returns the last."""
        bar = self._bring_up(self.window.menuBar())
        top = self.menu_action(path[0])
        menu = _driven(top.menu())
        QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(top).center())
        self.qtbot.waitUntil(menu.isVisible, timeout=2000)
        for label in path[1:]:
            action = self._usable(menu, label)
            # Highlighted and opened with the arrow key: a QTest.mouseMove over a popup leaves Qt's
            # pointer state such that a later test's first click on a menu closes it.
            menu.setActiveAction(action)
            QTest.keyClick(menu, Qt.Key.Key_Right)
            assert action.menu() is not None, f"菜单项「{label}」没有子菜单"
            menu = _driven(action.menu())
            self.qtbot.waitUntil(menu.isVisible, timeout=2000)
        return menu

    @staticmethod
    def _usable(menu: QMenu, label: str):
        action = _find_action(menu.actions(), label, f"菜单「{words(menu.title())}」")
        assert action.isVisible() and action.isEnabled(), f"菜单项「{label}」当前不可用"
        return action

    def choose(self, *path: str) -> None:
        """Clicks a menu in the menu bar, then the item (through submenus), as with the mouse."""
        menu = self._open_menu(*path[:-1])
        action = self._usable(menu, path[-1])
        QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
        settle()

    def menu_items(self, *path: str) -> list[str]:
        """What a menu shows when opened (its items rebuilt as for the user), then closes it."""
        menu = self._open_menu(*path)
        items = [words(a.text()) for a in menu.actions() if not a.isSeparator()]
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        settle()
        return items

    def tool(self, label: str) -> QAbstractButton:
        """The toolbar button that reads ``label``."""
        for bar in self.window.findChildren(QToolBar):
            for action in bar.actions():
                if not action.isSeparator() and words(action.iconText()) == label:
                    return bar.widgetForAction(action)
        raise AssertionError(f"工具栏上没有「{label}」")

    def click_tool(self, label: str) -> None:
        button = self._bring_up(self.tool(label))
        assert button.isEnabled(), f"工具栏按钮「{label}」当前不可用"
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        settle()

    def click(self, label: str, within: QWidget | None = None) -> None:
        """Clicks the visible button that reads ``label`` (in ``within``, else the window)."""
        button = self._bring_up(button_by_label(within or self.window, label))
        assert button.isEnabled(), f"按钮「{label}」当前不可用"
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        settle()

    def press(self, keys: str, to: QWidget | None = None) -> None:
        """Sends a key (「Ctrl+P」, 「Return」, 「F2」) to the widget that has the focus."""
        combo = QKeySequence(keys)[0]
        target = self._bring_up(to or QApplication.focusWidget() or self.window)
        QTest.keyClick(target, combo.key(), combo.keyboardModifiers())
        settle()

    def type(self, text: str, to: QWidget | None = None) -> None:
        """Types into the focused widget (or ``to``)."""
        type_text(to or QApplication.focusWidget() or self.window, text)
        settle()

    def retype(self, field: QWidget, text: str) -> None:
        """Clicks into a field, selects what it holds and types over it."""
        QTest.mouseClick(self._bring_up(field), Qt.MouseButton.LeftButton)
        field.setFocus()
        field.selectAll()
        QTest.keyClick(field, Qt.Key.Key_Delete)
        type_text(field, text)

    def click_cell(self, view, index, extend: bool = False) -> None:
        """Scrolls a table view to a cell and clicks it; with ``extend``, Shift+click: the
        selection reaches from the current cell to this one."""
        self._bring_up(view).scrollTo(index)
        shift = Qt.KeyboardModifier.ShiftModifier if extend else Qt.KeyboardModifier.NoModifier
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, shift, view.visualRect(index).center())
        settle()

    def type_in_cell(self, view, index, text: str, end: str = "Return") -> None:
        """Clicks a cell and types over it as in Excel: the first key opens the editor, ``end``
        (Return, Tab, an arrow) commits."""
        self.click_cell(view, index)
        # As in Excel, the first key (or an input method's first commit) opens the editor.
        first, rest = (text[0], text[1:]) if text.isascii() else (text, "")
        type_text(view, first)
        editor = QApplication.focusWidget()
        assert editor is not view, "单元格没有进入编辑状态"
        type_text(editor, rest)
        self.press(end, to=editor)

    def right_click(self, widget: QWidget, pos: QPoint) -> None:
        """Asks ``widget`` for its context menu at ``pos``, as a right click does."""
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos))
        QApplication.sendEvent(self._bring_up(widget), event)

    def double_click(self, widget: QWidget, pos: QPoint) -> None:
        # A person's double click is a click and a second press: QTest's mouseDClick alone sends
        # only the second half, which item views ignore.
        QTest.mouseClick(self._bring_up(widget), Qt.MouseButton.LeftButton, pos=pos)
        QTest.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)

    def left_click(self, widget: QWidget, pos: QPoint) -> None:
        QTest.mouseClick(self._bring_up(widget), Qt.MouseButton.LeftButton, pos=pos)
