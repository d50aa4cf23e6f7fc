"""公开04表's 年末财政拨款结转和结余 as the template prints it: row 60 by fund in its columns
3–5, column 2 their sum; rows 61–63 unlabelled spacer rows.  Workbooks of older layouts
(by-fund figures in rows 61–63) read the same."""
from __future__ import annotations

import openpyxl
import pytest

from kuaiji_desk.core import rules
from kuaiji_desk.core.excel.datasheet import DATA_SHEET, _Reader
from kuaiji_desk.core.excel.importer import apply_import, read_workbooks
from kuaiji_desk.core.excel.writer import export_workbook
from kuaiji_desk.core.carry import last_year_figures
from kuaiji_desk.core.layout import Values
from kuaiji_desk.core.narrative import part_three
from kuaiji_desk.core.narrative.blocks import Paragraph
from kuaiji_desk.core.report import new_report
from kuaiji_desk.core.shown import shown_values

import workbook_variants as wv

W = 1_000_000          # 分 per 万元
YEAR = 2024

# The reference unit, given carry-overs in all three funds: 年初 = 年末 for each, since
# its 一般公共预算 income equals its spending.
GENERAL, FUND, CAPITAL = 100, 20, 5
CARRIED = GENERAL + FUND + CAPITAL                      # 125.00
TOTAL = "1411.76"                                       # 1286.76 + 125.00


def _with_carry_overs(sheets):
    """01, 04 and 07 of the fixture with the carry-overs; 04 row 60 left for the caller."""
    s01 = wv.sheet(sheets, "公开01表")
    s01.set("C35", CARRIED), s01.set("C36", float(TOTAL))           # 年初结转和结余, 总计
    s01.set("F35", CARRIED), s01.set("F36", float(TOTAL))           # 年末结转和结余, 总计
    s04 = wv.sheet(sheets, "公开04表")
    s04.set("C34", CARRIED)                                         # 28 年初财政拨款结转和结余
    s04.set("C35", GENERAL), s04.set("C36", FUND), s04.set("C37", CAPITAL)   # 29–31
    s04.set("C38", float(TOTAL))                                    # 32 总计
    s04.set("F38", float(TOTAL)), s04.set("G38", 1386.76)  # 64 总计 by fund
    s04.set("H38", FUND), s04.set("I38", CAPITAL)
    s07 = wv.sheet(sheets, "公开07表")      # 7 合计, 8 the note, 9 「本部门…无…」
    s07.set("A9", s07.get("A8"))                                    # the note, one row down
    s07.set("C7", FUND), s07.set("H7", FUND)                        # 合计: 年初, 年末
    s07.set("A8", "2296002"), s07.set("B8", "用于社会福利的彩票公益金支出")
    s07.set("C8", FUND), s07.set("H8", FUND)
    return sheets


def template_layout(tmp_path):
    sheets = _with_carry_overs(wv.load_sheets(wv.PUBLIC_TABLES))
    s04 = wv.sheet(sheets, "公开04表")
    s04.set("F34", CARRIED), s04.set("G34", GENERAL), s04.set("H34", FUND), s04.set("I34", CAPITAL)   # row 60
    return wv.save_sheets(sheets, tmp_path / "template.xlsx")


def old_layout(tmp_path, name="old.xlsx", **extra):
    """年末 by fund in rows 61–63: 一般公共预算 in the 小计 column, 政府性基金 in its fund's
    column, 国有资本经营 in both; row 60 states the total only."""
    sheets = _with_carry_overs(wv.load_sheets(wv.PUBLIC_TABLES))
    s04 = wv.sheet(sheets, "公开04表")
    s04.set("F34", CARRIED)                               # row 60 小计
    s04.set("F35", GENERAL)                               # row 61, 小计 column
    s04.set("H36", FUND)                                  # row 62, 政府性基金 column
    s04.set("F37", CAPITAL), s04.set("I37", CAPITAL)      # row 63, both
    for address, value in extra.items():
        s04.set(address, value)
    return wv.save_sheets(sheets, tmp_path / name)


def imported(path):
    report = new_report("武汉市汉阳区城市运行管理中心", YEAR)
    data = read_workbooks([path], YEAR)
    apply_import(report, data)
    return report, data


def cells_04(report):
    return {k: v for k, v in report.cells.items() if k[0] == "04"}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return imported(template_layout(tmp_path_factory.mktemp("t")))


