"""查找: a code, a name or an amount, across every table, field and self-evaluation."""
from __future__ import annotations

from dataclasses import dataclass

from .forms import CodeTable
from .layout import Values
from .money import AmountError, format_amount, parse_amount
from .naming import field_name, short_cell_name
from .places import Place
from .report import Report
from .rules.findings import NARRATIVE_TABLE, PROJECT_TABLE

SNIPPET = 30


@dataclass(frozen=True)
class Hit:
    place: Place
    words: str      # what the list of hits shows: 公开02表 2010350 财政拨款收入 251.35


def search(report: Report, values: Values, query: str, unit: str = "万元") -> list[Hit]:
    """Hits in the order of the window's tabs.  A query that reads as an amount finds the
    cells that show it (in ``unit``, as the grid shows them); any query finds codes that
    start with it and names, labels, texts and projects that contain it."""
    query = query.strip()
    if not query:
        return []
    try:
        amount = parse_amount(query, unit)
    except AmountError:
        amount = None
    shown = format_amount(amount, unit) if amount else None
    hits = [Hit(Place(NARRATIVE_TABLE, "", key), f"单位信息与说明 {field_name(report, key)}：{_snippet(text, query)}")
            for key, text in report.texts.items() if query in text]
    for spec in report.forms.tables:
        lay = values.layout(spec.id)
        for row in lay.rows:
            label = lay.labels.get(row, "")
            code = lay.codes.get(row, "") if isinstance(spec, CodeTable) else ""
            if (code and code.startswith(query)) or query in label:
                hits.append(Hit(Place(spec.id, row, ""), f"{spec.label} {code} {label}".replace("  ", " ")))
            if shown is None:
                continue
            for col in lay.row_cols.get(row, ()):
                if format_amount(values.value(spec.id, row, col), unit) == shown:
                    hits.append(Hit(Place(spec.id, row, col), f"{short_cell_name(report, lay, row, col)} {shown}"))
    for i, project in enumerate(report.projects, start=1):
        if query in project.name:
            hits.append(Hit(Place(PROJECT_TABLE, str(i), ""), f"项目绩效自评 {i}. {project.name}"))
        for j, ind in enumerate(project.indicators, start=1):
            if query in ind.level3 or query in ind.target or query in ind.actual:
                hits.append(Hit(Place(PROJECT_TABLE, str(i), f"指标{j}"),
                                f"项目绩效自评 {i}. {project.name} 指标{j}：{ind.level3}"))
    return hits


def _snippet(text: str, query: str) -> str:
    at = text.find(query)
    start = max(at - SNIPPET // 2, 0)
    piece = text[start:start + SNIPPET]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(text) else "")
