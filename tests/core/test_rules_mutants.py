"""What the rules say, word for word and field by field, where mutation testing found that no
test looked (benchmarks/mutation_score.py --sample 250 rules): the words of a sum check, the
tail of a rounding difference, 执行率 at the edge of rounding, the 三公 vehicles without their
uses, a change from nothing, and the 自评表 findings' every field: which project, which
indicator, what was expected; the no-finding sides of B14, B15 and B17 (rounding explains a
gap, a part within its whole); per-code comparisons' column and a class 01 has no row for."""
from decimal import Decimal

import pytest

from kuaiji_desk.core import catalog, naming, rules
from kuaiji_desk.core.forms.fields import VEHICLE_USES, VEHICLES_HELD
from kuaiji_desk.core.layout import layout
from kuaiji_desk.core.report import Composition, Indicator, Overall, Project, new_report
from kuaiji_desk.core.rules.arith import _numbers
from kuaiji_desk.core.rules.codes import MALFORMED, code_status
from kuaiji_desk.core.rules.context import ERROR, NOTICE, WARNING, depends, gap_words
from kuaiji_desk.core.rules.findings import OVERALL_TABLE, PROJECT_TABLE, Finding
from kuaiji_desk.core.rules.selfeval import _rate_verdict

W = 1_000_000   # 分 per 万元


def found(report, rule):
    return [f for f in rules.check(report) if f.rule == rule]


@pytest.mark.parametrize(("ids", "said"), [
    (["31", "32", "33"], "第31至33"),
    (["1", "2", "4"], "第1、2、4"),
    (["5", "6"], "第5、6"),
])
def test_rows_named_as_a_run_or_one_by_one(ids, said):
    assert _numbers(ids) == said


def test_the_gap_of_an_error_has_no_rounding_tail():
    assert gap_words(3 * W, W, ERROR) == "相差 2.00 万元"
    assert gap_words(10_005_000, 10_000_000, NOTICE) == "相差 0.005 万元，仅为金额换算为万元时的尾数差异"


def test_a_code_rows_wrong_total_names_its_parts(sample):
    sample.set("02", "201", "1", 600 * W)
    by_row = {f.row: f.message for f in found(sample, "A07") if (f.table, f.column) == ("02", "1")}
    assert "「合计」行第1栏（本年收入合计）应等于各类之和：" in by_row["合计"]
    assert "第1栏（本年收入合计）应等于其下各科目之和：表中为 600.00 万元" in by_row["201"]


def test_totals_that_disagree_are_named_cell_by_cell():
    report = new_report("某单位", 2024)
    report.set("01", "30", "1", 5 * W)
    report.set("01", "60", "2", 3 * W)
    messages = [f.message for f in found(report, "A05")]
    assert any(m.startswith("收入总计应等于支出总计：") and "为 5.00 万元" in m and "为 3.00 万元" in m
               and m.endswith("相差 2.00 万元。") for m in messages), messages
    first = next(m for m in messages if m.startswith("收入总计"))
    assert "总计" in first.split("为 5.00")[0].removeprefix("收入总计应等于支出总计：")


def test_a_rate_at_the_very_edge_of_rounding_is_a_notice():
    # 0.995 / 1.005 万元 as shown: the true figures may give anything up to exactly 100%.
    rate, stated, severity = _rate_verdict(995_000, 1_005_000, True, "100%")
    assert (rate, stated, severity) == (Decimal("99.00"), Decimal("100"), NOTICE)
    assert _rate_verdict(995_000, 1_005_000, True, "100.01%")[2] == WARNING
    # 0.055 / 0.095 万元 as shown: at least 0.05 / 0.10, exactly 50%, the lowest it may be.
    assert _rate_verdict(55_000, 95_000, True, "50%")[2] == NOTICE


def test_a_stated_rate_without_a_budget_is_pointed_at_in_its_project(sample):
    sample.projects[1].budget = None
    sample.projects[1].stated_rate = "90%"
    [finding] = [f for f in found(sample, "F01") if "预算数为0或未填" in f.message]
    assert (finding.row, finding.column, finding.expected, finding.actual) == ("2", "执行率", None, "90%")
    assert finding.message.startswith(f"项目自评2「{sample.projects[1].name}」预算数为0或未填")


