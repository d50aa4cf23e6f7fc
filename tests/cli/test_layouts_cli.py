"""`layouts`, `new --layout`, and `import` recognising the layout of a workbook by itself."""
from __future__ import annotations


import openpyxl
import pytest

from cli_runner import load, run
from kuaiji_desk.core import layouts
from kuaiji_desk.core.excel.datasheet import DATA_SHEET
from kuaiji_desk.core.excel.writer import export_workbook
from kuaiji_desk.core.sample import load_sample
from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db

UNIT = "某单位"


@pytest.fixture(scope="module")
def shanghai_workbook(tmp_path_factory):
    """The sample's tables printed in 上海's layout, without the data sheet."""
    report = load_sample()
    report.layout = "shanghai-2024"
    report.projects, report.overall = [], None
    folder = tmp_path_factory.mktemp("shanghai")
    export_workbook(report, folder / "上海.xlsx")
    book = openpyxl.load_workbook(folder / "上海.xlsx")
    del book[DATA_SHEET]
    book.save(folder / "上海-表.xlsx")
    return folder / "上海-表.xlsx"


def test_layouts_lists_name_region_year_and_description(tmp_path):
    code, out, err = run("--db", tmp_path / "k.db", "layouts")
    assert code == 0 and err == ""
    lines = [line.split("\t") for line in out.splitlines()]
    assert [line[0] for line in lines] == layouts.names()
    assert lines[0][:3] == ["hubei-2024", "湖北", "2024"] and "公开01表至公开09表" in lines[0][3]
    assert ["shanghai-2024", "上海", "2024"] == lines[4][:3] and "无表号、行次、栏次" in lines[4][3]


def test_new_with_a_layout_keeps_it(tmp_path):
    db = tmp_path / "k.db"
    code, out, err = run("--db", db, "new", UNIT, 2024, "--layout", "shanghai-2024")
    assert code == 0, err
    assert "公开表式样：上海 2024年度（24类）（shanghai-2024）" in out
    assert load(db, UNIT, 2024).layout == "shanghai-2024"


def test_new_without_a_layout_takes_hubeis_of_the_year(tmp_path):
    db = tmp_path / "k.db"
    assert run("--db", db, "new", UNIT, 2025)[0] == 0
    assert load(db, UNIT, 2025).layout == "hubei-2025"


def test_an_unknown_layout_is_refused_with_the_list(tmp_path):
    db = tmp_path / "k.db"
    code, out, err = run("--db", db, "new", UNIT, 2024, "--layout", "beijing-2024")
    assert code == 2 and out == ""
    assert "没有名为「beijing-2024」的公开表式样" in err and "shanghai-26-2024" in err
    assert run("--db", db, "reports")[1].strip() == "数据库中还没有报告。"


def test_new_from_last_years_report_carries_its_layout_into_the_year(tmp_path):
    db = tmp_path / "k.db"
    run("--db", db, "new", UNIT, 2024, "--layout", "shanghai-26-2024")
    code, out, err = run("--db", db, "new", UNIT, 2025, "--from-report")
    assert code == 0, err
    assert load(db, UNIT, 2025).layout == "shanghai-26-2025"
    code, _, err = run("--db", db, "new", "另一单位", 2025, "--from-report", "--layout", "central-2025")
    assert code == 2   # no 2024 report of that unit: refused before the layout matters
    run("--db", db, "new", "另一单位", 2024)
    assert run("--db", db, "new", "另一单位", 2025, "--from-report", "--layout", "central-2025")[0] == 0
    assert load(db, "另一单位", 2025).layout == "central-2025"


def test_import_makes_the_report_in_the_layout_it_recognises(tmp_path, shanghai_workbook):
    db = tmp_path / "k.db"
    code, out, err = run("--db", db, "import", UNIT, 2024, shanghai_workbook)
    assert code == 0, err
    assert "公开表式样：上海 2024年度（24类）（shanghai-2024）" in out.splitlines()[1]
    report = load(db, UNIT, 2024)
    assert report.layout == "shanghai-2024" and report.cells == load_sample().cells


def test_import_into_a_report_of_another_layout_keeps_its_layout_and_says_so(tmp_path, shanghai_workbook):
    db = tmp_path / "k.db"
    run("--db", db, "new", UNIT, 2024)
    code, out, err = run("--db", db, "import", UNIT, 2024, shanghai_workbook)
    assert code == 0, err
    assert "注意：工作簿按「上海 2024年度（24类）」式样印制，报告仍按「湖北 2024年度」式样导出。" in out
    assert load(db, UNIT, 2024).layout == "hubei-2024"


