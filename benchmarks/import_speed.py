"""Prints the import time of the large report's 公开表 workbook in each shipped layout.

For each layout the large report (benchmarks/large_report.py, moved to the layout's year) is
exported in it, its hidden data sheet deleted — so the tables are read as printed, found by
their titles and read by their headers and row words, as a unit's own workbook is — and
`read_workbooks` is timed: opening the file, recognising the layout, reading every table.
"""
from __future__ import annotations

import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import openpyxl  # noqa: E402
from large_report import build  # noqa: E402

from kuaiji_desk.core import layouts  # noqa: E402
from kuaiji_desk.core.excel.datasheet import DATA_SHEET  # noqa: E402
from kuaiji_desk.core.excel.importer import read_workbooks  # noqa: E402
from kuaiji_desk.core.excel.writer import export_workbook  # noqa: E402


def main(runs: int = 5) -> None:
    large = {year: build(year) for year in sorted({x.year for x in layouts.all_layouts()})}
    print(f"large report: {sum(len(v) for v in large[2024].code_rows.values())} code rows, "
          f"{len(large[2024].cells)} cells; {runs} runs per layout")
    with tempfile.TemporaryDirectory() as folder:
        for x in layouts.all_layouts():
            report = dataclasses.replace(large[x.year], layout=x.name, projects=[], overall=None)
            path = Path(folder) / f"{x.name}.xlsx"
            export_workbook(report, path)
            book = openpyxl.load_workbook(path)
            del book[DATA_SHEET]
            book.save(path)
            times, read = [], None
            for _ in range(runs):
                start = time.perf_counter()
                read = read_workbooks([path], x.year, skip_unplaced=True)
                times.append(time.perf_counter() - start)
            figures = sum(len(t.cells) for t in read.tables.values())
            print(f"{x.name:18} read as {read.layout:18} {figures:5} figures, {len(read.unplaced)} unplaced: "
                  f"median {statistics.median(times):.2f} s, min {min(times):.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
