"""What an import would bring and what it would replace, in Chinese, before anything is
written: the 导入预览 lists these lines and the accountant decides."""
from __future__ import annotations

from .. import catalog, layouts
from ..forms import CodeTable, FormSet, for_year
from ..layout import Values, headline_total
from ..money import format_amount
from ..report import Report, new_report
from ..rules.codes import MALFORMED, UNKNOWN, code_status
from .imported import ImportedData
from .importer import apply_import


def table_lines(data: ImportedData, forms: FormSet) -> list[tuple[str, str, str, str, str]]:
    """(表, 来源, 单位, 读到, 主要合计) for each table, in published order; 「未找到」 for one not read.
    ``forms`` may be a layout (core.layouts.Layout): its tables, in its order and by its labels.

    The total is the table's headline figure as the import gives it: stated where the
    workbook states it, else summed from what it read.
    """
    scratch = new_report("", forms.year)
    apply_import(scratch, data)
    values = Values(scratch)
    lines = []
    for spec in forms.tables:
        table = data.tables.get(spec.id)
        if table is None:
            lines.append((f"{spec.label} {spec.name}", "未找到", "", "", ""))
            continue
        rows = {row for row, _ in table.cells}
        total = headline_total(values, spec)
        lines.append((f"{spec.label} {spec.name}", "「{}」{}".format(*table.source), table.unit,
                      f"{len(rows)} 行，{len(table.cells)} 个数" if table.cells else "无数据",
                      f"{spec.headline_label} {format_amount(total)}" if table.cells else ""))
    return lines


def code_questions(data: ImportedData, year: int) -> list[str]:
    """The codes and names the catalog does not know as printed: the accountant decides."""
    out = []
    forms = for_year(year)
    for tid, table in sorted(data.tables.items()):
        spec = forms.table(tid)
        if not isinstance(spec, CodeTable):
            continue
        cat = catalog.load(spec.classification, year)   # names the year of the catalog really used
        for code, name in table.code_names.items():
            status = code_status(spec.classification, year, code, name)
            if status is None:
                continue
            problem, catalog_name = status
            if problem in (MALFORMED, UNKNOWN):
                out.append(f"{spec.label}科目 {code}「{name}」不在{cat.table_label}中{cat.fallback_note}："
                           "导入后保留并提示，请核对。")
            else:
                out.append(f"{spec.label}科目 {code} 表中名称「{name}」，{cat.table_label}中为「{catalog_name}」"
                           f"{cat.fallback_note}：请核对。")
    return out


def replaced(report: Report, data: ImportedData) -> list[str]:
    """What the report holds now that the import would replace, with counts: the figures and
    code rows of each table read, the self-evaluations (those started from last year's
    without 执行数 counted apart) and, from an export of ours, the texts and figures."""
    out = []
    for spec in report.forms.tables:
        if spec.id not in data.tables:
            continue
        cells = sum(1 for key in report.cells if key[0] == spec.id)
        # The template's own rows (06) come back with any import: not replaced.
        printed_anyway = report.publication.table(spec.id).default_codes if isinstance(spec, CodeTable) else ()
        codes = {c for c in report.code_rows.get(spec.id, {}) if c not in printed_anyway} \
            if isinstance(spec, CodeTable) else set()
        if not cells and not codes:
            continue
        filled = {key[1] for key in report.cells if key[0] == spec.id}
        blank = sum(1 for code in codes if code not in filled)
        parts = [f"{len(codes)} 个科目行" + (f"（其中 {blank} 个未填数）" if blank else "")] if codes else []
        parts += [f"{cells} 个数"] if cells else []
        out.append(f"{spec.label}：现有 {'、'.join(parts)}将被替换。")
    if data.projects is not None and report.projects:
        unspent = sum(p.spent is None for p in report.projects)
        out.append(f"项目绩效自评表：现有 {len(report.projects)} 张"
                   + (f"（其中 {unspent} 张未填执行数，如从上年带入的项目和绩效目标）" if unspent else "")
                   + f"将被导入的 {len(data.projects)} 张替换。")
    if data.overall is not None and report.overall is not None:
        out.append("整体绩效自评表：现有的一张将被导入的替换。")
    kept = [(data.texts, report.texts, "项文字"), (data.numbers, report.numbers, "个数字"),
            (data.last_year, report.last_year, "个上年数"), (data.explanations, report.explanations, "条说明")]
    counts = [f"{len(now)} {what}" for new, now, what in kept if new is not None and now]
    if counts:
        out.append(f"单位信息与说明：现有 {'、'.join(counts)}将被替换。")
    return out


def layout_note(report: Report, data: ImportedData) -> list[str]:
    """A line when the workbooks were printed in another layout than the report's: the report
    keeps its own (core.layouts), and prints in it."""
    if not data.layout or data.layout == report.layout:
        return []
    return [f"注意：工作簿按「{layouts.get(data.layout).title}」式样印制，报告仍按「{report.publication.title}」"
            "式样导出。"]
