"""Amounts beyond any budget (10^12 万元) are refused by name, and thousands separators only
group thousands: 「12,3.4」 and 「1,2,3」 are no amounts, not 123.4 and 123."""
from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

import hostile_files as hf
import workbook_variants as wv
from cli_runner import load, run
from kuaiji_desk.core import money
from kuaiji_desk.core.excel.datasheet import DATA_SHEET
from kuaiji_desk.core.excel.writer import export_workbook
from kuaiji_desk.core.sample import load_sample

UNIT = "汉阳区城市运行管理中心"
BEYOND = "超出了可以处理的金额范围"


def test_the_bound_fits_the_database():
    assert money.MAX_FEN == 9 * 10 ** 9 * money.FEN_PER_WAN < 2 ** 53 < 2 ** 63   # exact in Excel and SQLite


@pytest.mark.parametrize("value, unit", [
    ("9000000000", "万元"),
    ("-9000000000", "万元"),
    ("90000000000000", "元"),
    (9e9, "万元"),
])
def test_up_to_the_bound_is_taken(value, unit):
    assert abs(money.parse_amount(value, unit)) == money.MAX_FEN


@pytest.mark.parametrize("value, unit, shown", [
    ("9999999999999", "万元", "9999999999999"),
    ("9000000000.01", "万元", "9000000000.01"),
    ("-9999999999999", "万元", "-9999999999999"),
    ("90000000000000.01", "元", "90000000000000.01"),
    ("1e20", "万元", "1e20"),
    (1e20, "万元", "1e+20"),
    (10 ** 30, "元", str(10 ** 30)),
    (Decimal("1E+999999"), "万元", "1E+999999"),
    ("1E+999999999", "元", "1E+999999999"),
    ("9,999,999,999,999.00", "万元", "9,999,999,999,999.00"),
])
def test_beyond_the_bound_is_refused_naming_the_value(value, unit, shown):
    with pytest.raises(money.AmountError) as e:
        money.parse_amount(value, unit)
    assert str(e.value) == f"「{shown}」{BEYOND}（绝对值不超过 9,000,000,000 万元）"


@pytest.mark.parametrize("text", ["12,3.4", "1,2,3", "1,2345", "1,286.7,6", "1.234,56", ",123", "123,",
                                  "1 2", "12 34.5", "1,,286", "1.234 567", "١٢٣", "1_000", "Infinity", "NaN"])
def test_malformed_grouping_is_no_amount(text):
    with pytest.raises(money.AmountError, match="不是金额"):
        money.parse_amount(text)


@pytest.mark.parametrize("text, fen", [
    ("1,286", 1_286_000_000),
    ("12,345,678.9", 12_345_678_900_000),
    ("1'286.76", 1_286_760_000),
    ("1\u00a0286.76", 1_286_760_000),
    ("-1,286.76", -1_286_760_000),
    ("(1,286.76)", -1_286_760_000),
    ("１，２８６．７６", 1_286_760_000),
    ("１　２８６．７６", 1_286_760_000),
    ("  286  ", 286_000_000),
    ("286.", 286_000_000),
    (".5", 500_000),
    ("1e3", 1_000_000_000),
])
def test_well_formed_text_is_taken(text, fen):
    assert money.parse_amount(text) == fen


# -- through the command line ---------------------------------------------------------------

@pytest.fixture
def db(tmp_path):
    db = tmp_path / "k.db"
    code, _, err = run("--db", db, "import", UNIT, 2024, wv.PUBLIC_TABLES)
    assert code == 0, err
    return db


@pytest.mark.parametrize("value, shown", [(1e20, "100000000000000000000"), ("12,3.4", None)])
def test_import_refuses_the_cell_and_changes_nothing(db, tmp_path, value, shown):
    sheets = wv.load_sheets(wv.PUBLIC_TABLES)
    wv.sheet(sheets, "公开02表").set("D10", value)
    path = wv.save_sheets(sheets, tmp_path / "大数.xlsx")
    before = load(db, UNIT, 2024)
    code, out, err = run("--db", db, "import", UNIT, 2024, path)
    assert code == 2 and out == ""
    assert "「大数.xlsx」工作表「公开02表」D10 单元格" in err
    assert (f"「{shown}」{BEYOND}" if shown else "「12,3.4」不是金额") in err
    assert load(db, UNIT, 2024) == before


def test_new_from_refuses_a_last_year_figure_beyond_the_bound(tmp_path):
    sheets = wv.last_year(wv.load_sheets(wv.PUBLIC_TABLES))
    wv.sheet(sheets, "公开01表").set("C7", 1e20)
    path = wv.save_sheets(sheets, tmp_path / "2023.xlsx")
    code, _, err = run("--db", tmp_path / "k.db", "new", UNIT, 2024, "--from", path)
    assert code == 2 and "「2023.xlsx」工作表「公开01表」C7 单元格" in err and BEYOND in err
    assert run("--db", tmp_path / "k.db", "reports")[1].strip() == "数据库中还没有报告。"


@pytest.mark.parametrize("record", ["cell", "number", "last_year", "project"])
def test_an_exports_data_sheet_beyond_the_bound_is_refused(db, tmp_path, record):
    """The exact figures of our own export are 分 as integers: bounded alike."""
    path = tmp_path / "导出.xlsx"
    export_workbook(load_sample(), path)
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    row = next(r for r in ws.iter_rows() if r[0].value == record)
    column = {"cell": 4, "number": 2, "last_year": 2}.get(record)
    if column is None:   # the project's 预算数, where the 'fields' record names budget
        names = next(r for r in ws.iter_rows(values_only=True) if r[:2] == ("fields", "project"))
        column = names.index("budget")
    marker = 987654321987
    row[column].value = marker
    wb.save(path)
    # Into the XML itself: openpyxl would write 10**19 as the float 1e+19, which the data sheet
    # refuses already; a hand-made sheet holds the integer.
    part = hf.sheet_parts(path)[DATA_SHEET]
    hf.patched(path, tmp_path / "x.xlsx", {part: lambda xml: xml.replace(b"<v>%d</v>" % marker, b"<v>%d</v>" % 10 ** 19)})
    (tmp_path / "x.xlsx").replace(path)
    before = load(db, UNIT, 2024)
    code, _, err = run("--db", db, "import", UNIT, 2024, path)
    assert code == 2 and f"「导出.xlsx」的数据页「{DATA_SHEET}」第{row[0].row}行" in err and "超出" in err
    assert load(db, UNIT, 2024) == before


def test_an_amount_at_the_bound_exports_and_reads_back_exactly(tmp_path):
    from kuaiji_desk.core.excel.importer import apply_import, read_workbooks
    from kuaiji_desk.core.excel.writer import export_workbook
    from kuaiji_desk.core.report import new_report

    report = new_report("单位", 2024)
    report.set("01", "5", "1", money.MAX_FEN - 1)            # every 分 of it counts
    export_workbook(report, tmp_path / "大.xlsx")
    again = new_report("单位", 2024)
    apply_import(again, read_workbooks([tmp_path / "大.xlsx"], 2024))
    assert again.cells[("01", "5", "1")] == money.MAX_FEN - 1
