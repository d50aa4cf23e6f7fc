"""公开06表: blocks of (经济分类科目编码, 科目名称, 决算数) side by side, with the
人员经费合计 and 公用经费合计 rows at the bottom."""
from __future__ import annotations

from dataclasses import dataclass

from ..catalog import normalise_code
from ..forms import CodeTable
from .cells import is_stop_row, read_amount
from .codes import is_code
from .columns import find_lanci_row
from .errors import WorkbookError
from .grid import Grid, compact
from .imported import ImportedTable
from .locate import Region


@dataclass
class _Block:
    code: int
    name: int
    amount: int


def read_blocks(region: Region, spec: CodeTable, out: ImportedTable) -> None:
    g = region.grid
    header, blocks = _blocks(region, spec)
    lanci = find_lanci_row(g, range(header + 1, min(header + 2, region.last) + 1))
    column = spec.columns[0].id
    groups = {compact(gr.label): gr.id for gr in spec.groups}
    for r in region.rows((lanci or header) + 1):
        if is_stop_row(g, r):
            break
        spanned = 0   # blocks whose 决算数 a 合计 label to their left has taken
        for i, b in enumerate(blocks):
            if i < spanned:
                continue
            label = g.key(r, b.code) or g.key(r, b.name)
            if label in groups:
                taken, amount = _group_amount(g, r, blocks, i, out.unit)
                out.put(groups[label], column, amount)
                spanned = taken + 1
                continue
            amount = read_amount(g, r, b.amount, out.unit)
            code = normalise_code(g.raw(r, b.code))
            if is_code(code, spec):
                if code in out.code_names:
                    raise WorkbookError(f"{g.place(r, b.code)}：科目编码「{code}」在{spec.caption}中出现了两次。")
                out.code_names[code] = g.raw_text(r, b.name)
                out.put(code, column, amount)
            else:
                out.unplace(f"{g.place(r, b.code)}的经济分类科目编码「{g.raw_text(r, b.code)}」无法识别。", [amount])


def _group_amount(g: Grid, r: int, blocks: list[_Block], i: int, unit: str) -> tuple[int, tuple[int, bool] | None]:
    """A 合计 label's figure, in its own block or in a later one the label spans
    (blank code and name cells); with the index of the block it was found in."""
    amount = read_amount(g, r, blocks[i].amount, unit)
    j = i
    while amount is None and j + 1 < len(blocks):
        b = blocks[j + 1]
        if g.raw(r, b.code) is not None or g.raw(r, b.name) is not None:
            break
        j += 1
        amount = read_amount(g, r, b.amount, unit)
    return j, amount


def _blocks(region: Region, spec: CodeTable) -> tuple[int, list[_Block]]:
    """The header row and its blocks, each starting at a 科目编码 header."""
    g = region.grid
    for r in region.rows():
        starts = [c for c in g.columns_in(r) if g.key(r, c).endswith("编码")]
        if not starts:
            continue
        blocks = []
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else g.max_col + 1
            keys = {g.key(r, c): c for c in range(start + 1, end)}
            name = next((c for k, c in keys.items() if k.endswith("名称")), start + 1)
            amount = next((c for k, c in keys.items() if k in ("决算数", "金额")), start + 2)
            blocks.append(_Block(start, name, amount))
        return r, blocks
    raise WorkbookError(f"{g.sheet_place()}的{spec.caption}中找不到「{spec.code_header}」表头。")
