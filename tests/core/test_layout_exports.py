"""Every shipped layout, written by our export and read back: the same report.

A workbook is exported in layout L, its hidden data sheet deleted, and imported: the importer
recognises L by itself and reads every table to the same cells (values, 尾数 marks and code
rows) — a round trip through the printed layout, not only through the data sheet.  With the
data sheet kept it gives back the whole report, layout included.  湖北's 2024 layout prints
exactly what the program printed before layouts were (the snapshot in tests/fixtures, taken
from that program's export of the sample).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import openpyxl
import pytest

from kuaiji_desk.core import layouts
from kuaiji_desk.core.excel.datasheet import DATA_SHEET
from kuaiji_desk.core.excel.importer import apply_import, read_workbooks
from kuaiji_desk.core.excel.writer import export_workbook
from kuaiji_desk.core.pdf import export_pdf
from kuaiji_desk.core.pdf.fonts import resolve_fonts
from kuaiji_desk.core.report import new_report
from kuaiji_desk.core.sample import load_sample
from kuaiji_desk.core.unprinted import unprinted_figures
from as_published import CENT, in_layout
from poppler import pdf_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SNAPSHOT_CELLS = FIXTURES / "hubei-2024-export.json"
SNAPSHOT_TEXT = FIXTURES / "hubei-2024-export.txt"
# Set to rewrite the snapshots from the export as it is now (after a change meant to alter it).
UPDATE = os.environ.get("KUAIJI_DESK_UPDATE_SNAPSHOTS")


@pytest.fixture(scope="module")
def sample():
    return load_sample()


# -- 湖北 2024: what the program printed before ---------------------------------------

def sheet_snapshot(path) -> list:
    """[sheet, {cells: coordinate → repr(value), merged: ranges}] of every printed sheet, in order."""
    book = openpyxl.load_workbook(path)
    return [[ws.title, {"cells": {c.coordinate: repr(c.value) for row in ws.iter_rows() for c in row
                                  if c.value is not None},
                        "merged": sorted(str(r) for r in ws.merged_cells.ranges)}]
            for ws in book.worksheets if ws.title != DATA_SHEET]


def test_hubei_2024_exports_what_was_exported_before_layouts(sample, tmp_path):
    assert sample.layout == "hubei-2024"
    export_workbook(sample, tmp_path / "x.xlsx")
    export_pdf(sample, tmp_path / "x.pdf", resolve_fonts(system_dir=False))
    cells, text = sheet_snapshot(tmp_path / "x.xlsx"), pdf_text(tmp_path / "x.pdf")
    if UPDATE:
        SNAPSHOT_CELLS.write_text(json.dumps(cells, ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8")
        SNAPSHOT_TEXT.write_text(text, "utf-8")
    before = json.loads(SNAPSHOT_CELLS.read_text("utf-8"))
    assert [sheet for sheet, _ in cells] == [sheet for sheet, _ in before]   # the same sheets, in order
    for (sheet, now), (_, then) in zip(cells, before):
        assert now == then, sheet
    assert text == SNAPSHOT_TEXT.read_text("utf-8")


# -- every layout: export, delete the data sheet, import --------------------------------

def export_without_data_sheet(report, path: Path) -> Path:
    export_workbook(report, path)
    book = openpyxl.load_workbook(path)
    del book[DATA_SHEET]
    printed = path.with_name(path.stem + "-printed.xlsx")
    book.save(printed)
    return printed


def read_back(path: Path, year: int):
    data = read_workbooks([path], year)
    report = new_report("武汉市汉阳区城市运行管理中心", year, layout=data.layout)   # as `import` makes it
    apply_import(report, data)
    return data, report


@pytest.mark.parametrize("name", layouts.names())
def test_a_workbook_in_each_layout_reads_back_to_the_same_report(sample, tmp_path, name):
    report = in_layout(sample, name)
    printed = export_without_data_sheet(report, tmp_path / f"{name}.xlsx")
    data, back = read_back(printed, report.year)
    assert data.layout == name
    assert back.cells == report.cells
    assert back.rounded == report.rounded
    assert back.code_rows == report.code_rows
    assert back.layout == name
    # The 部门 line is read where the layout prints one; 上海's prints none (the unit's name stands).
    assert back.department == (report.department if layouts.get(name).tables[0].department_line else "")
    assert unprinted_figures(report) == []
    # Through the data sheet: the whole report, as it was.
    data = read_workbooks([tmp_path / f"{name}.xlsx"], report.year)
    assert data.layout == name and not any(line.startswith("注意") for line in data.found)
    again = new_report(report.unit, report.year, layout=data.layout)
    apply_import(again, data)
    assert again == report


def test_the_rows_a_layout_adds_are_in_the_round_trip(sample):
    """The test's figures are where they should be: 债务还本 only where 26 类 are printed, 08's
    年初/本年收入/年末 only where 九 prints them."""
    def has(name, table, row, col):
        return (table, row, col) in in_layout(sample, name).cells
    assert has("shanghai-26-2024", "01", "54", "2") and has("hubei-2024", "01", "54", "2")
    assert not has("shanghai-2024", "01", "54", "2")
    assert has("shanghai-2024", "08", "2230101", "5") and not has("hubei-2024", "08", "2230101", "5")


def test_the_24_class_layout_is_told_from_the_26_class_one_by_the_rows_printed(sample, tmp_path):
    for name in ("shanghai-2024", "shanghai-26-2024"):
        report = in_layout(sample, name)
        data, _ = read_back(export_without_data_sheet(report, tmp_path / f"{name}.xlsx"), 2024)
        assert data.layout == name


def test_a_26_class_sheet_read_in_24_classes_keeps_the_rows_it_does_not_print(sample, tmp_path):
    """A figure in a row the layout does not print is read all the same (and said on export)."""
    report = in_layout(sample, "shanghai-26-2024")
    printed = export_without_data_sheet(report, tmp_path / "26.xlsx")
    data = read_workbooks([printed], 2024)
    back = new_report(report.unit, 2024, layout="shanghai-2024")
    apply_import(back, data)
    assert back.cells[("01", "54", "2")] == report.cells[("01", "54", "2")]
    said = unprinted_figures(back)
    assert said[0] == ("公开01表第54行「债务还本支出」有数，但「上海 2024年度（24类）」式样的"
                       "一、收入支出决算总表不印这一格。")
    assert [line.split("有数")[0] for line in said[1:]] == ["公开04表第56行「债务还本支出」第2栏（决算数小计）",
                                                           "公开04表第56行「债务还本支出」第3栏（一般公共预算财政拨款）"]


def test_the_hubei_layout_says_it_does_not_print_the_state_capital_opening(sample):
    report = in_layout(sample, "hubei-2024")
    report.set("08", "2230101", "4", 100 * CENT)
    assert unprinted_figures(report) == [
        "公开08表2230101「厂办大集体改革支出」第4栏（年初结转和结余）有数，但「湖北 2024年度」式样的"
        "公开08表「国有资本经营预算财政拨款支出决算表」不印这一格。"]


def test_a_figure_the_layout_does_not_print_is_no_change_made_in_excel(sample, tmp_path):
    """The data sheet holds it; the printed table does not: that is no sign of an edit."""
    report = in_layout(sample, "hubei-2024")
    report.add_code("08", "2230101")
    report.set("08", "2230101", "4", 100 * CENT, rounded=True)
    export_workbook(report, tmp_path / "x.xlsx")
    data = read_workbooks([tmp_path / "x.xlsx"], 2024)
    assert not any(line.startswith("注意") for line in data.found)
    assert data.tables["08"].cells[("2230101", "4")] == 100 * CENT


def test_the_sample_workbooks_are_hubeis_2024_layout(sample):
    assert read_workbooks([FIXTURES / "hanyang-2024-public-tables.xlsx"], 2024).layout == "hubei-2024"
    assert read_workbooks([FIXTURES / "hanyang-2024-public-tables.xls"], 2024).layout == "hubei-2024"


# -- the PDF and the sheets of 上海 ----------------------------------------------------------

@pytest.fixture(scope="module")
def shanghai(sample, tmp_path_factory):
    report = in_layout(sample, "shanghai-2024")
    report.clear_table("07")             # 八 empty: its statement names the unit
    folder = tmp_path_factory.mktemp("shanghai")
    export_workbook(report, folder / "上海.xlsx")
    export_pdf(report, folder / "上海.pdf", resolve_fonts(system_dir=False))
    return report, folder


def test_shanghai_sheets_are_named_titled_and_headed_as_its_template(shanghai):
    report, folder = shanghai
    book = openpyxl.load_workbook(folder / "上海.xlsx")
    assert book.sheetnames[:9] == [t.sheet_name for t in layouts.get("shanghai-2024").tables]
    one = book["一、收入支出决算总表"]
    texts = [c.value for row in one.iter_rows() for c in row if isinstance(c.value, str)]
    assert texts[:2] == ["2024年度收入支出决算总表", "单位：万元"]
    assert not any("公开" in t or "行次" in t or "栏次" in t or t.startswith("部门") for t in texts)
    five = book["五、一般公共预算财政拨款支出决算表"]
    codes = [five.cell(r, 1).value for r in range(1, five.max_row + 1)]
    assert codes.index("合计") > max(i for i, v in enumerate(codes) if isinstance(v, str) and v.isdigit())
    six = book["六、一般公共预算财政拨款基本支出决算表"]
    assert [six.cell(4, c).value for c in range(1, 7)] == ["经济分类科目编码", "科目名称", "决算数"] * 2
    assert any(six.cell(r, 1).value == "人员经费合计" and six.cell(r, 4).value == "公用经费合计"
               for r in range(1, six.max_row + 1))
    seven = book["七、财政拨款“三公”经费支出决算表"]
    assert [seven.cell(7, c).value for c in range(1, 13)] == ["预算数", "决算数"] * 6
    eight = book["八、政府性基金预算财政拨款收入支出决算表"]
    said = [c.value for row in eight.iter_rows() for c in row if isinstance(c.value, str)]
    assert f"说明：{report.department_name}本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。" in said
    nine = book["九、国有资本经营预算财政拨款收入支出决算表"]
    assert [nine.cell(4, c).value for c in range(3, 9)] == ["年初结转和结余", "本年收入", "本年支出", None, None,
                                                              "年末结转和结余"]


def test_shanghai_pdf_prints_its_tables_in_its_order_without_numbers(shanghai):
    report, folder = shanghai
    pages = pdf_text(folder / "上海.pdf").split("\f")
    x = layouts.get("shanghai-2024")
    firsts = [next(i for i, page in enumerate(pages) if t.title(2024) in page.replace(" ", "")) for t in x.tables]
    assert firsts == sorted(firsts)                     # 一 … 九, 三公 before the funds
    tables = "\n".join(pages[firsts[0]:firsts[-1] + 1])
    assert "公开0" not in tables and "行次" not in tables and "栏次" not in tables and "部门：" not in tables
    for t, first in zip(x.tables, firsts):     # no 表号: the label (一 … 九) is not printed on its page
        assert t.label not in [line.strip() for line in pages[first].splitlines()], t.label
    contents = pages[1]
    assert "七、财政拨款“三公”经费支出决算表" in contents.replace(" ", "")
    whole = "".join(pages).replace(" ", "")
    assert "九、国有资本经营预算财政拨款收入支出决算情况说明" not in whole          # the order stays 湖北's …
    assert "八、国有资本经营预算财政拨款收入支出决算情况说明" in whole              # … under 上海's title
