"""A 部门 report as the sum of its units' reports (久其's 汇总).

The 部门 names its units (its own office among them when the office reports).  Its tables
are the units' tables added cell by cell: a code row present in any unit is present in the
sum; a total stated by any unit is stated in the sum (the units' shown values added), one
no unit states stays computed.  Its projects are the units' projects; its 整体绩效自评, texts,
last year's figures and explanations are its own; the amounts and counts of its narrative
(政府采购, 三公 counts …) are the 部门's own too.

Money that moves between two units of the 部门 is no income or expenditure of the 部门: an
internal transfer (:class:`Transfer`) is taken out of the receiver's income and the payer's
expenditure in the sum, with every total above them.
"""
from __future__ import annotations

import copy
from collections import Counter
from .forms import CodeTable
from .layout import Values, layout, totals_above
from .money import format_amount
from .report import COMPOSITION, PROJECTS, CellKey, Composition, Report, Transfer

# What a unit receives and what the paying unit spends, for each kind of internal transfer:
# (table, column) of 公开02表 and 03表 by code, and the 公开01表 income row.
TRANSFER_KINDS = {
    "补助": {"income": ("02", "3"), "income_01": "4", "expenditure": ("03", "6"),
             "words": "上级补助收入 / 对附属单位补助支出"},
    "上缴": {"income": ("02", "6"), "income_01": "7", "expenditure": ("03", "4"),
             "words": "附属单位上缴收入 / 上缴上级支出"},
}
TOTAL_01 = ("01", "2")   # 01's expenditure column: the class rows hold each 类's 本年支出


class ConsolidationError(ValueError):
    """Units that cannot be added up; the message (Chinese) names the unit and what is wrong."""


def transfer_words(t: Transfer) -> str:
    words = TRANSFER_KINDS[t.kind]["words"] if t.kind in TRANSFER_KINDS else t.kind
    return (f"{t.payer} → {t.receiver}：{t.kind} {format_amount(t.fen)} 万元"
            f"（{words}；收入科目 {t.income_code}，支出科目 {t.expenditure_code}）")


def consolidate(department: Report, units: list[Report], transfers: tuple[Transfer, ...] = (),
                missing: tuple[str, ...] = (), strict: bool = True) -> Report:
    """The 部门 report: ``department``'s own parts, and its units' figures added up (``missing``:
    units it names that have no report of its year, said by the rules).

    A unit or a transfer that cannot be added is a ConsolidationError; not ``strict`` (a 部门
    read from the store, which must open all the same) it is left out and its reason kept in
    ``composition.problems`` for the rules to say."""
    return LiveSum(department, units, transfers, missing, strict).report


class LiveSum:
    """A 部门 report kept added up while its units change: :meth:`replace_unit` moves the sum by
    what one unit's new report changed, in place, table by table, so that a Checker kept beside
    the report re-runs only the rules of the tables that moved."""

    def __init__(self, department: Report, units: list[Report], transfers=(), missing=(), strict: bool = True):
        self.department, self.transfers, self.missing, self.strict = department, tuple(transfers), missing, strict
        self._build(units)

    def _build(self, units: list[Report]) -> None:
        fresh, self.units, self.stated = _consolidated(self.department, units, self.transfers, self.missing,
                                                       self.strict)
        if hasattr(self, "report"):   # the same object, for those who hold it (the window's tabs)
            for part in ("cells", "rounded", "code_rows", "projects", "composition"):
                setattr(self.report, part, getattr(fresh, part))
            self.report.touch(*(t.id for t in fresh.forms.tables), PROJECTS, COMPOSITION)
        else:
            self.report = fresh
        self.values = {u.unit: Values(u) for u in self.units}

    def unit_of(self, project) -> str:
        """The unit a project of the 部门's list is one of ('' for none)."""
        return next((u.unit for u in self.units if any(p is project for p in u.projects)), "")

    def figures(self, key: CellKey) -> list[tuple[str, int]]:
        """单位明细: what each unit shows in a cell, the units without a figure left out."""
        return [(u.unit, value) for u in self.units if (value := self.values[u.unit].value_at(key))]

    def set_units(self, units: list[Report], missing: tuple[str, ...]) -> Report:
        """The sum of another set of units (one made or deleted since), in place."""
        self.missing = missing
        self._build(units)
        return self.report

    def replace_unit(self, new: Report) -> Report:
        """The sum after ``new`` took the place of the unit of its name."""
        names = [u.unit for u in self.units]
        if new.unit not in names:
            raise KeyError(new.unit)
        old = self.units[names.index(new.unit)]
        units = [new if u is old else u for u in self.units]
        if (old.code_rows != new.code_rows or old.projects != new.projects
                or any(new.unit in (t.payer, t.receiver) for t in self.transfers)):
            self._build(units)   # rows or projects come or go, or a transfer must be checked again
            return self.report
        self.units = units
        before, self.values[new.unit] = self.values[new.unit], Values(new)
        for table in _changed_tables(old, new):
            self._move(table, old, new, before)
        return self.report

    def _move(self, table: str, old: Report, new: Report, before: Values) -> None:
        out, lay = self.report, layout(self.report, table)
        keys = {k for r in (old, new) for k in (*r.cells, *r.rounded) if k[0] == table}
        for key in keys:
            if lay.is_total(key[1], key[2]):
                self.stated[key] += (key in new.cells) - (key in old.cells)
            elif key in new.cells or key in old.cells:
                out.cells[key] = out.cells.get(key, 0) + new.cells.get(key, 0) - old.cells.get(key, 0)
                if not any(key in u.cells for u in self.units):
                    del out.cells[key]
        after = self.values[new.unit]
        for key in [k for k in self.stated if k[0] == table]:
            if self.stated[key] <= 0:
                del self.stated[key]
                out.cells.pop(key, None)   # no unit states it any more: computed
            elif key in out.cells:
                out.cells[key] += after.value_at(key) - before.value_at(key)
            else:
                out.cells[key] = sum(self.values[u.unit].value_at(key) for u in self.units)
        out.rounded = {k for k in out.rounded if k[0] != table} | \
            {k for u in self.units for k in u.rounded if k[0] == table and k in out.cells}
        out.touch(table)


