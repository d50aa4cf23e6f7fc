"""Prints the time and memory of a 部门 of 50 units, each the large report
(benchmarks/large_report.py), added up and checked (target: under 2 s), and of the
live update after one unit's edit (target: under 100 ms)."""
from __future__ import annotations

import copy
import dataclasses
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_report import build  # noqa: E402

from kuaiji_desk.core import rules  # noqa: E402
from kuaiji_desk.core.consolidation import LiveSum, consolidate  # noqa: E402
from kuaiji_desk.core.report import new_report  # noqa: E402

UNITS = 50


def _resident_mb() -> str:
    try:
        import resource
    except ImportError:   # Windows
        return "not measured here"
    return f"peak resident {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"


def main(runs: int = 3) -> None:
    large = build()
    # Each unit its own figures and projects, as 50 reports read from the store are.
    units = [dataclasses.replace(large, unit=f"单位{i:02d}", cells=dict(large.cells), rounded=set(large.rounded),
                                 projects=copy.deepcopy(large.projects)) for i in range(UNITS)]
    department = new_report("大型部门", large.year)
    print(f"{UNITS} units, each {len(large.cells)} cells, {sum(len(c) for c in large.code_rows.values())} code rows, "
          f"{len(large.projects)} projects")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        report = consolidate(department, units)
        added = time.perf_counter() - start
        findings = rules.check(report)
        times.append((added, time.perf_counter() - start))
    print(f"added up: median {statistics.median(a for a, _ in times) * 1000:.0f} ms; "
          f"added up and checked: median {statistics.median(t for _, t in times) * 1000:.0f} ms "
          f"(min {min(t for _, t in times) * 1000:.0f} ms); findings {rules.summary(findings)}")
    tracemalloc.start()
    report = consolidate(department, units)
    rules.check(report)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"memory: peak {peak / 2**20:.1f} MB allocated while adding up and checking (the units' reports, "
          f"already in memory, not counted); whole process: {_resident_mb()}")
    live = LiveSum(department, units)
    checker = rules.Checker()
    checker.check(live.report)
    leaves = [c for c in large.codes("02") if len(c) == 7]
    updates = []
    for i in range(20):
        edited = dataclasses.replace(units[i], cells=dict(units[i].cells), rounded=set(units[i].rounded))
        edited.set("02", leaves[i], "7", 10_000 * (i + 1))
        start = time.perf_counter()
        checker.check(live.replace_unit(edited))
        updates.append(time.perf_counter() - start)
    print(f"one unit's edit, the 部门 added up and checked again: median {statistics.median(updates) * 1000:.0f} ms, "
          f"min {min(updates) * 1000:.0f} ms")
    _from_the_store(units, department)
    print("targets: added up and checked under 2 s; after one unit's edit under 100 ms")


def _from_the_store(units, department) -> None:
    """The same 部门 read from a SQLite file: 50 units' reports read and added up, then checked."""
    from kuaiji_desk.core.report import Composition
    from kuaiji_desk.store import repo
    from kuaiji_desk.store.db import close_db, open_db

    with tempfile.TemporaryDirectory() as folder:
        db = open_db(Path(folder) / "k.db")
        try:
            for unit in units:
                repo.save_report(db, unit)
            department.composition = Composition(tuple(u.unit for u in units))
            repo.save_report(db, department)
            start, cpu = time.perf_counter(), time.process_time()
            report = repo.load_report(db, department.unit, department.year)
            read = time.perf_counter() - start
            rules.check(report)
            # CPU time besides the clock: on a machine other programs keep busy, the clock runs on.
            print(f"from the database: read and added up {read * 1000:.0f} ms, "
                  f"and checked {(time.perf_counter() - start) * 1000:.0f} ms "
                  f"(CPU {(time.process_time() - cpu) * 1000:.0f} ms)")
        finally:
            close_db(db)


if __name__ == "__main__":
    main()
