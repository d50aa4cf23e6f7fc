"""The narrative on reports unlike the sample: no last year, rises, zero bases,
unequal totals, funds with data, figures not given."""
import copy

import pytest

from kuaiji_desk.core.money import parse_amount
from kuaiji_desk.core.narrative import Chart, Heading, part_five, part_three
from kuaiji_desk.core.report import Project
from kuaiji_desk.core.sample import load_sample


@pytest.fixture(scope="module")
def sample():
    return load_sample()


@pytest.fixture
def report(sample):
    return copy.deepcopy(sample)   # each case changes its own copy


def text_of(blocks) -> str:
    return "\n".join(b.text for b in blocks if not isinstance(b, Chart))


def section(report, numeral: str) -> str:
    out, inside = [], False
    for b in part_three(report):
        if isinstance(b, Heading) and b.level == 2:
            inside = b.text.startswith(f"{numeral}、")
        elif inside and not isinstance(b, Chart):
            out.append(b.text)
    return "\n".join(out)


def wan(text: str) -> int:
    return parse_amount(text)


def test_without_last_year_no_comparison_is_printed(report):
    report.last_year.clear()
    blocks = part_three(report)
    text = text_of(blocks)
    assert "与2023年度相比" not in text and "比2023年度" not in text
    assert section(report, "一") == "2024年度收、支总计均为1286.76万元。"
    assert section(report, "四").splitlines()[1] == "2024年度财政拨款收入中，一般公共预算财政拨款收入1286.76万元。"
    first = next(b for b in blocks if isinstance(b, Chart))
    assert first.series == (("2024年度", (1_286_760_000, 1_286_760_000)),)


def test_a_rise_is_an_increase_and_a_growth(report):
    report.last_year["收支总计"] = wan("1000")
    report.texts["一.原因"] = "新增项目经费。"
    assert section(report, "一") == (
        "2024年度收、支总计均为1286.76万元。与2023年度相比，收、支总计增加286.76万元，增长28.7%，主要原因是新增项目经费。")


def test_a_last_year_of_zero_has_no_rate(report):
    report.last_year["收支总计"] = 0
    assert section(report, "一") == (
        "2024年度收、支总计均为1286.76万元。与2023年度相比，收、支总计增加1286.76万元，主要原因是人员经费减少。")


def test_no_change_is_level_and_needs_no_reason(report):
    report.last_year["收入合计"] = report.get("02", "合计", "1")
    assert section(report, "二").startswith("2024年度收入合计1286.76万元，与2023年度相比，收入合计持平。其中：")


def test_unequal_totals_are_both_said(report):
    report.set("01", "58", "2", wan("10"))            # 结余分配: 支出总计 becomes 1296.76
    assert section(report, "一") == (
        "2024年度收入总计1286.76万元，支出总计1296.76万元。与2023年度相比，收入总计减少7.72万元，下降0.6%。"
        "与2023年度相比，支出总计增加2.28万元，增长0.2%，主要原因是人员经费减少。")


def test_a_missing_initial_budget_is_not_a_zero(report):
    del report.numbers["五.三.年初预算:2210202"]
    text = section(report, "五")
    assert "(2)住房保障支出(类)住房改革支出(款)提租补贴(项)。支出决算为4.68万元。" in text
    assert "年初预算为1302.84万元" not in text
    assert "2024年度一般公共预算财政拨款支出决算为1286.76万元。其中：基本支出335.28万元" in text


def test_a_budget_met_exactly_gives_no_reason(report):
    report.texts["五.三.原因:2080505"] = "不应出现的原因"
    assert "不应出现的原因" not in section(report, "五")


def test_shares_of_the_expenditure_structure_follow_the_table(report):
    report.clear_table("03")
    report.add_code("03", "2010350")
    report.set("03", "2010350", "2", wan("300"))
    report.set("03", "2010350", "3", wan("700"))
    assert "其中：基本支出300.00万元，占本年支出30.0%；项目支出700.00万元，占本年支出70.0%。" in section(report, "三")


def test_government_fund_with_data_is_described(report):
    report.add_code("07", "2120803")
    report.set("07", "2120803", "2", wan("50"))
    report.set("07", "2120803", "5", wan("40"))
    report.set("07", "2120803", "6", wan("10"))
    assert section(report, "七") == (
        "2024年度政府性基金预算财政拨款年初结转和结余0万元，本年收入50.00万元，本年支出40.00万元"
        "（基本支出0万元，项目支出40.00万元），年末结转和结余10.00万元。"
        "从支出功能分类看，城乡社区支出40.00万元。")


