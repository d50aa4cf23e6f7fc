"""Screenshots of every screen with the sample report, for looking at what we built.

    python -m kuaiji_desk.ui.screenshots OUTDIR

Runs offscreen with the bundled font, so the pictures are the same on any machine.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from ..core import edits  # noqa: E402
from .app import application  # noqa: E402
from .main_window import MainWindow  # noqa: E402

SIZE = (1600, 1000)


def _settle(app: QApplication, window) -> None:
    for _ in range(5):
        app.processEvents()
    window.repaint()
    app.processEvents()


def take(out_dir: Path) -> list[Path]:
    app = application()
    out_dir.mkdir(parents=True, exist_ok=True)
    shots = []
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(Path(tmp) / "screens.db")
        window.resize(*SIZE)
        window.show()
        _settle(app, window)
        shots.append(_save(window, out_dir / "00_start.png"))
        window.open_sample()
        _settle(app, window)
        view = window.view
        for i in range(view.count()):
            view.setCurrentIndex(i)
            _settle(app, window)
            shots.append(_save(window, out_dir / f"{i + 1:02d}_{view.tabText(i)}.png"))
        # An error made on purpose, to show how a failing cell and its finding look.
        session = window.session
        session.apply(edits.set_cell("02", "2010350", "2", 261_350_000))
        view.setCurrentWidget(view.tables["02"])
        _settle(app, window)
        shots.append(_save(window, out_dir / "20_error_in_02.png"))
        window.show_find()
        window._find.query.setText("251.35")
        window._find.find()
        _settle(app, window._find)
        shots.append(_save(window._find, out_dir / "21_find.png"))
        shots.append(_save(_import_preview(window), out_dir / "22_import_preview.png"))
        window.show_start()
        _settle(app, window)
        shots.append(_save(window, out_dir / "23_start_with_reports.png"))
        window.close()
    return shots


def _import_preview(window):
    """The 导入预览 of the sample's own workbooks over the sample: every line filled."""
    from ..core.excel.importer import read_workbooks
    from ..core.excel.preview import code_questions, replaced
    from ..core.sample import WORKBOOKS, sample_dir
    from .import_preview import ImportPreview

    report = window.session.report
    data = read_workbooks([sample_dir() / name for name in WORKBOOKS], report.year)
    preview = ImportPreview(data, report.publication, data.found + code_questions(data, report.year),
                            replaced(report, data), "导入预览 — 本年工作簿", window)
    preview.show()
    _settle(QApplication.instance(), preview)
    return preview


def _save(window, path: Path) -> Path:
    window.grab().save(str(path))
    return path


if __name__ == "__main__":
    for shot in take(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")):
        print(shot)