def test_vehicles_held_without_their_uses_ask_for_them(sample):
    sample.numbers["九.车辆保有量"] = 3
    for use in VEHICLE_USES:
        sample.numbers.pop(VEHICLES_HELD + use, None)
    [finding] = [f for f in found(sample, "D05") if f.expected == "3辆"]
    assert (finding.column, finding.actual) == (VEHICLES_HELD + VEHICLE_USES[0], "0辆")


def test_a_change_from_nothing_has_no_rate(sample):
    sample.last_year["收支总计"] = 0
    sample.texts.pop("一.原因", None)
    [finding] = [f for f in found(sample, "C04") if f.column == "一.原因"]
    assert finding.expected == 0 and finding.actual == sample.cells[("01", "30", "1")]
    assert "万元（须说明原因的比例为" in finding.message and "增长" not in finding.message


def test_an_overall_without_its_score_is_missing_in_section_thirteen():
    report = new_report("某单位", 2024)
    report.overall = Overall()
    [finding] = [f for f in found(report, "E03") if f.column == "十三.整体得分"]
    assert (finding.severity, finding.row) == (ERROR, "十三")
    assert finding.message.endswith("还没有填写，十三（四）将没有整体自评的结果。")


def test_procurement_missing_says_what_to_fill():
    [finding] = [f for f in found(new_report("某单位", 2024), "E04") if f.row == "十一"]
    assert finding.message.endswith("还没有填写（货物、工程、服务，没有的填0），十一将只有标题。")


def test_project_findings_count_projects_from_one(sample):
    sample.projects = [Project(name="甲项目", budget=10 * W, spent=5 * W, stated_rate="60%")]
    [finding] = found(sample, "F01")
    assert finding.message.startswith("项目自评1「甲项目」")


OUTPUT = Indicator(level1="产出指标", level2="数量指标", level3="培训人次", target="≥100人次", actual="120人次")
EFFECT = Indicator(level1="效益指标", level2="社会效益指标", level3="群众知晓率", target="≥90%", actual="95%")


def project_findings(project, rule):
    report = new_report("某单位", 2024)
    report.projects = [Project(name="乙项目"), project]
    return [f for f in found(report, rule) if f.row == "2"]


def test_a_rate_within_rounding_is_a_notice_that_says_why():
    project = Project(name="甲项目", budget=1_005_000, spent=995_000, amounts_rounded=True,
                      stated_rate="100%", indicators=[OUTPUT, EFFECT])
    [finding] = project_findings(project, "F01")
    assert finding == Finding(
        "F01", NOTICE, PROJECT_TABLE, "2", "执行率", Decimal("99.00"), Decimal("100"),
        "项目自评2「甲项目」执行率应为执行数÷预算数＝0.995÷1.005＝99.00%，表中为 100%"
        "，差异在金额四舍五入到0.01万元的范围内。本软件按计算值 99.00% 输出。")
    project.amounts_rounded = False
    [finding] = project_findings(project, "F01")
    assert finding.severity == WARNING
    assert finding.message.endswith("表中为 100%。本软件按计算值 99.00% 输出。")


def test_missing_kinds_of_indicator_are_named_with_their_project():
    [no_output, no_effect] = project_findings(Project(name="甲项目"), "F03")
    assert no_output == Finding("F03", WARNING, PROJECT_TABLE, "2", "一级指标", "产出指标", None,
                                "项目自评2「甲项目」没有产出指标，绩效目标应至少包括一项产出指标。")
    assert (no_effect.column, no_effect.expected) == ("一级指标", "效益指标")


def test_an_indicator_short_of_a_part_or_a_unit_is_pointed_at_by_its_number():
    unitless = Indicator(level1="产出指标", level3="培训班次", target="12", actual="12")
    unfinished = Indicator(level1="效益指标", level3="满意度", target="≥90%", actual="")
    findings = project_findings(Project(name="甲项目", indicators=[OUTPUT, unitless, unfinished]), "F03")
    assert findings == [
        Finding("F03", WARNING, PROJECT_TABLE, "2", "指标2", None, "12",
                "项目自评2「甲项目」第2个指标「培训班次」的年初目标值「12」没有计量单位。"),
        Finding("F03", WARNING, PROJECT_TABLE, "2", "指标3", None, None,
                "项目自评2「甲项目」第3个指标「满意度」缺少实际完成值。"),
    ]


