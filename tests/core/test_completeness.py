"""What the document needs and the report does not say yet (E01–E07, C04, C05, D05): each rule
on a case that needs it and one that does not."""
from pathlib import Path

import pytest

from kuaiji_desk.core import rules
from kuaiji_desk.core.excel.importer import apply_import, read_workbooks
from kuaiji_desk.core.forms.fields import CHANGE_THRESHOLD
from kuaiji_desk.core.report import NUMBERS, OVERALL, TEXTS, Indicator, new_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
W = 1_000_000
COMPLETENESS = ("E", "C04", "C05", "D05")


def completeness(report):
    return [f for f in rules.check(report) if f.rule.startswith(COMPLETENESS)]


def where(findings, rule):
    return sorted((f.severity, f.row, f.column) for f in findings if f.rule == rule)


def test_the_sample_complete_gives_none(sample):
    assert completeness(sample) == []


def test_a_blank_report_says_everything_it_lacks():
    found = completeness(new_report("单位", 2024))
    assert where(found, "E01") == [("error", "1", "1")]
    assert where(found, "E02") == [("error", "封面", "公开日期"), ("error", "第五部分", "咨询电话")]
    assert ("error", "第一部分", "职责") in where(found, "E03") and ("error", "第四部分", "第四部分") in where(found, "E03")
    assert where(found, "E04") == [("error", "九", "九.车辆保有量"), ("error", "十", "十.机关运行经费"),
                                   ("error", "十一", "十一.货物"), ("error", "十二", "十二.大型设备数")]


def test_the_reference_tables_without_their_texts():
    report = new_report("汉阳区城市运行管理中心", 2024)
    apply_import(report, read_workbooks([FIXTURES / "hanyang-2024-public-tables.xlsx",
                                         FIXTURES / "hanyang-2024-self-evaluations.xlsx"], 2024))
    found = rules.check(report)
    errors = {f.rule for f in found if f.severity == "error"}
    assert errors == {"E02", "E03", "E04"}                       # the tables themselves agree
    budget = {f.column for f in found if f.rule == "E04" and f.row == "五"}
    assert budget == {f"五.三.年初预算:{code}" for code in
                      ("2010350", "2010399", "2060502", "2080505", "2101102", "2101103", "2130599", "2210201",
                       "2210202")}
    purposes = {f.column for f in found if f.rule == "E05"}
    assert {"五.二.用途:201", "五.二.用途:206"} <= purposes
    assert ("error", "十三", "十三.整体结论") in where(found, "E03")   # the 整体自评表 was imported


@pytest.mark.parametrize("key, rule, severity", [
    ("公开日期", "E02", "error"), ("咨询电话", "E02", "error"), ("职责", "E03", "error"),
    ("机构设置", "E03", "error"), ("第四部分", "E03", "error"), ("十三.整体结论", "E03", "error"),
    ("十三.项目结论", "E03", "warning"), ("十三.结果应用", "E03", "warning"),
])
def test_each_required_text(sample, key, rule, severity):
    del sample.texts[key]
    sample.touch(TEXTS)
    assert [(f.rule, f.severity, f.column) for f in completeness(sample)] == [(rule, severity, key)]


@pytest.mark.parametrize("key", ["十.机关运行经费", "十二.大型设备数", "九.车辆保有量", "五.三.年初预算:2060502"])
def test_each_figure_the_narrative_needs(sample, key):
    del sample.numbers[key]
    sample.touch(NUMBERS)
    assert [(f.rule, f.severity, f.column) for f in completeness(sample) if f.rule == "E04"] == [("E04", "error", key)]


def test_procurement_needs_at_least_its_three_categories(sample):
    for key in ("十一.货物", "十一.工程"):
        del sample.numbers[key]
    sample.touch(NUMBERS)
    assert completeness(sample) == []                            # 服务 given: 十一 has its sentence
    del sample.numbers["十一.服务"]
    sample.touch(NUMBERS)
    assert [(f.rule, f.column) for f in completeness(sample)] == [("E04", "十一.货物")]


