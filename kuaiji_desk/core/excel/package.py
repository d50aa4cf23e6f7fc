"""An .xlsx package measured and looked through before openpyxl reads it.

openpyxl does its work before we could judge it: it parses every sheet's XML whole, and
turns each merged range into one object per cell it covers.  A small file can ask for
more than any computer has — a 22 KB workbook with one merged range H1:XFD1048576 (17
billion cells), a 3 MB file holding 480 MB of sheet XML.  So the parts are measured first,
from the zip directory and again while streaming them through a counting reader (the
directory may lie), and each sheet's merged ranges are read by a streaming parser that
builds nothing; a workbook beyond the bounds is refused in a moment, saying why.

The same pass notes the formulas stored without a result (see :mod:`.formulas`), so that
only such a workbook is read a second time for its formulas.
"""
from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from openpyxl.utils.cell import range_boundaries

from .errors import WorkbookError
from .grid import MAX_MERGED_CELLS

MB = 1024 * 1024
# A 公开表 sheet is some 10–100 KB of XML; openpyxl reads about 4 MB of it a second.
MAX_PART_BYTES = 10 * MB        # one sheet (or the shared strings, the styles …), unpacked
MAX_XML_BYTES = 40 * MB         # all the parts openpyxl parses, unpacked
# What openpyxl spends some 30–45 µs on each: cells, rows, cell formats; and XML elements in
# all.  An export of a whole report has 6 000 cells and 17 000 elements.
MAX_CELLS = 100_000             # cells of all sheets
MAX_ROWS = 100_000              # rows of all sheets, with cells or only a height or format
MAX_FORMATS = 65_000            # cell formats (Excel itself keeps at most 64 000)
MAX_ELEMENTS = 250_000          # XML elements of all parts (a cell is two or three)
MAX_MERGED_RANGES = 20_000      # merged ranges of one sheet
MAX_MERGED_CELLS_BOOK = 3 * MAX_MERGED_CELLS   # cells covered by merged ranges, all sheets
_CHUNK = 1 * MB
# Parts openpyxl keeps as bytes or leaves alone rather than parsing.
_BINARY = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".bin", ".wdp", ".svg")
_MAIN = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "http://purl.oclc.org/ooxml/officeDocument/relationships")
_LIMITS_HINT = "如果表格下方或右侧有大量带格式的空行、空列，请在 Excel 中删除后另存再导入。"


@dataclass
class SheetScan:
    title: str
    part: str
    merged_cells: int = 0
    merged_ranges: int = 0
    dimension: str | None = None
    formulas_without_result: int = 0


@dataclass
class PackageScan:
    sheets: list[SheetScan] = field(default_factory=list)

    @property
    def formulas_without_result(self) -> int:
        return sum(s.formulas_without_result for s in self.sheets)


class _Unreadable(Exception):
    """The part is no XML we read (broken, or with a DOCTYPE no workbook has)."""


def scan_package(path: Path) -> PackageScan:
    name = path.name
    try:
        with zipfile.ZipFile(path) as z:
            return _Scanner(z, name).scan()
    except (zipfile.BadZipFile, _Unreadable, OSError, ValueError, EOFError, RuntimeError,
            NotImplementedError, expat.ExpatError):
        raise WorkbookError(f"「{name}」不是可以读取的 Excel 工作簿（文件已损坏或不是 Excel 格式）。") from None


