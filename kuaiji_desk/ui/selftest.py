"""`kuaiji-desk --self-test`: does this installation work?

Each check exercises something a frozen build can silently lose — a data file,
a Qt plugin, a translation, a hidden import — through the same code the user
runs, so the packaged program can be checked without a person at the screen.
Everything is written to a temporary folder; the user's database is not touched.
"""
from __future__ import annotations

import sys
import tempfile
import traceback
from pathlib import Path

from .. import __version__


def _check_qt(app) -> str:
    from PySide6.QtCore import QCoreApplication, qVersion
    from PySide6.QtGui import QFontDatabase

    from ..fonts import bundled_font_path

    font = bundled_font_path()
    # application() registered it already; registering again returns the same id.
    font_id = QFontDatabase.addApplicationFont(str(font))
    assert font_id != -1, f"Qt 无法加载内置字体 {font}"
    families = QFontDatabase.applicationFontFamilies(font_id)
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    assert cancel == "取消", f"Qt 中文翻译 qtbase_zh_CN 未加载（Cancel → {cancel!r}）"
    return f"Qt {qVersion()}，平台 {app.platformName()}，字体 {'、'.join(families)}，Qt 中文翻译"


def _check_pdf(report, folder: Path) -> str:
    from PySide6.QtPdf import QPdfDocument

    from ..core.pdf.document import export_pdf

    path = folder / "selftest.pdf"
    result = export_pdf(report, path, table="01")
    doc = QPdfDocument()
    status = doc.load(str(path))
    assert status == QPdfDocument.Error.None_, f"QPdfDocument 无法读取导出的 PDF：{status}"
    assert doc.pageCount() >= 1, "导出的 PDF 没有页面"
    assert not result.missing_glyphs, f"PDF 字体缺字：{result.missing_glyphs}"
    from reportlab.lib import rl_accel

    # reportlab's C accelerator (rl_accel): without it every PDF takes about twice as long.
    assert type(rl_accel.fp_str).__name__ == "builtin_function_or_method", "PDF 加速模块 rl_accel 没有装入"
    return f"PDF {doc.pageCount()} 页（{result.fonts}；rl_accel 加速）"


def _check_excel(report, folder: Path) -> str:
    import openpyxl

    from ..core.excel.importer import read_workbooks
    from ..core.excel.writer import export_workbook

    # Without defusedxml openpyxl parses untrusted workbooks unprotected.
    assert openpyxl.DEFUSEDXML, "openpyxl 未使用 defusedxml"
    path = folder / "selftest.xlsx"
    export_workbook(report, path)
    data = read_workbooks([path], report.year)
    assert data.tables, "导出的工作簿读不回公开表"
    return f"Excel 导出并读回 {len(data.tables)} 张表（openpyxl {openpyxl.__version__}，defusedxml）"


def _check_store(report, folder: Path) -> str:
    import sqlite3

    from ..store import repo
    from ..store.db import close_db, open_db

    db = open_db(folder / "store.db")
    try:
        repo.save_report(db, report)
        loaded = repo.load_report(db, report.unit, report.year)
    finally:
        close_db(db)
    assert loaded.unit == report.unit and loaded.year == report.year, "数据库读回的报告不一致"
    return f"数据库保存并读回示例报告（SQLite {sqlite3.sqlite_version}）；{_check_server_driver()}"


def _check_server_driver() -> str:
    """The PostgreSQL driver of a server database (store/server.py) and its libpq load, and
    peewee found it: no server is needed to know that a frozen build did not lose it."""
    import peewee
    import psycopg2
    import psycopg2.extras  # noqa: F401 — store/writer.py's batches

    assert peewee.psycopg2 is psycopg2, "peewee 未找到 PostgreSQL 驱动 psycopg2"
    libpq = psycopg2.extensions.libpq_version()
    return f"服务器数据库驱动 psycopg2 {psycopg2.__version__.split()[0]}（libpq {libpq // 10000}.{libpq % 10000}）"


def _check_window(folder: Path) -> str:
    from .main_window import MainWindow

    window = MainWindow(folder / "window.db")
    try:
        window.open_sample()
        assert window.view is not None, "主窗口未能打开示例报告"
        tabs = window.view.count()
        assert tabs == 12, f"主窗口应有 12 个标签页，实有 {tabs} 个"
        window.view.flush()
    finally:
        window.close()
        window.db.close()
        window.deleteLater()
    return f"主窗口打开示例报告，{tabs} 个标签页"


def run() -> int:
    """Prints 自检通过 and the details (exit 0), or 自检失败 and the reason (exit 1)."""
    details: list[str] = []
    try:
        from ..core.sample import load_sample
        from .app import application

        app = application()
        details.append(_check_qt(app))
        report = load_sample()
        with tempfile.TemporaryDirectory(prefix="kuaiji-selftest-") as tmp:
            folder = Path(tmp)
            details.append(_check_pdf(report, folder))
            details.append(_check_excel(report, folder))
            details.append(_check_store(report, folder))
            details.append(_check_window(folder))
            app.processEvents()
    except BaseException as exc:  # noqa: BLE001 — any failure, including a missing module, is the answer
        for line in details:
            print(f"  通过：{line}")
        traceback.print_exc(file=sys.stderr)
        print(f"自检失败：{type(exc).__name__}: {exc}")
        return 1
    frozen = "（打包版）" if getattr(sys, "frozen", False) else ""
    print(f"自检通过：kuaiji-desk {__version__}{frozen}，Python {sys.version.split()[0]}")
    for line in details:
        print(f"  {line}")
    return 0
