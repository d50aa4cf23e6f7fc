"""Words for the cells of a report: how a finding, an undo step or a search hit names one."""
from __future__ import annotations

from .forms import TOTAL_ROW, CodeTable, FixedTable
from .forms.fields import declared_id
from .layout import TableLayout
from .report import Report


def column_name(report: Report, table: str, col: str) -> str:
    """本年支出小计 / 项目支出 / 决算数因公出国（境）费."""
    for c in report.forms.table(table).columns:
        if c.id == col:
            h = c.header
            name = "".join(h[-2:]) if h[-1] in ("小计", "合计") and len(h) > 1 else h[-1]
            if table == "09" and not name.startswith(h[0]):
                name = h[0] + name
            return name
    return ""


def cell_name(report: Report, lay: TableLayout, row: str | None, col: str, code: str | None = None) -> str:
    """公开01表第27行「本年收入合计」 / 公开02表 2010350「事业运行」第2栏（财政拨款收入）."""
    spec = lay.spec
    col_words = f"第{col}栏（{column_name(report, spec.id, col)}）"
    if row is None:
        row_words = f"{code}（本表无此科目）"
    elif isinstance(spec, FixedTable):
        label = lay.labels.get(row, "")
        if spec.id == "09":
            return f"{spec.label}{col_words}"
        row_words = f"第{row}行「{label.split('、', 1)[-1]}」" if label else f"第{row}行"
    elif row == TOTAL_ROW or (isinstance(spec, CodeTable) and not row.isdigit()):
        row_words = f"「{lay.labels.get(row, row)}」行"
    else:
        row_words = f"{row}「{lay.labels.get(row, '')}」"
    if _one_column(lay, row):
        return f"{spec.label}{row_words}"
    return f"{spec.label}{row_words}{col_words}"


def short_cell_name(report: Report, lay: TableLayout, row: str, col: str) -> str:
    """A cell in a few words, for an undo step: 公开03表 2010350 基本支出 / 公开01表 事业收入."""
    spec = lay.spec
    if isinstance(spec, FixedTable):
        label = lay.labels.get(row, "").split("、", 1)[-1]
        row_words = label or f"第{row}行"
    else:
        row_words = row if row.isdigit() else lay.labels.get(row, row)
    words = [spec.label, row_words]
    if not _one_column(lay, row):
        words.append(column_name(report, spec.id, col))
    return " ".join(words)


def _one_column(lay: TableLayout, row: str | None) -> bool:
    spec = lay.spec
    if isinstance(spec, CodeTable):
        return len(spec.columns) == 1
    return len(lay.row_cols.get(row or "", ())) == 1


def field_name(report: Report, key: str) -> str:
    """A 单位信息与说明 field by its label: 公开咨询电话 / 该项年初预算数（2010350）."""
    field_id = declared_id(key)
    try:
        label = report.forms.field(field_id).label
    except KeyError:
        return key
    code = key[len(field_id):]
    return f"{label}（{code}）" if code else label
