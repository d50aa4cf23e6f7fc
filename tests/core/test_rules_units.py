"""Rules on reports built in code: exactness, tolerance, and the rules no fixture change reaches."""
import pytest

from kuaiji_desk.core import rules
from kuaiji_desk.core.money import parse_amount
from kuaiji_desk.core.report import LAST_YEAR, NUMBERS, PROJECTS, Indicator, Overall, Project, new_report

W = 1_000_000  # 分 in one 万元


def found(report, rule=None, severity=None):
    return [f for f in rules.check(report)
            if (rule is None or f.rule == rule) and (severity is None or f.severity == severity)]


def test_an_empty_report_has_only_completeness_findings():
    """No figure breaks a table rule; what is missing is said (E, and the 三公 counts D05)."""
    findings = rules.check(new_report("单位", 2024))
    assert findings and {f.rule[0] for f in findings} == {"E", "D"} and {f.rule for f in findings if f.rule[0] == "D"} == {"D05"}


def test_figures_known_to_the_fen_must_agree_exactly():
    r = new_report("单位", 2024)
    r.set("01", "1", "1", 100 * W + 1)           # typed in 元: exact
    r.set("01", "27", "1", 100 * W)              # a stated total, also exact
    (f,) = found(r, "A01")
    assert f.severity == "error" and (f.expected, f.actual) == (100 * W + 1, 100 * W)
    assert "0.000001" in f.message


def test_rounded_figures_get_a_notice_only_within_the_rounding_band():
    r = new_report("单位", 2024)
    for row, wan in (("1", "10.01"), ("5", "20.02")):
        r.set("01", row, "1", parse_amount(wan), rounded=True)
    r.set("01", "27", "1", 3004 * 10_000, rounded=True)   # Σ = 30.03 shown, stated 30.04
    assert [f.severity for f in found(r, "A01")] == ["notice"]
    r.set("01", "27", "1", 3006 * 10_000, rounded=True)   # 0.03 off: more than 3 × 0.005 can explain
    assert [f.severity for f in found(r, "A01")] == ["error"]


def test_same_shown_figure_is_no_finding():
    r = new_report("单位", 2024)
    r.set("05", "合计", "2", 335_280_000, rounded=True)
    r.overall = Overall(basic_total=335_277_569)          # 元 figure that shows as 335.28
    assert not found(r, "B14")


def test_a07_codes_malformed_unknown_and_renamed():
    r = new_report("单位", 2024)
    r.add_code("02", "2019988", "本地科目")
    r.add_code("02", "2010350", "事业 运行")       # spacing only: same name
    r.add_code("02", "2010301", "行政运行经费")
    r.code_rows["02"]["2010"] = "坏编码"
    r.touch("02")
    assert {f.row for f in found(r, "A07.2", "warning")} == {"2019988"}
    assert {f.row for f in found(r, "A07.3", "warning")} == {"2010301"}
    assert {f.row for f in found(r, "A07.1", "error")} == {"2010"}


def test_a12_fund_balance():
    r = new_report("单位", 2024)
    r.set("04", "1", "1", 100 * W)
    r.set("04", "33", "3", 90 * W)
    (f,) = found(r, "A12")
    assert f.severity == "warning" and (f.table, f.row, f.column) == ("04", "29", "1")
    r.set("04", "60", "3", 10 * W)
    assert not found(r, "A12")


def test_a15_fund_rollforward_per_code():
    r = new_report("单位", 2024)
    r.add_code("07", "2296002")
    r.set("07", "2296002", "1", 5 * W)
    r.set("07", "2296002", "2", 10 * W)
    r.set("07", "2296002", "5", 12 * W)
    r.set("07", "2296002", "6", 2 * W)
    rows = {f.row for f in found(r, "A15")}
    assert "2296002" in rows and "合计" in rows
    r.set("07", "2296002", "6", 3 * W)
    assert not found(r, "A15")


