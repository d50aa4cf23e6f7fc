"""Publication layouts as data (resources/layouts/*.toml): each file loads, its renderings name
only the data model's cells and keep the data model's totals, and 湖北's is the data model as
it stands.  A file with a mistake is refused, saying where."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kuaiji_desk.core import layouts
from kuaiji_desk.core.forms import CodeTable, FixedTable, for_year
from kuaiji_desk.core.forms.tables_2024 import PERSONNEL, PUBLIC
from kuaiji_desk.core.headers import AMOUNT, LABEL, table_header
from kuaiji_desk.core.layouts.loader import LayoutError, load
from kuaiji_desk.core.narrative.part_three import ITEM_IDS
from kuaiji_desk.paths import resources_dir

FOLDER = resources_dir() / "layouts"
ALL = layouts.all_layouts()
SHIPPED = ["hubei-2024", "hubei-2025", "central-2024", "central-2025", "shanghai-2024", "shanghai-2025",
           "shanghai-26-2024", "shanghai-26-2025"]


def test_every_file_loads_and_is_listed():
    assert sorted(p.stem for p in FOLDER.glob("*.toml")) == sorted(SHIPPED)
    assert layouts.names() == SHIPPED           # by rank: 湖北, 中央, 上海 24 类, 上海 26 类; years within
    for x in ALL:
        assert x.name == f"{x.series}-{x.year}" and x.region and x.title and x.description and x.sources
        assert sorted(t.id for t in x.tables) == [t.id for t in for_year(x.year).tables]


@pytest.mark.parametrize("name", SHIPPED)
def test_renderings_name_only_the_data_models_cells_and_keep_its_totals(name):
    x = layouts.get(name)
    model = for_year(x.year)
    for t in x.tables:
        m = model.table(t.id)
        assert type(t) is type(m)
        # What a layout may not change: how the cells add up and what they are.
        assert (t.headline_cells(), t.headline_label) == (m.headline_cells(), m.headline_label), (name, t.id)
        model_columns = {c.id: c for c in m.columns}
        for c in t.columns:
            assert (c.total_of, c.rule) == (model_columns[c.id].total_of, model_columns[c.id].rule), (name, t.id, c.id)
        assert len({c.id for c in t.columns}) == len(t.columns)
        if isinstance(t, FixedTable):
            assert len(t.sections) == len(m.sections)
            for s, ms in zip(t.sections, m.sections):
                model_rows = {r.id: r for r in ms.rows}
                printed = [r for r in s.rows if r.id]
                for r in printed + list(s.hidden):
                    same = dataclasses.replace(model_rows[r.id], label=r.label)
                    assert r == same, (name, t.id, r.id)      # only the label may differ
                assert {c.id for c in s.columns} <= {c.id for c in ms.columns}
                assert all(not r.label and r.columns == () for r in s.rows if not r.id)   # blank rows hold nothing
                assert {r.id for r in s.hidden} == {r.id for r in ms.rows if r.label} - {r.id for r in printed}
        else:
            assert isinstance(t, CodeTable)
            for attr in ("classification", "hierarchy_rule", "total_row", "groups"):
                assert getattr(t, attr) == getattr(m, attr), (name, t.id, attr)
            assert {b.group for b in t.side_blocks} <= {g.id for g in m.groups}


def test_hubei_2024_prints_the_data_model_as_declared():
    """Every table the data model's declaration, but 08 without the columns only 上海 prints."""
    x = layouts.get("hubei-2024")
    model = for_year(2024)
    assert [t.id for t in x.tables] == [t.id for t in model.tables]
    for t in x.tables:
        m = model.table(t.id)
        if t.id == "08":
            m = dataclasses.replace(m, columns=m.columns[:3])
        assert t == m, t.id
    assert x.narrative_titles == {}


def test_the_data_models_08_holds_what_shanghai_prints_as_a_revenue_and_expenditure_table():
    t08 = for_year(2024).table("08")
    assert [(c.id, c.header, c.total_of) for c in t08.columns] == [
        ("1", ("本年支出", "合计"), ("2", "3")), ("2", ("本年支出", "基本支出"), ()), ("3", ("本年支出", "项目支出"), ()),
        ("4", ("年初结转和结余",), ()), ("5", ("本年收入",), ()), ("6", ("年末结转和结余",), ())]
    nine = layouts.get("shanghai-2024").table("08")
    assert [c.id for c in nine.columns] == ["4", "5", "1", "2", "3", "6"]
    assert nine.label == "九" and nine.name == "国有资本经营预算财政拨款收入支出决算表"


