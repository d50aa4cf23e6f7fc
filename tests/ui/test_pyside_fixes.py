"""PySide6 6.12 drops references to None, True and False; the window must outlive that."""
import subprocess
import sys
import textwrap

import pytest

import kuaiji_desk.ui  # noqa: F401  (pins the singletons on import)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None, True and False are immortal from Python 3.12")
def test_singletons_are_pinned():
    assert min(sys.getrefcount(x) for x in (None, True, False)) > 1 << 39


CLICK_ALL_DAY = textwrap.dedent("""
    import copy, os, sys, tempfile
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from kuaiji_desk.core.report import new_report
    from kuaiji_desk.store.db import open_db
    from kuaiji_desk.store.repo import save_report
    from kuaiji_desk.ui.app import application
    from kuaiji_desk.ui.grid_view import GridView
    from kuaiji_desk.ui.session import Session
    from kuaiji_desk.ui.table_model import ReportTableModel
    app = application()
    db = open_db(Path(tempfile.mkdtemp()) / "k.db")
    report = new_report("单位", 2024)
    report.add_code("02", "2010350")
    save_report(db, report)
    view = GridView()
    model = ReportTableModel(Session(db, report), "02")
    view.setModel(model)
    view.show()
    centre = view.visualRect(model.index_of("2010350", "1")).center()
    for _ in range(int(sys.argv[1])):
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # C++ asks edit()
    print("clicked")
""")


def test_a_day_of_clicking_does_not_crash(tmp_path):
    """Each click asks the grid's edit() from C++; PySide6 6.12 would drop a reference
    to True or False each time, and Python aborts once one reaches zero."""
    proc = subprocess.run([sys.executable, "-c", CLICK_ALL_DAY, "6000"], capture_output=True, text=True, encoding="utf-8",
                          timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "clicked" in proc.stdout and "Fatal Python error" not in proc.stderr
