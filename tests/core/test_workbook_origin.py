"""Whose report and which year a set of workbooks holds, for 从上年Excel开始's proposal."""
from pathlib import Path

import openpyxl

from kuaiji_desk.core.excel.origin import Origin, workbook_origin
from kuaiji_desk.core.excel.writer import export_workbook
from kuaiji_desk.core.report import new_report

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HANYANG = "武汉市汉阳区城市运行管理中心"


def test_the_published_tables_of_last_year_as_xls():
    assert workbook_origin([FIXTURES / "hanyang-2023-public-tables.xls"], 2024) == Origin(HANYANG, 2023)


def test_tables_and_self_evaluations_together():
    paths = [FIXTURES / "hanyang-2024-public-tables.xlsx", FIXTURES / "hanyang-2024-self-evaluations.xlsx"]
    assert workbook_origin(paths, 2024) == Origin(HANYANG, 2024)


def test_our_export_says_it_in_its_data_sheet(tmp_path):
    report = new_report("某某单位", 2022, department="某某部门")
    export_workbook(report, tmp_path / "2022.xlsx")
    assert workbook_origin([tmp_path / "2022.xlsx"], 2024) == Origin("某某单位", 2022)


def test_a_workbook_without_titles_or_department_says_nothing(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["项目", "金额"])
    wb.active.append(["一般公共预算财政拨款收入", 12.5])
    wb.active.append(["2023年度工作总结"])          # a year, but no table's title
    wb.save(tmp_path / "x.xlsx")
    assert workbook_origin([tmp_path / "x.xlsx"], 2024) == Origin(None, None)
