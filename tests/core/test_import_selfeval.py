"""Reading the 整体 and 项目绩效自评表 from a workbook."""
from __future__ import annotations

import openpyxl
import pytest

from kuaiji_desk.core.excel.importer import ImportedData, apply_import, read_workbooks
from kuaiji_desk.core.report import Indicator, new_report

import workbook_variants as wv

NAMES = [
    "通信链路租赁费",
    "汉阳区市民热线工作服务平台及区人大履职系统运行经费",
    "汉阳区市民热线指挥平台升级改造",
    "政务网络与应用系统维护保障外包服务",
    "OA系统运行维护费",
    "数据治理服务",
    "政务网络安全保障经费",
    "汉阳区12345市民政务服务热线大数据智能分析系统运维",
    "区政府门户网站运维",
    "汉阳区无纸化会议通信服务项目",
    "乡村振兴专项资金",
    "驻村工作经费",
    "文明创建、党建、综治、档案、老干工作经费",
    "行政事业单位缴纳残保金",
]
INDICATOR_COUNTS = [5, 5, 5, 6, 6, 5, 5, 5, 7, 6, 5, 5, 4, 5]


@pytest.fixture(scope="module")
def selfeval() -> ImportedData:
    return read_workbooks([wv.SELF_EVALUATIONS], 2024)


def project(data: ImportedData, name: str):
    return next(p for p in data.projects if p.name == name)


def test_projects_in_workbook_order(selfeval):
    assert [p.name for p in selfeval.projects] == NAMES
    assert [len(p.indicators) for p in selfeval.projects] == INDICATOR_COUNTS
    assert selfeval.tables == {}
    assert "项目绩效自评表：14 个项目" in selfeval.found


def test_project_fields(selfeval):
    p = selfeval.projects[0]
    assert p.department == "汉阳区城市运行管理中心"
    assert p.executor == "汉阳区城市运行管理中心"
    assert (p.category, p.attribute, p.kind) == ("部门预算项目", "持续性项目", "常年性项目")
    assert (p.budget, p.spent) == (395_840_000, 395_840_000)
    assert p.amounts_rounded is True
    assert p.stated_rate == "100%"
    assert p.deviation_reason.startswith("根据2024年7月机构改革工作部署")
    assert p.deviation_reason.endswith("截止到2024年6月底。")
    assert p.improvement == ""
    assert p.indicators[0] == Indicator(level1="产出指标", level2="经济成本指标", level3="成本控制",
                                        target="≤397.37万元", actual="395.84万元")
    assert p.indicators[-1].level1 == "满意度指标"


@pytest.mark.parametrize("name,budget,spent,rate", [
    ("汉阳区市民热线指挥平台升级改造", 45_000_000, 37_740_000, "83.87%"),
    ("政务网络与应用系统维护保障外包服务", 107_750_000, 107_210_000, "99.50%"),
    ("驻村工作经费", 2_000_000, 940_000, "47%"),
    ("行政事业单位缴纳残保金", 3_000_000, 2_590_000, "86.45%"),
])
def test_budget_block(selfeval, name, budget, spent, rate):
    p = project(selfeval, name)
    assert (p.budget, p.spent, p.stated_rate, p.amounts_rounded) == (budget, spent, rate, True)


def test_checked_options(selfeval):
    p = project(selfeval, "汉阳区市民热线指挥平台升级改造")
    assert (p.attribute, p.kind) == ("持续性项目", "延续性项目")
    p = project(selfeval, "汉阳区无纸化会议通信服务项目")
    assert (p.category, p.attribute, p.kind) == ("部门预算项目", "", "一次性项目")
    p = project(selfeval, "汉阳区12345市民政务服务热线大数据智能分析系统运维")
    assert p.kind == ""


def test_blank_targets_and_texts(selfeval):
    p = project(selfeval, "汉阳区无纸化会议通信服务项目")
    assert p.indicators[0].target == "" and p.indicators[0].actual == "35.85万元"
    p = project(selfeval, "乡村振兴专项资金")
    assert p.deviation_reason == "" and p.improvement == ""
    p = project(selfeval, "汉阳区市民热线工作服务平台及区人大履职系统运行经费")
    assert p.improvement == "按照市级工作要求，结合汉阳区实际，全力做好市民热线相关工作。"


