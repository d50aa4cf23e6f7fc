"""Variants of the fixture workbooks, as other templates and other hands lay them out.

A workbook is handled as a list of :class:`Sheet` (values and merged ranges), so
that rows and columns can be inserted and sheets stacked without openpyxl's own
insert functions, which leave merged ranges behind.  Each variant says the same
figures as the fixture; the import tests check that it reads the same.
"""
from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

FIXTURES = Path(__file__).parent / "fixtures"
PUBLIC_TABLES = FIXTURES / "hanyang-2024-public-tables.xlsx"
SELF_EVALUATIONS = FIXTURES / "hanyang-2024-self-evaluations.xlsx"

CODE_SHEETS = ("公开02表", "公开03表", "公开05表", "公开07表", "公开08表")

Cell = tuple[int, int]


@dataclass
class Sheet:
    title: str
    cells: dict[Cell, object] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)   # r1, c1, r2, c2
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)

    @property
    def height(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    def get(self, address: str):
        return self.cells.get(_cell(address))

    def set(self, address: str, value) -> None:
        at = _cell(address)
        if value is None:
            self.cells.pop(at, None)
        else:
            self.cells[at] = value


def _cell(address: str) -> Cell:
    letters, row = coordinate_from_string(address)
    return row, column_index_from_string(letters)


def load_sheets(path: Path) -> list[Sheet]:
    """The sheets of a workbook, a fresh copy each time for the caller to change."""
    return copy.deepcopy(_loaded(Path(path)))


@functools.lru_cache(maxsize=None)
def _loaded(path: Path) -> list[Sheet]:
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None}
        merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        sheets.append(Sheet(ws.title, cells, merged))
    return sheets


