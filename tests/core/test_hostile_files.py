"""Small files that ask for a lot are refused in seconds, saying why, file and sheet named —
not read for minutes into gigabytes.  Each is read in a child process with its memory capped
(tests/hostile_files.py); the time and the peak memory of each read are bounded here."""
from __future__ import annotations

import random
import re
import zipfile

import pytest

import hostile_files as hf
import workbook_variants as wv
from kuaiji_desk.core.excel import opening
from kuaiji_desk.core.excel.writer import export_workbook
from kuaiji_desk.core.sample import load_sample

SECONDS, PEAK_MB = 10, 500
UNIT = "汉阳区城市运行管理中心"


def bounded(result: dict) -> dict:
    print(f"\n  {result['seconds']} s, {result['peak_mb']} MB: {result['said'][:160]}")
    assert result["ok"] is not None, result["said"]
    assert result["seconds"] < SECONDS and result["peak_mb"] < PEAK_MB, result
    return result


def refused(path, words: list[str]) -> str:
    result = bounded(hf.probe("read", path, 2024))
    assert result["ok"] is False, result["said"]
    for w in words:
        assert w in result["said"]
    return result["said"]


def test_one_merged_range_over_the_whole_sheet(tmp_path):
    """The reported file: 22 KB, one merged range H1:XFD1048576 — 167 s and 5.8 GB before."""
    path = hf.merged_range(tmp_path / "合并.xlsx", "公开02表", "H1:XFD1048576")
    assert path.stat().st_size < 30_000
    said = refused(path, ["「合并.xlsx」工作表「公开02表」", "H1:XFD1048576", "合并单元格"])
    assert "17,172,529,152 个单元格" in said     # 1 048 576 rows × 16 377 columns


def test_the_same_through_the_command_line(tmp_path):
    path = hf.merged_range(tmp_path / "合并.xlsx", "公开02表", "H1:XFD1048576")
    db = tmp_path / "k.db"
    result = bounded(hf.probe("cli", "--db", db, "import", UNIT, 2024, path))
    assert result["ok"] == 2 and "「合并.xlsx」工作表「公开02表」" in result["said"]
    assert not db.exists() or "还没有报告" in hf.probe("cli", "--db", db, "reports")["said"]


def test_a_merged_range_as_large_as_a_whole_column(tmp_path):
    refused(hf.merged_range(tmp_path / "列.xlsx", "公开05表", "A:A"), ["工作表「公开05表」", "1,048,576 个单元格"])


def test_many_small_merged_ranges(tmp_path):
    refused(hf.many_merges(tmp_path / "多.xlsx", "公开03表", 30_000), ["「多.xlsx」工作表「公开03表」", "合并单元格"])


def test_merged_ranges_on_every_sheet_add_up(tmp_path):
    """Each sheet under the bound of one sheet, the workbook over that of all."""
    path = hf.merges_on_every_sheet(tmp_path / "每表.xlsx", "K1:T9000")
    refused(path, ["「每表.xlsx」", "合并单元格共覆盖"])


def test_a_sheet_of_a_hundred_and_fifty_megabytes_in_two(tmp_path):
    """As reported (480 MB of sheet XML in a 3.4 MB file, six minutes): packed about 90:1, so
    that neither the file's size nor the zip-bomb ratio nor the 500 MB in all catches it."""
    path = hf.huge_sheet(tmp_path / "大表.xlsx", "公开09表", 150 * hf.MB)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(hf.sheet_parts(wv.PUBLIC_TABLES)["公开09表"])
    assert info.file_size > 140 * hf.MB and path.stat().st_size < 5 * hf.MB
    assert info.file_size < opening.MAX_ZIP_RATIO * path.stat().st_size
    refused(path, ["「大表.xlsx」工作表「公开09表」", "MB", "超过了一张工作表可以读取的"])


def grown(path, sheets: dict[str, bytes], level: int = 1):
    """The fixture with XML put at the end of some sheets' data."""
    parts = hf.sheet_parts(wv.PUBLIC_TABLES)
    return hf.patched(wv.PUBLIC_TABLES, path, {
        parts[title]: (lambda xml, more=more: xml.replace(b"</sheetData>", more + b"</sheetData>", 1))
        for title, more in sheets.items()}, level=level)


def test_sheets_each_small_but_too_many_cells_together(tmp_path):
    """Five sheets of 6 MB, a million cells: 40 s and 670 MB before."""
    rows = b"".join(hf._rows(6 * hf.MB))
    path = grown(tmp_path / "五表.xlsx", dict.fromkeys(("公开03表", "公开06表", "公开07表", "公开08表", "公开09表"), rows))
    refused(path, ["「五表.xlsx」的内容有 250,000 项以上（到工作表「公开03表」为止）"])


def test_too_many_cells(tmp_path):
    """120 000 cells, ten thousand a row."""
    row = b"".join(b'<c t="n"><v>%d</v></c>' % i for i in range(10_000))
    rows = b"".join(b'<row r="%d">' % r + row + b"</row>" for r in range(2000, 2012))
    refused(grown(tmp_path / "多格.xlsx", {"公开09表": rows}), ["「多格.xlsx」的单元格共有 100,000 个以上（到工作表「公开09表」为止）"])