def test_overall(selfeval):
    o = selfeval.overall
    assert o.unit_name == "汉阳区城市运行管理中心"
    assert o.basic_total == 335_277_569
    assert o.project_total == 951_479_069
    assert o.amounts_rounded is False
    assert o.goals.splitlines() == [
        "1.提升群众投诉办理质效", "2.做好信息化办公支撑保障", "3.发挥协同办公平台畅联效果", "4.做好区政府门户网站建设",
    ]
    assert len(o.indicators) == 36
    assert o.indicators[0] == Indicator(level1="", level2="公用经费控制", level3="公用经费控制率",
                                        target="90%", actual="98.54%", category="绩效基本型")
    assert o.indicators[14].category == ""
    assert o.indicators[24] == Indicator(level1="履职效能", level2="群众投诉工作", level3="全年接受投诉案件",
                                         target="≥15万件", actual="21.48万件")
    assert o.deviation_reason.startswith("根据2024年7月机构改革工作部署")
    assert o.improvement == ""
    assert o.fill_date == "2025年6月20日"


def test_apply_replaces_projects_and_overall(selfeval):
    report = new_report("城运中心", 2024)
    report.set("02", "合计", "1", 1)
    apply_import(report, selfeval)
    assert [p.name for p in report.projects] == NAMES
    assert report.overall.basic_total == 335_277_569
    assert report.get("02", "合计", "1") == 1  # no table read, none replaced
    report.projects[0].name = "改过"
    assert selfeval.projects[0].name == NAMES[0]  # the report holds its own copies
    twice = new_report("城运中心", 2024)
    twice.set("02", "合计", "1", 1)
    apply_import(twice, selfeval)
    apply_import(twice, selfeval)
    report.projects[0].name = NAMES[0]
    assert report == twice


def test_both_workbooks_at_once(selfeval):
    both = read_workbooks([wv.PUBLIC_TABLES, wv.SELF_EVALUATIONS], 2024)
    assert len(both.tables) == 9 and len(both.projects) == 14
    assert both.overall == selfeval.overall


def test_merged_level1_is_filled_down(selfeval, tmp_path):
    path = wv.save_sheets(wv.merged_level1(wv.load_sheets(wv.SELF_EVALUATIONS)), tmp_path / "x.xlsx")
    data = read_workbooks([path], 2024)
    assert data.projects[0].indicators == selfeval.projects[0].indicators
    assert [i.level1 for i in data.projects[0].indicators[:3]] == ["产出指标"] * 3


def test_other_checkbox_styles_and_wrapped_title(selfeval, tmp_path):
    path = wv.save_sheets(wv.other_checkboxes(wv.load_sheets(wv.SELF_EVALUATIONS)), tmp_path / "x.xlsx")
    data = read_workbooks([path], 2024)
    p = data.projects[2]
    assert p.name == "汉阳区市民热线指挥平台升级改造"
    assert (p.category, p.attribute, p.kind) == ("部门预算项目", "新增性项目", "延续性项目")
    assert len(data.projects) == 14


def test_name_from_title_when_no_name_row(tmp_path):
    sheets = wv.load_sheets(wv.SELF_EVALUATIONS)
    s = wv.sheet(sheets, "项目10")
    s.set("A2", None), s.set("B2", None)
    data = read_workbooks([wv.save_sheets(sheets, tmp_path / "x.xlsx")], 2024)
    assert data.projects[9].name == "汉阳区无纸化会议通信服务项目"


def test_amounts_in_yuan_and_percent_cells(tmp_path):
    sheets = wv.load_sheets(wv.SELF_EVALUATIONS)
    s = wv.sheet(sheets, "项目14")
    s.set("A7", "预算执行情况（元）")
    s.set("C8", 30000), s.set("D8", "25,935.27")
    wv.save_sheets(sheets, tmp_path / "x.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "x.xlsx")
    wb["项目14"]["E8"].value = 0.8645
    wb["项目14"]["E8"].number_format = "0.00%"
    wb.save(tmp_path / "x.xlsx")
    p = read_workbooks([tmp_path / "x.xlsx"], 2024).projects[13]
    assert (p.budget, p.spent, p.amounts_rounded) == (3_000_000, 2_593_527, False)
    assert p.stated_rate == "86.45%"


def test_stacked_projects_on_one_sheet(selfeval, tmp_path):
    sheets = wv.load_sheets(wv.SELF_EVALUATIONS)
    one = wv.Sheet("全部")
    top = 0
    for s in sheets:
        for (r, c), v in s.cells.items():
            one.cells[(r + top, c)] = v
        one.merged += [(r1 + top, c1, r2 + top, c2) for r1, c1, r2, c2 in s.merged]
        top += s.height + 3
    data = read_workbooks([wv.save_sheets([one], tmp_path / "x.xlsx")], 2024)
    assert data.projects == selfeval.projects
    assert data.overall == selfeval.overall
