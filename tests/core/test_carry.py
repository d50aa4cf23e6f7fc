"""Starting a year from last year's report or workbooks."""
from __future__ import annotations

import copy

import pytest

from kuaiji_desk.core import carry
from kuaiji_desk.core.carry import last_year_figures, start_from, start_from_workbooks
from kuaiji_desk.core.excel.errors import WorkbookError
from kuaiji_desk.core.excel.importer import apply_import, read_workbooks
from kuaiji_desk.core.excel.writer import export_workbook
from kuaiji_desk.core.layout import layout
from kuaiji_desk.core.narrative import Paragraph, part_three
from kuaiji_desk.core.report import Indicator, Overall, Project, new_report
from kuaiji_desk.core.rules import check

import workbook_variants as wv

UNIT = "汉阳区城市运行管理中心"
WAN = 1_000_000
XLS_2023 = wv.FIXTURES / "hanyang-2023-public-tables.xls"   # written by tests/make_xls_fixture.py


def save(sheets, tmp_path, name):
    return wv.save_sheets(sheets, tmp_path / name)


@pytest.fixture(scope="module")
def files_2023(tmp_path_factory):
    """Last year's 公开表 (收支总计 1294.48) and 自评表, laid out as published."""
    d = tmp_path_factory.mktemp("y2023")
    return (save(wv.last_year(wv.load_sheets(wv.PUBLIC_TABLES)), d, "2023公开表.xlsx"),
            save(wv.last_year(wv.load_sheets(wv.SELF_EVALUATIONS)), d, "2023自评表.xlsx"))


@pytest.fixture(scope="module")
def reference(files_2023):
    report, notes = start_from_workbooks(list(files_2023), UNIT, 2024)
    return report


def test_what_is_carried_and_what_is_not(reference):
    r = reference
    assert (r.unit, r.year, r.department) == (UNIT, 2024, "武汉市汉阳区城市运行管理中心")
    assert r.cells == {} and r.numbers == {} and r.explanations == {}
    assert set(r.code_rows) == {"02", "03", "05", "06"}
    assert r.code_rows["05"]["2010350"] == "事业运行"
    assert len(r.projects) == 14
    p = r.projects[0]
    assert (p.name, p.category, p.attribute, p.kind) == ("通信链路租赁费", "部门预算项目", "持续性项目", "常年性项目")
    assert p.budget is None and p.spent is None and p.stated_rate == "" and p.deviation_reason == ""
    assert p.indicators[1].target == "≥450个" and all(i.actual == "" and i.score == "" for i in p.indicators)
    assert r.overall is not None and r.overall.indicators
    assert r.overall.basic_total is None and all(i.actual == "" for i in r.overall.indicators)


def test_last_year_figures_from_the_tables(reference):
    assert reference.last_year == {
        "收支总计": 1294_480_000, "收入合计": 1294_480_000, "支出合计": 1294_480_000,
        "年末结转和结余": 0, "财政拨款收支总计": 1286_760_000, "一般公共预算收入": 1286_760_000,
        "年末.一般公共预算": 0, "年末.政府性基金": 0, "年末.国有资本经营": 0,
        "一般公共预算支出": 1286_760_000, "三公决算": 0,
    }


@pytest.mark.parametrize("layout", ["three_columns", "yuan", "finance_system", "finance_system_cut", "xls",
                                    "our_export", "stacked"])
def test_every_layout_gives_the_same_new_report(files_2023, reference, tmp_path, layout):
    public, selfeval = files_2023
    sheets = wv.last_year(wv.load_sheets(wv.PUBLIC_TABLES))
    if layout == "three_columns":
        paths = [save(wv.three_column_codes(sheets), tmp_path, "t.xlsx"), selfeval]
    elif layout == "yuan":
        paths = [save(wv.yuan_unit(sheets), tmp_path, "t.xlsx"), selfeval]
    elif layout == "finance_system":
        paths = [save(wv.finance_system(sheets), tmp_path, "财决.xlsx"), selfeval]
    elif layout == "finance_system_cut":
        cut = {"05": "Z05 一般公共预算财政拨款支出决算表(财决0", "06": "Z06 一般公共预算财政拨款基本支出决算",
               "04": "Z04 财政拨款收入支出决算总表"}
        paths = [save(wv.finance_system(sheets, cut), tmp_path, "财决.xlsx"), selfeval]
    elif layout == "xls":
        paths = [XLS_2023, selfeval]
    elif layout == "stacked":
        paths = [save(wv.stacked(sheets), tmp_path, "t.xlsx"), selfeval]
    else:
        last = new_report(UNIT, 2023)
        apply_import(last, read_workbooks([public, selfeval], 2023))
        paths = [tmp_path / "2023导出.xlsx"]
        export_workbook(last, paths[0])
    report, notes = start_from_workbooks(paths, UNIT, 2024)
    assert report == reference
    assert not any("科目表" in n for n in notes)