def test_shanghai_2024_as_its_template_prints_it():
    x = layouts.get("shanghai-2024")
    assert [t.label for t in x.tables] == list("一二三四五六七八九")
    assert [t.id for t in x.tables] == ["01", "02", "03", "04", "05", "06", "09", "07", "08"]
    assert [t.sheet_name for t in x.tables][5:7] == ["六、一般公共预算财政拨款基本支出决算表", "七、财政拨款“三公”经费支出决算表"]
    assert not any(t.print_label or t.department_line or t.row_numbers or t.column_numbers for t in x.tables)
    one = x.table("01")
    spending = [r for r in one.sections[1].rows]
    assert len([r for r in spending if r.code]) == 24 and {r.id for r in one.sections[1].hidden} == {"54", "55"}
    assert spending[23].label == "二十四、抗疫特别国债安排的支出" and spending[24].id == "57"   # renumbered
    income = one.sections[0].rows
    assert len(income) == len(spending) and income[24].id == "27"          # 本年收入合计 beside 本年支出合计
    assert income[25].label == "使用非财政拨款结余"
    four = x.table("04")
    assert [r.id for r in four.sections[0].rows][24:] == ["27", "28", "29", "30", "31", "32"]
    assert [r.id for r in four.sections[1].rows][24:] == ["59", "60", "", "", "", "64"]
    assert four.sections[0].rows[26].label == "一、一般公共预算财政拨款"
    assert x.table("05").total_at == "bottom" and x.table("02").total_at == "top"
    six = x.table("06")
    assert [(b.group, b.heading, b.classes) for b in six.side_blocks] == [
        (PERSONNEL, "", ("301", "303")), (PUBLIC, "", ("302", "310"))]
    assert {"31001", "31019", "31021"} <= set(six.default_codes) - set(for_year(2024).table("06").default_codes)
    seven = x.table("09")
    assert [c.id for c in seven.columns] == ["1", "7", "2", "8", "3", "9", "4", "10", "5", "11", "6", "12"]
    assert seven.statement(2024, "某局") == "说明：某局本年度没有财政拨款“三公”经费支出，故本表无数据。"


def test_shanghai_26_differs_from_24_only_in_the_classes_of_one_and_four():
    a, b = layouts.get("shanghai-2024"), layouts.get("shanghai-26-2024")
    for ta, tb in zip(a.tables, b.tables):
        if ta.id in ("01", "04"):
            assert [len([r for r in s.rows if r.code]) for s in tb.sections] == [0, 26]
            assert all(not s.hidden for s in tb.sections)
        else:
            assert ta == tb, ta.id


def test_shanghai_seven_puts_budget_and_final_under_every_item():
    header = table_header(layouts.get("shanghai-2024").table("09"))
    spans: dict[str, list] = {}
    for cell in header.cells():
        spans.setdefault(cell.text, []).append((cell.top, cell.left, cell.bottom, cell.right))
    assert header.depth == 4 and not header.numbered
    assert spans["财政拨款“三公”经费"] == [(0, 0, 0, 11)]
    assert spans["合计"] == [(1, 0, 2, 1)] and spans["公务接待费"] == [(1, 10, 2, 11)]   # reaching down to meet 预算数
    assert spans["公务用车购置及运行维护费"] == [(1, 4, 1, 9)] and spans["小计"] == [(2, 4, 2, 5)]
    assert spans["预算数"] == [(3, i, 3, i) for i in range(0, 12, 2)]
    assert spans["决算数"] == [(3, i, 3, i) for i in range(1, 12, 2)]


def test_a_layout_without_row_numbers_has_no_row_number_column():
    header = table_header(layouts.get("shanghai-2024").table("01"))
    assert [c.kind for c in header.columns] == [LABEL, AMOUNT, LABEL, AMOUNT] and not header.numbered


def test_narrative_titles_name_items_of_the_narrative():
    for x in ALL:
        assert set(x.narrative_titles) <= set(ITEM_IDS), x.name


