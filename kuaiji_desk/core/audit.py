"""The 审核报告: every finding of a report with its rule, severity, place, figures and written
explanation, the counts, and the report's key totals — what a reviewer reads without the
program, as 久其 users hand it in with their report.  Written as PDF or Excel by
core.pdf.audit and core.excel.write_audit."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import rules
from .consolidation import transfer_words
from .files import write_atomically
from .layout import Values, headline_total
from .money import format_amount
from .naming import cell_name, field_name
from .report import Report
from .rules.findings import NARRATIVE_TABLE, OVERALL_TABLE, PROJECT_TABLE, SEVERITY_NAMES, Finding, format_value
from .rules.names import rule_name

AUDIT_NOTE = ("错误：表内、表间数字不符或公开文本缺少必备内容，公开前必须改正；提示：请核实，"
              "确属正常的应写明说明；尾数：金额换算为万元时的四舍五入差异，无须处理。")


@dataclass(frozen=True)
class AuditLine:
    number: int
    severity: str        # 错误 / 提示 / 尾数
    rule: str            # A06
    rule_name: str       # 收入决算表各栏合计
    place: str           # 公开02表 2010350「事业运行」第1栏（本年收入合计）
    expected: str
    actual: str
    message: str
    explanation: str     # what the accountant wrote for a 提示, '' when nothing


@dataclass(frozen=True)
class Audit:
    title: str
    unit: str
    year: int
    made: date
    counts: dict[str, int]             # 错误/提示/尾数 → how many
    totals: list[tuple[str, str, str]]  # (表, 项目, 金额 in 万元)
    lines: list[AuditLine]
    note: str = AUDIT_NOTE
    # A 部门's: the units it adds up, and the internal transfers taken out of the sum.
    units: tuple[str, ...] = ()
    eliminations: tuple[str, ...] = ()


def audit(report: Report, made: date | None = None) -> Audit:
    findings = rules.check(report)
    values = Values(report)
    counts = {SEVERITY_NAMES[s]: n for s, n in rules.summary(findings).items()}
    totals = [(spec.label, spec.headline_label,
               format_amount(headline_total(values, spec)))
              for spec in report.forms.tables]
    lines = [AuditLine(i, SEVERITY_NAMES[f.severity], f.rule, rule_name(f.rule), place_of(report, values, f),
                       format_value(f.expected) or "", format_value(f.actual) or "", f.message,
                       report.explanations.get(f.key, ""))
             for i, f in enumerate(findings, start=1)]
    composition = report.composition
    return Audit(f"{report.department_name}{report.year}年度部门决算公开审核报告", report.unit, report.year,
                 made or date.today(), counts, totals, lines,
                 units=composition.units if composition else (),
                 eliminations=tuple(map(transfer_words, composition.transfers)) if composition else ())


def department_lines(audit: Audit) -> list[str]:
    """What the 审核报告 of a 部门 says of its make-up, a line each (none for a unit)."""
    if not audit.units:
        return []
    lines = [f"部门汇总：{len(audit.units)} 个单位（{'、'.join(audit.units)}）。"]
    if audit.eliminations:
        lines.append(f"内部往来抵消 {len(audit.eliminations)} 笔：")
        lines += [f"{i}. {words}" for i, words in enumerate(audit.eliminations, start=1)]
    else:
        lines.append("没有列出单位之间的内部往来。")
    return lines


def place_of(report: Report, values: Values, finding: Finding) -> str:
    """Where a finding points, in the words of the document."""
    table, row, column = finding.table, finding.row, finding.column
    if table == NARRATIVE_TABLE:
        return f"单位信息与说明「{field_name(report, column)}」" if column else f"情况说明 {row}"
    if table == OVERALL_TABLE:
        return f"整体绩效自评表 {column}".rstrip()
    if table == PROJECT_TABLE:
        if not row:
            return f"项目绩效自评表 {column}".rstrip()
        index = int(row) - 1 if row.isdigit() else -1
        name = report.projects[index].name if 0 <= index < len(report.projects) else ""
        return f"项目绩效自评表 {row}. {name} {column}".rstrip()
    lay = values.layout(table)
    if row not in lay.rows:
        return f"{report.forms.table(table).label} {row}".rstrip()
    if not column:
        return f"{report.forms.table(table).label} {row}「{lay.labels.get(row, '')}」"
    return cell_name(report, lay, row, column)


AUDIT_SUFFIXES = (".pdf", ".xlsx")


def audit_writer(path):
    """What writes an Audit to ``path``: PDF or Excel by its suffix (ValueError otherwise)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        from .pdf.audit import write_audit_pdf
        return write_audit_pdf
    if suffix == ".xlsx":
        from .excel.write_audit import write_audit_workbook
        return write_audit_workbook
    raise ValueError(f"审核报告只能导出为 PDF（.pdf）或 Excel（.xlsx）文件：「{Path(path).name}」")


def export_audit(report: Report, path, made: date | None = None) -> Path:
    """The 审核报告 of ``report`` at ``path``, written beside it and moved into place."""
    write = audit_writer(path)
    made_audit = audit(report, made)
    return write_atomically(Path(path), lambda partial: write(made_audit, partial))
