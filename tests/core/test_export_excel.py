"""Exporting a report to Excel: the printed layout, print setup, and the exact round trip."""
from __future__ import annotations

import zipfile
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from kuaiji_desk.core.excel.datasheet import CELL_LIMIT, DATA_SHEET
from kuaiji_desk.core.excel.importer import WorkbookError, apply_import, read_workbooks
from kuaiji_desk.core.excel.sheet_writer import YUAN_FORMAT, SheetWriter, display_width, shown_number
from kuaiji_desk.core.excel.writer import OVERALL_SHEET, export_workbook
from kuaiji_desk.core.forms import for_year
from kuaiji_desk.core.report import Indicator, Overall, Project, new_report
from kuaiji_desk.core.sample import load_sample
from kuaiji_desk.core.shown import shown_values

YEAR = 2024
FORMS = for_year(YEAR)
TABLE_SHEETS = [t.label for t in FORMS.tables]


@pytest.fixture(scope="module")
def sample():
    return load_sample()


@pytest.fixture(scope="module")
def exported(sample, tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "sample.xlsx"
    export_workbook(sample, path)
    return path


@pytest.fixture(scope="module")
def book(exported):
    return openpyxl.load_workbook(exported)


def reimport(path, unit="武汉市汉阳区城市运行管理中心"):
    report = new_report(unit, YEAR)
    apply_import(report, read_workbooks([path], YEAR))
    return report


def cell_values(path) -> dict:
    wb = openpyxl.load_workbook(path)
    return {ws.title: (ws.sheet_state, {c.coordinate: c.value for row in ws.iter_rows() for c in row
                                        if c.value is not None})
            for ws in wb.worksheets}


# -- the round trip ----------------------------------------------------------------

def test_import_of_the_export_is_the_report(sample, exported):
    assert reimport(exported) == sample


def test_export_import_export_gives_the_same_cells(sample, exported, tmp_path):
    again = tmp_path / "again.xlsx"
    export_workbook(reimport(exported), again)
    assert cell_values(again) == cell_values(exported)


def exact_report():
    """Figures to the 分 (元 ledgers), texts a spreadsheet would take for formulas."""
    report = new_report("测试单位", YEAR, department="=测试部门")
    for code, base, project in (("2010301", 123_456_78, 1_000_01), ("2010302", 1_234_00, 0),
                                ("2080505", 9_999_99, 5_000_05)):
        for table in ("03", "05"):
            report.add_code(table, code)
            report.set(table, code, "2", base)
            report.set(table, code, "3", project)
    report.code_rows["03"]["2010302"] = "=HYPERLINK(\"http://x\")"
    report.set("01", "1", "1", 12_345_678)
    report.set("09", "1", "8", 1_234_56)
    report.projects = [Project(name="=1+1", department="#N/A", category="部门预算项目、区直专项",
                               attribute="持续性项目", kind="一次性项目", budget=10_000_00, spent=8_645_00,
                               indicators=[Indicator("产出指标", "数量指标", "=A1", "≥3300条", "1974条",
                                                     weight="10", score="8")],
                               deviation_reason="=SUM(A1:A9)")]
    report.overall = Overall(unit_name="测试单位", basic_total=335_277_569, project_total=None, goals="+1\n-2",
                             indicators=[Indicator(level2="公用经费控制", level3="控制率", target="90%", actual="")])
    report.texts = {"职责": "=1", "第四部分": "长" * (CELL_LIMIT + 10), "一.原因": ""}
    report.numbers = {"十一.货物": 1_234_567, "九.接待批次": 3}
    report.last_year = {"收支总计": 1_294_480_001}
    report.explanations = {"B01|01|1|1": "=说明"}
    return report


def test_exact_figures_and_formula_like_texts_survive(tmp_path):
    report = exact_report()
    path = tmp_path / "exact.xlsx"
    export_workbook(report, path)
    assert reimport(path, "测试单位") == report


def test_text_starting_with_equals_is_text(tmp_path):
    path = tmp_path / "exact.xlsx"
    export_workbook(exact_report(), path)
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in z.read(n) for n in sheets)
    wb = openpyxl.load_workbook(path)
    assert wb["=1+1"]["B2"].value == "=1+1"
    assert wb["公开01表"]["A3"].value == "部门：=测试部门"


