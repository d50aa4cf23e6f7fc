"""Prints the time of checking the large report (target: under 20 ms).

Two figures: a full check from scratch (what `kuaiji-desk check` does), and the
check the window runs after one edit — still every rule over the whole report,
with the evaluation and the findings of parts the edit did not touch reused.
"""
from __future__ import annotations

import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_report import build  # noqa: E402

from kuaiji_desk.core import rules  # noqa: E402


def _times(fn, runs):
    out = []
    for i in range(runs):
        start = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - start) * 1000)
    return out


def _line(name, times):
    return (f"{name}: median {statistics.median(times):.1f} ms, min {min(times):.1f} ms, "
            f"max {max(times):.1f} ms over {len(times)} runs")


def main(runs: int = 30) -> None:
    report = build()
    gc.collect()
    gc.freeze()   # as the window's Session does once a report is open
    findings = rules.check(report)
    print(f"large report: {sum(len(v) for v in report.code_rows.values())} code rows, {len(report.cells)} cells, "
          f"{len(report.projects)} projects × {len(report.projects[0].indicators)} indicators; "
          f"findings {rules.summary(findings)}")
    print(_line("full check from scratch", _times(lambda i: rules.check(report), runs)))

    checker = rules.Checker()
    checker.check(report)
    codes = report.codes("02")
    leaves = [c for c in codes if len(c) == 7]

    def edit_and_check(i):
        report.set("02", leaves[i % len(leaves)], "7", 10_000 * (i + 1))
        checker.check(report)

    print(_line("one edit in 公开02表, then check", _times(edit_and_check, runs)))
    print("target: under 20 ms")


if __name__ == "__main__":
    main()
