"""The reference report, read from its workbooks, and copies with one figure changed.

Each change must be reported by every rule it breaks, at the cell the rule
points at, and by no other error.
"""
from pathlib import Path

import openpyxl
import pytest

from kuaiji_desk.core import rules
from kuaiji_desk.core.excel.importer import apply_import, read_workbooks
from kuaiji_desk.core.report import new_report
from kuaiji_desk.core.sample import add_narrative

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TABLES = FIXTURES / "hanyang-2024-public-tables.xlsx"
SELF_EVALUATIONS = FIXTURES / "hanyang-2024-self-evaluations.xlsx"


_READ = {}


def read(path):
    """Each workbook is read once per session unless a test changed it."""
    if path not in _READ:
        _READ[path] = read_workbooks([path], 2024)
    return _READ[path]


def load(tables=TABLES, self_evaluations=SELF_EVALUATIONS):
    """The reference's workbooks, with what its text says beside them (the completeness
    rules have their own tests)."""
    report = new_report("汉阳区城市运行管理中心", 2024)
    apply_import(report, read(tables))
    apply_import(report, read(self_evaluations))
    add_narrative(report)
    return report


def changed_copy(tmp_path, source, sheet, cell, value):
    wb = openpyxl.load_workbook(source)
    wb[sheet][cell] = value
    out = tmp_path / source.name
    wb.save(out)
    return out


def where(findings, severity):
    return {(f.rule, f.table, f.row, f.column) for f in findings if f.severity == severity}


@pytest.fixture(scope="module")
def reference_findings():
    return rules.check(load())


def test_reference_has_no_error(reference_findings):
    assert rules.summary(reference_findings)["error"] == 0


def test_reference_rounding_residues_are_notices(reference_findings):
    notices = {(f.rule, f.table, f.row, f.column): f for f in reference_findings if f.severity == "notice"}
    # 01 支出 类 rows sum to 1286.75, 本年支出合计 shows 1286.76
    f = notices[("A03", "01", "57", "2")]
    assert (f.expected, f.actual) == (1_286_750_000, 1_286_760_000)
    assert "1286.75" in f.message and "1286.76" in f.message and "0.01" in f.message
    # 06 301 items sum to 309.49, the 301 line shows 309.48
    f = notices[("A14", "06", "301", "1")]
    assert (f.expected, f.actual) == (309_490_000, 309_480_000)
    # 05 基本支出 items sum to 335.27, 合计 shows 335.28
    f = notices[("A07", "05", "合计", "2")]
    assert (f.expected, f.actual) == (335_270_000, 335_280_000)


def test_reference_execution_rates_are_computed(reference_findings):
    rates = {f.row: f for f in reference_findings if f.rule == "F01"}
    projects = {p.name: i + 1 for i, p in enumerate(load().projects)}
    deposit = rates[str(projects["行政事业单位缴纳残保金"])]
    assert str(deposit.expected) == "86.33" and str(deposit.actual) == "86.45"
    civil = rates[str(projects["文明创建、党建、综治、档案、老干工作经费"])]
    assert str(civil.expected) == "97.20" and str(civil.actual) == "97.18"
    assert "86.33%" in deposit.message and "86.45%" in deposit.message
    assert len(rates) == 2   # every other printed rate equals B/A


def test_reference_self_evaluations_tie_to_table_05(reference_findings):
    assert not [f for f in reference_findings if f.rule in ("B13", "B14")]