def test_a_newer_data_format_is_refused(exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    wb[DATA_SHEET]["B1"] = 99
    path = tmp_path / "newer.xlsx"
    wb.save(path)
    with pytest.raises(WorkbookError, match="更新版本.*第99版"):
        read_workbooks([path], YEAR)


def test_another_year_is_refused(exported):
    with pytest.raises(WorkbookError, match="2024年度的报告.*2025年度"):
        read_workbooks([exported], 2025)


def test_an_export_is_imported_alone(exported):
    with pytest.raises(WorkbookError, match="请单独导入"):
        read_workbooks([exported, exported], YEAR)


def test_a_printed_figure_changed_in_excel_is_pointed_out(exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    wb["公开02表"]["C10"] = 251.36
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    found = read_workbooks([path], YEAR).found
    assert found[0].startswith("注意：公开02表中的数字与数据页不一致")
    assert not any(line.startswith("注意") for line in read_workbooks([exported], YEAR).found)


def test_the_data_sheet_is_hidden_plain_cells(book):
    ws = book[DATA_SHEET]
    assert ws.sheet_state == "hidden"
    assert (ws["A1"].value, ws["B1"].value) == ("format", 1)
    cells = [row for row in ws.iter_rows(values_only=True) if row[0] == "cell"]
    assert ("cell", "02", "2010350", "2", 251_350_000, True) in [row[:6] for row in cells]


# -- the printed tables ---------------------------------------------------------------

def test_sheets_are_named_as_published(book, sample):
    """The 公开表 by their labels, each 项目绩效自评表 after its project."""
    names = TABLE_SHEETS + [OVERALL_SHEET] + [p.name for p in sample.projects] + [DATA_SHEET]
    assert book.sheetnames == names
    assert all(len(n) <= 31 for n in names)


EXCEL_FORBIDS = set('[]:*?/\\')


def exported_sheet_names(tmp_path, names: list[str]) -> list[str]:
    report = new_report("测试单位", YEAR)
    report.projects = [Project(name=n, budget=100, spent=50) for n in names]
    path = tmp_path / "names.xlsx"
    export_workbook(report, path)
    assert [p.name for p in reimport(path, "测试单位").projects] == names   # read back by their titles
    return openpyxl.load_workbook(path).sheetnames[len(TABLE_SHEETS):-1]


def test_long_project_names_are_cut_to_31_characters_and_kept_apart(tmp_path):
    same = "汉阳区市民热线工作服务平台及区人大履职系统运行经费和区政府门户网站运维"   # 35 characters
    sheets = exported_sheet_names(tmp_path, [same + "一期", same + "二期", "短名称"])
    assert all(len(n) <= 31 for n in sheets)
    assert len({n.casefold() for n in sheets}) == len(sheets)
    assert sheets[0] == same[:31] and sheets[1] == same[:28] + "（2）" and sheets[2] == "短名称"


def test_project_names_excel_forbids_or_repeats_become_valid_sheet_names(tmp_path):
    names = ["预算[2024]:审核/复核?*\\项目", "KUAIJI_DATA", "OA系统", "oa系统", "", "'引号'", "History"]
    sheets = exported_sheet_names(tmp_path, names)
    assert not any(EXCEL_FORBIDS & set(n) for n in sheets)
    assert sheets[0] == "预算［2024］：审核／复核？＊＼项目"
    assert sheets[1] == "KUAIJI_DATA（2）"                # the data sheet keeps its name
    assert sheets[2:5] == ["OA系统", "oa系统（2）", "项目5"]   # Excel tells names apart without case
    assert sheets[5] == "引号" and sheets[6] == "History（2）"
    assert all(0 < len(n) <= 31 and not n.startswith("'") and not n.endswith("'") for n in sheets)


def test_printed_tables_read_back_as_the_shown_figures(sample, exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    del wb[DATA_SHEET]
    path = tmp_path / "printed.xlsx"
    wb.save(path)
    data = read_workbooks([path], YEAR)
    assert sorted(data.tables) == [t.id for t in FORMS.tables]
    for tid, table in data.tables.items():
        assert table.cells == shown_values(sample, tid), tid
        assert table.code_names == (sample.code_rows.get(tid, {}) if tid not in ("01", "04", "09") else {})
    assert data.department == sample.department_name
    assert [p.name for p in data.projects] == [p.name for p in sample.projects]
    for read, original in zip(data.projects, sample.projects):
        assert (read.category, read.attribute, read.kind) == (original.category, original.attribute, original.kind)
        assert (read.budget, read.spent, read.indicators) == (original.budget, original.spent, original.indicators)
    assert data.overall.basic_total == sample.overall.basic_total == 335_277_569
    assert data.overall.indicators == sample.overall.indicators


def test_title_label_department_and_unit_lines(book):
    ws = book["公开02表"]
    assert ws["A1"].value == "2024年度收入决算表"
    assert ws["A1"].font.b and ws["A1"].alignment.horizontal == "center"
    assert "A1:I1" in {str(m) for m in ws.merged_cells.ranges}
    assert ws["I2"].value == "公开02表"
    assert ws["A3"].value == "部门：武汉市汉阳区城市运行管理中心"
    assert ws["I3"].value == "单位：万元"


def test_amounts_are_numbers_with_two_decimals(book):
    ws = book["公开02表"]
    assert ws["A8"].value == "201" and ws["B8"].value == "一般公共服务支出"
    assert ws["C8"].value == pytest.approx(546.03) and ws["C8"].number_format == "#,##0.00"
    assert ws["C8"].alignment.horizontal == "right"
    assert ws["E8"].value is None        # 上级补助收入: no value, blank


def test_figures_stand_clear_of_the_code_beside_them(book):
    """A right-aligned figure is kept off its cell's right edge (an indent), so that 309.48
    never runs into the 302 of the next block (06) nor 546.03 into 一、一般公共服务支出 (01)."""
    for ws in book.worksheets[:len(TABLE_SHEETS)]:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, (int, float)) and cell.alignment.horizontal == "right":
                    assert cell.alignment.indent >= 1, (ws.title, cell.coordinate)
    assert book["公开06表"]["C6"].value == pytest.approx(309.48) and book["公开06表"]["D6"].value == "302"


def test_multi_level_headers_are_merged(book):
    ws = book["公开09表"]
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {"A4:F4", "G4:L4", "C5:E5", "A5:A6", "I5:K5"} <= merged
    assert [ws.cell(7, c).value for c in range(1, 13)] == [str(i) for i in range(1, 13)]
    ws = book["公开04表"]
    assert ws["F5"].value == "决算数" and "F5:I5" in {str(m) for m in ws.merged_cells.ranges}
    assert (ws["A7"].value, ws["D7"].value, ws["F7"].value) == ("栏次", "栏次", "2")


def test_06_is_printed_in_three_blocks(book):
    ws = book["公开06表"]
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert (ws["A4"].value, ws["D4"].value) == ("人员经费", "公用经费")
    assert {"A4:C4", "D4:I4"} <= merged
    assert [ws.cell(5, c).value for c in (1, 4, 7)] == ["经济分类科目编码"] * 3
    assert (ws["A6"].value, ws["D6"].value, ws["G6"].value) == ("301", "302", "310")
    total = next(r for r in range(6, ws.max_row + 1) if ws.cell(r, 1).value == "人员经费合计")
    assert ws.cell(total, 3).value == pytest.approx(309.48)       # the sum of the printed 301 items
    assert ws.cell(total, 4).value == "公用经费合计" and ws.cell(total, 6).value == pytest.approx(25.80)


def test_notes_and_statements_of_empty_tables(book):
    def texts(name):
        return [c.value for row in book[name].iter_rows() for c in row if isinstance(c.value, str)]
    for table in FORMS.tables:
        lines = texts(table.label)
        assert "注：" + table.note.split("\n")[0] in lines
        assert (table.statement(YEAR) in lines) == (table.id in ("07", "08", "09")), table.id
    assert "2. 本套报表金额单位转换时可能存在尾数误差。" in texts("公开01表")


def test_print_setup(book):
    for table in FORMS.tables:
        ws = book[table.label]
        assert ws.page_setup.paperSize == int(ws.PAPERSIZE_A4)
        assert ws.page_setup.orientation == ("landscape" if table.landscape else "portrait")
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.print_title_rows and ws.print_title_rows.startswith("$4:$")
        assert ws.oddFooter.center.text == "第 &P 页 / 共 &N 页"
    assert book["公开02表"].print_title_rows == "$4:$6"
    assert book["公开09表"].print_title_rows == "$4:$7"


def test_column_widths_are_set(book):
    for ws in book.worksheets:
        if ws.title == DATA_SHEET:
            continue
        for c in range(1, ws.max_column + 1):
            assert ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width >= 6, (ws.title, c)
    assert book["公开02表"].column_dimensions["B"].width > book["公开02表"].column_dimensions["A"].width
    assert book["公开02表"].column_dimensions["C"].width >= 12


def widths(ws, c1: int, c2: int) -> float:
    return sum(ws.column_dimensions[get_column_letter(c)].width for c in range(c1, c2 + 1))


def test_every_figure_fits_its_cell(book):
    """No figure shows as ####: its cell (with the columns it is merged over) is wider than the
    text its format shows, a 汉字 counted twice."""
    for ws in book.worksheets:
        if ws.title == DATA_SHEET:
            continue
        merged = {(m.min_row, m.min_col): m.max_col for m in ws.merged_cells.ranges}
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, (int, float)):
                    text = shown_number(Decimal(str(cell.value)), cell.number_format)
                    room = widths(ws, cell.column, merged.get((cell.row, cell.column), cell.column))
                    assert room >= display_width(text) + 2 * (cell.alignment.indent or 0), (ws.title, cell.coordinate)


def test_spent_is_no_wider_than_the_rate(book, sample):
    """执行数 stands in a column sized to it (the 年初目标值's), not under the long 三级指标."""
    for p in sample.projects:
        ws = book[p.name]
        header = {ws.cell(7, c).value: c for c in range(1, ws.max_column + 1)}
        spent, rate = header["执行数(B)"], header["执行率(B/A)"]
        assert widths(ws, spent, spent) <= widths(ws, rate, rate), p.name
        assert ws.cell(9, spent).value != "三级指标", p.name


def test_a_forms_labels_wrap_in_a_narrow_column(book, sample):
    """「偏差大或目标未完成原因分析」 wraps over lines, as printed, rather than widening the
    label column to the width of a third of the page."""
    for ws in [book[p.name] for p in sample.projects]:
        assert ws.column_dimensions["A"].width <= 16, ws.title
        deviation = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "偏差大或目标未完成原因分析")
        assert ws.cell(deviation, 1).alignment.wrap_text, ws.title