def test_an_overall_target_missed_without_reasons_asks_for_them():
    report = new_report("某单位", 2024)
    missed = Indicator(level1="产出", level3="办结率", target="≥95%", actual="90%")
    report.overall = Overall(indicators=[OUTPUT, missed])
    assert found(report, "F04") == [Finding(
        "F04", WARNING, OVERALL_TABLE, "", "偏差原因", None, None,
        "整体绩效自评表中「办结率」未达到年初目标值，请填写偏差大或目标未完成原因分析。")]


def test_scores_that_do_not_add_up_or_exceed_their_weight_are_named():
    first = Indicator(level1="产出指标", level3="培训人次", weight="50", score="55")
    second = Indicator(level1="效益指标", level3="知晓率", weight="30", score="30")
    findings = project_findings(Project(name="甲项目", indicators=[first, second]), "F02")
    assert findings == [
        Finding("F02", WARNING, PROJECT_TABLE, "2", "分值", "90", "80",
                "项目自评2「甲项目」各指标分值合计为 80，应为 90（另有预算执行率10分）。"),
        Finding("F02", WARNING, PROJECT_TABLE, "2", "指标1", "50", "55",
                "项目自评2「甲项目」第1个指标「培训人次」得分 55 大于分值 50。"),
    ]


def test_an_economic_code_has_no_third_level():
    assert code_status(catalog.ECONOMIC, 2024, "3010101", "") == (MALFORMED, "")
    assert code_status(catalog.FUNCTIONAL, 2024, "2010101", "行政运行") is None


def test_a_negative_figure_is_named_with_its_amount():
    report = new_report("某单位", 2024)
    report.set("01", "1", "1", -12_340_000)
    [finding] = found(report, "A18")
    assert finding == Finding("A18", WARNING, "01", "1", "1", None, -12_340_000,
                              f"{naming.cell_name(report, layout(report, '01'), '1', '1')}为负数 -12.34 万元，请核实。")


def test_running_costs_as_projects_are_found_below_a_class_row_and_named_with_their_amount():
    report = new_report("某单位", 2024)
    report.add_code("05", "201")           # a 类 row first: it is passed over, not the end of the search
    report.add_code("05", "2010101")
    report.set("05", "2010101", "3", 2 * W)
    [finding] = found(report, "A19")
    assert (finding.row, finding.expected, finding.actual) == ("2010101", 0, 2 * W)
    assert "为 2.00 万元：「行政运行」一般只列基本支出" in finding.message


def test_running_costs_within_the_public_funds_are_no_finding():
    report = new_report("某单位", 2024)
    report.set("06", "公用经费合计", "1", 5 * W)
    for within in (4 * W, 5 * W):
        report.numbers["十.机关运行经费"] = within
        assert found(report, "B15") == []
    report.numbers["十.机关运行经费"] = 6 * W
    assert [f.expected for f in found(report, "B15")] == [5 * W]


def test_each_opening_balance_of_table_04_is_compared_with_last_years_end():
    report = new_report("某单位", 2024)
    report.last_year.update({"年末.一般公共预算": 0, "年末.政府性基金": 3 * W, "年末.国有资本经营": 0})
    [finding] = found(report, "C02")
    assert (finding.table, finding.row, finding.column) == ("04", "30", "1")
    assert finding.message.startswith("公开04表年初政府性基金预算财政拨款结转和结余为 0.00 万元，上年年末数为 3.00 万元")


def test_procurement_parts_larger_than_their_whole_are_named():
    report = new_report("某单位", 2024)
    report.numbers.update({"十一.货物": 10 * W, "十一.中小企业": 8 * W, "十一.小微企业": 9 * W,
                           "十一.货物中小企业": 11 * W})
    findings = {f.column: f for f in found(report, "D07")}
    assert findings["十一.小微企业"].message == "授予小微企业合同金额 9.00 万元大于授予中小企业合同金额 8.00 万元。"
    assert findings["十一.货物中小企业"].message == "货物采购授予中小企业合同金额 11.00 万元大于政府采购货物支出 10.00 万元。"