def test_rows_without_cells(tmp_path):
    """Rows that only have a height: openpyxl spends on each as on a cell (250 000: 8 s)."""
    rows = b"".join(b'<row r="%d" ht="20" customHeight="1"/>' % r for r in range(100, 250_000))
    refused(grown(tmp_path / "空行.xlsx", {"公开09表": rows}), ["「空行.xlsx」的行共有 100,000 行以上（到工作表「公开09表」为止）"])


def test_more_cell_formats_than_excel_allows(tmp_path):
    """150 000 cell formats: 7 s, then a traceback before."""
    def formats(xml: bytes) -> bytes:
        xfs = b"".join(b'<xf numFmtId="%d" fontId="0" fillId="0" borderId="0"/>' % (i * 7919 % 10 ** 6)
                       for i in range(150_000))
        return re.sub(rb"<cellXfs[^>]*>", b'<cellXfs count="150000">' + xfs, xml, count=1)
    path = hf.patched(wv.PUBLIC_TABLES, tmp_path / "格式.xlsx", {"xl/styles.xml": formats})
    refused(path, ["「格式.xlsx」定义了 65,000 种以上的单元格格式"])


def test_too_many_elements_of_any_kind(tmp_path):
    """Column formats, 260 000 of them: no cells, no rows, still work for openpyxl."""
    cols = b"<cols>" + b"".join(b'<col min="%d" max="%d"/>' % (i % 9 + 1, i % 9 + 1) for i in range(260_000)) + b"</cols>"
    part = hf.sheet_parts(wv.PUBLIC_TABLES)["公开09表"]
    path = hf.patched(wv.PUBLIC_TABLES, tmp_path / "列格式.xlsx",
                      {part: lambda xml: re.sub(rb"<cols>.*?</cols>", cols, xml, count=1, flags=re.S)}, level=1)
    refused(path, ["「列格式.xlsx」的内容有 250,000 项以上（到工作表「公开09表」为止）"])


def test_too_much_text_in_all(tmp_path):
    """Five sheets of 9 MB text each, under the bound of one part, over that of all."""
    rng = random.Random(5)
    text = "".join(rng.choice("预算决算收入支出") for _ in range(3 * hf.MB)).encode()   # 9 MB in UTF-8
    cell = b'<row r="2000"><c r="A2000" t="inlineStr"><is><t>' + text + b"</t></is></c></row>"
    path = grown(tmp_path / "长文.xlsx", dict.fromkeys(("公开03表", "公开06表", "公开07表", "公开08表", "公开09表"), cell))
    refused(path, ["「长文.xlsx」中的表格解压后共有", "超过了可以读取的 40 MB"])


def test_a_format_the_file_lacks_is_no_traceback(tmp_path):
    """Cell styles pointing at a number format that is not there: read without it."""
    def formats(xml: bytes) -> bytes:
        head, rest = xml.split(b"<cellXfs", 1)
        xfs, tail = rest.split(b"</cellXfs>", 1)
        return head + b"<cellXfs" + re.sub(rb'numFmtId="\d+"', b'numFmtId="999"', xfs) + b"</cellXfs>" + tail
    path = hf.patched(wv.PUBLIC_TABLES, tmp_path / "缺格式.xlsx", {"xl/styles.xml": formats})
    result = bounded(hf.probe("read", path, 2024))
    assert result["ok"] is True, result["said"]


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "示例.xlsx"
    export_workbook(load_sample(), path)
    return path


def test_a_data_sheet_declaring_the_whole_grid_is_read_as_it_is(export, tmp_path):
    """Its dimension A1:XFD1048576 over 30 000 rows: a reader that pads each row to the declared
    width makes 500 million cells.  The rows are read as long as they are."""
    path = hf.padded_data_sheet(export, tmp_path / "数据页.xlsx", 30_000)
    result = bounded(hf.probe("read", path, 2024))
    assert result["ok"] is True and "按隐藏的数据页「kuaiji_data」原样读取" in result["said"]


def test_a_table_declaring_the_whole_grid_is_read_as_it_is(tmp_path):
    def change(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is>'
                                            b"</c></row></sheetData>", 1)
    path = hf.patched(wv.PUBLIC_TABLES, tmp_path / "远.xlsx", {hf.sheet_parts(wv.PUBLIC_TABLES)["公开02表"]: change})
    result = bounded(hf.probe("read", path, 2024))
    assert result["ok"] is True and "公开02表「收入决算表」" in result["said"]


def test_an_xls_with_a_cell_in_the_far_corner(tmp_path):
    """One number at IV65536 of an .xls: 16.7 million cells when each row is padded to the
    widest (34 s, 220 MB before).  Read as the cells there are."""
    result = bounded(hf.probe("read", hf.xls_far_corner(tmp_path / "远.xls"), 2024))
    assert result["ok"] is True and "公开02表「收入决算表」" in result["said"]