# -- the 绩效自评表 -------------------------------------------------------------------------

def test_project_sheet_as_published(book, sample):
    ws = book[sample.projects[12].name]
    assert ws.title == "文明创建、党建、综治、档案、老干工作经费"
    assert ws["A1"].value == "2024年度文明创建、党建、综治、档案、老干工作经费项目绩效自评表"
    assert ws["B4"].value == "1、部门预算项目 ☑  2、区直专项 □  3、上级对下转移支付项目 □"
    # The figures in the last three columns, as the PDF prints them.
    assert ws["B8"].value == "年度财政资金总额" and "B8:C8" in {str(m) for m in ws.merged_cells.ranges}
    assert [ws.cell(7, c).value for c in (4, 5, 6)] == ["预算数(A)", "执行数(B)", "执行率(B/A)"]
    assert ws["F8"].value == "97.2%"      # computed from the amounts; the template printed 97.18%
    assert ws["A9"].value == "年度绩效目标" and ws["E9"].value == "年初目标值(A)"


def test_remarks_are_a_row_of_the_table(book, sample):
    """备注 is the form's last row, framed, its lines merged across the table's columns
    and wrapped, as the PDF has it: nothing below or right of the table."""
    for p in sample.projects:
        ws = book[p.name]
        last_col = max(m.max_col for m in ws.merged_cells.ranges)
        r = ws.max_row
        assert ws.cell(r, 1).value == "备注", p.name
        assert ws.cell(r, 2).value.startswith("1. 预算执行情况口径") and ws.cell(r, 2).alignment.wrap_text
        assert f"B{r}:{get_column_letter(last_col)}{r}" in {str(m) for m in ws.merged_cells.ranges}
        assert all(ws.cell(r, c).border.bottom.style for c in range(1, last_col + 1)), p.name
        assert ws.cell(r, 1).border.left.style and ws.cell(r, last_col).border.right.style
        assert ws.max_column == last_col
        assert ws.row_dimensions[r].height >= 3 * 14, p.name    # three lines


