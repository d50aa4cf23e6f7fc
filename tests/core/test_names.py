"""Unit and department names without control characters and of a sane length; texts that fit
in an Excel cell — refused on entry, whoever enters them, never cut on export."""
from __future__ import annotations

import pytest

import workbook_variants as wv
from kuaiji_desk.core import edits, names
from kuaiji_desk.core.excel.errors import WorkbookError
from kuaiji_desk.core.excel.importer import read_workbooks
from kuaiji_desk.core.report import new_report


@pytest.mark.parametrize("name, stored", [
    ("武汉市汉阳区城市运行管理中心", "武汉市汉阳区城市运行管理中心"),
    ("  某单位 ", "某单位"),
    ("Some Unit (Wuhan)", "Some Unit (Wuhan)"),
    ("某　单位", "某　单位"),                    # an ideographic space is a space
    ("单" * names.MAX_NAME, "单" * names.MAX_NAME),
])
def test_a_name_is_taken_as_typed_without_its_outer_blanks(name, stored):
    assert names.unit_name(name) == stored


@pytest.mark.parametrize("name, words", [
    ("", "单位名称不能为空"),
    ("   ", "单位名称不能为空"),
    ("某单位\n2024\t0", "换行"),
    ("某单位\t2024", "制表符"),
    ("某\r单位", "回车"),
    ("某\x1b[31m单位", "控制字符（U+001B）"),
    ("某单位\u202e位单", "文字方向控制符（U+202E）"),
    ("某单位\u2066", "文字方向控制符（U+2066）"),
    ("某\u200b单位", "零宽字符（U+200B）"),
    ("某\u2028单位", "换行"),
    ("某\x00单位", "控制字符（U+0000）"),
    ("单" * (names.MAX_NAME + 1), f"单位名称有 {names.MAX_NAME + 1} 个字，超过了 {names.MAX_NAME} 个字的上限"),
])
def test_a_name_with_control_characters_or_too_long_is_refused(name, words):
    with pytest.raises(names.InvalidText) as e:
        names.unit_name(name)
    assert words in str(e.value)


def test_a_new_report_takes_only_a_valid_unit_name():
    assert new_report("某单位", 2024).unit == "某单位"
    assert new_report("", 2024).unit == ""          # the scratch report of an import, never saved
    with pytest.raises(names.InvalidText, match="文字方向控制符"):
        new_report("某单位\u202e", 2024)
    with pytest.raises(names.InvalidText, match="控制字符"):
        new_report("某单位", 2024, department="部门\x1b")


def with_department(line: str) -> list[wv.Sheet]:
    """The fixture's tables with their 「部门：」 line replaced."""
    sheets = wv.load_sheets(wv.PUBLIC_TABLES)
    for s in sheets:
        for at, value in s.cells.items():
            if isinstance(value, str) and value.startswith("部门："):
                s.cells[at] = line
    return sheets


def test_a_department_from_a_workbook_is_checked_and_its_wrapping_undone(tmp_path):
    data = read_workbooks([wv.save_sheets(with_department("部门：武汉市汉阳区\n城市运行管理中心"),   # wrapped
                                          tmp_path / "换行.xlsx")], 2024)
    assert data.department == "武汉市汉阳区城市运行管理中心"
    with pytest.raises(WorkbookError) as e:
        read_workbooks([wv.save_sheets(with_department("部门：武汉市\u202e心中理管"), tmp_path / "方向.xlsx")], 2024)
    assert "「方向.xlsx」工作表「公开01表」" in str(e.value) and "部门名称中不能有文字方向控制符" in str(e.value)


def test_set_text_refuses_more_than_an_excel_cell_holds():
    report = new_report("某单位", 2024)
    fits = "字" * names.CELL_LIMIT
    edits.set_text(report, "职责", fits).apply(report)
    assert report.texts["职责"] == fits
    with pytest.raises(names.InvalidText) as e:
        edits.set_text(report, "职责", fits + "字")
    assert str(e.value) == "「部门主要职责」有 32,768 个字，超过了 Excel 单元格可以容纳的 32,767 个字，请删减后再保存。"
    assert report.texts["职责"] == fits


def test_the_unit_an_export_names_is_checked(tmp_path):
    """Our own export names its unit in the data sheet; what the import found prints it."""
    import openpyxl

    from kuaiji_desk.core.excel.datasheet import DATA_SHEET
    from kuaiji_desk.core.excel.writer import export_workbook
    from kuaiji_desk.core.sample import load_sample

    path = tmp_path / "导出.xlsx"
    export_workbook(load_sample(), path)
    wb = openpyxl.load_workbook(path)
    record = next(r for r in wb[DATA_SHEET].iter_rows() if r[0].value == "report")
    record[1].value = "某单位\n2024年度：0 个数\n伪造"
    wb.save(path)
    with pytest.raises(WorkbookError) as e:
        read_workbooks([path], 2024)
    assert f"「导出.xlsx」的数据页「{DATA_SHEET}」第{record[0].row}行的单位名称中不能有换行" in str(e.value)
