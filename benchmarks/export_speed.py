"""Prints the time of exporting the large report: to PDF (reportlab), to Excel
(when the workbook writer is there) and, where LibreOffice is installed, the time
LibreOffice needs to turn our Excel export into a PDF — side by side.

    .venv/bin/python benchmarks/export_speed.py [--runs N]
"""
from __future__ import annotations

import argparse
import importlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_report import build  # noqa: E402

from kuaiji_desk.core.pdf import export_pdf  # noqa: E402
from kuaiji_desk.core.pdf.fonts import resolve_fonts  # noqa: E402


def _median_seconds(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def _excel_writer():
    try:
        return importlib.import_module("kuaiji_desk.core.excel.writer").export_workbook
    except (ImportError, AttributeError):
        return None


def _libreoffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    report = build()
    print(f"large report built in {time.perf_counter() - start:.2f} s: "
          f"{sum(len(v) for v in report.code_rows.values())} code rows, {len(report.projects)} projects")
    start = time.perf_counter()
    fonts = resolve_fonts()
    print(f"fonts ({fonts.description()}) loaded in {time.perf_counter() - start:.2f} s")

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pdf = tmp / "large.pdf"
        result = None

        def run_pdf():
            nonlocal result
            result = export_pdf(report, pdf, fonts)

        median, best = _median_seconds(run_pdf, args.runs)
        rows.append(("PDF (reportlab)", median, best,
                     f"{result.pages} pages, {pdf.stat().st_size / 1024:.0f} KB"))

        writer = _excel_writer()
        xlsx = tmp / "large.xlsx"
        if writer is None:
            rows.append(("Excel (openpyxl)", None, None, "kuaiji_desk.core.excel.writer.export_workbook missing"))
        else:
            median, best = _median_seconds(lambda: writer(report, xlsx), args.runs)
            rows.append(("Excel (openpyxl)", median, best, f"{xlsx.stat().st_size / 1024:.0f} KB"))

        office = _libreoffice()
        if office is None:
            rows.append(("Excel → PDF (LibreOffice)", None, None, "libreoffice not installed"))
        elif writer is None:
            rows.append(("Excel → PDF (LibreOffice)", None, None, "no Excel export to convert"))
        else:
            out = tmp / "lo"

            def convert():
                subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp / 'profile'}",
                                "--convert-to", "pdf", "--outdir", str(out), str(xlsx)],
                               check=True, capture_output=True, timeout=600)

            convert()  # the first start creates LibreOffice's profile; not timed
            median, best = _median_seconds(convert, args.runs)
            converted = out / "large.pdf"
            size = f"{converted.stat().st_size / 1024:.0f} KB" if converted.exists() else "no output"
            rows.append(("Excel → PDF (LibreOffice)", median, best, size))

    width = max(len(name) for name, *_ in rows)
    print(f"\n{'export':<{width}}  {'median':>8}  {'best':>8}  (runs: {args.runs})")
    for name, median, best, note in rows:
        if median is None:
            print(f"{name:<{width}}  {'—':>8}  {'—':>8}  {note}")
        else:
            print(f"{name:<{width}}  {median:>7.2f}s  {best:>7.2f}s  {note}")


if __name__ == "__main__":
    main()