def test_new_from_last_years_workbooks_takes_their_layout(tmp_path, shanghai_workbook):
    db = tmp_path / "k.db"
    code, out, err = run("--db", db, "new", UNIT, 2025, "--from", shanghai_workbook)
    assert code == 0, err
    assert load(db, UNIT, 2025).layout == "shanghai-2025"


def test_export_says_what_the_layout_does_not_print(tmp_path):
    db = tmp_path / "k.db"
    run("--db", db, "new", UNIT, 2024, "--layout", "shanghai-2024")
    handle = open_db(db)   # a figure in a row 上海's 24 类 do not print
    try:
        report = repo.load_report(handle, UNIT, 2024)
        report.set("01", "55", "2", 1_000_000)
        repo.save_report(handle, report)
    finally:
        close_db(handle)
    code, out, err = run("--db", db, "export-excel", UNIT, 2024, tmp_path / "x.xlsx")
    assert code == 0
    assert "注意：公开01表第55行「债务付息支出」有数，但「上海 2024年度（24类）」式样的一、收入支出决算总表不印这一格。" in err
    assert openpyxl.load_workbook(tmp_path / "x.xlsx").sheetnames[0] == "一、收入支出决算总表"


@pytest.fixture(scope="module")
def published_workbook(tmp_path_factory):
    """上海's tables as a unit publishes them (tests/as_published.py), with one row the table
    does not have: a figure of 12.34 beside 「其他资金（备注）」."""
    from as_published import in_layout, published

    folder = tmp_path_factory.mktemp("published")
    path = published(in_layout(load_sample(), "shanghai-2024"), folder / "上海.xlsx")
    book = openpyxl.load_workbook(path)
    ws = next(ws for ws in book.worksheets if ws["A1"].value == "收入支出决算总表")
    ws["A20"], ws["B20"] = "其他资金（备注）", 12.34
    stray = folder / "多一行.xlsx"
    book.save(stray)
    return path, stray


def test_import_reads_a_workbook_as_units_publish_it(tmp_path, published_workbook):
    path, _ = published_workbook
    code, out, err = run("--db", tmp_path / "k.db", "import", UNIT, "2024", path)
    assert (code, err) == (0, "")
    assert "公开表式样：上海 2024年度（24类）（shanghai-2024）" in out
    assert load(tmp_path / "k.db", UNIT, 2024).get("01", "1", "1") == load_sample().get("01", "1", "1")


def test_a_figure_that_fits_no_cell_is_refused_naming_it_or_skipped_when_asked(tmp_path, published_workbook):
    _, stray = published_workbook
    code, out, err = run("--db", tmp_path / "k.db", "import", UNIT, "2024", stray)
    assert code == 2 and out == ""
    assert "A20 单元格的「其他资金（备注）」不是一、收入支出决算总表的行，无法确定行次。" in err
    assert "--skip-unplaced" in err
    code, out, err = run("--db", tmp_path / "k.db", "reports")
    assert UNIT not in out                                            # nothing written
    code, out, err = run("--db", tmp_path / "k.db", "import", UNIT, "2024", stray, "--skip-unplaced")
    assert code == 0
    assert err.startswith("未导入：「多一行.xlsx」工作表") and "A20 单元格的「其他资金（备注）」" in err
    assert load(tmp_path / "k.db", UNIT, 2024).get("01", "1", "1") == load_sample().get("01", "1", "1")


def test_new_from_last_years_workbook_as_a_unit_published_it(tmp_path, published_workbook):
    path, stray = published_workbook
    db = tmp_path / "k.db"
    code, out, err = run("--db", db, "new", UNIT, 2025, "--from", path)
    assert code == 0, err
    report = load(db, UNIT, 2025)
    assert report.layout == "shanghai-2025"
    sample = load_sample()
    assert report.last_year["收入合计"] == sample.get("01", "27", "1")   # last year's figures, to the 分
    assert set(sample.code_rows["02"]) <= set(report.code_rows["02"])
    code, out, err = run("--db", db, "new", "另一单位", 2025, "--from", stray)
    assert code == 2 and "A20 单元格的「其他资金（备注）」" in err