def test_a18_negative_and_a19_running_costs_in_projects():
    r = new_report("单位", 2024)
    r.add_code("05", "2010350")
    r.set("05", "2010350", "3", 5 * W)
    r.set("05", "2010350", "2", -1 * W)
    assert [(f.table, f.row, f.column) for f in found(r, "A19")] == [("05", "2010350", "3")]
    assert [(f.row, f.column) for f in found(r, "A18")] == [("2010350", "2")]


def test_a19_needs_project_expenditure_on_a_running_cost_code():
    r = new_report("单位", 2024)
    r.add_code("05", "2010350")                  # 事业运行
    r.set("05", "2010350", "2", 5 * W)
    assert not found(r, "A19")                   # 项目支出 blank
    r.set("05", "2010350", "3", 0)
    assert not found(r, "A19")                   # 项目支出 zero
    r.set("05", "2010350", "3", 1)               # one 分 is enough
    assert [(f.row, f.column, f.actual) for f in found(r, "A19")] == [("2010350", "3", 1)]


def test_b10_sangong_part_not_greater_than_whole():
    r = new_report("单位", 2024)
    r.set("06", "30231", "1", 2 * W)
    r.set("09", "1", "11", 1 * W)
    (f,) = found(r, "B10")
    assert (f.table, f.row, f.column, f.severity) == ("06", "30231", "1", "error")
    r.set("09", "1", "11", 2 * W)
    assert not found(r, "B10")     # equality is allowed


@pytest.mark.parametrize("code, col", [("30212", "8"), ("30217", "12"), ("30231", "11"), ("31013", "10")])
def test_b10_06_below_09_is_allowed_above_is_not(code, col):
    r = new_report("单位", 2024)
    r.set("09", "1", col, 2 * W)
    assert not found(r, "B10")                   # 06 blank: paid from 项目支出
    r.set("06", code, "1", 1 * W)
    assert not found(r, "B10")                   # 06 below 09
    r.set("06", code, "1", 2 * W + 1)
    (f,) = found(r, "B10")
    assert (f.table, f.row, f.expected, f.actual) == ("06", code, 2 * W, 2 * W + 1)


def test_b11_fund_table_empty_while_01_has_the_fund():
    r = new_report("单位", 2024)
    r.set("01", "3", "1", 4 * W)
    assert [(f.table, f.severity) for f in found(r, "B11")] == [("08", "error")]


def test_b15_b16_d07_on_narrative_figures():
    r = new_report("单位", 2024)
    r.numbers.update({"十.机关运行经费": 5 * W, "十一.货物": 1 * W, "十一.服务": 2 * W,
                      "十一.中小企业": 4 * W, "十一.小微企业": 1 * W})
    r.set("09", "1", "11", 1 * W)
    r.touch(NUMBERS)
    assert [f.severity for f in found(r, "B15")] == ["warning"]
    assert [f.column for f in found(r, "B16")] == ["九.车辆保有量"]
    assert [f.column for f in found(r, "D07")] == ["十一.中小企业"]


def test_c01_c02_against_last_year():
    r = new_report("单位", 2024)
    r.last_year.update({"年末结转和结余": 8 * W, "年末.一般公共预算": 3 * W})
    r.touch(LAST_YEAR)
    r.set("01", "29", "1", 8 * W)
    r.set("04", "29", "1", 2 * W)
    assert not found(r, "C01")
    (f,) = found(r, "C02")
    assert (f.table, f.row, f.expected, f.actual) == ("04", "29", 3 * W, 2 * W)


def project(**kw):
    p = Project(name="测试项目", budget=100 * W, spent=100 * W, deviation_reason="", improvement="")
    p.indicators = [Indicator("产出指标", "数量指标", "数量", "≥10个", "12个"),
                    Indicator("效益指标", "社会效益指标", "效益", "100%", "100%")]
    for k, v in kw.items():
        setattr(p, k, v)
    return p