def test_no_running_costs_asks_why(sample):
    del sample.texts["十.说明"]
    sample.touch(TEXTS)
    assert [(f.rule, f.severity, f.column) for f in completeness(sample)] == [("E05", "warning", "十.说明")]
    sample.numbers["十.机关运行经费"] = 5 * W                      # an amount needs no reason of being none
    sample.touch(NUMBERS)
    assert completeness(sample) == []


def test_a_class_needs_its_purpose_and_an_item_its_reason_beyond_the_threshold(sample):
    del sample.texts["五.二.用途:206"]
    sample.numbers["五.三.年初预算:2101103"] = 18 * W           # 决算 16.31: 9.39% below, under 10%
    sample.touch(TEXTS, NUMBERS)
    assert [(f.rule, f.column) for f in completeness(sample)] == [("E05", "五.二.用途:206")]
    sample.numbers["五.三.年初预算:2101103"] = 19 * W           # 14.16% below
    sample.touch(NUMBERS)
    assert ("E05", "五.三.原因:2101103") in [(f.rule, f.column) for f in completeness(sample)]
    sample.numbers[CHANGE_THRESHOLD] = 20                       # the unit's setting: 20%
    sample.touch(NUMBERS)
    assert [(f.rule, f.column) for f in completeness(sample)] == [("E05", "五.二.用途:206")]


def test_a_code_row_without_any_figure_prints_as_a_blank_line(sample):
    sample.add_code("02", "2010301")
    sample.add_code("06", "30101")                               # a template row of 06: published empty
    assert [(f.rule, f.table, f.row) for f in completeness(sample)] == [("E06", "02", "2010301")]
    sample.set("02", "2010301", "4", 1 * W)
    assert completeness(sample) == []


def test_every_overall_indicator_needs_its_actual_value(sample):
    sample.overall.indicators[2].actual = " "
    sample.overall.indicators.append(Indicator(level2="产出", level3="新指标", target="≥1"))
    sample.touch(OVERALL)
    n = len(sample.overall.indicators)
    assert where(completeness(sample), "E07") == [("warning", "", "指标3"), ("warning", "", f"指标{n}")]


def test_a_change_against_last_year_asks_for_its_reason_from_the_threshold(sample):
    del sample.texts["一.原因"]
    sample.touch(TEXTS)
    assert completeness(sample) == []                            # 1294.48 → 1286.76: 0.6%, under 10%
    sample.last_year["收支总计"] = 1400 * W                       # 8.09% down: still under
    sample.touch("last_year")
    assert completeness(sample) == []
    sample.numbers[CHANGE_THRESHOLD] = 5
    sample.touch(NUMBERS)
    [found] = completeness(sample)
    assert (found.rule, found.row, found.column) == ("C04", "一", "一.原因")
    assert "减少 113.24 万元，下降8.09%" in found.message and "5%" in found.message
    sample.texts["一.原因"] = "人员减少"
    sample.touch(TEXTS)
    assert completeness(sample) == []


def test_sangong_over_budget_or_up_on_last_year_asks_why(sample):
    sample.set("09", "1", "12", 3 * W)                           # 公务接待 决算 3 against a 预算 of 0
    sample.set("09", "1", "7", 3 * W)
    sample.last_year["三公决算"] = 2 * W
    sample.touch("last_year")
    found = [(f.rule, f.column) for f in completeness(sample)]
    assert ("C05", "九.预算原因") in found and ("C05", "九.原因") in found
    sample.texts.update({"九.预算原因": "接待任务增加", "九.原因": "接待任务增加"})
    sample.touch(TEXTS)
    assert [f for f in completeness(sample) if f.rule == "C05"] == []


def test_sangong_counts_and_vehicles_by_use(sample):
    del sample.numbers["九.外事接待人次"]
    sample.numbers["九.车辆保有量"] = 3
    sample.numbers["九.保有车辆.执法执勤用车"] = 2
    sample.touch(NUMBERS)
    found = where(completeness(sample), "D05")
    assert found == [("warning", "九", "九.保有车辆.执法执勤用车"), ("warning", "九", "九.外事接待人次")]
    sample.numbers.update({"九.外事接待人次": 0, "九.保有车辆.一般公务用车": 1})
    sample.touch(NUMBERS)
    assert completeness(sample) == []
