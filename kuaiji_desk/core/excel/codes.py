"""Tables whose rows are classification codes under a 合计 row (公开02/03/05/07/08表).

The code is printed in one column ('2010350', the number 2010350, '201035 0') or
split over three columns 类 | 款 | 项, where a row may leave 类 and 款 blank to
mean those of the rows above.
"""
from __future__ import annotations

from ..catalog import level_of, normalise_code
from ..forms import TOTAL_ROW, CodeTable
from .cells import is_stop_row, read_amount
from .columns import find_lanci_row, locate_columns
from .errors import WorkbookError
from .grid import Grid, compact
from .imported import ImportedTable
from .locate import Region

_TOTAL_LABELS = ("合计", "总计")
_PART_WIDTHS = (3, 2, 2)   # 类, 款, 项


def is_code(code: str, spec: CodeTable) -> bool:
    """A 类/款/项 code of the table's classification (经济分类 has no 项)."""
    level = level_of(code)
    return level is not None and (spec.classification != "economic" or level <= 2)


def read_codes(region: Region, spec: CodeTable, out: ImportedTable) -> None:
    g = region.grid
    header, code_cols, name_col = _code_columns(region, spec)
    first_data = _first_data_row(region, spec, header, code_cols)
    lanci = find_lanci_row(g, range(header, first_data))
    where = g.sheet_place() + f"的{spec.caption}"
    located = locate_columns(g, lanci, range(region.first + 1, first_data), range(name_col + 1, g.max_col + 1),
                             spec.columns, where)
    parts = _Parts()
    for r in region.rows(first_data):
        if is_stop_row(g, r):
            break
        amounts = {col: read_amount(g, r, c, out.unit) for col, c in located.items()}
        name = g.raw_text(r, name_col)
        if _is_total(g, r, code_cols, name):
            row = TOTAL_ROW
        elif (code := parts.code(g, r, code_cols)) is not None and is_code(code, spec):
            row = code
            if code in out.code_names:
                raise WorkbookError(f"{g.place(r, code_cols[0])}：科目编码「{code}」在{spec.caption}中出现了两次。")
            out.code_names[code] = name
        else:
            shown = "".join(g.raw_text(r, c) for c in code_cols)
            out.unplace(f"{g.place(r, code_cols[0])}的科目编码「{shown}」无法识别。", amounts.values())
            continue
        for col, a in amounts.items():
            out.put(row, col, a)


def _is_total(g: Grid, r: int, code_cols: list[int], name: str) -> bool:
    """合计 in the code column, or in the name column beside blank code cells."""
    if g.key(r, code_cols[0]) in _TOTAL_LABELS:
        return True
    return not any(g.raw(r, c) is not None for c in code_cols) and compact(name) in _TOTAL_LABELS


def _code_columns(region: Region, spec: CodeTable) -> tuple[int, list[int], int]:
    """The header row, the code column(s) and the 科目名称 column."""
    g = region.grid
    for r in region.rows():
        keys = {g.key(r, c): c for c in g.columns_in(r)}
        lei = keys.get("类")
        if lei and keys.get("款") == lei + 1 and keys.get("项") == lei + 2:
            return r, [lei, lei + 1, lei + 2], _name_column(g, region, lei + 3)
    for r in region.rows():
        for c in g.columns_in(r):
            k = g.key(r, c)
            if k.endswith("编码") or k == "类款项":
                return r, [c], _name_column(g, region, c + 1)
    raise WorkbookError(f"{g.sheet_place()}的{spec.caption}中找不到「{spec.code_header}」表头。")


def _name_column(g: Grid, region: Region, default: int) -> int:
    for r in region.rows():
        for c in g.columns_in(r):
            if g.key(r, c).endswith("名称"):
                return c
    return default


def _first_data_row(region: Region, spec: CodeTable, header: int, code_cols: list[int]) -> int:
    """The first row below the headers that holds a code or the 合计."""
    g = region.grid
    for r in region.rows(header + 1):
        k = g.key(r, code_cols[0])
        if k in _TOTAL_LABELS or is_code(normalise_code(g.raw(r, code_cols[0])), spec) or is_stop_row(g, r):
            return r
    return region.last + 1


class _Parts:
    """Joins 类 | 款 | 项 cells into a code, remembering the 类 and 款 above."""

    def __init__(self):
        self.lei: str | None = None
        self.kuan: str | None = None

    def code(self, g: Grid, r: int, cols: list[int]) -> str | None:
        if len(cols) == 1:
            return normalise_code(g.raw(r, cols[0])) or None
        lei, kuan, xiang = (_part(g.raw(r, c), w) for c, w in zip(cols, _PART_WIDTHS))
        if lei is False or kuan is False or xiang is False:
            return None
        if lei:
            self.lei, self.kuan = lei, None
        if kuan:
            self.kuan = kuan
        if xiang:
            return self.lei + self.kuan + xiang if self.lei and self.kuan else None
        if kuan:
            return self.lei + kuan if self.lei else None
        return lei or None


def _part(value, width: int) -> str | bool:
    """'03', 3 or '3' → '03'; '' when blank; False when not digits (a label such as 合计)."""
    text = normalise_code(value)
    if not text:
        return ""
    if not text.isdigit():
        return False
    return text.zfill(width)
