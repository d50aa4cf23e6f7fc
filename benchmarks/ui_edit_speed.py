"""Prints the time from one edit to the repainted, re-checked window on the large
report of check_speed.py (target: under 50 ms).

An edit here is what typing a figure into a cell of 公开02表 does: the model
parses it, the session applies it, writes it to the database (one transaction),
re-checks the whole report, and the event loop repaints what changed (the edited
row and the totals above it, and any cell whose findings changed).
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_report import build  # noqa: E402

from kuaiji_desk.store import repo  # noqa: E402
from kuaiji_desk.store.db import close_db, open_db  # noqa: E402
from kuaiji_desk.ui.app import application  # noqa: E402
from kuaiji_desk.ui.main_window import MainWindow  # noqa: E402


def main(runs: int = 30) -> None:
    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "large.db"
        report = build()
        db = open_db(db_path)
        repo.save_report(db, report)
        close_db(db)
        window = MainWindow(db_path)
        window.resize(1600, 1000)
        window.open_report(report.unit, report.year)
        window.show()
        tab = window.view.tables["02"]
        window.view.setCurrentWidget(tab)
        app.processEvents()
        leaves = [c for c in window.session.report.codes("02") if len(c) == 7]
        times = []
        for i in range(runs):
            index = tab.model.index_of(leaves[i % len(leaves)], "7")
            tab.view.scrollTo(index)
            app.processEvents()
            start = time.perf_counter()
            tab.model.setData(index, f"{i + 1}.23")
            app.processEvents()
            times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        tab.view.viewport().repaint()
        full = (time.perf_counter() - start) * 1000
        window.close()
    print(f"large report in the window: {len(leaves)} 项 in 公开02表; a full repaint of the grid alone takes {full:.1f} ms")
    print(f"edit → saved, re-checked, repainted: median {statistics.median(times):.1f} ms, "
          f"min {min(times):.1f} ms, max {max(times):.1f} ms over {runs} runs (target < 50 ms)")


if __name__ == "__main__":
    main()