def test_the_template_layout_reads_row_60_by_fund(template):
    report, data = template
    assert {c: report.cells.get(("04", "60", c)) for c in "2345"} == {
        "2": CARRIED * W, "3": GENERAL * W, "4": FUND * W, "5": CAPITAL * W}
    assert not any(k[0] == "04" and k[1] in ("61", "62", "63") for k in report.cells)
    assert not any("61–63" in line for line in data.found)      # nothing to carry: no note


def test_the_template_layout_checks_without_a10_and_a12_holds_per_fund(template):
    report, _ = template
    findings = rules.check(report)
    # The reference's own 尾数 of 本年支出合计 (1286.75 over 1286.76) stays a notice.
    assert {(f.row, f.severity) for f in findings if f.rule == "A10"} == {("59", "notice")}
    assert [f for f in findings if f.rule in ("A11", "A12", "B06", "B09", "B11")] == []
    assert [f for f in findings if f.severity == "error" and f.rule[0] in "AB"] == []
    v = Values(report)
    assert v.value("04", "64", "2") == v.value("04", "32", "1") == 1411_760_000


@pytest.mark.parametrize("col,fund", [("3", "一般公共预算"), ("4", "政府性基金"), ("5", "国有资本经营")])
def test_a12_is_checked_per_fund_on_row_60(template, col, fund):
    report, _ = template
    report = _copy(report)
    report.set("04", "60", col, report.cells[("04", "60", col)] + W)
    a12 = [f for f in rules.check(report) if f.rule == "A12"]
    assert len(a12) == 1 and a12[0].message.startswith(fund)
    assert a12[0].expected - a12[0].actual in (W, -W)


def _copy(report):
    out = new_report(report.unit, report.year)
    out.cells, out.rounded = dict(report.cells), set(report.rounded)
    out.code_rows = {t: dict(c) for t, c in report.code_rows.items()}
    return out


def test_the_old_layout_reads_the_same_with_a_note(template, tmp_path):
    report, data = imported(old_layout(tmp_path))
    assert cells_04(report) == cells_04(template[0])
    assert report.rounded == template[0].rounded
    note = next(line for line in data.found if "61–63" in line)
    assert "一般公共预算财政拨款 100.00 万元（第61行 → 第60行第3栏）" in note
    assert "政府性基金预算财政拨款 20.00 万元（第62行 → 第60行第4栏）" in note
    assert "国有资本经营预算财政拨款 5.00 万元（第63行 → 第60行第5栏）" in note
    assert {(f.row, f.severity) for f in rules.check(report) if f.rule == "A10"} == {("59", "notice")}


def test_old_rows_named_by_their_label_without_row_numbers(template, tmp_path):
    """A workbook without 行次 names the by-fund rows as the old layout did."""
    sheets = wv.load_sheets(old_layout(tmp_path))
    s04 = wv.sheet(sheets, "公开04表")
    s04.set("D35", "一般公共预算财政拨款"), s04.set("D36", "政府性基金预算财政拨款")
    s04.set("D37", "国有资本经营预算财政拨款")
    for (r, c) in [k for k in s04.cells if k[1] in (2, 5)]:
        del s04.cells[(r, c)]
    report, _ = imported(wv.save_sheets(sheets, tmp_path / "no_hangci.xlsx"))
    assert cells_04(report) == cells_04(template[0])


def test_an_old_row_disagreeing_with_row_60_wins_and_is_named(tmp_path):
    # Row 60 states 90 for 一般公共预算; row 61 says 100 in its fund's column, 99 in its 小计.
    report, data = imported(old_layout(tmp_path, G34=90, G35=GENERAL, F35=99))
    assert report.cells[("04", "60", "3")] == GENERAL * W
    assert "公开04表第60行第3栏原为 90.00 万元，按第61行改为 100.00 万元。" in data.found
    assert "公开04表第61行（一般公共预算财政拨款）小计栏 99.00 万元与第3栏 100.00 万元不一致，按第3栏读取。" in data.found


