"""Reading the 公开表 from workbooks, and applying them to a report."""
from __future__ import annotations

import pytest

from kuaiji_desk.core.excel.importer import ImportedData, apply_import, read_workbooks
from kuaiji_desk.core.excel.opening import read_grids
from kuaiji_desk.core.layout import Values
from kuaiji_desk.core.report import new_report

import workbook_variants as wv

WAN = 1_000_000  # 分 per 万元


def wan(text: str) -> int:
    """'1286.76' 万元 → 分, without floats."""
    whole, _, frac = text.partition(".")
    return int(whole) * WAN + int((frac + "00")[:2]) * 10_000


@pytest.fixture(scope="module")
def public() -> ImportedData:
    return read_workbooks([wv.PUBLIC_TABLES], 2024)


def test_every_table_is_found_with_its_unit_and_source(public):
    assert sorted(public.tables) == ["01", "02", "03", "04", "05", "06", "07", "08", "09"]
    for tid, t in public.tables.items():
        assert t.unit == "万元"
        assert t.source == ("hanyang-2024-public-tables.xlsx", f"公开{tid}表")
    assert public.department == "武汉市汉阳区城市运行管理中心"
    assert public.projects is None and public.overall is None
    assert any(line.startswith("公开02表「收入决算表」") for line in public.found)
    assert "部门：武汉市汉阳区城市运行管理中心" in public.found


@pytest.mark.parametrize("table,row,col,amount", [
    ("02", "2010350", "2", "251.35"),
    ("02", "合计", "1", "1286.76"),
    ("02", "206", "1", "653.80"),
    ("03", "合计", "2", "335.28"),
    ("03", "合计", "3", "951.48"),
    ("03", "2010399", "3", "294.68"),
    ("05", "2101103", "2", "16.31"),
    ("01", "1", "1", "1286.76"),
    ("01", "30", "1", "1286.76"),
    ("01", "36", "2", "653.80"),
    ("01", "57", "2", "1286.76"),
    ("04", "33", "3", "546.03"),
    ("04", "59", "2", "1286.76"),
    ("04", "64", "3", "1286.76"),
    ("06", "301", "1", "309.48"),
    ("06", "30107", "1", "142.06"),
    ("06", "302", "1", "25.80"),
    ("06", "30299", "1", "0.03"),
    ("06", "人员经费合计", "1", "309.48"),
    ("06", "公用经费合计", "1", "25.80"),
])
def test_cells(public, table, row, col, amount):
    assert public.tables[table].cells[(row, col)] == wan(amount)
    assert (row, col) in public.tables[table].rounded


def test_exact_fen_values(public):
    assert public.tables["02"].cells[("2010350", "2")] == 251_350_000
    assert public.tables["01"].cells[("57", "2")] == 1_286_760_000
    assert public.tables["06"].cells[("人员经费合计", "1")] == 309_480_000
    assert public.tables["06"].cells[("301", "1")] == 309_480_000


def test_blank_cells_are_not_values(public):
    t02 = public.tables["02"]
    assert ("2010350", "3") not in t02.cells
    assert len(t02.cells) == 44  # 22 rows × 财政拨款 and 合计 columns
    assert ("30106", "1") not in public.tables["06"].cells
    assert ("2", "1") not in public.tables["01"].cells
    for tid in ("07", "08", "09"):
        assert public.tables[tid].cells == {}
    assert all(t.rounded == set(t.cells) for t in public.tables.values())


def test_code_rows_and_names(public):
    names = public.tables["02"].code_names
    assert list(names)[:4] == ["201", "20103", "2010350", "2010399"]
    assert names["20103"] == "政府办公厅(室)及相关机构事务"
    assert names["2130599"] == "其他巩固脱贫攻坚成果衔接乡村振兴支出"
    assert len(names) == 21
    n06 = public.tables["06"].code_names
    assert len(n06) == 62
    assert n06["30212"] == "因公出国(境)费用"
    assert n06["31099"] == "其他资本性支出"
    assert public.tables["07"].code_names == {}