CASES = [
    # sheet, cell, new value, the errors that must appear (rule, table, row, column)
    pytest.param("公开01表", "C7", 1296.76, {("A01", "01", "27", "1"), ("B02", "02", "合计", "2"),
                                             ("B04", "04", "1", "1")}, id="01 一般公共预算收入"),
    pytest.param("公开01表", "F12", 663.8, {("A03", "01", "57", "2"), ("B03", "01", "36", "2")},
                 id="01 科学技术支出"),
    pytest.param("公开01表", "C35", 5, {("A02", "01", "30", "1")}, id="01 年初结转和结余"),
    pytest.param("公开04表", "C34", 5, {("A09", "04", "28", "1"), ("A09", "04", "32", "1"),
                                        ("B09", "04", "28", "1")}, id="04 年初财政拨款结转和结余"),
    pytest.param("公开01表", "F36", 1296.76, {("A04", "01", "60", "2"), ("A05", "01", "30", "1")},
                 id="01 支出总计"),
    pytest.param("公开02表", "D10", 261.35, {("A06", "02", "2010350", "1"), ("A07", "02", "20103", "2")},
                 id="02 事业运行 财政拨款收入"),
    pytest.param("公开02表", "C7", 1296.76, {("A06", "02", "合计", "1"), ("A07", "02", "合计", "1"),
                                             ("B01", "01", "27", "1")}, id="02 合计"),
    pytest.param("公开03表", "E7", 961.48, {("A08", "03", "合计", "1"), ("A07", "03", "合计", "3")},
                 id="03 合计 项目支出"),
    pytest.param("公开03表", "C12", 663.8, {("A08", "03", "206", "1"), ("A07", "03", "206", "1"),
                                            ("A07", "03", "合计", "1"), ("B03", "01", "36", "2")},
                 id="03 科学技术支出"),
    pytest.param("公开04表", "G12", 643.8, {("A10", "04", "38", "2"), ("A10", "04", "59", "3"),
                                            ("B05", "04", "38", "3")}, id="04 科学技术 一般公共预算"),
    pytest.param("公开04表", "C38", 1296.76, {("A09", "04", "32", "1"), ("A11", "04", "32", "1")},
                 id="04 收入总计"),
    pytest.param("公开05表", "D7", 345.28, {("A13", "05", "合计", "1"), ("A07", "05", "合计", "2"),
                                            ("B08", "05", "合计", "2"), ("B14", "整体自评", "", "基本支出总额")},
                 id="05 合计 基本支出"),
    pytest.param("公开05表", "D20", 19.46, {("A13", "05", "2101102", "1"), ("A07", "05", "21011", "2"),
                                             ("B09", "05", "2101102", "2")}, id="05 事业单位医疗"),
    pytest.param("公开06表", "C11", 152.06, {("A14", "06", "301", "1")}, id="06 绩效工资"),
    pytest.param("公开06表", "C34", 319.48, {("A14", "06", "人员经费合计", "1"), ("B08", "05", "合计", "2")},
                 id="06 人员经费合计"),
    pytest.param("公开06表", "F22", 1.5, {("A14", "06", "302", "1"), ("B10", "06", "30217", "1")},
                 id="06 公务接待费"),
    pytest.param("公开07表", "C7", 5, {("A07", "07", "合计", "1"), ("B06", "04", "30", "1"),
                                       ("B11", "07", "合计", "1")}, id="07 年初结转和结余"),
    pytest.param("公开09表", "A8", 5, {("A17", "09", "1", "1")}, id="09 预算数合计"),
]


@pytest.mark.parametrize("sheet, cell, value, expected", CASES)
def test_one_changed_figure_is_reported_by_every_rule_it_breaks(tmp_path, reference_findings, sheet, cell,
                                                                   value, expected):
    findings = rules.check(load(tables=changed_copy(tmp_path, TABLES, sheet, cell, value)))
    assert where(findings, "error") == expected


def test_changed_project_spending_breaks_the_tie_to_05(tmp_path):
    sheet = changed_copy(tmp_path, SELF_EVALUATIONS, "项目2", "D8", 261.62)   # the narrative's wrong figure
    findings = rules.check(load(self_evaluations=sheet))
    assert where(findings, "error") == set()
    warnings = where(findings, "warning")
    assert ("B13", "项目自评", "", "执行数") in warnings
    assert ("F01", "项目自评", "2", "执行率") in warnings
    b13 = next(f for f in findings if f.rule == "B13")
    assert "957.48" in b13.message and "951.48" in b13.message


def test_changed_overall_total_is_an_error(tmp_path):
    sheet = changed_copy(tmp_path, SELF_EVALUATIONS, "整体绩效自评表", "E4", "9614790.69元")
    findings = rules.check(load(self_evaluations=sheet))
    assert where(findings, "error") == {("B14", "整体自评", "", "项目支出总额")}


def test_messages_name_both_sides_and_the_gap(tmp_path):
    findings = rules.check(load(tables=changed_copy(tmp_path, TABLES, "公开01表", "C7", 1296.76)))
    b04 = next(f for f in findings if f.rule == "B04")
    assert "公开04表第1行" in b04.message and "公开01表第1行" in b04.message
    assert "1286.76" in b04.message and "1296.76" in b04.message and "相差 10.00 万元" in b04.message
