"""Prints the time of exporting the sample report and the large report: to PDF (reportlab)
in this process and, for the sample, as a fresh `kuaiji-desk export-pdf` process; to Excel;
and, where LibreOffice is installed, the time LibreOffice needs to turn our Excel export into
a PDF, with the ratio — side by side.  CPU time is printed beside the clock: on a machine
other programs keep busy the clock runs on.

Targets (issue 14): the sample's PDF under 0.3 s in process and under 1 s as a fresh process;
the large report's (some 300 pages) under 3 s; LibreOffice / reportlab at least 10×.

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


def _median_seconds(fn, runs: int) -> tuple[float, float, float]:
    """Median and best of the clock, and the median CPU time of this process."""
    times, cpu = [], []
    for _ in range(runs):
        start, started = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - started)
    return statistics.median(times), min(times), statistics.median(cpu)


def _fresh_process(report, folder: Path, runs: int) -> tuple[float, float, float]:
    """`kuaiji-desk export-pdf` of ``report`` started afresh: Python, imports, fonts, the PDF."""
    from kuaiji_desk.store import repo
    from kuaiji_desk.store.db import close_db, open_db

    db_path = folder / "sample.db"
    db = open_db(db_path)
    try:
        repo.save_report(db, report)
    finally:
        close_db(db)
    command = [sys.executable, "-m", "kuaiji_desk.cli", "--db", str(db_path), "export-pdf", report.unit,
               str(report.year), str(folder / "fresh.pdf")]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, timeout=120)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), float("nan")


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
        from kuaiji_desk.core.sample import load_sample

        sample = load_sample()
        sample_pdf = tmp / "sample.pdf"
        median, best, cpu = _median_seconds(lambda: export_pdf(sample, sample_pdf, fonts), args.runs)
        rows.append(("sample PDF, in process", median, best, cpu, "target 0.3 s"))
        median, best, cpu = _fresh_process(sample, tmp, args.runs)
        rows.append(("sample PDF, fresh process", median, best, cpu, "target 1 s"))
        pdf = tmp / "large.pdf"
        result = None

        def run_pdf():
            nonlocal result
            result = export_pdf(report, pdf, fonts)

        median, best, cpu = _median_seconds(run_pdf, args.runs)
        reportlab = median
        rows.append(("large PDF (reportlab)", median, best, cpu,
                     f"{result.pages} pages, {pdf.stat().st_size / 1024:.0f} KB; target 3 s"))

        writer = _excel_writer()
        xlsx = tmp / "large.xlsx"
        if writer is None:
            rows.append(("Excel (openpyxl)", None, None, None, "kuaiji_desk.core.excel.writer.export_workbook missing"))
        else:
            median, best, cpu = _median_seconds(lambda: writer(report, xlsx), args.runs)
            rows.append(("large Excel (openpyxl)", median, best, cpu, f"{xlsx.stat().st_size / 1024:.0f} KB"))

        office = _libreoffice()
        if office is None:
            rows.append(("Excel → PDF (LibreOffice)", None, None, None, "libreoffice not installed"))
        elif writer is None:
            rows.append(("Excel → PDF (LibreOffice)", None, None, None, "no Excel export to convert"))
        else:
            out = tmp / "lo"

            def convert():
                subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp / 'profile'}",
                                "--convert-to", "pdf", "--outdir", str(out), str(xlsx)],
                               check=True, capture_output=True, timeout=600)

            convert()  # the first start creates LibreOffice's profile; not timed
            median, best, _ = _median_seconds(convert, args.runs)
            converted = out / "large.pdf"
            size = f"{converted.stat().st_size / 1024:.0f} KB" if converted.exists() else "no output"
            rows.append(("large Excel → PDF (LibreOffice)", median, best, float("nan"),
                         f"{size}; {median / reportlab:.1f}× the reportlab PDF (goal ≥ 10×)"))

    width = max(len(name) for name, *_ in rows)
    print(f"\n{'export':<{width}}  {'median':>8}  {'best':>8}  {'CPU':>8}  (runs: {args.runs})")
    for name, median, best, cpu, note in rows:
        if median is None:
            print(f"{name:<{width}}  {'—':>8}  {'—':>8}  {'—':>8}  {note}")
        else:
            cpu_text = "—" if cpu != cpu else f"{cpu:.2f}s"
            print(f"{name:<{width}}  {median:>7.2f}s  {best:>7.2f}s  {cpu_text:>8}  {note}")


if __name__ == "__main__":
    main()