def test_table_notes_stay_within_the_table(book):
    for table in FORMS.tables:
        ws = book[table.label]
        width = max(m.max_col for m in ws.merged_cells.ranges if m.min_row == 1)
        note = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith("注："))
        merged = next(m for m in ws.merged_cells.ranges if (m.min_row, m.min_col) == (note, 1))
        assert merged.max_col == width and ws.cell(note, 1).alignment.wrap_text, table.id


def test_overall_sheet_as_published(book):
    ws = book[OVERALL_SHEET]
    assert ws["A1"].value == "2024年度汉阳区城市运行管理中心整体绩效自评表"
    assert ws["A2"].value == "填报日期：2025年6月20日"
    assert ws["B4"].value == pytest.approx(3352775.69) and ws["B4"].number_format == YUAN_FORMAT
    assert ws["E4"].value == pytest.approx(9514790.69) and ws["E4"].number_format == YUAN_FORMAT
    assert [ws.cell(6, c).value for c in range(1, 7)] == [
        "一级指标", "二级指标", "三级指标", "指标分类", "年初目标值(a)", "实际完成值(b)"]


def test_a_zero_budget_has_no_rate(tmp_path):
    report = new_report("测试单位", YEAR)
    report.projects = [Project(name="零预算", budget=0, spent=100)]
    path = tmp_path / "zero.xlsx"
    export_workbook(report, path)
    assert openpyxl.load_workbook(path)["零预算"]["F8"].value == "预算数为0"