def test_zeros_in_the_spacer_rows_leave_row_60_alone(template, tmp_path):
    path = template_layout(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["公开04表"]
    for r in (35, 36, 37):
        for c in "FGHI":
            ws[f"{c}{r}"] = 0
    wb.save(path)
    report, data = imported(path)
    assert cells_04(report) == cells_04(template[0])


def test_another_column_of_an_old_row_is_refused(tmp_path):
    from kuaiji_desk.core.excel.errors import WorkbookError
    with pytest.raises(WorkbookError, match="第61行没有第4栏"):
        imported(old_layout(tmp_path, H35=3))


def test_export_prints_row_60_by_fund_and_spacers_and_reimports_exactly(template, tmp_path):
    report, _ = template
    path = tmp_path / "export.xlsx"
    export_workbook(report, path)
    ws = openpyxl.load_workbook(path)["公开04表"]
    rows = {ws.cell(r, 5).value: r for r in range(1, ws.max_row + 1) if isinstance(ws.cell(r, 5).value, int)}
    assert ws.cell(rows[60], 4).value == "年末财政拨款结转和结余"
    assert [ws.cell(rows[60], c).value for c in range(6, 10)] == [125, 100, 20, 5]
    for n in (61, 62, 63):      # printed as the template prints them: 行次 only
        assert ws.cell(rows[n], 4).value in (None, "") and [ws.cell(rows[n], c).value for c in range(6, 10)] == [None] * 4
    again, _ = imported(path)                                   # the data sheet: exactly
    assert again == report
    wb = openpyxl.load_workbook(path)
    del wb[DATA_SHEET]
    wb.save(path)
    printed, _ = imported(path)                                 # the printed tables
    assert {k: v for k, v in cells_04(printed).items()} == {
        ("04", r, c): v for (r, c), v in shown_values(report, "04").items() if v or ("04", r, c) in report.cells}


def test_an_earlier_exports_data_sheet_is_carried_into_row_60():
    rows = [("format", 1), ("report", "单位", YEAR, "部门"),
            ("cell", "04", "60", "2", 30 * W, False),
            ("cell", "04", "61", "3", 10 * W, False), ("cell", "04", "61", "2", 10 * W, False),
            ("cell", "04", "62", "4", 20 * W, True)]
    data = _Reader("old.xlsx", YEAR).read(rows)
    t = data.tables["04"]
    assert t.cells == {("60", "2"): 30 * W, ("60", "3"): 10 * W, ("60", "4"): 20 * W}
    assert t.rounded == {("60", "4")}
    assert any("第61行 → 第60行第3栏" in line for line in data.found)


def test_last_years_year_end_by_fund_comes_from_row_60(template):
    figures = last_year_figures(template[0])
    assert (figures["年末.一般公共预算"], figures["年末.政府性基金"], figures["年末.国有资本经营"]) == (
        GENERAL * W, FUND * W, CAPITAL * W)


def test_b11_counts_a_government_fund_carried_over_without_income_or_spending():
    r = new_report("单位", YEAR)
    r.add_code("07", "2296002")
    r.set("07", "2296002", "1", FUND * W)
    r.set("07", "2296002", "6", FUND * W)
    r.set("04", "30", "1", FUND * W)
    r.set("04", "60", "4", FUND * W)
    assert [f for f in rules.check(r) if f.rule == "B11"] == []
    r.set("04", "60", "4", None)        # only the fund's 年初 (row 30) left in 04
    assert [f for f in rules.check(r) if f.rule == "B11"] == []
    r.set("04", "60", "4", FUND * W)    # only its 年末 (row 60, column 4)
    r.set("04", "30", "1", None)
    assert [f for f in rules.check(r) if f.rule == "B11"] == []
    r.set("04", "60", "4", None)        # no 政府性基金 at all in 01/04: 07's figures stand alone
    assert [f.rule for f in rules.check(r) if f.rule == "B11"] == ["B11"]


def test_the_narrative_states_the_carry_overs_by_fund(template):
    texts = [b.text for b in part_three(template[0]) if isinstance(b, Paragraph)]
    assert ("2024年度年初财政拨款结转和结余125.00万元，其中：一般公共预算财政拨款100.00万元、"
            "政府性基金预算财政拨款20.00万元、国有资本经营预算财政拨款5.00万元；"
            "年末财政拨款结转和结余125.00万元，其中：一般公共预算财政拨款100.00万元、"
            "政府性基金预算财政拨款20.00万元、国有资本经营预算财政拨款5.00万元。") in texts
    assert any(t.startswith("2024年度财政拨款收、支总计均为1411.76万元。") for t in texts)


def test_the_narrative_says_nothing_of_carry_overs_when_there_are_none():
    r = new_report("单位", YEAR)
    r.set("04", "1", "1", 10 * W)
    r.set("04", "33", "3", 10 * W)
    texts = [b.text for b in part_three(r) if isinstance(b, Paragraph)]
    assert not any("结转和结余" in t and t.startswith("2024年度年初") for t in texts)