class _Scanner:
    def __init__(self, z: zipfile.ZipFile, name: str):
        self.z, self.name = z, name
        self.total = 0
        self.read: set[str] = set()     # parts counted already
        self.elements = 0
        self.cells = 0
        self.rows = 0
        self.formats = 0

    def scan(self) -> PackageScan:
        infos = [i for i in self.z.infolist() if not i.is_dir() and not i.filename.lower().endswith(_BINARY)]
        titles = self._sheet_parts()      # the workbook's own parts first, counted as they are read
        for info in infos:                # then what the directory says of the others, before unpacking
            self._check_part(info.filename, info.file_size, titles.get(info.filename))
        self._check_total(sum(i.file_size for i in infos))
        result = PackageScan()
        merged_total = 0
        for info in infos:
            title = titles.get(info.filename)
            if info.filename in self.read:
                continue
            if title is None and not info.filename.startswith("xl/worksheets/"):
                self._count(info)
                continue
            sheet = SheetScan(title or info.filename, info.filename)
            self._scan_sheet(info, sheet)
            merged_total += sheet.merged_cells
            if merged_total > MAX_MERGED_CELLS_BOOK:
                raise WorkbookError(
                    f"「{self.name}」的合并单元格共覆盖 {merged_total:,} 个单元格以上（到工作表「{sheet.title}」为止），"
                    f"超过了可以读取的 {MAX_MERGED_CELLS_BOOK:,} 个，不像是公开表，为安全起见不予读取。")
            result.sheets.append(sheet)
        return result

    # -- sizes ------------------------------------------------------------------
    def _where(self, part: str, title: str | None = None) -> str:
        return f"「{self.name}」工作表「{title}」" if title else f"「{self.name}」中的「{part}」"

    def _check_part(self, part: str, size: int, title: str | None = None) -> None:
        if size > MAX_PART_BYTES:
            what = "一张工作表" if title else "其中一项"
            raise WorkbookError(
                f"{self._where(part, title)}解压后有 {size / MB:,.0f} MB 以上，超过了{what}可以读取的 "
                f"{MAX_PART_BYTES // MB} MB（公开表通常不到 1 MB），为安全起见不予读取。{_LIMITS_HINT}")

    def _check_total(self, size: int) -> None:
        if size > MAX_XML_BYTES:
            raise WorkbookError(
                f"「{self.name}」中的表格解压后共有 {size / MB:,.0f} MB 以上，超过了可以读取的 {MAX_XML_BYTES // MB} MB，"
                f"为安全起见不予读取。{_LIMITS_HINT}")

    def _chunks(self, info: zipfile.ZipInfo, title: str | None = None):
        """The part's bytes, counted as they come: whatever the directory said."""
        size = 0
        self.read.add(info.filename)
        with self.z.open(info) as f:
            while chunk := f.read(_CHUNK):
                size += len(chunk)
                self.total += len(chunk)
                self._check_part(info.filename, size, title)
                self._check_total(self.total)
                yield chunk

    def _count(self, info: zipfile.ZipInfo) -> None:
        """A part that is no sheet: measured, and its elements counted if it is XML."""
        if info.filename.lower().endswith((".xml", ".rels", ".vml")):
            self._parse(info, self._other_element)
        else:
            for _ in self._chunks(info):
                pass

    def _other_element(self, tag, attrs) -> None:
        self._element()
        ns, _, local = tag.rpartition(" ")
        if local == "xf" and ns in _MAIN:
            self.formats += 1
            if self.formats > MAX_FORMATS:
                raise WorkbookError(
                    f"「{self.name}」定义了 {MAX_FORMATS:,} 种以上的单元格格式，超过了 Excel 本身的上限，"
                    "为安全起见不予读取。")

    def _element(self, title: str | None = None) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            where = f"（到工作表「{title}」为止）" if title else ""
            raise WorkbookError(
                f"「{self.name}」的内容有 {MAX_ELEMENTS:,} 项以上{where}，远多于公开表的内容，为安全起见不予读取。"
                f"{_LIMITS_HINT}")

    # -- which part is which sheet ----------------------------------------------
    def _sheet_parts(self) -> dict[str, str]:
        """Part name → sheet title, from the workbook and its relationships."""
        names = set(self.z.namelist())
        book = next((n for n in ("xl/workbook.xml",) if n in names), None) or next(
            (n for n in sorted(names) if n.startswith("xl/workbook") and n.endswith(".xml")), None)
        if book is None:
            return {}
        rels_part = posixpath.join(posixpath.dirname(book), "_rels", posixpath.basename(book) + ".rels")
        sheets: list[tuple[str, str]] = []     # (title, relationship id)
        targets: dict[str, str] = {}

        def on_book(tag, attrs):
            self._element()
            ns, _, local = tag.rpartition(" ")
            if local == "sheet" and ns in _MAIN:
                rid = next((v for k, v in attrs.items() if k.rpartition(" ")[0] in _R and k.endswith(" id")), None)
                sheets.append((attrs.get("name", ""), rid))

        def on_rels(tag, attrs):
            self._element()
            ns, _, local = tag.rpartition(" ")
            if local == "Relationship" and ns == _RELS and "Target" in attrs:
                target = attrs["Target"]
                base = "" if target.startswith("/") else posixpath.dirname(book)
                targets[attrs.get("Id", "")] = posixpath.normpath(posixpath.join(base, target.lstrip("/")))

        self._parse(self.z.getinfo(book), on_book)
        if rels_part in names:
            self._parse(self.z.getinfo(rels_part), on_rels)
        return {targets[rid]: title for title, rid in sheets if rid in targets}

    # -- looking through a sheet ------------------------------------------------
    def _parse(self, info: zipfile.ZipInfo, start, end=None, text=None, title: str | None = None) -> None:
        parser = expat.ParserCreate(namespace_separator=" ")

        def no_doctype(*_):
            raise _Unreadable()
        parser.StartDoctypeDeclHandler = no_doctype
        parser.EntityDeclHandler = no_doctype
        parser.StartElementHandler = start
        if end:
            parser.EndElementHandler = end
        if text:
            parser.CharacterDataHandler = text
        for chunk in self._chunks(info, title):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)

    def _scan_sheet(self, info: zipfile.ZipInfo, sheet: SheetScan) -> None:
        cell = {"in": False, "formula": False, "value": False, "text_result": False, "in_value": False}

        def start(tag, attrs):
            self._element(sheet.title)
            ns, _, local = tag.rpartition(" ")
            if ns not in _MAIN:
                return
            if local == "c":
                self.cells += 1
                if self.cells > MAX_CELLS:
                    raise WorkbookError(
                        f"「{self.name}」的单元格共有 {MAX_CELLS:,} 个以上（到工作表「{sheet.title}」为止），"
                        f"公开表通常只有几千个，为安全起见不予读取。{_LIMITS_HINT}")
                cell.update({"in": True, "formula": False, "value": False, "in_value": False,
                             "text_result": attrs.get("t") in ("str", "s", "inlineStr")})
            elif local == "row":
                self.rows += 1
                if self.rows > MAX_ROWS:
                    raise WorkbookError(
                        f"「{self.name}」的行共有 {MAX_ROWS:,} 行以上（到工作表「{sheet.title}」为止），"
                        f"公开表通常只有几百行，为安全起见不予读取。{_LIMITS_HINT}")
            elif local == "f" and cell["in"]:
                cell["formula"] = True
            elif local == "v" and cell["in"]:
                cell["in_value"] = True
            elif local == "mergeCell":
                self._merged(sheet, attrs.get("ref", ""))
            elif local == "dimension":
                sheet.dimension = attrs.get("ref")

        def end(tag):
            local = tag.rpartition(" ")[2]
            if local == "v":
                cell["in_value"] = False
            elif local == "c" and cell["in"]:
                if cell["formula"] and not cell["value"] and not cell["text_result"]:
                    sheet.formulas_without_result += 1
                cell["in"] = False

        def text(data):
            if cell["in_value"] and data.strip():
                cell["value"] = True

        self._parse(info, start, end, text, sheet.title)

    def _merged(self, sheet: SheetScan, ref: str) -> None:
        min_col, min_row, max_col, max_row = range_boundaries(ref)   # ValueError: a broken file
        area = ((max_row or 1_048_576) - (min_row or 1) + 1) * ((max_col or 16_384) - (min_col or 1) + 1)
        sheet.merged_ranges += 1
        sheet.merged_cells += area
        where = f"「{self.name}」工作表「{sheet.title}」"
        if area > MAX_MERGED_CELLS:
            raise WorkbookError(
                f"{where}的合并单元格 {ref} 覆盖了 {area:,} 个单元格，超过了可以读取的 {MAX_MERGED_CELLS:,} 个，"
                "不像是公开表，为安全起见不予读取。请在 Excel 中取消这个合并后另存再导入。")
        if sheet.merged_cells > MAX_MERGED_CELLS or sheet.merged_ranges > MAX_MERGED_RANGES:
            raise WorkbookError(
                f"{where}的合并单元格超过了可以读取的 {MAX_MERGED_RANGES:,} 处或 {MAX_MERGED_CELLS:,} 个单元格，"
                "不像是公开表，为安全起见不予读取。")
