"""A program killed at any moment while it saves edits: every edit it had reported saved is
in the database, at most the one in flight besides, and the database is sound.

The child applies edits as the window does (an edit applied, then store.repo.save_parts of
what it changed) and prints each one's number once save_parts has returned; the parent kills
it after a random time, a few times over, each child carrying on from what was saved."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

from kuaiji_desk.store.db import close_db, open_db
from kuaiji_desk.store.repo import create_report, load_report

UNIT = "某单位"

EDIT_UNTIL_KILLED = textwrap.dedent("""
    import sys
    from kuaiji_desk.core import edits
    from kuaiji_desk.store.db import open_db
    from kuaiji_desk.store.repo import load_report, save_parts
    db = open_db(sys.argv[1])
    report = load_report(db, "某单位", 2024)
    step = int(sys.argv[2])
    print("ready", flush=True)
    while True:
        if step % 2:
            edit = edits.set_cells({("01", "1", "1"): step}, "编辑单元格")
        else:
            edit = edits.set_explanation(report, f"crash|{step}", f"第{step}步")
        edit.apply(report)
        save_parts(db, report, edit.parts, edit.keys)
        print(step, flush=True)
        step += 1
""")


def _kill(child: subprocess.Popen) -> None:
    if hasattr(signal, "SIGKILL"):
        os.kill(child.pid, signal.SIGKILL)
    else:
        child.kill()   # Windows: TerminateProcess, as abrupt


def test_killed_at_random_points_every_edit_reported_saved_is_there(db_target, backend):
    path = db_target
    db = open_db(path)
    create_report(db, UNIT, 2024)
    close_db(db)
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    reported: list[int] = []
    in_flight_saved: list[int] = []   # the edit a child was saving when killed, found saved after all
    step = 0
    for round_ in range(5):
        child = subprocess.Popen([sys.executable, "-c", EDIT_UNTIL_KILLED, str(path), str(step)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        time.sleep(rng.uniform(0.02, 0.4))
        _kill(child)
        # Not communicate(): it reads the pipe itself and would miss what readline() has
        # already taken into the file object's buffer with "ready" (the first save's line).
        out, err = child.stdout.read(), child.stderr.read()
        child.wait(timeout=30)
        assert child.returncode != 0, err
        lines = out.splitlines()
        if lines and not out.endswith("\n"):
            lines.pop()                                  # cut off mid-line by the kill
        done = [int(line) for line in lines]
        assert done == list(range(step, step + len(done))), (seed, round_)
        reported += done

        db = open_db(path)
        try:
            if backend == "sqlite":
                assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok", (seed, round_)
            report = load_report(db, UNIT, 2024)
        finally:
            close_db(db)
        # Saved: every explanation reported, the last figure reported or the one after it.
        explained = sorted(int(k.split("|")[1]) for k in report.explanations)
        assert [s for s in reported if s % 2 == 0] == [s for s in explained if s in reported], (seed, round_)
        in_flight = [s for s in explained if s not in reported and s not in in_flight_saved]
        assert in_flight in ([], [step + len(done)]), (seed, round_)
        in_flight_saved += in_flight
        figure = report.cells.get(("01", "1", "1"))
        last_odd = max((s for s in [*reported, *in_flight_saved] if s % 2), default=None)
        assert figure in (last_odd, step + len(done)), (seed, round_, figure)
        if figure is not None and figure not in reported and figure not in in_flight_saved:
            in_flight_saved.append(figure)
        step = max([*reported, *explained, figure or 0]) + 1
    assert len(reported) > 5, "the children saved next to nothing before they were killed"
