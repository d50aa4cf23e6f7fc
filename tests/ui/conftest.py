"""A session on the reference report in a fresh database, for the tab tests."""
import copy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from kuaiji_desk.core.sample import load_sample
from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.store.repo import create_report, save_report
from kuaiji_desk.ui.app import application
from kuaiji_desk.ui.session import Session


@pytest.fixture
def db(qapp, tmp_path):
    application()   # the bundled Chinese font, as the program starts
    db = open_db(tmp_path / "k.db")
    yield db
    close_db(db)


@pytest.fixture(scope="session")
def sample_report():
    return load_sample()   # read once: the workbooks take half a second


@pytest.fixture
def session(db, sample_report):
    report = copy.deepcopy(sample_report)
    save_report(db, report)
    return Session(db, report)


@pytest.fixture
def sample(session):
    """The reference report, for tests that say what they look at."""
    return session


@pytest.fixture
def blank(db):
    return Session(db, create_report(db, "单位", 2024))


@pytest.fixture
def shown(qtbot):
    """Shows a tab at the window's size, active, so that focus moves as the user moves it."""
    def show(widget):
        qtbot.addWidget(widget)
        widget.resize(1400, 900)
        with qtbot.waitExposed(widget):
            widget.show()
        with qtbot.waitActive(widget):
            widget.activateWindow()
        return widget
    return show


@pytest.fixture
def typing(qtbot):
    """Types into the focused-on field: keys for ASCII, an input method's commit for Chinese
    (QTest cannot press keys that are not ASCII)."""
    def type_text(field, text):
        field.setFocus()
        if text.isascii():
            qtbot.keyClicks(field, text)
        else:
            event = QInputMethodEvent()
            event.setCommitString(text)
            QApplication.sendEvent(field, event)
    return type_text


@pytest.fixture
def retype(qtbot, typing):
    """Replaces a field's text by typing, then leaves the field for ``then``."""
    def type_and_leave(field, text, then):
        field.setFocus()
        field.selectAll()
        qtbot.keyClick(field, Qt.Key.Key_Delete)
        typing(field, text)
        then.setFocus()
    return type_and_leave


@pytest.fixture(autouse=True)
def dialogs(qapp, qtbot):
    """Answers the dialogs a test queued answers for; any other dialog is closed and fails the
    test (a modal box nobody answers would hang the suite)."""
    from as_user import Dialogs

    answering = Dialogs(qtbot)
    yield answering
    answering.verify()


@pytest.fixture
def user(qtbot):
    """``user(window)``: the accountant at that window's mouse and keyboard (tests/as_user.py)."""
    from as_user import User

    return lambda window: User(qtbot, window)


@pytest.fixture
def open_window(qtbot, tmp_path):
    """``open_window()``: the program's window on a database of the test's (``db``), shown,
    sized and active as after a start; closed at the end."""
    from kuaiji_desk.ui.main_window import MainWindow

    application()
    windows = []

    def make(size=(1400, 900), db=None):
        window = MainWindow(db or tmp_path / "k.db")
        qtbot.addWidget(window)
        if size:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitActive(window)
        windows.append(window)
        return window
    yield make
    for w in windows:
        if w.isVisible():
            w.close()