def test_from_last_years_report_carries_texts_and_running_costs(files_2023):
    last = new_report(UNIT, 2023)
    apply_import(last, read_workbooks(list(files_2023), 2023))
    last.texts.update({"职责": "负责城市运行管理。", "公开日期": "2024年9月1日", "一.原因": "人员减少"})
    last.numbers.update({"十.机关运行经费": 25_800_000, "十一.货物": 1_000_000})
    last.explanations["C01|01|29|1"] = "上年的说明"
    report, notes = start_from(last, UNIT, 2024)
    assert report.texts == {"职责": "负责城市运行管理。", "一.原因": "人员减少"}
    assert report.numbers == {} and report.explanations == {}
    assert report.last_year["机关运行经费"] == 25_800_000
    assert report.last_year["收支总计"] == 1294_480_000
    assert notes == []


def test_renamed_and_dropped_codes_are_listed_and_kept():
    last = new_report(UNIT, 2023)
    last.add_code("05", "2010350", "事业运行（旧称）")
    last.add_code("05", "2010301", "行政运行")
    last.add_code("05", "2010399", "其他政府办公厅(室)及相关机构事务支出")   # half-width brackets: same name
    last.add_code("03", "2019998", "试点支出")
    report, notes = start_from(last, UNIT, 2024)
    assert report.code_rows["05"]["2010350"] == "事业运行（旧称）"
    assert report.code_rows["05"]["2010399"] == "其他政府办公厅（室）及相关机构事务支出"
    assert report.code_rows["03"]["2019998"] == "试点支出"
    assert len(notes) == 3
    assert "公开03表科目 2019998「试点支出」不在2024年度的科目表中" in notes[0]
    assert "公开05表科目 2010350 上年名称为「事业运行（旧称）」，2024年度科目表中为「事业运行」" in notes[1]
    assert all("请确认" in n for n in notes[:2])
    assert report.last_year == {} and "上年数未填" in notes[2]   # a report without figures gives no 上年数


def test_projects_keep_targets_and_drop_this_years_figures():
    last = new_report(UNIT, 2023)
    last.projects = [Project(name="热线", budget=5 * WAN, spent=4 * WAN, stated_rate="80%", deviation_reason="晚了",
                             improvement="早点", summary="做完了",
                             indicators=[Indicator("产出指标", "数量指标", "工单", "≥15万件", "21万件", weight="10",
                                                   score="10")])]
    last.overall = Overall(unit_name="中心", basic_total=WAN, project_total=WAN, goals="目标", fill_date="2024年6月1日",
                           deviation_reason="无", indicators=[Indicator("履职效能", target="100%", actual="100%")])
    report, _ = start_from(last, UNIT, 2024)
    assert report.projects == [Project(name="热线", indicators=[Indicator("产出指标", "数量指标", "工单", "≥15万件",
                                                                          weight="10")])]
    assert report.overall == Overall(unit_name="中心", goals="目标", indicators=[Indicator("履职效能", target="100%")])
    assert last.projects[0].spent == 4 * WAN   # last year's report is left as it was


def test_narrative_compares_with_last_year(reference):
    started = copy.deepcopy(reference)
    apply_import(started, read_workbooks([wv.PUBLIC_TABLES, wv.SELF_EVALUATIONS], 2024))
    text = "\n".join(b.text for b in part_three(started) if isinstance(b, Paragraph))
    assert "与2023年度相比，收、支总计减少7.72万元，下降0.6%" in text
    # 年初结转和结余 (0) = 上年年末 (0): no C01/C02 finding.
    assert not [f for f in check(started) if f.rule in ("C01", "C02")]


def test_opening_balance_differing_from_last_year_asks_for_a_reason(reference):
    report = new_report(UNIT, 2024)
    apply_import(report, read_workbooks([wv.PUBLIC_TABLES], 2024))
    report.last_year = dict(reference.last_year, **{"年末结转和结余": 5 * WAN, "年末.一般公共预算": 5 * WAN})
    report.touch("last_year")
    found = {f.rule: f for f in check(report) if f.rule in ("C01", "C02")}
    assert set(found) == {"C01", "C02"} and "请说明原因" in found["C01"].message