def test_stated_totals_are_kept_as_stated(public):
    t01 = public.tables["01"].cells
    classes = sum(v for (row, col), v in t01.items() if col == "2" and 31 <= int(row) <= 56)
    assert classes == 1_286_750_000 and t01[("57", "2")] == 1_286_760_000
    t06 = public.tables["06"].cells
    kuan = sum(v for (row, _), v in t06.items() if len(row) == 5 and row.startswith("301"))
    assert kuan == 309_490_000 and t06[("301", "1")] == 309_480_000

    report = new_report("汉阳区城市运行管理中心", 2024)
    apply_import(report, public)
    values = Values(report)
    assert values.value("01", "57", "2") == 1_286_760_000
    assert values.value("06", "301", "1") == 309_480_000
    assert values.value("02", "合计", "1") == 1_286_760_000
    assert values.is_stated("01", "57", "2")


def test_apply_sets_cells_code_rows_and_department(public):
    report = new_report("城运中心", 2024)
    apply_import(report, public)
    assert report.department == "武汉市汉阳区城市运行管理中心"
    assert report.get("02", "2010350", "2") == 251_350_000
    assert ("02", "2010350", "2") in report.rounded
    assert report.get("02", "2010350", "3") is None
    assert report.code_rows["02"]["20103"] == "政府办公厅(室)及相关机构事务"
    assert report.code_rows["06"]["30212"] == "因公出国(境)费用"
    assert "30240" in report.code_rows["06"]  # printed, and one of the default rows
    assert report.projects == [] and report.overall is None


def test_apply_replaces_what_the_table_held(public):
    report = new_report("城运中心", 2024)
    report.add_code("02", "2050101", "自己填的")
    report.set("02", "2050101", "1", 5, rounded=True)
    report.set("09", "1", "7", 123)
    report.set("01", "3", "1", 7)
    apply_import(report, public)
    assert "2050101" not in report.code_rows["02"] and "205" not in report.code_rows["02"]
    assert report.get("02", "2050101", "1") is None
    assert not any(k[0] == "02" and k[1].startswith("205") for k in report.rounded)
    assert report.get("09", "1", "7") is None
    assert report.get("01", "3", "1") is None


def test_importing_twice_is_idempotent(public):
    once = new_report("城运中心", 2024)
    apply_import(once, public)
    twice = new_report("城运中心", 2024)
    apply_import(twice, public)
    apply_import(twice, read_workbooks([wv.PUBLIC_TABLES], 2024))
    assert once == twice


def _same_tables(imported: ImportedData, expected: ImportedData, rounded: bool = True):
    assert sorted(imported.tables) == sorted(expected.tables)
    for tid, t in expected.tables.items():
        got = imported.tables[tid]
        assert got.cells == t.cells, tid
        assert got.code_names == t.code_names, tid
        assert got.rounded == (t.rounded if rounded else set()), tid


@pytest.mark.parametrize("variant", [
    wv.three_column_codes, wv.text_numbers, wv.spacer_rows, wv.stacked, wv.scrambled_names,
    wv.finance_system, wv.hidden_rows_and_columns,
])
def test_variants_read_the_same(public, tmp_path, variant):
    path = wv.save_sheets(variant(wv.load_sheets(wv.PUBLIC_TABLES)), tmp_path / "variant.xlsx")
    imported = read_workbooks([path], 2024)
    _same_tables(imported, public)
    assert imported.department == public.department


def test_yuan_tables_are_exact(public, tmp_path):
    path = wv.save_sheets(wv.yuan_unit(wv.load_sheets(wv.PUBLIC_TABLES)), tmp_path / "yuan.xlsx")
    imported = read_workbooks([path], 2024)
    _same_tables(imported, public, rounded=False)
    assert all(t.unit == "元" for t in imported.tables.values())


def test_yuan_keeps_fen(tmp_path):
    sheets = wv.yuan_unit(wv.load_sheets(wv.PUBLIC_TABLES))
    wv.sheet(sheets, "公开02表").set("C10", "2,513,500.07")
    path = wv.save_sheets(sheets, tmp_path / "yuan.xlsx")
    t02 = read_workbooks([path], 2024).tables["02"]
    assert t02.cells[("2010350", "1")] == 251_350_007
    assert ("2010350", "1") not in t02.rounded


