"""A damaged or hand-edited 「kuaiji_data」 sheet in an export: refused, in Chinese,
naming the file, the sheet and the row, before anything reaches a report."""
from __future__ import annotations

import openpyxl
import pytest

from kuaiji_desk.core.excel.datasheet import DATA_SHEET
from kuaiji_desk.core.excel.importer import WorkbookError, read_workbooks
from kuaiji_desk.core.excel.writer import export_workbook
from kuaiji_desk.core.sample import load_sample

YEAR = 2024


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "sample.xlsx"
    export_workbook(load_sample(), path)
    return path


@pytest.fixture(scope="module")
def records(exported) -> list[list]:
    """The export's data records, the first few of each kind (all of them are read alike)."""
    wb = openpyxl.load_workbook(exported, read_only=True)
    try:
        rows = [list(row) for row in wb[DATA_SHEET].iter_rows(values_only=True)]
    finally:
        wb.close()
    seen: dict = {}
    kept = []
    for row in rows:
        seen[row[0]] = seen.get(row[0], 0) + 1
        if row[0] == "fields" or seen[row[0]] <= 3:
            kept.append(row)
    return kept


def edited(records, tmp_path, kind: str, column: int, value) -> tuple[object, int]:
    """A workbook of the export's data sheet alone (the printed sheets play no part in
    reading it), one cell of the first record of ``kind`` changed; and that record's row."""
    rows = [list(r) for r in records]
    row = next(i for i, r in enumerate(rows, start=1) if r[0] == kind)
    rows[row - 1] += [None] * (column - len(rows[row - 1]))
    rows[row - 1][column - 1] = value
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    for r in rows:
        ws.append(r)
    path = tmp_path / "改过.xlsx"
    wb.save(path)
    return path, row


def refusal(path) -> str:
    with pytest.raises(WorkbookError) as info:
        read_workbooks([path], YEAR)
    return str(info.value)


def test_the_records_as_exported_are_read(records, tmp_path):
    path, _ = edited(records, tmp_path, "format", 2, 1)     # unchanged
    data = read_workbooks([path], YEAR)
    assert data.exact and len(data.projects) == 3
    assert data.tables["01"].cells and data.overall is not None


@pytest.mark.parametrize("kind, column, value", [
    ("cell", 5, "abc"),           # an amount that is text
    ("cell", 5, 1.5),             # half a 分
    ("cell", 5, None),            # the amount deleted
    ("cell", 2, "99"),            # a table there is not
    ("cell", 3, "9999"),          # a row the table has not
    ("cell", 4, "77"),            # a column the table has not
    ("cell", 6, "是"),            # the rounded mark as text
    ("code", 2, "01"),            # a code row in a table of fixed rows
    ("code", 3, "abc"),           # a code that is no code
    ("code", 4, 5),               # a name that is a number
    ("project", 9, "abc"),        # 预算数 as text
    ("project", 3, 123),          # a name that is a number
    ("project", 11, "是"),        # amounts_rounded as text
    ("project_indicator", 2, 99),  # the indicator of a project there is not
    ("overall", 3, "x"),          # 基本支出总额 as text
    ("text", 3, 5),
    ("number", 3, "abc"),
    ("last_year", 3, 1.5),
    ("report", 3, "2024"),        # the year as text
])
def test_a_hand_edited_record_is_refused_naming_its_row(records, tmp_path, kind, column, value):
    path, row = edited(records, tmp_path, kind, column, value)
    message = refusal(path)
    assert message.startswith(f"「改过.xlsx」的数据页「{DATA_SHEET}」第{row}行")
    assert "无法读取" in message and "请删除该工作表后按公开表导入" in message


def test_indicators_of_a_deleted_overall_are_refused(records, tmp_path):
    path, row = edited(records, tmp_path, "overall", 1, None)     # the overall record blanked out
    assert f"第{row + 1}行的内容不完整或有误" in refusal(path)        # its first indicator


def test_an_unknown_record_in_a_whole_export_is_named(exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    ws = wb[DATA_SHEET]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "cell")
    ws.cell(row, 1).value = "celll"
    path = tmp_path / "改过.xlsx"
    wb.save(path)
    assert refusal(path) == (f"「改过.xlsx」的数据页「{DATA_SHEET}」第{row}行的记录「celll」不认识，无法读取。"
                             "请删除该工作表后按公开表导入。")


def test_without_the_format_row_nothing_is_read(records, tmp_path):
    path, _ = edited(records, tmp_path, "format", 1, None)
    assert f"「改过.xlsx」的数据页「{DATA_SHEET}」第1行不是数据格式版本" in refusal(path)


def test_without_the_report_row_nothing_is_read(records, tmp_path):
    path, _ = edited(records, tmp_path, "report", 1, None)
    assert "第2行缺少报告的单位和年度" in refusal(path)


def test_an_emptied_data_sheet_is_refused(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = DATA_SHEET
    path = tmp_path / "空.xlsx"
    wb.save(path)
    assert f"「空.xlsx」的数据页「{DATA_SHEET}」第1行不是数据格式版本" in refusal(path)


def test_the_vehicle_count_of_an_earlier_version_is_read_into_todays_field(records, tmp_path):
    path, row = edited(records, tmp_path, "number", 2, "十二.车辆数")     # as version 1 wrote it
    wb = openpyxl.load_workbook(path)
    wb[DATA_SHEET].cell(row, 3).value = 6
    wb.save(path)
    numbers = read_workbooks([path], YEAR).numbers
    assert numbers["九.车辆保有量"] == 6 and "十二.车辆数" not in numbers