def test_yuan_amounts_read_as_the_pdf_prints_them():
    """「3,352,775.69 元」: grouped, two decimals, a space and 元; the cell stays a number."""
    assert YUAN_FORMAT == '#,##0.00" 元"'
    assert shown_number(Decimal("3352775.69"), YUAN_FORMAT) == "3,352,775.69 元"


def test_a_figure_merged_over_narrow_columns_widens_them(tmp_path):
    """An amount over merged columns that nothing else widens: they are made wide enough."""
    book = openpyxl.Workbook()
    sw = SheetWriter(book.active)
    sw.amount(1, 1, 123_456_789_012, unit="元", to=(1, 2))
    sw.finish(None, False)
    assert widths(book.active, 1, 2) >= display_width("1,234,567,890.12 元")


def test_spent_is_no_wider_than_the_rate_beside_a_long_target(tmp_path):
    report = new_report("测试单位", YEAR)
    report.projects = [Project(name="长目标值", budget=123_456_789, spent=100, indicators=[
        Indicator("产出指标", "数量指标", "完成数", "全年完成不少于三百件并全部归档", "300件")])]
    path = tmp_path / "long.xlsx"
    export_workbook(report, path)
    ws = openpyxl.load_workbook(path)["长目标值"]
    header = {ws.cell(7, c).value: c for c in range(1, ws.max_column + 1)}
    assert widths(ws, header["执行数(B)"], header["执行数(B)"]) <= widths(ws, header["执行率(B/A)"], header["执行率(B/A)"])