def refusal(report: Report, parts) -> str:
    """Why an edit of ``parts`` cannot be made on ``report``: a 部门's tables and projects are its
    units' ('' where it can be made)."""
    if report.composition is None:
        return ""
    summed = {t.id for t in report.forms.tables} | {PROJECTS}
    if not summed & set(parts):
        return ""
    return ("这是部门汇总报告：各表和项目绩效自评由所属单位的报告汇总而成，不能在这里修改。"
            "请打开单位的报告修改，部门报告随之更新。")


def _changed_tables(old: Report, new: Report) -> list[str]:
    def by_table(r: Report) -> dict[str, tuple[dict, set]]:
        out: dict[str, tuple[dict, set]] = {}
        for k, v in r.cells.items():
            out.setdefault(k[0], ({}, set()))[0][k] = v
        for k in r.rounded:
            out.setdefault(k[0], ({}, set()))[1].add(k)
        return out
    a, b = by_table(old), by_table(new)
    return [t for t in sorted(a.keys() | b.keys()) if a.get(t) != b.get(t)]


def _consolidated(department: Report, units: list[Report], transfers, missing, strict):
    problems: list[str] = []
    units = _addable(department, units, strict, problems)
    out = Report(unit=department.unit, year=department.year, department=department.department,
                 layout=department.layout, texts=dict(department.texts), numbers=dict(department.numbers),
                 last_year=dict(department.last_year), explanations=dict(department.explanations),
                 overall=copy.deepcopy(department.overall))
    out.stored_revision = department.stored_revision
    for unit in units:
        for table, codes in unit.code_rows.items():
            for code, name in codes.items():
                out.code_rows.setdefault(table, {}).setdefault(code, name)
        # The units' own Project objects, not copies (50 units' thousands of indicators would take
        # a second to copy): a 部门's projects are read, never edited, through it.
        out.projects += unit.projects
    out.ensure_default_rows()
    stated = _add_figures(out, units)
    for transfer in transfers:
        try:
            _eliminate(out, transfer, units)
        except ConsolidationError as exc:
            if strict:
                raise
            problems.append(str(exc))
    own = department.composition
    out.composition = Composition(_listed(department, units, missing), tuple(transfers), tuple(missing),
                                  tuple(problems), dict(own.published) if own else {},
                                  own.published_rounded if own else frozenset())
    return out, units, stated


def _listed(department: Report, units: list[Report], missing) -> tuple[str, ...]:
    """The units in the order the 部门 lists them (those without a report included)."""
    if department.composition is not None:
        return department.composition.units
    return (*(u.unit for u in units), *missing)


def _addable(department: Report, units: list[Report], strict: bool, problems: list[str]) -> list[Report]:
    """The units that can be added up; the others refused (``strict``) or left out, said."""
    out: list[Report] = []
    for unit in units:
        problem = _unit_problem(department, unit, out)
        if problem is None:
            out.append(unit)
        elif strict:
            raise ConsolidationError(problem)
        else:
            problems.append(problem + "汇总数中没有它。")
    return out


def _unit_problem(department: Report, unit: Report, taken: list[Report]) -> str | None:
    if unit.unit == department.unit:
        return (f"部门「{department.unit}」不能把自己列为单位：部门机关本身作为单位时，"
                f"请用另一个名称（例如「{department.unit}本级」）建它的报告。")
    if unit.year != department.year:
        return f"单位「{unit.unit}」的报告是{unit.year}年度的，部门报告是{department.year}年度的。"
    if unit.composition is not None:
        return f"「{unit.unit}」本身是部门汇总报告，不能作为单位再汇总。"
    if any(u.unit == unit.unit for u in taken):
        return f"单位「{unit.unit}」列了两次。"
    return None


