"""校验结果: errors first and 尾数 last, each rule in words with its id in the tooltip."""
from PySide6.QtCore import Qt

from kuaiji_desk.core import edits
from kuaiji_desk.ui.findings_panel import FindingsPanel


def shown(panel):
    tree = panel.tree
    return [(tree.topLevelItem(i).text(0), [(tree.topLevelItem(i).child(j).text(0), tree.topLevelItem(i).child(j))
                                            for j in range(tree.topLevelItem(i).childCount())])
            for i in range(tree.topLevelItemCount())]


def test_errors_first_notices_last_and_rules_in_words(qtbot, sample):
    sample.apply(edits.set_cell("02", "2010350", "2", 261_350_000))      # A06 and B01/B02 errors in 02 and 01
    panel = FindingsPanel(sample)
    qtbot.addWidget(panel)
    groups = shown(panel)
    severities = [[kind for kind, _ in children] for _, children in groups]
    rank = {"错误": 0, "提示": 1, "尾数": 2}
    worst = [min(rank[k] for k in kinds) for kinds in severities]
    assert worst == sorted(worst) and worst[0] == 0 and "尾数" in {k for kinds in severities for k in kinds}
    for kinds in severities:
        assert [rank[k] for k in kinds] == sorted(rank[k] for k in kinds)
    first = groups[0][1][0][1]
    finding = first.data(0, Qt.ItemDataRole.UserRole)
    assert first.text(1) != finding.rule and first.toolTip(1) == f"规则 {finding.rule}"
    assert any(item.text(1) == "收入决算表各栏合计" for _, children in groups for _, item in children)
