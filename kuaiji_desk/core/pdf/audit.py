"""The 审核报告 as a PDF: landscape pages, the findings as a table whose header repeats on
every page, 「第 X 页 / 共 Y 页」."""
from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, PageTemplate, Paragraph, Spacer, Table, TableStyle

from ..audit import Audit, department_lines
from ..excel.write_audit import COLUMNS
from .document import CREATOR, _binary_streams, _frame
from .fonts import PdfFonts, resolve_fonts
from .pages import Deferred, numbered_canvas
from .styles import LANDSCAPE, LANDSCAPE_MARGINS, LANDSCAPE_WIDTH, make_styles

# Share of the width per column: 序号 类别 规则 规则名称 位置 应为 实为 说明 书面说明.
_SHARES = (4, 5, 6, 11, 17, 7, 7, 30, 13)
_GRID = [
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
]
_HEADED = _GRID + [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f5"))]


def write_audit_pdf(audit: Audit, path, fonts: PdfFonts | None = None) -> None:
    fonts = fonts or resolve_fonts()
    s = make_styles(fonts)

    def p(text: str, style=s.eval_cell) -> Paragraph:
        return Paragraph(escape(text), style)

    counts = "，".join(f"{kind} {n} 条" for kind, n in audit.counts.items())
    story = [
        p(audit.title, s.h1),
        p(f"单位：{audit.unit}　　年度：{audit.year}　　生成日期：{audit.made:%Y年%m月%d日}", s.meta_left),
        p(f"审核结果：{counts}。", s.meta_left),
        *(p(line, s.meta_left) for line in department_lines(audit)),
        Spacer(1, 4 * mm),
        p("主要数字（万元）", ParagraphStyle("audit_totals", parent=s.h3, keepWithNext=0)),
    ]
    totals = [[p(t, s.eval_center), p(item), p(amount, s.meta_right)] for t, item, amount in audit.totals]
    table = Table(totals, colWidths=[25 * mm, 60 * mm, 35 * mm], hAlign="LEFT")
    table.setStyle(TableStyle(_GRID))
    # A heading of its own, not kept with the table: a table of many pages would move whole.
    section = ParagraphStyle("audit_section", parent=s.h3, keepWithNext=0)
    story += [table, Spacer(1, 4 * mm), p("审核结果", section)]
    unit = LANDSCAPE_WIDTH / sum(_SHARES)
    rows = [[p(words, s.eval_center) for words in COLUMNS]]
    rows += [[p(str(line.number), s.eval_center), p(line.severity, s.eval_center), p(line.rule, s.eval_center),
              p(line.rule_name), p(line.place), p(line.expected, s.meta_right), p(line.actual, s.meta_right),
              p(line.message), p(line.explanation)] for line in audit.lines]
    if not audit.lines:
        rows.append([p("未发现问题。")] + [""] * (len(COLUMNS) - 1))
    findings = Table(rows, colWidths=[share * unit for share in _SHARES], repeatRows=1)
    findings.setStyle(TableStyle(_HEADED))
    story += [findings, Spacer(1, 3 * mm), p(f"说明：{audit.note}", s.note)]

    deferred = Deferred(fonts.song)
    deferred.first_numbered = 1

    doc = BaseDocTemplate(str(path), pagesize=LANDSCAPE, title=audit.title, author=audit.unit,
                          subject=audit.title, keywords=["审核报告", str(audit.year), audit.unit],
                          creator=CREATOR, producer=CREATOR, lang="zh-CN", initialFontName=fonts.song)
    doc.addPageTemplates([PageTemplate("L", [_frame(LANDSCAPE, LANDSCAPE_MARGINS, "L")], pagesize=LANDSCAPE)])
    with _binary_streams():
        doc.build(story, canvasmaker=numbered_canvas(deferred))
