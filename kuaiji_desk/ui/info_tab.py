"""单位信息与说明: every declared narrative field and last year's figures, one page.

The page is generated from the declarations (:mod:`kuaiji_desk.core.forms.fields`):
a group per section, an input per field as its kind asks.  Fields keyed per code
follow table 05: one line per 类 for the purposes, and for 五（三） one table of
the 项 (:mod:`.budget_table`).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout, QGroupBox, QHeaderView, QLabel, QScrollArea, QVBoxLayout, QWidget,
)

from ..core import edits
from ..core.forms import TextField
from ..core.forms.fields import LAST_YEAR as LAST_YEAR_FIELDS, PER_CODE, declared_id, per_code_key
from ..core.report import LAST_YEAR, NUMBERS, TEXTS
from ..core.rules import Finding
from ..core.rules.findings import NARRATIVE_TABLE
from .bound_form import heading
from .budget_table import BUDGET, CODE, NAME, PLANNED, RATE, REASON, SPENT, WHY, BudgetModel
from .finding_marks import collect
from .inputs import NumberLine, TextBox, TextLine
from .session import Session
from .table_view import FittingTableView

# The template's headings, in the order the published document has them.
SECTION_TITLES = {
    "封面": "封面",
    "第一部分": "第一部分 部门概况",
    "一": "一、收入支出决算总体情况",
    "二": "二、收入决算情况",
    "三": "三、支出决算情况",
    "四": "四、财政拨款收入支出决算总体情况",
    "五": "五、一般公共预算财政拨款支出决算情况",
    "六": "六、一般公共预算财政拨款基本支出决算情况",
    "七": "七、政府性基金预算财政拨款收入支出决算情况",
    "八": "八、国有资本经营预算财政拨款支出决算情况",
    "九": "九、财政拨款“三公”经费支出决算情况",
    "十": "十、机关运行经费支出情况",
    "十一": "十一、政府采购支出情况",
    "十二": "十二、国有资产占用情况",
    "十三": "十三、预算绩效管理情况",
    "第四部分": "第四部分 重点工作完成情况",
    "第五部分": "第五部分 名词解释及其他",
    "上年": "上年数（与上年相比的增减和跨年核对用）",
    "校验设置": "校验设置",
}
PART_THREE = "一"   # the sections from 一 on are 第三部分's
PART_THREE_TITLE = "第三部分 部门决算情况说明"
CLASS_DIGITS = 3    # a 类 code: 201
ITEM_DIGITS = 7     # a 项 code: 2010350
LABEL_WIDTH = 300
NUMBER_WIDTH = 220
BOX_LINES = 6       # 职责 and 第四部分 run to several paragraphs


def _sections(fields: tuple[TextField, ...]) -> list[tuple[str, list[TextField]]]:
    """The fields by section, sections in the document's order (unknown ones last)."""
    order = list(SECTION_TITLES)
    groups: dict[str, list[TextField]] = {}
    for f in fields:
        groups.setdefault(f.section, []).append(f)
    return sorted(groups.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))


