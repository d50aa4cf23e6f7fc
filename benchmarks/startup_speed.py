"""Prints the time from starting the program to its window shown with a report
open (target: under 1.5 s), the median of 5 starts.

Each start is a new Python process, so every import is paid as a user pays it:
the clock runs from Popen until the child prints "shown" after the main window,
with the reference report open, has been shown and has processed its events.
The database is prepared once beforehand; the first start of a day also makes
the daily backup, which the median leaves out.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 1.5
RUNS = 5

CHILD = """
import sys
import kuaiji_desk.cli   # what the kuaiji-desk command imports before the window
from kuaiji_desk.core.sample import SAMPLE_UNIT, SAMPLE_YEAR
from kuaiji_desk.ui.app import application
from kuaiji_desk.ui.main_window import MainWindow
app = application()
window = MainWindow(sys.argv[1])
if window.session is None:
    window.open_report(SAMPLE_UNIT, SAMPLE_YEAR)
window.show()
app.processEvents()
print("shown", flush=True)
window.close()
"""


def prepare(db_path: Path) -> None:
    from kuaiji_desk.core.sample import load_sample
    from kuaiji_desk.store import repo
    from kuaiji_desk.store.db import close_db, open_db

    db = open_db(db_path)
    repo.save_report(db, load_sample())
    close_db(db)


def one_start(db_path: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db_path)], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, env=env)
    for line in child.stdout:
        if line.strip() == "shown":
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError("the window was never shown")
    child.wait()
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "kuaiji.db"
        prepare(db_path)
        times = [one_start(db_path) for _ in range(RUNS)]
    median = statistics.median(times)
    print("starts: " + "  ".join(f"{t:.2f}" for t in times) + " s")
    print(f"median: {median:.2f} s (target {TARGET} s) — {'ok' if median <= TARGET else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