def test_f01_rate_beyond_rounding_is_a_warning():
    r = new_report("单位", 2024)
    r.projects.append(project(budget=3 * W, spent=259 * 10_000, stated_rate="90%", amounts_rounded=True))
    (f,) = found(r, "F01")
    assert f.severity == "warning" and str(f.expected) == "86.33"


def test_f02_scores_when_the_template_has_them():
    p = project()
    p.indicators[0].weight, p.indicators[0].score = "50", "55"
    p.indicators[1].weight, p.indicators[1].score = "30", "30"
    r = new_report("单位", 2024)
    r.projects.append(p)
    columns = {f.column for f in found(r, "F02")}
    assert columns == {"分值", "指标1"}     # 80 ≠ 90, and 55 > 50


def test_f03_needs_output_and_effect_and_complete_rows():
    p = project()
    p.indicators = [Indicator("产出指标", "数量指标", "数量", "450", "500"), Indicator("产出指标", "质量指标", "", "", "")]
    r = new_report("单位", 2024)
    r.projects.append(p)
    messages = [f.message for f in found(r, "F03")]
    assert any("没有效益指标" in m for m in messages)
    assert any("没有计量单位" in m for m in messages)
    assert any("缺少三级指标、年初目标值、实际完成值" in m for m in messages)


def test_f04_missed_target_needs_reason_and_measures():
    r = new_report("单位", 2024)
    p = project()
    p.indicators[0].actual = "6个"
    r.projects.append(p)
    assert {f.column for f in found(r, "F04")} == {"偏差原因", "改进措施"}
    p.deviation_reason, p.improvement = "机构改革", "加强调度"
    r.touch(PROJECTS)
    assert not found(r, "F04")


def test_f04_low_execution_rate_needs_reason():
    r = new_report("单位", 2024)
    r.projects.append(project(spent=47 * W))
    assert {f.column for f in found(r, "F04")} == {"偏差原因", "改进措施"}


def test_f04_execution_rate_of_exactly_90_percent_needs_no_reason():
    r = new_report("单位", 2024)
    r.projects.append(project(spent=90 * W))             # 90.00%
    assert not found(r, "F04")
    r.projects[0].spent = 90 * W - 10_000                  # 89.99%
    r.touch(PROJECTS)
    (reason, measures) = found(r, "F04")
    assert {reason.column, measures.column} == {"偏差原因", "改进措施"}
    assert "执行率 89.99% 低于 90%" in reason.message


def test_checker_reuses_work_but_always_reports_the_whole_report():
    r = new_report("单位", 2024)
    r.add_code("02", "2010350")
    r.set("02", "2010350", "2", 10 * W, rounded=True)
    r.set("02", "合计", "1", 10 * W, rounded=True)
    r.set("01", "27", "1", 12 * W)
    checker = rules.Checker()
    first = checker.check(r)
    assert first == rules.check(r)
    r.set("02", "2010350", "2", 12 * W, rounded=True)
    r.set("02", "合计", "1", 12 * W, rounded=True)
    assert checker.check(r) == rules.check(r)
    r.projects.append(project(spent=10 * W))
    r.touch(PROJECTS)
    assert checker.check(r) == rules.check(r)
    assert checker.check(new_report("另一单位", 2024)) == rules.check(new_report("另一单位", 2024))


@pytest.mark.parametrize("finding_key_part", ["A01|01|27|1"])
def test_json_shape(finding_key_part):
    r = new_report("单位", 2024)
    r.set("01", "1", "1", 1_286_760_000, rounded=True)
    r.set("01", "27", "1", 1_286_750_000, rounded=True)
    (f,) = found(r, "A01")
    doc = f.as_json("已核实")
    assert f.key == finding_key_part
    assert doc == {"rule": "A01", "severity": "notice", "table": "01", "row": "27", "column": "1",
                   "expected": "1286.76", "actual": "1286.75", "message": f.message, "explanation": "已核实"}
