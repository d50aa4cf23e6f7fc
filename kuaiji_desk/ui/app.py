"""Starting Qt: the bundled Chinese font, Qt's own Chinese strings, one QApplication."""
from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ..fonts import bundled_font_path

APP_FONT_SIZE = 10


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, with the font every screen uses.

    The font ships with the program so that the window looks the same on any
    machine, and a machine without CJK fonts shows no empty boxes.
    """
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationName("kuaiji_desk")
        app.setApplicationDisplayName("部门决算公开")
        app.setOrganizationName("kuaiji_desk")
    if not app.property("kuaiji_ready"):
        font_id = QFontDatabase.addApplicationFont(str(bundled_font_path()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id != -1 else []
        if families:
            app.setFont(QFont(families[0], APP_FONT_SIZE))
        translator = QTranslator(app)
        if translator.load(QLocale("zh_CN"), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(translator)
        app.setProperty("kuaiji_ready", True)
    return app
