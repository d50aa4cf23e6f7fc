"""Rules on the code rows and on single figures (A07 codes, A18, A19)."""
from __future__ import annotations

from functools import lru_cache

from .. import catalog
from ..forms import CodeTable
from .context import Context, depends
from .findings import ERROR, WARNING, Finding, format_wan


MALFORMED, UNKNOWN, RENAMED = "malformed", "unknown", "renamed"


@lru_cache(maxsize=65536)
def code_status(kind: str, year: int, code: str, name: str) -> tuple[str, str] | None:
    """None for a code the catalog knows under that name; else what is wrong, and the catalog's name."""
    levels = (1, 2) if kind == catalog.ECONOMIC else (1, 2, 3)
    if catalog.level_of(code) not in levels:
        return MALFORMED, ""
    entry = catalog.load(kind, year).get(code)
    if entry is None:
        return UNKNOWN, ""
    if name and catalog.normalise_name(name) != catalog.normalise_name(entry.name):
        return RENAMED, entry.name
    return None


@depends("02", "03", "05", "06", "07", "08")
def a07_codes(ctx: Context):
    """Codes must be well formed; a code or name the catalog lacks is only a warning."""
    year = ctx.report.year
    for spec in ctx.report.forms.tables:
        if not isinstance(spec, CodeTable):
            continue
        kind = spec.classification
        cat = catalog.load(kind, year)   # the catalog really used: its year, not the report's
        for code, name in ctx.report.code_rows.get(spec.id, {}).items():
            status = code_status(kind, year, code, name)
            if status is None:
                continue
            problem, catalog_name = status
            if problem == MALFORMED:
                yield Finding("A07.1", ERROR, spec.id, code, "", None, code,
                              f"{spec.label}的科目编码「{code}」位数不对：类为3位、款为5位"
                              f"{'' if kind == catalog.ECONOMIC else '、项为7位'}。")
            elif problem == UNKNOWN:
                yield Finding("A07.2", WARNING, spec.id, code, "", None, code,
                              f"{spec.label}的科目编码 {code}「{name}」不在{cat.table_label}中{cat.fallback_note}，"
                              f"请核对；如为本地或新增科目，可填写说明后保留。")
            else:
                yield Finding("A07.3", WARNING, spec.id, code, "", catalog_name, name,
                              f"{spec.label}科目 {code} 的名称「{name}」与{cat.table_label}的"
                              f"「{catalog_name}」不一致{cat.fallback_note}。")


@depends("01", "02", "03", "04", "05", "06", "07", "08", "09")
def a18_negative(ctx: Context):
    for (table, row, col), fen in ctx.report.cells.items():
        if fen < 0:
            yield Finding("A18", WARNING, table, row, col, None, fen,
                          f"{ctx.cell_name(table, row, col)}为负数 {format_wan(fen)} 万元，请核实。")


_RUNNING = ("行政运行", "事业运行")


@depends("05")
def a19_running_costs_as_projects(ctx: Context):
    """行政运行/事业运行 are 基本支出 by definition."""
    names = ctx.report.code_rows.get("05", {})
    for code, name in names.items():
        if len(code) != 7:
            continue
        entry = ctx.functional.get(code)
        catalog_name = entry.name if entry else name
        if catalog_name in _RUNNING and ctx.value("05", code, "3") > 0:
            yield Finding("A19", WARNING, "05", code, "3", 0, ctx.value("05", code, "3"),
                          f"{ctx.cell_name('05', code, '3')}为 {format_wan(ctx.value('05', code, '3'))} 万元："
                          f"「{catalog_name}」一般只列基本支出，请核实是否应列项目支出。")


RULES = (a07_codes, a18_negative, a19_running_costs_as_projects)