def test_state_capital_with_data_is_described(report):
    report.add_code("08", "2230105")
    report.set("08", "2230105", "2", wan("1.5"))
    report.set("08", "2230105", "3", wan("12.34"))
    assert section(report, "八") == (
        "2024年度国有资本经营预算财政拨款支出13.84万元，其中：基本支出1.50万元，项目支出12.34万元。"
        "从支出功能分类看，国有资本经营预算支出13.84万元。")
    assert "本单位当年无国有资本经营预算财政拨款支出" not in text_of(part_three(report))


def test_sangong_with_a_budget_shows_completion_and_change(report):
    report.set("09", "1", "6", wan("2"))
    report.set("09", "1", "12", wan("1.5"))
    report.last_year["三公决算"] = wan("1")
    report.texts["九.原因"] = "接待任务增加"
    text = section(report, "九")
    assert text.startswith("2024年度“三公”经费财政拨款支出预算为2.00万元，支出决算为1.50万元，完成预算的75%。"
                           "与2023年度相比，“三公”经费支出增加0.50万元，增长50.00%，主要原因是接待任务增加。")
    assert "公务接待费预算为2.00万元，支出决算为1.50万元，完成预算的75%，全年公务接待0批次、0人次。" in text


def test_running_costs_with_an_amount(report):
    report.numbers["十.机关运行经费"] = wan("12.5")
    report.last_year["机关运行经费"] = wan("10")
    report.texts["十.说明"] = "办公用房维修"
    assert section(report, "十") == (
        "2024年度武汉市汉阳区城市运行管理中心机关运行经费支出12.50万元，与2023年度相比，机关运行经费增加2.50万元，"
        "增长25.00%，主要原因是办公用房维修。")


def test_figures_not_given_leave_the_item_without_a_sentence(report):
    for key in ("十.机关运行经费", "十一.货物", "十一.工程", "十一.服务", "九.车辆保有量", "十二.大型设备数"):
        report.numbers.pop(key, None)
    assert section(report, "十") == section(report, "十一") == section(report, "十二") == ""


def test_no_procurement(report):
    for key in ("十一.货物", "十一.服务"):
        report.numbers[key] = 0
    assert section(report, "十一") == "2024年度武汉市汉阳区城市运行管理中心无政府采购支出。"


def test_partial_evaluation_is_not_called_complete(report):
    report.projects.pop()
    text = section(report, "十三")
    assert "我部门组织对2024年度一般公共预算项目支出开展绩效自评，共涉及项目13个，资金948.89万元，" \
           "占一般公共预算项目支出总额的99.73%。" in text
    assert "全面" not in text


def test_project_without_figures_keeps_its_summary(report):
    report.projects.append(Project(name="新增调研项目", summary="完成调研报告2篇"))
    assert "15.新增调研项目绩效自评综述：主要产出和效益是：完成调研报告2篇。" in section(report, "十三")


def test_glossary_entry_without_its_own_text_is_generic(report):
    del report.texts["名词解释:2010350"]
    del report.texts["名词解释:2010399"]
    text = text_of(part_five(report))
    assert "事业运行(项)：反映事业运行方面的支出。" in text
    assert "其他政府办公厅(室)及相关机构事务支出(项)：反映其他政府办公厅(室)及相关机构事务支出。" in text


def test_glossary_names_come_from_the_report(report):
    report.code_rows["05"]["2010350"] = "事业运行（新名称）"
    assert "事业运行（新名称）(项)：" in text_of(part_five(report))


def test_no_projects_evaluated(report):
    report.projects.clear()
    text = section(report, "十三")
    assert "我部门未对2024年度一般公共预算项目支出开展绩效自评。" in text
    assert "绩效自评综述" not in text and "共涉及" not in text


def test_text_and_tables_agree_when_figures_are_kept_to_the_fen():
    """Kept to the 分 and balanced for printing, a 类 prints 0.01 off its own rounding;
    the narrative says what the printed table says."""
    from kuaiji_desk.core.narrative import part_three
    from kuaiji_desk.core.report import new_report
    from kuaiji_desk.core.shown import shown_values

    report = new_report("测试单位", 2024)
    for code in ("2010301", "2060101", "2080101"):
        report.add_code("05", code)
        report.set("05", code, "2", 1_234_000)            # 1.234 万元 each, 3.702 in all
    shown = shown_values(report, "05")
    printed = {code: shown[(code[:3], "1")] for code in ("2010301", "2060101", "2080101")}
    assert sorted(printed.values()) == [1_230_000, 1_230_000, 1_240_000]
    text = "".join(getattr(b, "text", "") for b in part_three(report))
    assert "1.24万元" in text and text.count("1.23万元") >= 2
