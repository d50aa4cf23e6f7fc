"""项目支出绩效自评表 as other regions print it (layouts-research §4): the central 2020 form
(年初预算数 · 全年预算数 · 全年执行数 · 分值 · 执行率 · 得分; indicators with 分值 and 得分) and
四川's (年初预算 · 调整后预算数 · 预算执行数 · 预算执行率 · 权重 · 得分; indicators with 指标性质,
指标值, 度量单位, 完成值, 权重, 得分).  The 执行率 is taken on the year's adjusted budget."""
from __future__ import annotations

import openpyxl

from kuaiji_desk.core.excel.importer import read_workbooks
from kuaiji_desk.core.indicators import is_missed

WAN = 1_000_000   # 1 万元 in 分


def workbook(path, rows):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "项目自评"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value)
    book.save(path)
    return path


def test_the_central_2020_form(tmp_path):
    path = workbook(tmp_path / "中央.xlsx", [
        ["项目支出绩效自评表"],
        ["（2024年度）"],
        ["项目名称", "城市道路养护"],
        ["主管部门", "某区城管局", None, "实施单位", "某中心"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 100, 120.5, 110.25, 10, "91.49%", 9.1],
        [None, "其中：当年财政拨款", 100, 120.5, 110.25, "—", "—", "—"],
        [None, "上年结转资金", 0, 0, 0, "—", "—", "—"],
        ["年度总体目标", "预期目标", None, None, "实际完成情况"],
        [None, "完成道路养护", None, None, "已完成"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        [None, "产出指标", "数量指标", "养护面积", "≥50万平方米", "52万平方米", 20, 20, None],
        [None, "效益指标", "社会效益指标", "道路完好率", "≥95%", "93%", 30, 25, "雨季延误"],
        ["总分", None, None, None, None, None, 100, 95],
    ])
    [project] = read_workbooks([path], 2024).projects
    assert project.name == "城市道路养护" and project.executor == "某中心"
    assert project.budget == 1205 * WAN // 10 and project.spent == 11025 * WAN // 100
    size, rate = project.indicators
    assert (size.level1, size.level2, size.level3, size.target, size.actual, size.weight, size.score) == \
        ("产出指标", "数量指标", "养护面积", "≥50万平方米", "52万平方米", "20", "20")
    assert is_missed(rate.target, rate.actual) and not is_missed(size.target, size.actual)


def test_the_sichuan_form(tmp_path):
    path = workbook(tmp_path / "四川.xlsx", [
        ["部门预算项目支出绩效自评表(2024年度)"],
        ["项目名称", "51000021R000000019951-城市道路养护"],
        ["主管部门", "某区城管局", None, "实施单位（盖章）", "某中心"],
        ["预算执行情况(10分)", "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"],
        [None, "总额", 100, 80, 76, "95%", 10, 9.5, None],
        [None, "其中：财政资金", 100, 80, 76, None, "/", "/", None],
        ["绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
         "未完成原因分析"],
        [None, "产出指标", "数量指标", "养护面积", "≥", 50, "万平方米", 52, 20, 20, None],
        [None, "效益指标", "社会效益指标", "道路完好率", "≥", 95, "%", 93, 30, 25, "雨季延误"],
        [None, "合计", None, None, None, None, None, None, 100, 95, None],
    ])
    [project] = read_workbooks([path], 2024).projects
    assert (project.budget, project.spent) == (80 * WAN, 76 * WAN)
    size, rate = project.indicators
    assert (size.target, size.actual, size.weight, size.score) == ("≥50万平方米", "52万平方米", "20", "20")
    assert (rate.target, rate.actual) == ("≥95%", "93%")
    assert is_missed(rate.target, rate.actual) and not is_missed(size.target, size.actual)