def test_series_and_years():
    assert layouts.for_year("shanghai-2024", 2025) == "shanghai-2025"
    assert layouts.for_year("shanghai-26-2025", 2024) == "shanghai-26-2024"
    assert layouts.for_year("hubei-2025", 2031) == "hubei-2025"       # the latest published before
    assert layouts.for_year("central-2024", 2019) == "central-2024"   # none before: the first
    assert layouts.default_for(2024) == "hubei-2024" and layouts.default_for(2026) == "hubei-2025"
    with pytest.raises(layouts.UnknownLayout, match="可用的式样：hubei-2024"):
        layouts.get("beijing-2024")


# -- a file with a mistake -----------------------------------------------------------

HEAD = 'name = "test-2024"\nseries = "test"\nregion = "测试"\nyear = 2024\ntitle = "测试"\ndescription = "测试"\n'


def load_text(tmp_path: Path, text: str):
    path = tmp_path / "test-2024.toml"
    path.write_text(HEAD + text, encoding="utf-8")
    return load(path)


def test_a_minimal_file_is_the_data_model_as_declared(tmp_path):
    x = load_text(tmp_path, "")
    assert x.tables == for_year(2024).tables


@pytest.mark.parametrize("text, said", [
    ('[[tables]]\nid = "01"\nnmae = "x"\n', "不认识的项：nmae"),
    ('[[tables]]\nid = "10"\n', "不是所印的表"),
    ('[[tables]]\nid = "05"\ncolumns = ["1", "9"]\n', "没有第「9」栏"),
    ('[[tables]]\nid = "01"\n[[tables.sections]]\nrows = ["1-8", "61a"]\n[[tables.sections]]\n', "没有第「61a」行"),
    ('[[tables]]\nid = "01"\n[[tables.sections]]\n', "应有 2 个 sections"),
    ('[[tables]]\nid = "06"\nside_blocks = [{ group = "人员经费", classes = ["301"] }]\n', "不是该表的合计行"),
    ('[[tables]]\nid = "07"\nempty_statement = "{单位}无数据"\n', "不认识的「{单位}」"),
    ('order = ["01", "01"]\n', "各不相同"),
    ('[[tables]]\nid = "02"\nsections = []\n', "不能有「sections」"),
])
def test_mistakes_are_refused_saying_what(tmp_path, text, said):
    with pytest.raises(LayoutError, match=said) as caught:
        load_text(tmp_path, text)
    assert "test-2024.toml" in str(caught.value)


def test_the_name_must_be_the_file_name(tmp_path):
    path = tmp_path / "other-2024.toml"
    path.write_text(HEAD, encoding="utf-8")
    with pytest.raises(LayoutError, match="应与文件名相同"):
        load(path)


def test_a_base_is_merged_table_by_table(tmp_path):
    (tmp_path / "base-2024.toml").write_text(
        HEAD.replace("test", "base") + '[[tables]]\nid = "05"\nname = "甲"\nnote = "乙"\n', encoding="utf-8")
    x = load_text(tmp_path, 'base = "base-2024"\n[[tables]]\nid = "05"\nnote = "丙"\n')
    assert (x.table("05").name, x.table("05").note) == ("甲", "丙")


def test_a_layout_that_prints_column_numbers_numbers_reordered_columns_by_their_place(tmp_path):
    x = load_text(tmp_path, '[[tables]]\nid = "08"\ncolumns = ["4", "5", "1", "2", "3", "6"]\n')
    assert [(c.id, c.printed_number) for c in x.table("08").columns] == [
        ("4", "1"), ("5", "2"), ("1", "3"), ("2", "4"), ("3", "5"), ("6", "6")]
    header = table_header(x.table("08"))
    assert [c.lanci for c in header.columns if c.kind == AMOUNT] == ["1", "2", "3", "4", "5", "6"]


def test_columns_are_found_by_the_column_number_the_layout_prints():
    from kuaiji_desk.core.excel.columns import locate_columns
    from kuaiji_desk.core.excel.grid import Grid

    columns = layouts.get("shanghai-2024").table("08").columns
    numbered = tuple(dataclasses.replace(c, number=str(i)) for i, c in enumerate(columns, start=1))
    grid = Grid(file="x.xlsx", sheet="九", values={(5, 1): "栏次", **{(5, 2 + i): i + 1 for i in range(6)}})
    found = locate_columns(grid, 5, range(1, 5), range(1, 9), numbered, "九")
    assert found == {"4": 2, "5": 3, "1": 4, "2": 5, "3": 6, "6": 7}