def test_more_decimals_than_shown_are_not_rounded(tmp_path):
    sheets = wv.load_sheets(wv.PUBLIC_TABLES)
    wv.sheet(sheets, "公开02表").set("C10", 251.353456)
    t02 = read_workbooks([wv.save_sheets(sheets, tmp_path / "x.xlsx")], 2024).tables["02"]
    assert t02.cells[("2010350", "1")] == 251_353_456
    assert ("2010350", "1") not in t02.rounded
    assert ("2010350", "2") in t02.rounded


def test_a_half_fen_in_a_cell_rounds_up(tmp_path):
    sheets = wv.load_sheets(wv.PUBLIC_TABLES)
    wv.sheet(sheets, "公开02表").set("C10", 251.3500005)     # 2 513 500.005 元
    wv.sheet(sheets, "公开02表").set("C11", 294.6800004)
    t02 = read_workbooks([wv.save_sheets(sheets, tmp_path / "x.xlsx")], 2024).tables["02"]
    assert t02.cells[("2010350", "1")] == 251_350_001
    assert t02.cells[("2010399", "1")] == 294_680_000


def test_float_noise_of_a_computed_total_is_still_rounded(tmp_path):
    sheets = wv.load_sheets(wv.PUBLIC_TABLES)
    wv.sheet(sheets, "公开02表").set("C7", 1286.7600000000002)
    t02 = read_workbooks([wv.save_sheets(sheets, tmp_path / "x.xlsx")], 2024).tables["02"]
    assert t02.cells[("合计", "1")] == 1_286_760_000
    assert ("合计", "1") in t02.rounded


def test_spaced_label_and_title_half_width_colon(public, tmp_path):
    sheets = wv.load_sheets(wv.PUBLIC_TABLES)
    s = wv.sheet(sheets, "公开02表")
    s.set("A1", "2024 年度 收入决算表"), s.set("I2", "公开 02 表"), s.set("I3", "单位:元")
    s = wv.sheet(sheets, "公开03表")
    s.set("A1", None), s.set("H2", "公开 03 表")
    imported = read_workbooks([wv.save_sheets(sheets, tmp_path / "x.xlsx")], 2024)
    assert imported.tables["02"].unit == "元"
    assert imported.tables["02"].cells[("合计", "1")] == 128_676  # 1286.76 元
    assert imported.tables["03"].cells == public.tables["03"].cells


def test_dash_and_blank_are_no_value_but_zero_is(tmp_path):
    sheets = wv.load_sheets(wv.PUBLIC_TABLES)
    s = wv.sheet(sheets, "公开02表")
    s.set("E10", "-"), s.set("F10", "—"), s.set("G10", 0)
    t02 = read_workbooks([wv.save_sheets(sheets, tmp_path / "x.xlsx")], 2024).tables["02"]
    assert ("2010350", "3") not in t02.cells and ("2010350", "4") not in t02.cells
    assert t02.cells[("2010350", "5")] == 0


def test_a_single_table_replaces_only_itself(public, tmp_path):
    sheets = [wv.sheet(wv.load_sheets(wv.PUBLIC_TABLES), "公开09表")]
    s = sheets[0]
    for col, value in zip("ABCDEFGHIJKL", [3, 0, 3, 0, 3, 0, 2.5, 0, 2.5, 0, 2.5, 0]):
        s.set(f"{col}8", value)
    imported = read_workbooks([wv.save_sheets(sheets, tmp_path / "09.xlsx")], 2024)
    assert list(imported.tables) == ["09"]
    assert imported.tables["09"].cells[("1", "1")] == 3 * WAN
    assert imported.tables["09"].cells[("1", "9")] == 2_500_000
    assert len(imported.tables["09"].cells) == 12
    report = new_report("城运中心", 2024)
    apply_import(report, public)
    apply_import(report, imported)
    assert report.get("09", "1", "7") == 2_500_000
    assert report.get("02", "2010350", "2") == 251_350_000


