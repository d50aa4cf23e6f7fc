"""Killing the program right after an edit loses at most that edit; the database opens."""
import os
import signal
import subprocess
import sys
import textwrap

from kuaiji_desk.core.sample import SAMPLE_UNIT, SAMPLE_YEAR
from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db

EDIT_AND_DIE = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from kuaiji_desk.ui.app import application
    from kuaiji_desk.ui.main_window import MainWindow
    app = application()
    window = MainWindow(Path(sys.argv[1]))
    window.show()
    app.processEvents()
    model = window.view.tables["02"].model
    assert model.setData(model.index_of("2010350", "2"), sys.argv[2])
    app.processEvents()
    # Windows has no SIGKILL; its SIGTERM is TerminateProcess, as abrupt.
    os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
""")
# How the child ends: killed by the signal on POSIX; on Windows TerminateProcess with the
# signal's number as its exit code.
KILLED = -signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM


def test_kill_after_edit_keeps_the_edit(tmp_path):
    db_path = tmp_path / "k.db"
    from kuaiji_desk.core.sample import load_sample

    db = open_db(db_path)
    repo.save_report(db, load_sample())
    close_db(db)
    (tmp_path / "k.ini").write_text(f"[last]\nunit={SAMPLE_UNIT}\nyear={SAMPLE_YEAR}\n", encoding="utf-8")
    for value, fen in (("777.77", 777_770_000), ("1,234.56", 1_234_560_000)):
        proc = subprocess.run([sys.executable, "-c", EDIT_AND_DIE, str(db_path), value],
                              capture_output=True, text=True, encoding="utf-8", timeout=120,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert proc.returncode == KILLED, proc.stderr
        db = open_db(db_path)
        try:
            assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
            report = repo.load_report(db, SAMPLE_UNIT, SAMPLE_YEAR)
        finally:
            close_db(db)
        assert report.cells[("02", "2010350", "2")] == fen
        assert ("02", "2010350", "1") not in report.cells            # the stated total above it: computed, same step
        assert report.cells[("02", "2010399", "1")] == 294_680_000   # the rest as it was