class InfoTab(QWidget):
    message = Signal(str)   # for the status bar: why a typed figure was refused

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self._findings: list[Finding] = session.findings
        self._last_year_ids = {f.id for f in LAST_YEAR_FIELDS}
        self.inputs: dict[str, tuple[QWidget, str]] = {}   # stored key → (input, part)
        self._amount_labels: list[tuple[QLabel, str]] = []
        self._groups: dict[str, QGroupBox] = {}
        self._class_fields: list[TextField] = []
        self._class_holders: dict[str, QWidget] = {}       # field id → the widget holding its lines
        self._class_rows: dict[str, list[tuple[str, str]]] = {}   # field → (code, name) its lines show
        self.budget: BudgetModel | None = None

        page = QWidget(self)
        page_layout = QVBoxLayout(page)
        for section, fields in _sections(session.report.forms.fields):
            if section == PART_THREE:
                page_layout.addWidget(heading(PART_THREE_TITLE, page))
            page_layout.addWidget(self._group(page, section, fields))
        page_layout.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll)

        session.changed.connect(self._on_changed)
        session.checked.connect(self._on_checked)
        session.unit_changed.connect(self._set_unit)
        self._refresh()

    # -- building --------------------------------------------------------------------
    def _group(self, page: QWidget, section: str, fields: list[TextField]) -> QGroupBox:
        box = self._groups[section] = QGroupBox(SECTION_TITLES.get(section, section), page)
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        for f in fields:
            row = grid.rowCount()
            if f.id.endswith(PER_CODE):
                self._per_code(box, grid, row, f)
                continue
            label = QLabel(f"{f.label}（{self.session.unit}）" if f.kind == "amount" else f.label, box)
            label.setWordWrap(True)
            label.setFixedWidth(LABEL_WIDTH)
            widget = self._input(box, f.id, f, LAST_YEAR if f.id in self._last_year_ids else
                                 (TEXTS if f.kind == "text" else NUMBERS))
            if f.kind == "amount":
                self._amount_labels.append((label, f.label))
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop if f.multiline else Qt.AlignmentFlag.AlignVCenter)
            if f.kind == "text":
                grid.addWidget(widget, row, 1)
            else:
                grid.addWidget(widget, row, 1, Qt.AlignmentFlag.AlignLeft)   # a figure needs no full width
        return box

    def _input(self, parent: QWidget, key: str, f: TextField, part: str) -> QWidget:
        if f.kind == "text":
            widget = TextBox(BOX_LINES, parent) if f.multiline else TextLine(parent)
            widget.setPlaceholderText(f.hint)
        else:
            widget = NumberLine.amount(self.session.unit, parent) if f.kind == "amount" else NumberLine.count(parent)
            widget.setFixedWidth(NUMBER_WIDTH)
        widget.refused.connect(lambda text, name=f.label: self.message.emit(f"{name}：{text}"))
        widget.set_hint(f.hint)
        widget.committed.connect(lambda value: self._commit(key, part, value))
        self.inputs[key] = (widget, part)
        return widget

    def _per_code(self, box: QGroupBox, grid: QGridLayout, row: int, f: TextField) -> None:
        if f.id in (BUDGET, REASON):
            if self.budget is None:   # one table for both fields
                grid.addWidget(self._budget_table(box), row, 0, 1, 2)
            return
        # Any other per-code field is one line per 类 or 项 of table 05 (五.二.用途:, 名词解释:).
        self._class_fields.append(f)
        holder = QWidget(box)
        QGridLayout(holder).setContentsMargins(0, 0, 0, 0)
        label = QLabel(f.label + (f"（{f.hint}）" if f.hint else ""), box)
        label.setWordWrap(True)
        label.setFixedWidth(LABEL_WIDTH)
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(holder, row, 1)
        self._class_holders[f.id] = holder

    def _budget_table(self, parent: QWidget) -> QWidget:
        holder = QWidget(parent)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(QLabel("各项（科目）的年初预算数与决算数不同的主要原因（每个项一条，支出决算取自公开05表）", holder))
        self.budget = BudgetModel(self.session, self._apply, self)
        self.budget.refused.connect(self.message)
        self.budget_view = FittingTableView(holder)
        self.budget_view.setModel(self.budget)
        self.budget_view.setSelectionBehavior(FittingTableView.SelectionBehavior.SelectItems)
        header = self.budget_view.horizontalHeader()
        for col, width in ((CODE, 90), (NAME, 260), (PLANNED, 140), (SPENT, 140), (RATE, 110)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.budget_view)
        return holder

    def _sync_class_rows(self) -> None:
        """One line per 类 (or 项) of table 05; rebuilt only when those codes change, so focus
        and scroll stay."""
        names = self.session.report.code_rows.get("05", {})
        for f in self._class_fields:
            digits = CLASS_DIGITS if f.per == "类" else ITEM_DIGITS
            rows = [(c, names[c]) for c in sorted(names) if len(c) == digits]
            if rows == self._class_rows.get(f.id):
                continue
            self._class_rows[f.id] = rows
            holder = self._class_holders[f.id]
            grid: QGridLayout = holder.layout()
            for key in [k for k in self.inputs if declared_id(k) == f.id]:
                widget, _ = self.inputs.pop(key)
                widget.deleteLater()
            while grid.count():
                grid.takeAt(0).widget().deleteLater()
            grid.setColumnStretch(1, 1)
            for i, (code, name) in enumerate(rows):
                grid.addWidget(QLabel(f"{code} {name}", holder), i, 0)
                grid.addWidget(self._input(holder, per_code_key(f.id, code), f, TEXTS), i, 1)

    # -- changes, each one edit ------------------------------------------------------
    def flush(self) -> None:
        """Saves what was typed and not yet left (before undo, closing, export)."""
        for widget, _ in list(self.inputs.values()):
            widget.flush()

    def _apply(self, edit) -> bool:
        if self.session.apply(edit):
            return True
        self._refresh()   # not saved: show the report as it still is
        return False

    def _commit(self, key: str, part: str, value) -> None:
        report = self.session.report
        self._apply(edits.set_text(report, key, value) if part == TEXTS else edits.set_number(report, key, value, part))

    # -- showing ---------------------------------------------------------------------
    def _on_changed(self, edit) -> None:
        if set(edit.parts) & {TEXTS, NUMBERS, LAST_YEAR, "05"} or any(k[0] == "05" for k in edit.keys):
            self._refresh()

    def _on_checked(self, findings: list[Finding]) -> None:
        self._findings = findings
        self._show_findings()

    def _refresh(self) -> None:
        report = self.session.report
        stored = {TEXTS: report.texts, NUMBERS: report.numbers, LAST_YEAR: report.last_year}
        self._sync_class_rows()
        for key, (widget, part) in self.inputs.items():
            widget.show_value(stored[part].get(key))
        if self.budget is not None:
            self.budget.refresh()
        self._show_findings()

    def _set_unit(self, unit: str) -> None:
        for label, text in self._amount_labels:
            label.setText(f"{text}（{unit}）")
        for widget, _ in self.inputs.values():
            if isinstance(widget, NumberLine):
                widget.set_unit(unit)
        if self.budget is not None:
            self.budget.refresh()

    def _key_of(self, finding: Finding) -> str | None:
        """The stored key a 情况说明 finding names: '十二.车辆数', or '机关运行经费' under row '十'.

        The section-qualified name first: '机关运行经费' alone is last year's figure.
        """
        if finding.table != NARRATIVE_TABLE:
            return None
        for key in (f"{finding.row}.{finding.column}", finding.column):
            if key in self.inputs or declared_id(key) in (BUDGET, REASON):
                return key
        return None

    def _show_findings(self) -> None:
        marks = collect(self._findings, self._key_of)
        for key, (widget, _) in self.inputs.items():
            widget.set_mark(*marks.get(key, (None, "")))

    def show_finding(self, finding: Finding) -> bool:
        """Scrolls to and focuses the field a 情况说明 finding names (its section when no field)."""
        key = self._key_of(finding) or ""
        field_id = declared_id(key)
        code = key[len(field_id):]
        if key in self.inputs:
            widget = self.inputs[key][0]
        elif field_id in (BUDGET, REASON) and self.budget is not None and code in self.budget.codes:
            column = PLANNED if field_id == BUDGET else WHY
            self.budget_view.setCurrentIndex(self.budget.index(self.budget.codes.index(code), column))
            widget = self.budget_view
        elif finding.table == NARRATIVE_TABLE and finding.row in self._groups:
            widget = self._groups[finding.row]
        else:
            return False
        self.scroll.ensureWidgetVisible(widget)
        widget.setFocus()
        return True