def published_against(printed, rounded):
    report = new_report("某部门", 2024)
    report.set("01", "1", "1", 10 * W)
    key = ("01", "1", "1")
    report.composition = Composition(units=("甲",), published={key: printed},
                                     published_rounded=frozenset({key} if rounded else ()))
    return found(report, "B17.3")


def test_a_published_figure_off_the_sum_is_named_cell_by_cell_and_rounding_is_a_notice():
    [finding] = published_against(10 * W + 4_000, rounded=False)
    assert (finding.severity, finding.table, finding.row, finding.column) == (ERROR, "01", "1", "1")
    assert (finding.expected, finding.actual) == (10 * W, 10 * W + 4_000)
    # 10.005 shows as 10.01: a gap the printed figure's rounding explains
    assert [f.severity for f in published_against(10 * W + 5_000, rounded=True)] == [NOTICE]


def test_the_overalls_totals_differing_from_table_05_are_errors_unless_rounding_explains_them():
    report = new_report("某单位", 2024)
    report.set("05", "合计", "2", 10 * W)
    report.overall = Overall(basic_total=10 * W + 4_000)
    [finding] = found(report, "B14")
    assert finding == Finding("B14", ERROR, OVERALL_TABLE, "", "基本支出总额", 10 * W, 10 * W + 4_000,
                              "整体绩效自评表的基本支出总额为 10.004 万元，公开05表基本支出合计为 10.00 万元，相差 0.004 万元。")
    report.overall = Overall(basic_total=10 * W + 5_000, amounts_rounded=True)
    assert [f.severity for f in found(report, "B14")] == [NOTICE]


def test_a_per_code_comparison_names_the_column_of_each_side():
    report = new_report("某单位", 2024)
    for table in ("03", "05"):
        report.add_code(table, "2010350")
    report.set("05", "2010350", "2", 3 * W)
    [finding] = [f for f in found(report, "B09") if (f.row, f.column) == ("2010350", "2")]
    assert finding.message == ("一般公共预算财政拨款支出不应大于全部资金的支出：公开05表2010350「事业运行」第2栏（基本支出）"
                               "为 3.00 万元，公开03表2010350「事业运行」第2栏（基本支出）为 0.00 万元，相差 3.00 万元。")


def test_a_class_that_table_01_has_no_row_for_is_pointed_at_by_its_code():
    report = new_report("某单位", 2024)
    report.add_code("03", "2300201")        # 转移性支出: not among 01's rows
    report.set("03", "2300201", "2", 3 * W)
    [finding] = [f for f in found(report, "B03") if f.row != "57"]
    assert (finding.table, finding.row, finding.column) == ("01", "230", "2")
    assert "公开01表230（本表无此科目）第2栏（金额）为 0.00 万元" in finding.message


def test_a_checker_runs_a_rule_again_only_when_what_it_reads_changed(monkeypatch):
    runs = []

    @depends("05")
    def counted(ctx):
        runs.append(1)
        return []

    monkeypatch.setattr(rules, "RULES", (counted,))
    report, checker = new_report("某单位", 2024), rules.Checker()
    checker.check(report)
    checker.check(report)
    assert len(runs) == 1
    report.set("01", "1", "1", W)
    checker.check(report)
    assert len(runs) == 1
    report.set("05", "合计", "1", W)
    checker.check(report)
    assert len(runs) == 2


def test_a_rate_line_among_the_second_level_indicators_takes_the_whole_hundred():
    rate = Indicator(level1="产出指标", level2="预算执行率", level3="资金支付进度", weight="10", score="10")
    work = Indicator(level1="产出指标", level3="培训人次", weight="90", score="85")
    assert project_findings(Project(name="甲项目", indicators=[rate, work]), "F02") == []


def test_contracts_to_small_firms_are_measured_against_goods_works_and_services_together():
    report = new_report("某单位", 2024)
    report.numbers.update({"十一.货物": 3 * W, "十一.工程": 4 * W, "十一.服务": 3 * W, "十一.中小企业": 9 * W})
    assert found(report, "D07") == []