def test_a_label_names_the_table_the_layout_labels_so(tmp_path):
    """Before 2022 the 三公 table was 公开07表: a layout may label tables otherwise than their ids."""
    from kuaiji_desk.core.excel.grid import Grid
    from kuaiji_desk.core.excel.locate import find_regions

    x = load_text(tmp_path, 'order = ["01", "02", "03", "04", "05", "06", "09", "07", "08"]\n'
                            '[[tables]]\nid = "09"\nlabel = "公开07表"\n[[tables]]\nid = "07"\nlabel = "公开08表"\n'
                            '[[tables]]\nid = "08"\nlabel = "公开09表"\n')
    grid = Grid(file="x.xlsx", sheet="表", values={(1, 3): "公开07表", (2, 3): "单位：万元"})
    assert [r.kind for r in find_regions(grid, 2024, x.tables)] == ["09"]
    shanghai = layouts.get("shanghai-2024").tables                  # prints no 表号: a label is no table of its
    assert find_regions(grid, 2024, shanghai) == []


def test_a_row_the_layout_does_not_print_is_read_all_the_same(tmp_path):
    """上海's 24 类 read a sheet that prints 债务还本支出: the figure is kept, the misfit counted."""
    from kuaiji_desk.core.excel.locate import find_regions
    from kuaiji_desk.core.excel.opening import read_grids
    from kuaiji_desk.core.excel.tables import read_table
    from kuaiji_desk.core.excel.writer import export_workbook
    from kuaiji_desk.core.report import new_report

    report = new_report("某局", 2024, layout="shanghai-26-2024")
    report.set("01", "54", "2", 1_000_000)
    report.set("01", "1", "1", 1_000_000)
    export_workbook(report, tmp_path / "x.xlsx")
    grid = next(g for g in read_grids(tmp_path / "x.xlsx") if g.sheet == "一、收入支出决算总表")
    spec = layouts.get("shanghai-2024").table("01")
    [region] = find_regions(grid, 2024, (spec,))
    table = read_table(region, spec, "万元")
    assert table.cells[("54", "2")] == 1_000_000
    assert table.misfit == 2          # 54 read though hidden, 55 (债务付息, hidden too) read as well


def test_rows_a_layout_prints_that_the_sheet_lacks_are_a_misfit(tmp_path):
    """26 类 read from a sheet of 24: 债务还本 and 债务付息 are missing."""
    from kuaiji_desk.core.excel.locate import find_regions
    from kuaiji_desk.core.excel.opening import read_grids
    from kuaiji_desk.core.excel.tables import read_table
    from kuaiji_desk.core.excel.writer import export_workbook
    from kuaiji_desk.core.report import new_report

    export_workbook(new_report("某局", 2024, layout="shanghai-2024"), tmp_path / "x.xlsx")
    grid = next(g for g in read_grids(tmp_path / "x.xlsx") if g.sheet == "一、收入支出决算总表")
    for name, misfit in (("shanghai-26-2024", 2), ("shanghai-2024", 0)):
        spec = layouts.get(name).table("01")
        [region] = find_regions(grid, 2024, (spec,))
        assert read_table(region, spec, "万元").misfit == misfit, name


def test_the_rows_a_layout_prints_even_when_empty_are_no_blank_rows_to_fill():
    from kuaiji_desk.core import rules
    from kuaiji_desk.core.report import new_report

    report = new_report("某局", 2024, layout="shanghai-2024")
    assert {"31001", "31019", "31021"} <= set(report.code_rows["06"])
    assert not [f for f in rules.check(report) if f.rule == "E06"]


def test_an_import_does_not_replace_the_rows_the_layout_prints_anyway():
    from kuaiji_desk.core.excel.imported import ImportedData, ImportedTable
    from kuaiji_desk.core.excel.preview import replaced
    from kuaiji_desk.core.report import new_report

    data = ImportedData(tables={"06": ImportedTable("06", "万元", ("x.xlsx", "六"))})
    assert replaced(new_report("某局", 2024, layout="shanghai-2024"), data) == []