def save_sheets(sheets: list[Sheet], path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for s in sheets:
        ws = wb.create_sheet(s.title)
        for (r, c), v in s.cells.items():
            ws.cell(row=r, column=c, value=v)
        for r1, c1, r2, c2 in s.merged:
            ws.merge_cells(f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}")
        for r in s.hidden_rows:
            ws.row_dimensions[r].hidden = True
        for c in s.hidden_cols:
            ws.column_dimensions[get_column_letter(c)].hidden = True
    wb.save(path)
    return path


def sheet(sheets: list[Sheet], title: str) -> Sheet:
    return next(s for s in sheets if s.title == title)


# -- moving things ------------------------------------------------------------------

def insert_rows(s: Sheet, after: int, n: int = 1) -> None:
    """n blank rows below row ``after``."""
    s.cells = {((r + n if r > after else r), c): v for (r, c), v in s.cells.items()}
    s.merged = [(r1 + n if r1 > after else r1, c1, r2 + n if r2 > after else r2, c2) for r1, c1, r2, c2 in s.merged]


def insert_cols(s: Sheet, after: int, n: int = 1) -> None:
    """n blank columns right of column ``after``; a merged range across it widens."""
    s.cells = {(r, (c + n if c > after else c)): v for (r, c), v in s.cells.items()}
    s.merged = [(r1, c1 + n if c1 > after else c1, r2, c2 + n if c2 > after else c2) for r1, c1, r2, c2 in s.merged]


def _amount_cells(s: Sheet) -> list[Cell]:
    """Numbers that are amounts: every number but those of a 行次 column."""
    hangci = {c for (r, c), v in s.cells.items() if v == "行次"}
    return [at for at, v in s.cells.items()
            if isinstance(v, (int, float)) and not isinstance(v, bool) and at[1] not in hangci]


def _public(sheets: list[Sheet]) -> list[Sheet]:
    return [s for s in sheets if s.title.startswith("公开")]


# -- variants of the 公开表 ----------------------------------------------------------

def three_column_codes(sheets: list[Sheet]) -> list[Sheet]:
    """Codes split over 类 | 款 | 项 columns: ragged (类/款 left blank to inherit),
    full, and with the 款 as a number that lost its leading zero."""
    for s in sheets:
        if s.title not in CODE_SHEETS:
            continue
        codes = {r: str(v) for (r, c), v in s.cells.items() if c == 1 and r > 6 and str(v).isdigit()}
        insert_cols(s, 1, 2)
        s.merged.append((5, 1, 5, 3))
        s.set("A6", "类"), s.set("B6", "款"), s.set("C6", "项")
        for r, code in codes.items():
            lei, kuan, xiang = code[:3], code[3:5], code[5:]
            if lei == "206":
                parts = (lei, kuan, xiang) if xiang else (lei, kuan or None, None)
            elif lei == "221":
                parts = (int(lei), int(kuan) if kuan else None, int(xiang) if xiang else None)
            else:
                parts = (lei if not kuan else None, kuan if not xiang else None, xiang or None)
            for c, part in zip((1, 2, 3), parts):
                s.cells.pop((r, c), None)
                if part is not None:
                    s.cells[(r, c)] = part
    return sheets


def yuan_unit(sheets: list[Sheet]) -> list[Sheet]:
    """Every table in 元: the figures × 10 000, exact."""
    for s in _public(sheets):
        for at in _amount_cells(s):
            s.cells[at] = int(Decimal(repr(s.cells[at])) * 10000)
        for at, v in s.cells.items():
            if v == "单位：万元":
                s.cells[at] = "单位：元"
    return sheets


_FULLWIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def _spaced(d: Decimal) -> str:
    whole, _, frac = f"{d:.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f" {' '.join(groups)}.{frac} "


TEXT_FORMATS = (
    lambda d: f"{d:,.2f}",                          # '1,286.76'
    lambda d: f"{d:,.2f}".translate(_FULLWIDTH),    # '１，２８６．７６'
    _spaced,                                        # ' 1 286.76 '
)


def text_numbers(sheets: list[Sheet]) -> list[Sheet]:
    """Amounts typed as text in three styles, and '-' for the blank amounts of code rows."""
    for s in _public(sheets):
        for i, at in enumerate(sorted(_amount_cells(s))):
            s.cells[at] = TEXT_FORMATS[i % len(TEXT_FORMATS)](Decimal(repr(s.cells[at])))
    for title in ("公开02表", "公开03表", "公开05表"):
        s = sheet(sheets, title)
        last = max(c for _, c in s.cells)
        for r in range(7, s.height + 1):
            if str(s.cells.get((r, 1), "")).isdigit():
                for c in range(3, last + 1):
                    s.cells.setdefault((r, c), "-")
    s06 = sheet(sheets, "公开06表")
    for r in range(6, 34):
        for code_col in (1, 4, 7):
            if (r, code_col) in s06.cells:
                s06.cells.setdefault((r, code_col + 2), "-")
    return sheets


def spacer_rows(sheets: list[Sheet]) -> list[Sheet]:
    """Blank rows inside the tables: after a 合计 row, between 类, inside 01 and 06."""
    for title in ("公开02表", "公开03表", "公开05表"):
        s = sheet(sheets, title)
        insert_rows(s, 14)
        insert_rows(s, 11, 2)
        insert_rows(s, 7)
    insert_rows(sheet(sheets, "公开01表"), 20)
    insert_rows(sheet(sheets, "公开06表"), 19)
    insert_rows(sheet(sheets, "公开09表"), 7)
    return sheets


JUNK = Sheet("说明", {
    (1, 1): "填表说明", (2, 1): "收入决算表", (3, 1): "一、收入支出决算总表", (4, 2): 12345.67,
    (5, 1): "部门：别的单位", (6, 3): "栏次",
})


def stacked(sheets: list[Sheet]) -> list[Sheet]:
    """All nine tables one under the other on one sheet, after a junk sheet."""
    one = Sheet("Sheet1")
    top = 0
    for s in _public(sheets):
        for (r, c), v in s.cells.items():
            one.cells[(r + top, c)] = v
        one.merged += [(r1 + top, c1, r2 + top, c2) for r1, c1, r2, c2 in s.merged]
        top += s.height + 2
    return [Sheet(JUNK.title, dict(JUNK.cells)), one]


def scrambled_names(sheets: list[Sheet]) -> list[Sheet]:
    """Sheet names that say nothing, or the wrong thing, in another order, with a junk sheet."""
    names = ["数据", "Sheet3", "公开05表", "公开01表", "表7", "x", "公开02表", "最后", "Sheet1"]
    public = _public(sheets)
    for s, name in zip(public, names):
        s.title = name
    return [Sheet(JUNK.title, dict(JUNK.cells))] + list(reversed(public)) + [s for s in sheets if s not in public]


def wrong_year(sheets: list[Sheet], year: int) -> list[Sheet]:
    for s in sheets:
        for at, v in s.cells.items():
            if isinstance(v, str):
                s.cells[at] = re.sub(r"^2024年度", f"{year}年度", v)
    return sheets


def finance_system(sheets: list[Sheet], names: dict[str, str] | None = None) -> list[Sheet]:
    """As the finance system exports them: one table a sheet named 「Z01 收入支出决算总表(财决01表)」
    cut at 31 characters (or as ``names`` gives, by 公开 number), titles without the year,
    财决0N表 for 公开0N表, a cover sheet and a sheet of a table the disclosure has not."""
    from kuaiji_desk.core.forms import for_year

    tables = {t.id: t for t in for_year(2024).tables}
    out = [Sheet("封面", {(1, 1): "2024年度部门决算报表", (3, 1): "单位名称", (3, 2): "某单位"})]
    for s in _public(sheets):
        n = s.title[2:4]
        s.title = (names or {}).get(n) or f"Z{n} {tables[n].name}(财决{n}表)"[:31]
        for at, v in list(s.cells.items()):
            if isinstance(v, str):
                v = re.sub(r"^\d{4}年度", "", v)
                s.cells[at] = re.sub(r"公开(\d\d)表", r"财决\1表", v)
        out.append(s)
    out.append(Sheet("Z10 资产情况表(财决10表)", {(1, 1): "资产情况表", (2, 1): "财决10表", (3, 1): "项目",
                                                 (3, 2): "行次", (4, 1): "资产总计", (4, 2): 1, (4, 3): 12.5}))
    return out


def hidden_rows_and_columns(sheets: list[Sheet]) -> list[Sheet]:
    """A hidden column of internal ids beside the names and a hidden row of remarks in the
    code tables, a hidden blank column in 01."""
    for title in ("公开02表", "公开03表", "公开05表"):
        s = sheet(sheets, title)
        insert_cols(s, 2)
        s.set("C5", "内部编号")
        for r in range(7, s.height + 1):
            if str(s.cells.get((r, 1), "")).isdigit():
                s.cells[(r, 3)] = f"ID{r:03d}"
        s.hidden_cols.add(3)
        insert_rows(s, 7)
        s.set("B8", "（以下为明细）")
        s.hidden_rows.add(8)
    s01 = sheet(sheets, "公开01表")
    insert_cols(s01, 3)
    s01.hidden_cols.add(4)
    return sheets


# -- variants of the 绩效自评表 -------------------------------------------------------

def merged_level1(sheets: list[Sheet], title: str = "项目1") -> list[Sheet]:
    """一级指标 printed once per group in a vertically merged cell."""
    s = sheet(sheets, title)
    s.set("B11", None), s.set("B12", None)
    s.merged.append((10, 2, 12, 2))
    return sheets


def other_checkboxes(sheets: list[Sheet], title: str = "项目3") -> list[Sheet]:
    """Marks before their options, ■ and √ for checked, a title broken over two lines."""
    s = sheet(sheets, title)
    s.set("B4", "■部门预算项目  □区直专项  □上级对下转移支付项目")
    s.set("B5", "1.持续性项目□ 2.新增性项目√")
    s.set("B6", "☐ 1、常年性项目 ✔ 2、延续性项目 ☐ 3、一次性项目")
    s.set("A1", s.get("A1").replace("项目绩效自评表", "项目\n绩效自评表"))
    return sheets


# -- last year's workbooks ----------------------------------------------------------

LAST_YEAR_TOTAL = 1294.48   # 万元: 2023 收、支总计 of the reference's narrative (2024: 1286.76)


def last_year(sheets: list[Sheet], year: int = 2023, total: float | None = LAST_YEAR_TOTAL) -> list[Sheet]:
    """The fixture's workbook as the year before printed it: titles of ``year``, and
    收入合计, 支出合计 and both 总计 of 公开01表 stated as ``total``."""
    for s in sheets:
        for at, v in s.cells.items():
            if isinstance(v, str):
                s.cells[at] = re.sub(r"^2024(年度)", rf"{year}\1", v)
    if total is not None and any(s.title == "公开01表" for s in sheets):
        s01 = sheet(sheets, "公开01表")
        for (r, c), v in list(s01.cells.items()):
            if v in (27, 30) and c == 2 or v in (57, 60) and c == 5:
                s01.cells[(r, c + 1)] = total
    return sheets


# -- files that are not what they claim (each writes ``path``) --------------------------

def corrupt(path: Path) -> None:
    data = PUBLIC_TABLES.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def encrypted(path: Path) -> None:
    """An OLE container as Excel writes a password-protected workbook."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le")
                     + b"\0" * 1024)


def empty(path: Path) -> None:
    path.write_bytes(b"")


def oversized(path: Path) -> None:
    from kuaiji_desk.core.excel.opening import MAX_FILE_BYTES

    with open(path, "wb") as f:
        f.write(b"PK\x03\x04")
        f.truncate(MAX_FILE_BYTES + 1)


def not_a_spreadsheet(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<document/>")


def no_table(path: Path) -> None:
    save_sheets([Sheet("Sheet1", {(1, 1): "你好"})], path)
