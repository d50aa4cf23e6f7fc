"""Prints the time from one edit to the repainted, re-checked window on the large
report of check_speed.py (target: under 50 ms).

An edit here is what typing a figure into a cell of 公开02表 does: the model
parses it, the session applies it, writes it to the database (one transaction),
re-checks the whole report, and the event loop repaints what changed (the edited
row and the totals above it, and any cell whose findings changed).

Every total of the large report is stated (as an import brings them), so the first
edit of a 项 also turns the stated totals above it back to computed, in the same
step: its row's 本年收入合计, its 款's, 类's and the 合计's.  Measured twice: those
first edits, then the same cells edited again (nothing stated is left above them).
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

from kuaiji_desk.core.layout import stated_totals  # noqa: E402
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
        live = window.session.report
        first, again = [], []
        turned: dict[int, list[int]] = {id(first): [], id(again): []}   # stated totals each edit turned back
        for times, value in ((first, "{}.23"), (again, "{}.45")):
            for i in range(runs):
                index = tab.model.index_of(leaves[i % len(leaves)], "7")
                tab.view.scrollTo(index)
                app.processEvents()
                before = len(stated_totals(live, "02"))
                start = time.perf_counter()
                tab.model.setData(index, value.format(i + 1))
                app.processEvents()
                times.append((time.perf_counter() - start) * 1000)
                turned[id(times)].append(before - len(stated_totals(live, "02")))
        first_turned, again_turned = turned[id(first)], turned[id(again)]
        assert all(first_turned) and not any(again_turned), "the first edits turn stated totals back, the second not"
        start = time.perf_counter()
        tab.view.viewport().repaint()
        full = (time.perf_counter() - start) * 1000
        window.close()
    print(f"large report in the window: {len(leaves)} 项 in 公开02表; "
          f"a full repaint of the grid alone takes {full:.1f} ms")
    for what, times in ((f"edit turning stated totals back ({min(first_turned)}–{max(first_turned)} per edit)", first),
                        ("edit with nothing stated above", again)):
        print(f"{what} → saved, re-checked, repainted: median {statistics.median(times):.1f} ms, "
              f"min {min(times):.1f} ms, max {max(times):.1f} ms over {runs} runs (target < 50 ms)")


if __name__ == "__main__":
    main()
