"""Opening a workbook file into grids, refusing what is not safe or not a workbook.

The file comes from the accountant's disk or a colleague's e-mail: anything may be
behind the name.  Size and zip contents are checked before a library parses it, so
that a zip bomb or a huge file is refused rather than filling the memory: the file's
size, the zip directory, then each part as it is unpacked and each sheet's merged
ranges (:mod:`.package`).  Formulas stored without their result are computed where
they only do arithmetic, and refused by name otherwise (:mod:`.formulas`).
"""
from __future__ import annotations

import io

import zipfile
from pathlib import Path

import openpyxl
import xlrd
from openpyxl.worksheet.formula import ArrayFormula

from .cells import is_number
from .errors import WorkbookError
from .formulas import compute
from .grid import Grid
from .package import PackageScan, scan_package

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB
MAX_UNZIPPED_BYTES = 500 * MB
MAX_ZIP_RATIO = 200

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .xlsx is an OLE container with this stream (its name in UTF-16).
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")


def _unreadable(name: str) -> WorkbookError:
    return WorkbookError(f"「{name}」不是可以读取的 Excel 工作簿（文件已损坏或不是 Excel 格式）。")


def _encrypted(name: str) -> WorkbookError:
    return WorkbookError(f"「{name}」设置了打开密码（已加密），无法读取。请在 Excel 中取消密码后另存为 .xlsx 再导入。")


def read_grids(path: Path) -> list[Grid]:
    """Every worksheet of the file at ``path``, by content, whatever its extension."""
    name = path.name
    if not path.exists():
        raise WorkbookError(f"找不到文件「{path}」。")
    if not path.is_file():
        raise WorkbookError(f"「{name}」不是文件。")
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            head = f.read(len(_OLE_MAGIC))
    except OSError as e:
        raise WorkbookError(f"「{name}」无法打开（{e.strerror}），可能正被其他程序占用或没有读取权限。") from None
    if size == 0:
        raise WorkbookError(f"「{name}」是空文件（0 字节），不是 Excel 工作簿。")
    if size > MAX_FILE_BYTES:
        raise WorkbookError(f"「{name}」有 {size // MB} MB，超过了可以读取的 {MAX_FILE_BYTES // MB} MB。")
    if head.startswith(_ZIP_MAGIC):
        _check_zip(path)
        return _xlsx_grids(path, scan_package(path))
    if head == _OLE_MAGIC:
        return _xls_grids(path)
    raise _unreadable(name)


def _check_zip(path: Path) -> None:
    name = path.name
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _unreadable(name) from None
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if unpacked > MAX_UNZIPPED_BYTES or unpacked > MAX_ZIP_RATIO * max(packed, 1):
        raise WorkbookError(
            f"「{name}」解压后有 {unpacked // MB} MB（压缩前 {packed // MB} MB），大小或压缩比异常，"
            "为安全起见不予读取。"
        )
    if not any(i.filename.startswith("xl/workbook") and i.filename.endswith(".xml") for i in infos):
        raise WorkbookError(f"「{name}」是压缩文件，但不是 .xlsx 工作簿（.xlsb 等格式请在 Excel 中另存为 .xlsx）。")


def load_book(path: Path, **options):
    """openpyxl's workbook of the file at ``path``, read by content: openpyxl refuses a name
    that does not end in .xlsx, and finance systems write .xlsx workbooks named .xls (the
    file is at most MAX_FILE_BYTES: read into memory whole)."""
    return openpyxl.load_workbook(io.BytesIO(path.read_bytes()), **options)


def _load(path: Path, data_only: bool):
    try:
        # Not read_only: merged ranges are only known to a fully loaded sheet.
        return load_book(path, data_only=data_only)
    except Exception:
        # openpyxl fails on a broken file with whatever its parsers raise (KeyError,
        # ValueError, XML errors, …); to the accountant they all mean the same.
        raise _unreadable(path.name) from None


def _xlsx_grids(path: Path, scan: PackageScan) -> list[Grid]:
    book = _load(path, data_only=True)
    # _cells holds only the cells the file has; iter_rows would create every cell of the
    # used range, which a stray format can stretch to a million rows.
    stored = [(ws, {at: cell.value for at, cell in ws._cells.items() if cell.value is not None})
              for ws in book.worksheets]
    computed = _computed(path, stored) if scan.formulas_without_result else {}
    grids = []
    for ws, cells in stored:
        results = computed.get(ws.title, {})
        values, percent = {}, set()
        for at, v in [*cells.items(), *results.items()]:
            if isinstance(v, str) and not v.strip():
                continue
            values[at] = v
            if is_number(v) and "%" in _number_format(ws._cells.get(at)):
                percent.add(at)
        merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        grids.append(Grid(path.name, ws.title, values, merged, percent))
    book.close()
    return grids


def _number_format(cell) -> str:
    """The cell's number format; '' when its style points at a format the file lacks."""
    try:
        return (cell.number_format or "") if cell is not None else ""
    except (IndexError, KeyError, TypeError):
        return ""


def _computed(path: Path, stored) -> dict[str, dict]:
    """The results of the formulas stored without one: the workbook read again for them."""
    formulas = _load(path, data_only=False)
    sheets = []
    for (ws, cells), fws in zip(stored, formulas.worksheets):
        pending = {}
        for at, cell in fws._cells.items():
            if cell.data_type == "f" and at not in cells:
                value = cell.value
                # An array formula of one cell computes as its text; a data table (模拟运算表) never.
                pending[at] = value.text if isinstance(value, ArrayFormula) else (
                    value if isinstance(value, str) else "=TABLE()")
        sheets.append((ws.title, cells, pending))
    formulas.close()
    return compute(path.name, sheets)


def _xls_grids(path: Path) -> list[Grid]:
    name = path.name
    try:
        # Ragged rows: each row as long as its own last cell.  Else xlrd pads every row to the
        # sheet's widest, and one stray cell at IV65536 makes 16.7 million cells (34 s, 220 MB).
        book = xlrd.open_workbook(str(path), formatting_info=True, ragged_rows=True)
    except Exception as e:
        # As for openpyxl: a broken file fails with any exception of the parser.
        with open(path, "rb") as f:
            encrypted = _ENCRYPTION_STREAM in f.read() or "encrypt" in str(e).lower()
        raise (_encrypted(name) if encrypted else _unreadable(name)) from None
    return [_xls_grid(book, sheet, name) for sheet in book.sheets()]


def _xls_grid(book, sheet, name: str) -> Grid:
    values, percent = {}, set()
    for r in range(sheet.nrows):
        for c in range(sheet.row_len(r)):
            if sheet.cell_type(r, c) in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                continue
            cell = sheet.cell(r, c)
            v = cell.value
            if cell.ctype == xlrd.XL_CELL_ERROR:
                v = xlrd.error_text_from_code.get(v, "#ERROR")
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                v = bool(v)
            if isinstance(v, str) and not v.strip():
                continue
            values[(r + 1, c + 1)] = v
            if cell.ctype == xlrd.XL_CELL_NUMBER and "%" in _xls_format(book, cell.xf_index):
                percent.add((r + 1, c + 1))
    # xlrd gives merged ranges half-open and from 0.
    merged = [(rlo + 1, clo + 1, rhi, chi) for rlo, rhi, clo, chi in sheet.merged_cells]
    return Grid(name, sheet.name, values, merged, percent)


def _xls_format(book, xf_index: int) -> str:
    xf = book.xf_list[xf_index]
    fmt = book.format_map.get(xf.format_key)
    return fmt.format_str if fmt else ""