def _add_figures(out: Report, units: list[Report]) -> Counter:
    """The units' figures added into ``out``; how many units state each total (a total no unit
    states stays computed in the sum; one any unit states is the sum of what each shows)."""
    lays = {spec.id: layout(out, spec.id) for spec in out.forms.tables}
    stated: Counter = Counter()
    for unit in units:
        for key, fen in unit.cells.items():
            if lays[key[0]].is_total(key[1], key[2]):
                stated[key] += 1
            else:
                out.cells[key] = out.cells.get(key, 0) + fen
    values = [Values(u) for u in units]
    for key in stated:
        out.cells[key] = sum(v.value_at(key) for v in values)
    out.rounded = {key for unit in units for key in unit.rounded if key in out.cells}
    out.touch(*lays)
    return stated


def _eliminate(out: Report, t: Transfer, units: list[Report]) -> None:
    if t.kind not in TRANSFER_KINDS:
        raise ConsolidationError(f"内部往来的类型「{t.kind}」应为{'或'.join(TRANSFER_KINDS)}。")
    names = {u.unit: u for u in units}
    for who in (t.payer, t.receiver):
        if who not in names:
            raise ConsolidationError(f"内部往来「{transfer_words(t)}」中的「{who}」不是本部门的单位。")
    if t.payer == t.receiver:
        raise ConsolidationError(f"内部往来「{transfer_words(t)}」的付出和收到是同一单位。")
    kind = TRANSFER_KINDS[t.kind]
    (income_table, income_col), (spent_table, spent_col) = kind["income"], kind["expenditure"]
    sides = [(names[t.receiver], (income_table, t.income_code, income_col), "收到"),
             (names[t.payer], (spent_table, t.expenditure_code, spent_col), "付出")]
    for unit, key, side in sides:   # both checked before either is taken out
        _check_held(out, unit, t, key, side)
    for _, key, _ in sides:
        _subtract(out, key, t.fen)
    _subtract(out, ("01", kind["income_01"], "1"), t.fen)
    class_row = layout(out, "01").row_of_code(t.expenditure_code[:3])
    if class_row is not None:
        _subtract(out, ("01", class_row, TOTAL_01[1]), t.fen)


def _check_held(out: Report, unit: Report, t: Transfer, key: CellKey, side: str) -> None:
    """A transfer is taken out of a code cell that holds at least that much in the unit."""
    table, code, col = key
    spec = out.forms.table(table)
    assert isinstance(spec, CodeTable)
    held = unit.cells.get(key, 0)
    if held < t.fen:
        heading = next(c for c in spec.columns if c.id == col).header[-1]
        raise ConsolidationError(f"内部往来「{transfer_words(t)}」：{side}方「{unit.unit}」的{spec.label}"
                                 f"{code}「{heading}」只有 {format_amount(held)} 万元，不够抵消。")


def _subtract(out: Report, key: CellKey, fen: int) -> None:
    """Less ``fen`` in a cell and in every total the sum states above it."""
    table, row, col = key
    lay = layout(out, table)
    rounded = key in out.rounded
    out.set(table, row, col, out.cells.get(key, 0) - fen, rounded=rounded)
    for r, c in totals_above(lay, row, col):
        above = (table, r, c)
        if above in out.cells:
            out.set(table, r, c, out.cells[above] - fen, rounded=above in out.rounded)


# The transfers file an accountant keeps in Excel and saves as CSV (UTF-8, with or without BOM).
TRANSFER_COLUMNS = ("类型", "付出单位", "收到单位", "收入科目", "支出科目", "金额（万元）")


def read_transfers(path) -> tuple[Transfer, ...]:
    """The internal transfers listed in a CSV file, one a line under the header
    :data:`TRANSFER_COLUMNS`; a line that cannot be read is refused naming it."""
    import csv

    from .catalog import normalise_code
    from .money import AmountError, parse_amount

    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
    except UnicodeDecodeError:
        raise ConsolidationError(f"内部往来文件「{path}」不是 UTF-8 编码的 CSV：请在 Excel 中另存为「CSV UTF-8」。") from None
    if not rows or tuple(cell.strip() for cell in rows[0][:len(TRANSFER_COLUMNS)]) != TRANSFER_COLUMNS:
        raise ConsolidationError(f"内部往来文件「{path}」第1行应为：{','.join(TRANSFER_COLUMNS)}。")
    out = []
    for n, row in enumerate(rows[1:], start=2):
        cells = [c.strip() for c in row] + [""] * len(TRANSFER_COLUMNS)
        if not any(cells):
            continue
        kind, payer, receiver, income, spent, amount = cells[:len(TRANSFER_COLUMNS)]
        try:
            fen = parse_amount(amount, "万元")
        except AmountError:
            fen = None
        if kind not in TRANSFER_KINDS or not payer or not receiver or fen is None or fen <= 0 \
                or not normalise_code(income).isdigit() or not normalise_code(spent).isdigit():
            raise ConsolidationError(f"内部往来文件「{path}」第{n}行无法读取：类型应为{'或'.join(TRANSFER_KINDS)}，"
                                     "单位名称、收入科目、支出科目不能空，金额应为正数（万元）。")
        out.append(Transfer(kind, payer, receiver, normalise_code(income), normalise_code(spent), fen))
    return tuple(out)
