"""What the grid's colours mean, shown beside it: 错误, 提示, 尾数, 计算值, 导入的合计."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from . import style

LEGEND = (
    (style.ERROR_BACKGROUND, "错误", "违反强制规则，发布前必须改正"),
    (style.WARNING_BACKGROUND, "提示", "请核实；确属正常的，双击校验结果填写说明"),
    (style.NOTICE_BACKGROUND, "尾数", "只是万元四舍五入造成的尾数差"),
    (style.TOTAL_BACKGROUND, "计算值", "合计由各项相加得出，不能直接填写"),
    (style.STATED_BACKGROUND, "导入的合计", "导入的工作簿中写明的合计；改动其下各项后按计算值"),
)


class ColourLegend(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(QLabel("图例：", self))
        for colour, words, meaning in LEGEND:
            swatch = QLabel(words, self)
            swatch.setStyleSheet(f"QLabel {{ background: {colour.name()}; border: 1px solid #b8bec6; padding: 1px 6px; }}")
            swatch.setToolTip(meaning)
            layout.addWidget(swatch)
        layout.addStretch(1)