def test_fixed_rows_by_label_without_hangci(public, tmp_path):
    """Without 行次 numbers the rows are known by their labels, numbering or not."""
    sheets = wv.load_sheets(wv.PUBLIC_TABLES)
    s = wv.sheet(sheets, "公开04表")
    for r in range(7, 39):
        s.set(f"B{r}", None), s.set(f"E{r}", None)
    s.set("B5", None), s.set("E5", None)
    s.set("A7", "一般公共预算财政拨款")
    imported = read_workbooks([wv.save_sheets(sheets, tmp_path / "x.xlsx")], 2024)
    assert imported.tables["04"].cells == public.tables["04"].cells


def test_columns_by_headers_without_lanci_row(public, tmp_path):
    sheets = wv.load_sheets(wv.PUBLIC_TABLES)
    for title in ("公开02表", "公开03表", "公开04表"):
        s = wv.sheet(sheets, title)
        for c in "BCDEFGHI":
            s.set(f"{c}6", None)
        s.set("A6", None)
    imported = read_workbooks([wv.save_sheets(sheets, tmp_path / "x.xlsx")], 2024)
    for tid in ("02", "03", "04"):
        assert imported.tables[tid].cells == public.tables[tid].cells


def test_code_written_as_number_or_with_a_space(public, tmp_path):
    sheets = wv.load_sheets(wv.PUBLIC_TABLES)
    s = wv.sheet(sheets, "公开02表")
    s.set("A10", 2010350)
    s.set("A11", "201039 9")
    s.set("B12", "  科学技术支出 ")
    imported = read_workbooks([wv.save_sheets(sheets, tmp_path / "x.xlsx")], 2024)
    assert imported.tables["02"].cells == public.tables["02"].cells
    assert imported.tables["02"].code_names == public.tables["02"].code_names


def test_06_group_total_in_the_last_block(public, tmp_path):
    sheets = wv.load_sheets(wv.PUBLIC_TABLES)
    s = wv.sheet(sheets, "公开06表")
    s.set("I34", s.get("F34"))
    s.set("F34", None)
    s.merged.append((34, 4, 34, 8))
    imported = read_workbooks([wv.save_sheets(sheets, tmp_path / "x.xlsx")], 2024)
    assert imported.tables["06"].cells == public.tables["06"].cells


def test_table_of_contents_labels_are_no_tables(public, tmp_path):
    toc = wv.Sheet("目录", {(r, 1): f"公开0{r}表" for r in range(1, 10)})
    sheets = [toc] + wv.load_sheets(wv.PUBLIC_TABLES)
    imported = read_workbooks([wv.save_sheets(sheets, tmp_path / "x.xlsx")], 2024)
    _same_tables(imported, public)


XLS = wv.FIXTURES / "hanyang-2024-public-tables.xls"   # written by tests/make_xls_fixture.py


def test_xls_reads_the_same(public):
    imported = read_workbooks([XLS], 2024)
    _same_tables(imported, public)
    assert imported.tables["02"].source == ("hanyang-2024-public-tables.xls", "公开02表")


def test_xls_merged_ranges_and_percent_format():
    last = read_grids(XLS)[-1]
    assert (1, 1, 1, 12) in last.merged
    assert last.text(41, 1) == "86.45%"
    assert last.raw(41, 1) == 0.8645


def test_09_columns_by_headers_without_lanci_row(tmp_path):
    sheets = [wv.sheet(wv.load_sheets(wv.PUBLIC_TABLES), "公开09表")]
    s = sheets[0]
    for i, col in enumerate("ABCDEFGHIJKL", start=1):
        s.set(f"{col}7", None)
        s.set(f"{col}8", i + 0.5)
    cells = read_workbooks([wv.save_sheets(sheets, tmp_path / "09.xlsx")], 2024).tables["09"].cells
    assert cells == {("1", str(i)): i * WAN + WAN // 2 for i in range(1, 13)}