def test_last_year_figures_only_of_the_tables_read(tmp_path):
    sheets = [wv.sheet(wv.last_year(wv.load_sheets(wv.PUBLIC_TABLES)), "公开01表")]
    data = read_workbooks([save(sheets, tmp_path, "01.xlsx")], 2023)
    assert last_year_figures(data) == {"收支总计": 1294_480_000, "收入合计": 1294_480_000,
                                       "支出合计": 1294_480_000, "年末结转和结余": 0}


def test_finance_sheet_of_another_layout_is_skipped_with_a_note(tmp_path):
    sheets = wv.finance_system(wv.last_year(wv.load_sheets(wv.PUBLIC_TABLES)))
    s03 = next(s for s in sheets if s.title.startswith("Z03"))
    s03.cells = {(1, 1): "支出决算明细表", (2, 1): "财决03表", (3, 1): "项目", (4, 1): "合计", (4, 2): 5}
    data = read_workbooks([save(sheets, tmp_path, "财决.xlsx")], 2023)
    assert "03" not in data.tables and "01" in data.tables
    assert any("Z03" in line and "格式与公开03表「支出决算表」不一致，已跳过" in line for line in data.found)
    assert any("Z10 资产情况表" in line and "不对应任何公开表" in line for line in data.found)


def test_finance_sheet_names_tell_the_table():
    from kuaiji_desk.core.excel.locate import finance_sheet_kind
    from kuaiji_desk.core.forms import for_year

    tables = for_year(2024).tables
    assert finance_sheet_kind("Z01 收入支出决算总表(财决01表)", tables) == "01"
    assert finance_sheet_kind("Z04 财政拨款收入支出决算总表(财决04表)", tables) == "04"
    assert finance_sheet_kind("Z05 一般公共预算财政拨款支出决算", tables) == "05"   # cut, yet one table only
    assert finance_sheet_kind("Z06 一般公共预算财政拨款", tables) == "06"          # cut, ambiguous: by number
    assert finance_sheet_kind("Z10 资产情况表(财决10表)", tables) is None
    assert finance_sheet_kind("Sheet1", tables) is None


def test_hidden_rows_and_columns_read_the_same(tmp_path):
    expected = read_workbooks([wv.PUBLIC_TABLES], 2024)
    got = read_workbooks([save(wv.hidden_rows_and_columns(wv.load_sheets(wv.PUBLIC_TABLES)), tmp_path, "h.xlsx")],
                         2024)
    for tid, t in expected.tables.items():
        assert got.tables[tid].cells == t.cells and got.tables[tid].code_names == t.code_names


def test_codes_as_numbers_dashes_and_notes_below(tmp_path, reference):
    sheets = wv.text_numbers(wv.last_year(wv.load_sheets(wv.PUBLIC_TABLES)))
    s05 = wv.sheet(sheets, "公开05表")
    for (r, c), v in list(s05.cells.items()):
        if c == 1 and isinstance(v, str) and v.isdigit():
            s05.cells[(r, c)] = int(v)
    s05.cells[(s05.height + 2, 1)] = "注：本表反映部门本年度一般公共预算财政拨款实际支出情况。"
    s05.cells[(s05.height + 1, 3)] = 99.99   # a figure under the note is no row of the table
    paths = [save(sheets, tmp_path, "t.xlsx"), save(wv.last_year(wv.load_sheets(wv.SELF_EVALUATIONS)), tmp_path,
                                                    "s.xlsx")]
    report, _ = start_from_workbooks(paths, UNIT, 2024)
    assert report == reference


REFUSALS = [
    (wv.corrupt, "不是可以读取的 Excel 工作簿"),
    (wv.encrypted, "设置了打开密码（已加密）"),
    (wv.empty, "是空文件"),
    (wv.oversized, "超过了可以读取的 50 MB"),
    (wv.not_a_spreadsheet, "不是 .xlsx 工作簿"),
    (wv.no_table, "没有找到公开表或绩效自评表（查找的表：收入支出决算总表、"),
]


@pytest.mark.parametrize("make,words", REFUSALS, ids=[m.__name__ for m, _ in REFUSALS])
def test_unreadable_last_year_files_are_refused(files_2023, tmp_path, make, words):
    bad = tmp_path / "上年.xlsx"
    make(bad)
    with pytest.raises(WorkbookError) as e:
        start_from_workbooks([files_2023[0], bad], UNIT, 2024)
    assert words in str(e.value) and "上年.xlsx" in str(e.value)


def test_figure_cells_name_declared_cells():
    report = new_report(UNIT, 2024)
    for table, row, col in carry.FIGURE_CELLS.values():
        assert layout(report, table).has_cell(row, col), (table, row, col)
