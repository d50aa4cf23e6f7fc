"""What cannot be imported says so, in Chinese, naming the file, sheet and cell."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kuaiji_desk.core.excel import opening
from kuaiji_desk.core.excel.errors import WorkbookError
from kuaiji_desk.core.excel.importer import read_workbooks

import workbook_variants as wv

UNREADABLE = "不是可以读取的 Excel 工作簿（文件已损坏或不是 Excel 格式）"


def error_of(paths, year: int = 2024) -> str:
    with pytest.raises(WorkbookError) as e:
        read_workbooks(paths, year)
    return str(e.value)


def with_cell(tmp_path, title: str, address: str, value, name: str = "收入决算表.xlsx") -> Path:
    sheets = wv.load_sheets(wv.PUBLIC_TABLES)
    wv.sheet(sheets, title).set(address, value)
    return wv.save_sheets(sheets, tmp_path / name)


def test_text_in_an_amount_cell(tmp_path):
    path = with_cell(tmp_path, "公开02表", "D9", "abc")
    assert error_of([path]) == "「收入决算表.xlsx」工作表「公开02表」D9 单元格的内容「abc」不是金额。"


def test_error_value_in_an_amount_cell(tmp_path):
    path = with_cell(tmp_path, "公开06表", "C7", "#DIV/0!")
    message = error_of([path])
    assert "工作表「公开06表」C7 单元格" in message and "#DIV/0!" in message


def test_wrong_year(tmp_path):
    path = wv.save_sheets(wv.wrong_year(wv.load_sheets(wv.PUBLIC_TABLES), 2023), tmp_path / "2023.xlsx")
    message = error_of([path])
    assert "「2023.xlsx」工作表「公开01表」A1 单元格" in message
    assert "标题中的年度（2023年度）与报告年度（2024年度）不一致" in message


def test_wrong_year_of_a_self_evaluation(tmp_path):
    path = wv.save_sheets(wv.wrong_year(wv.load_sheets(wv.SELF_EVALUATIONS), 2025), tmp_path / "自评.xlsx")
    assert "标题中的年度（2025年度）与报告年度（2024年度）不一致" in error_of([path])


def test_text_file_renamed(tmp_path):
    path = tmp_path / "收入.xlsx"
    path.write_text("项目,金额\n合计,1286.76\n", encoding="utf-8")
    assert error_of([path]) == f"「收入.xlsx」{UNREADABLE}。"


def test_truncated_workbook(tmp_path):
    data = wv.PUBLIC_TABLES.read_bytes()
    path = tmp_path / "截断.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert error_of([path]) == f"「截断.xlsx」{UNREADABLE}。"


def test_corrupt_member_of_a_workbook(tmp_path):
    path = tmp_path / "坏.xlsx"
    with zipfile.ZipFile(wv.PUBLIC_TABLES) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info, b"<not xml" if info.filename == "xl/workbook.xml" else body)
    assert error_of([path]) == f"「坏.xlsx」{UNREADABLE}。"


def test_empty_file(tmp_path):
    path = tmp_path / "空.xlsx"
    path.write_bytes(b"")
    assert "「空.xlsx」是空文件" in error_of([path])


def test_missing_file(tmp_path):
    assert "找不到文件" in error_of([tmp_path / "没有.xlsx"])


def test_a_folder_is_no_file(tmp_path):
    assert "不是文件" in error_of([tmp_path])


def test_oversized_file(tmp_path):
    path = tmp_path / "大.xlsx"
    with open(path, "wb") as f:
        f.write(b"PK\x03\x04")
        f.truncate(opening.MAX_FILE_BYTES + 1)   # sparse: no 50 MB written
    assert "超过了可以读取的 50 MB" in error_of([path])


def test_zip_bomb_by_ratio(tmp_path):
    path = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    assert "压缩比异常" in error_of([path])


def test_zip_too_large_unpacked(tmp_path, monkeypatch):
    monkeypatch.setattr(opening, "MAX_UNZIPPED_BYTES", 10_000)
    assert "大小或压缩比异常" in error_of([wv.PUBLIC_TABLES])


def test_zip_that_is_no_workbook(tmp_path):
    path = tmp_path / "文档.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<document/>")
    assert "不是 .xlsx 工作簿" in error_of([path])


def test_encrypted_workbook(tmp_path):
    path = tmp_path / "加密.xlsx"
    # An OLE container holding the stream of an encrypted OOXML package.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    path.write_bytes(ole + "EncryptionInfo".encode("utf-16-le") + b"\0" * 1024)
    assert "设置了打开密码（已加密）" in error_of([path])


def test_broken_xls(tmp_path):
    path = tmp_path / "旧.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)
    assert error_of([path]) == f"「旧.xls」{UNREADABLE}。"


def test_workbook_without_any_table(tmp_path):
    path = wv.save_sheets([wv.Sheet("Sheet1", {(1, 1): "你好", (2, 2): 3})], tmp_path / "别的.xlsx")
    message = error_of([path])
    assert message.startswith("「别的.xlsx」中没有找到公开表或绩效自评表（查找的表：收入支出决算总表、收入决算表、")
    assert message.endswith("、整体绩效自评表、项目绩效自评表）。")


def test_first_problem_stops_everything(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("x")
    assert "「bad.xlsx」" in error_of([wv.PUBLIC_TABLES, bad, tmp_path / "missing.xlsx"])


def test_same_table_twice(tmp_path):
    copy = tmp_path / "副本.xlsx"
    copy.write_bytes(wv.PUBLIC_TABLES.read_bytes())
    message = error_of([wv.PUBLIC_TABLES, copy])
    assert "公开01表「收入支出决算总表」出现了两次" in message and "「副本.xlsx」工作表「公开01表」" in message


def test_unknown_code_with_figures(tmp_path):
    path = with_cell(tmp_path, "公开03表", "A11", "20103-99")
    assert error_of([path]) == "「收入决算表.xlsx」工作表「公开03表」A11 单元格的科目编码「20103-99」无法识别。"


def test_functional_code_in_06(tmp_path):
    path = with_cell(tmp_path, "公开06表", "A7", "3010101")
    assert "工作表「公开06表」A7 单元格的经济分类科目编码「3010101」无法识别" in error_of([path])


def test_figure_in_a_cell_the_row_has_not(tmp_path):
    path = with_cell(tmp_path, "公开04表", "H35", 5)
    message = error_of([path])
    assert "工作表「公开04表」H35 单元格有数「5」" in message and "第61行没有第4栏" in message


def test_zero_in_a_cell_the_row_has_not_is_ignored(tmp_path):
    path = with_cell(tmp_path, "公开01表", "C20", 0)
    assert ("14", "1") not in read_workbooks([path], 2024).tables["01"].cells


def test_title_and_label_disagree(tmp_path):
    path = with_cell(tmp_path, "公开03表", "H2", "公开05表")
    assert "标题「2024年度支出决算表」与 H2 的表号「公开05表」不一致" in error_of([path])


def test_missing_columns(tmp_path):
    sheets = wv.load_sheets(wv.PUBLIC_TABLES)
    s = wv.sheet(sheets, "公开05表")
    s.set("E6", None), s.set("E4", None)
    message = error_of([wv.save_sheets(sheets, tmp_path / "x.xlsx")])
    assert "工作表「公开05表」的公开05表中找不到第3栏「本年支出项目支出」" in message


def test_same_header_twice_without_lanci_row_is_refused(tmp_path):
    """09 without its 栏次 row and without the 预算数 | 决算数 heads over them: 合计, 因公出国（境）费 …
    each head twice, and nothing says which is which. Never read one for the other."""
    sheets = [wv.sheet(wv.load_sheets(wv.PUBLIC_TABLES), "公开09表")]
    s = sheets[0]
    for i, col in enumerate("ABCDEFGHIJKL", start=1):
        s.set(f"{col}4", None), s.set(f"{col}7", None), s.set(f"{col}8", i + 0.5)
    s.merged = [m for m in s.merged if m[0] != 4]
    message = error_of([wv.save_sheets(sheets, tmp_path / "09.xlsx")])
    assert "工作表「公开09表」的公开09表中找不到第1栏「预算数合计」" in message
    assert "第7栏「决算数合计」" in message and "请保留表头和栏次行" in message


def test_an_xlsx_workbook_named_xls_is_read_by_its_content(tmp_path):
    """Finance systems write .xlsx workbooks under a .xls name: read as what they are."""
    renamed = tmp_path / "财政系统导出.xls"
    renamed.write_bytes(wv.PUBLIC_TABLES.read_bytes())
    assert read_workbooks([renamed], 2024).tables.keys() == read_workbooks([wv.PUBLIC_TABLES], 2024).tables.keys()


def test_our_export_named_xls_gives_back_the_whole_report(tmp_path):
    from kuaiji_desk.core.excel.writer import export_workbook
    from kuaiji_desk.core.sample import load_sample

    export_workbook(load_sample(), tmp_path / "x.xlsx")
    (tmp_path / "x.xlsx").rename(tmp_path / "x.xls")
    assert read_workbooks([tmp_path / "x.xls"], 2024).exact
