"""The 审核报告: every finding with its rule, place, figures and explanation, the counts and the
key totals, as PDF and as Excel — read back as a reviewer reads them."""
import copy
from datetime import date

import openpyxl
import pytest

from kuaiji_desk.core import edits, rules
from kuaiji_desk.core.audit import audit, export_audit
from kuaiji_desk.core.excel.write_audit import COLUMNS, SHEET
from kuaiji_desk.core.sample import load_sample
from poppler import pdf_text

W = 1_000_000
MADE = date(2025, 6, 1)


@pytest.fixture(scope="module")
def checked():
    """The sample with one wrong figure in 02 and a 提示 explained."""
    report = load_sample()
    edits.set_cell("02", "2010350", "2", 261_350_000).apply(report)
    warning = next(f for f in rules.check(report) if f.rule == "F04")
    report.explanations[warning.key] = "机构改革后统计口径调整"
    return report, warning


def test_the_lines_say_rule_place_figures_and_explanation(checked):
    report, warning = checked
    made = audit(report, MADE)
    assert made.title == "武汉市汉阳区城市运行管理中心2024年度部门决算公开审核报告"
    assert made.counts == {"错误": 2, "提示": 14, "尾数": 12}
    a06 = next(line for line in made.lines if line.rule == "A06")
    assert (a06.severity, a06.rule_name, a06.place, a06.expected, a06.actual) == (
        "错误", "收入决算表各栏合计", "公开02表2010350「事业运行」第1栏（本年收入合计）", "261.35", "251.35")
    explained = next(line for line in made.lines if line.message == warning.message)
    assert explained.explanation == "机构改革后统计口径调整" and explained.place.startswith("项目绩效自评表 ")
    assert [line.number for line in made.lines] == list(range(1, len(made.lines) + 1))
    # The reference's 公开01表 总计 and 公开06表 人员经费 309.48 + 公用经费 25.80.
    assert ("公开01表", "收入总计", "1,286.76") in made.totals and ("公开06表", "人员经费与公用经费合计", "335.28") in made.totals


def test_a_missing_text_is_placed_in_its_field():
    report = load_sample()
    del report.texts["公开日期"]
    report.touch("texts")
    line = next(line for line in audit(report, MADE).lines if line.rule == "E02")
    assert line.place == "单位信息与说明「公开日期」" and line.severity == "错误"


def test_the_workbook_lists_every_finding(checked, tmp_path):
    report, _ = checked
    export_audit(report, tmp_path / "审核.xlsx", MADE)
    ws = openpyxl.load_workbook(tmp_path / "审核.xlsx")[SHEET]
    rows = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    header = next(i for i, row in enumerate(rows) if list(row[:len(COLUMNS)]) == list(COLUMNS))
    lines = rows[header + 1: header + 1 + 2 + 14 + 12]
    assert [row[1] for row in lines].count("错误") == 2 and lines[0][2] == "A06"
    assert any(row[8] == "机构改革后统计口径调整" for row in lines)
    assert ws.print_title_rows.replace("$", "") == f"{header + 1}:{header + 1}"   # the header on every page


def test_the_pdf_reads_as_the_report_does(checked, tmp_path):
    report, warning = checked
    export_audit(report, tmp_path / "审核.pdf", MADE)
    text = "".join(pdf_text(tmp_path / "审核.pdf", "-raw").split())   # as drawn: a cell's lines together
    assert "武汉市汉阳区城市运行管理中心2024年度部门决算公开审核报告" in text
    assert "错误2条，提示14条，尾数12条" in text and "机构改革后统计口径调整" in text
    assert "第1页/共" in text


def test_only_pdf_or_excel(tmp_path):
    with pytest.raises(ValueError, match="只能导出为"):
        export_audit(copy.deepcopy(load_sample()), tmp_path / "审核.docx")
    assert not list(tmp_path.iterdir())
