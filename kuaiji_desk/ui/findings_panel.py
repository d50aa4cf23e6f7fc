"""校验结果: every finding of the report, grouped by table; a click jumps to the cell."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QInputDialog, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ..core import edits
from ..core.rules.findings import NARRATIVE_TABLE, OVERALL_TABLE, PROJECT_TABLE, SEVERITY_NAMES, Finding
from ..core.rules.names import rule_name
from .session import Session
from .style import SEVERITY_BACKGROUND, SEVERITY_RANK

FINDING_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class UnitFinding:
    """A finding of one of a 部门's units, as the panel lists it under the 部门."""
    unit: str
    finding: Finding


_OTHER_GROUPS = {NARRATIVE_TABLE: "单位信息与说明", OVERALL_TABLE: "整体绩效自评表", PROJECT_TABLE: "项目绩效自评表"}


def group_name(session: Session, table: str) -> str:
    if table in _OTHER_GROUPS:
        return _OTHER_GROUPS[table]
    spec = session.report.publication.table(table)   # as the report's layout names it
    return f"{spec.label} {spec.name}"


class FindingsPanel(QWidget):
    jump = Signal(object)   # the Finding clicked
    open_unit = Signal(str, object)   # a 部门's unit and the finding of its report clicked

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["类别", "规则", "说明"])
        self.tree.setColumnWidth(0, 330)
        self.tree.setColumnWidth(1, 170)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.tree.itemDoubleClicked.connect(self._explain)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        session.checked.connect(self.show_findings)
        session.changed.connect(self._explanations_changed)
        self.show_findings(session.findings)

    def show_findings(self, findings: list[Finding]) -> None:
        expanded = {self.tree.topLevelItem(i).data(0, FINDING_ROLE)
                    for i in range(self.tree.topLevelItemCount()) if self.tree.topLevelItem(i).isExpanded()}
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        explanations = self.session.report.explanations
        order = {t: i for i, t in enumerate(self._tab_order())}
        # 错误 first and 尾数 last: tables with errors before the others, each in tab order,
        # and within a table errors, then 提示, then 尾数.
        worst_of = {}
        for f in findings:
            worst_of[f.table] = min(worst_of.get(f.table, 2), SEVERITY_RANK[f.severity])
        for f in sorted(findings, key=lambda f: (worst_of[f.table], order.get(f.table, len(order)),
                                                 SEVERITY_RANK[f.severity])):
            group = groups.get(f.table)
            if group is None:
                group = groups[f.table] = QTreeWidgetItem(self.tree, [group_name(self.session, f.table)])
                group.setData(0, FINDING_ROLE, f.table)
            note = explanations.get(f.key)
            text = f.message + (f"（说明：{note}）" if note else "")
            item = QTreeWidgetItem(group, [SEVERITY_NAMES[f.severity], rule_name(f.rule), text])
            item.setData(0, FINDING_ROLE, f)
            item.setToolTip(1, f"规则 {f.rule}")
            item.setToolTip(2, text)
            item.setBackground(0, QBrush(SEVERITY_BACKGROUND[f.severity]))
        self._show_unit_findings(groups)
        for table, group in groups.items():
            counts = {}
            for i in range(group.childCount()):
                found = group.child(i).data(0, FINDING_ROLE)
                s = (found.finding if isinstance(found, UnitFinding) else found).severity
                counts[s] = counts.get(s, 0) + 1
            group.setText(1, str(group.childCount()))
            group.setText(2, "，".join(f"{SEVERITY_NAMES[s]} {n}" for s, n in counts.items()))
            group.setExpanded(table in expanded or "error" in counts)

    def _show_unit_findings(self, groups: dict) -> None:
        """A 部门's: each unit's findings in a group of its own, under the 部门's."""
        for unit, found in self.session.unit_findings:
            if not found:
                continue
            group = groups[f"unit:{unit}"] = QTreeWidgetItem(self.tree, [f"单位：{unit}"])
            group.setData(0, FINDING_ROLE, f"unit:{unit}")
            group.setToolTip(0, "所属单位报告中的审核结果；点击一条即打开该单位的报告")
            for f in sorted(found, key=lambda f: SEVERITY_RANK[f.severity]):
                item = QTreeWidgetItem(group, [SEVERITY_NAMES[f.severity], rule_name(f.rule), f.message])
                item.setData(0, FINDING_ROLE, UnitFinding(unit, f))
                item.setToolTip(2, f.message)
                item.setBackground(0, QBrush(SEVERITY_BACKGROUND[f.severity]))

    def _tab_order(self) -> list[str]:
        """Groups in the order of the window's tabs."""
        return [NARRATIVE_TABLE, *(t.id for t in self.session.report.publication.tables), OVERALL_TABLE,
                PROJECT_TABLE]

    def _activated(self, item: QTreeWidgetItem, column: int = 0) -> None:
        finding = item.data(0, FINDING_ROLE)
        if isinstance(finding, Finding):
            self.jump.emit(finding)
        elif isinstance(finding, UnitFinding):
            self.open_unit.emit(finding.unit, finding.finding)

    def _explain(self, item: QTreeWidgetItem, column: int = 0) -> None:
        """A 提示 may stand with a written explanation, kept and printed with the report."""
        finding = item.data(0, FINDING_ROLE)
        if not isinstance(finding, Finding) or finding.severity != "warning":
            return
        current = self.session.report.explanations.get(finding.key, "")
        text, ok = QInputDialog.getMultiLineText(self, "填写说明", f"{finding.message}\n\n说明：", current)
        if ok and text.strip() != current:
            self.session.apply(edits.set_explanation(self.session.report, finding.key, text))

    def _explanations_changed(self, edit) -> None:
        if "explanations" in edit.parts:
            self.show_findings(self.session.findings)
