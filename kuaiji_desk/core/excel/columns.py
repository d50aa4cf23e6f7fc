"""Which grid column holds which declared column (栏次).

The 栏次 row under the headers numbers the columns as the declaration does, so it
is trusted first.  Without it the header texts are matched to the declaration's
header paths.
"""
from __future__ import annotations

from ..forms import Column
from .cells import integer_at
from .errors import WorkbookError
from .grid import Grid, compact


def find_lanci_row(grid: Grid, rows: range) -> int | None:
    """The row labelled 栏次, or else the first row that is only the numbers 1, 2, … n."""
    for r in rows:
        if any(grid.key(r, c) == "栏次" for c in grid.columns_in(r)):
            return r
    for r in rows:
        cols = grid.columns_in(r)
        numbers = [integer_at(grid, r, c) for c in cols]
        if len(cols) >= 2 and numbers == list(range(1, len(cols) + 1)):
            return r
    return None


def lanci_columns(grid: Grid, r: int) -> dict[str, int]:
    """栏次 number → grid column, as printed in row ``r``."""
    out: dict[str, int] = {}
    for c in grid.columns_in(r):
        n = integer_at(grid, r, c)
        if n is not None:
            out.setdefault(str(n), c)
    return out


# Header words that units print for one another: the 合计 column is 本年收入合计 in one
# workbook and 合计 or 小计 in the next; a single 决算数 column is also headed 金额 or 本年支出.
_SYNONYMS = (("合计", "小计", "本年收入合计", "本年支出合计", "决算数合计"),
             ("决算数", "金额", "本年支出", "支出决算数"))
_WORD = {word: group[0] for group in _SYNONYMS for word in group}


def _word(text: str) -> str:
    return _WORD.get(text, text)


def header_columns(grid: Grid, rows: range, cols: range, declared: tuple[Column, ...]) -> dict[str, int]:
    """Declared column id → grid column, by the header texts in ``rows`` × ``cols``.

    A grid column matches when its lowest header is the declared one's last (or
    ends with the whole path, for '本年支出小计' in one cell), or a word units print for
    it; among several, the one whose headers above name more of the declared path
    wins (预算数/合计 and 决算数/合计 are told apart by their upper header), then the one
    with fewer other headers above, then the one printing the declared word itself.
    """
    paths: dict[int, list[str]] = {}
    for c in cols:
        path: list[str] = []
        for r in rows:
            k = grid.key(r, c)
            if k and (not path or path[-1] != k):
                path.append(k)
        if path:
            paths[c] = path
    out: dict[str, int] = {}
    for col in declared:
        last, whole = compact(col.header[-1]), compact("".join(col.header))
        scored = []
        for c, path in paths.items():
            exact = path[-1] == last or path[-1].endswith(whole)
            if exact or _word(path[-1]) == _word(last):
                upper = [compact(h) for h in col.header[:-1]]
                joined = "".join(path[:-1])
                named = sum(h in joined for h in upper)
                alike = sum(_word(h) in {_word(p) for p in path[:-1]} for h in upper)
                # Fewer header words the declaration does not name: 合计 over 合计 rather
                # than over 公务用车购置及运行维护费 / 合计.
                extra = sum(not any(h in p for h in upper) for p in path[:-1])
                scored.append(((named, alike, -extra, exact), c))
        if not scored:
            continue
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            continue
        out[col.id] = scored[0][1]
    return out


def locate_columns(grid: Grid, lanci: int | None, header_rows: range, cols: range,
                   declared: tuple[Column, ...], where: str) -> dict[str, int]:
    """The grid column of every declared column, or a WorkbookError naming the missing ones."""
    by_number = lanci_columns(grid, lanci) if lanci else {}
    # A layout may print a column's 栏次 otherwise than its id (its place, where it reorders them).
    found = {c.id: by_number[c.printed_number] for c in declared if c.printed_number in by_number}
    if not all(c.id in found for c in declared):
        by_header = header_columns(grid, header_rows, cols, declared)
        if all(c.id in by_header for c in declared):
            found = by_header
    missing = [c for c in declared if c.id not in found]
    if missing:
        names = "、".join(f"第{c.printed_number}栏「{''.join(c.header)}」" for c in missing)
        raise WorkbookError(f"{where}中找不到{names}：请保留表头和栏次行。")
    return {c.id: found[c.id] for c in declared}
