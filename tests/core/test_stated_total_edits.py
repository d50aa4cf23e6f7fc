"""A stated total (imported, or typed over) is kept only until something under it changes.

The expected sets below are written out by hand from the published tables (domain.md):
02 c1 = Σ c2–7 and 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项; 01 r27 = Σ r1–8, r30 = r27+r28+r29,
r57 = Σ r31–56, r60 = r57+r58+r59; 04 支出 c2 = c3+c4+c5, r59 = Σ r33–58,
r60 = r61+r62+r63, r64 = r59+r60, 收入 r27 = r1+r2+r3, r28 = r29+r30+r31, r32 = r27+r28;
06 人员经费合计 = 301 + 303, 公用经费合计 = 302 + 307 + 309 + 310 + …; 09 c7 = c8+c9+c12,
c9 = c10+c11.
"""
import copy


from kuaiji_desk.core import edits
from kuaiji_desk.core.layout import Values, layout, rows_above, stated_above, stated_totals, totals_above
from kuaiji_desk.core.report import new_report

W = 1_000_000  # 分 per 万元


# -- which totals rest on a cell ----------------------------------------------------
def code_report():
    r = new_report("单位", 2024)
    for table in ("02", "03"):
        r.add_code(table, "2010350")
        r.add_code(table, "2010399")
        r.add_code(table, "2060502")
    return r


def test_02_a_project_cell_goes_into_its_row_total_and_every_total_above_in_both_columns():
    lay = layout(code_report(), "02")
    assert set(totals_above(lay, "2010350", "2")) == {
        ("2010350", "1"),
        ("20103", "2"), ("20103", "1"),
        ("201", "2"), ("201", "1"),
        ("合计", "2"), ("合计", "1"),
    }
    assert set(totals_above(lay, "2010350", "1")) == {("20103", "1"), ("201", "1"), ("合计", "1")}
    assert set(totals_above(lay, "20103", "7")) == {("20103", "1"), ("201", "7"), ("201", "1"),
                                                   ("合计", "7"), ("合计", "1")}
    assert totals_above(lay, "合计", "1") == []
    assert rows_above(lay, "2010399") == ["20103", "201", "合计"]
    assert rows_above(lay, "2060502") == ["20605", "206", "合计"]


def test_03_a_project_expenditure_cell():
    lay = layout(code_report(), "03")
    assert set(totals_above(lay, "2060502", "3")) == {
        ("2060502", "1"), ("20605", "3"), ("20605", "1"), ("206", "3"), ("206", "1"), ("合计", "3"), ("合计", "1")}


def test_01_rows_go_into_the_year_total_and_the_grand_total():
    lay = layout(new_report("单位", 2024), "01")
    assert set(totals_above(lay, "1", "1")) == {("27", "1"), ("30", "1")}
    assert set(totals_above(lay, "8", "1")) == {("27", "1"), ("30", "1")}
    assert set(totals_above(lay, "28", "1")) == {("30", "1")}
    assert set(totals_above(lay, "27", "1")) == {("30", "1")}
    assert set(totals_above(lay, "31", "2")) == {("57", "2"), ("60", "2")}
    assert set(totals_above(lay, "59", "2")) == {("60", "2")}
    assert totals_above(lay, "30", "1") == []


def test_04_fund_columns_and_rows():
    lay = layout(new_report("单位", 2024), "04")
    assert set(totals_above(lay, "33", "3")) == {("33", "2"), ("59", "3"), ("59", "2"), ("64", "3"), ("64", "2")}
    # 年末 by fund: row 60's fund column goes into its 小计 and into 总计.
    assert set(totals_above(lay, "60", "3")) == {("60", "2"), ("64", "3"), ("64", "2")}
    assert totals_above(lay, "61", "3") == []          # a spacer row has no cells
    assert set(totals_above(lay, "29", "1")) == {("28", "1"), ("32", "1")}
    assert set(totals_above(lay, "2", "1")) == {("27", "1"), ("32", "1")}


def test_06_items_go_into_their_class_and_group():
    lay = layout(new_report("单位", 2024), "06")
    assert set(totals_above(lay, "30101", "1")) == {("301", "1"), ("人员经费合计", "1")}
    assert set(totals_above(lay, "30301", "1")) == {("303", "1"), ("人员经费合计", "1")}
    assert set(totals_above(lay, "30201", "1")) == {("302", "1"), ("公用经费合计", "1")}
    assert set(totals_above(lay, "31002", "1")) == {("310", "1"), ("公用经费合计", "1")}


def test_09_nested_column_totals():
    lay = layout(new_report("单位", 2024), "09")
    assert set(totals_above(lay, "1", "10")) == {("1", "9"), ("1", "7")}
    assert set(totals_above(lay, "1", "8")) == {("1", "7")}
    assert set(totals_above(lay, "1", "4")) == {("1", "3"), ("1", "1")}


def test_stated_above_is_the_stated_among_them_and_never_a_cell_of_the_edit(sample):
    lay = layout(sample, "02")
    # In the sample, every total of 02 is stated except the empty columns 3–7.
    assert set(stated_above(sample, lay, [("2010350", "2")])) == {
        ("02", "2010350", "1"), ("02", "20103", "2"), ("02", "20103", "1"), ("02", "201", "2"),
        ("02", "201", "1"), ("02", "合计", "2"), ("02", "合计", "1")}
    assert set(stated_above(sample, lay, [("2010350", "2"), ("20103", "2")])) == {
        ("02", "2010350", "1"), ("02", "20103", "1"), ("02", "201", "2"),
        ("02", "201", "1"), ("02", "合计", "2"), ("02", "合计", "1")}
    assert stated_above(sample, lay, [("2010350", "3")]) == [("02", "2010350", "1"), ("02", "20103", "1"),
                                                             ("02", "201", "1"), ("02", "合计", "1")]


def test_stated_totals_counts(sample):
    # 02: 21 code rows and 合计 state their 本年收入合计 (22); the 13 total rows their 财政拨款收入.
    assert len(stated_totals(sample, "02")) == 22 + 13
    # 06: 301, 302 and both group totals.
    assert set(stated_totals(sample, "06")) == {("06", "301", "1"), ("06", "302", "1"),
                                                ("06", "人员经费合计", "1"), ("06", "公用经费合计", "1")}
    assert set(stated_totals(sample, "01")) == {("01", "27", "1"), ("01", "30", "1"), ("01", "57", "2"),
                                                ("01", "60", "2")}
    assert stated_totals(sample, "09") == []
    everything = stated_totals(sample)
    assert set(stated_totals(sample, "02")) <= set(everything) and set(stated_totals(sample, "06")) <= set(everything)


# -- edits -----------------------------------------------------------------------------
def roundtrip(report, edit):
    """Applies, undoes and redoes; the undo gives back exactly the report before."""
    before = copy.deepcopy(report)
    undo = edit.apply(report)
    after = copy.deepcopy(report)
    redo = undo.apply(report)
    assert report == before and report.rounded == before.rounded
    redo.apply(report)
    assert report == after
    return report


def test_a_typed_part_turns_the_stated_totals_above_back_and_undo_restores_them(sample):
    edit = edits.set_figures(sample, {("02", "2010350", "2"): 300 * W}, "编辑单元格")
    assert edit.keys[0] == ("02", "2010350", "2")       # the typed cell first: undo and redo show it
    roundtrip(sample, edit)
    v = Values(sample)
    assert v.value("02", "2010350", "1") == 300 * W
    assert v.value("02", "20103", "2") == (300_00 + 294_68) * 10_000
    assert v.value("02", "201", "1") == 594_680_000
    # The sample's classes add up to 1286.75 (the stated 合计 1286.76 carries a residue).
    assert v.value("02", "合计", "1") == v.value("02", "合计", "2") == (1286_75 - 546_03 + 594_68) * 10_000
    assert not v.is_stated("02", "合计", "1")
    assert v.is_stated("02", "206", "1") and v.is_stated("02", "2010399", "1")   # other branches as stated
    undo = edits.set_figures(sample, {("02", "2010350", "2"): 300 * W}, "编辑单元格")
    assert undo.cells == ()                              # nothing changes: nothing to do


def test_undo_brings_back_the_stated_figures_and_their_rounding(sample):
    before = {k: v for k, v in sample.cells.items() if k[0] == "02"}
    undo = edits.set_figures(sample, {("02", "2210202", "2"): 5 * W}, "编辑单元格").apply(sample)
    assert ("02", "221", "1") not in sample.cells
    undo.apply(sample)
    assert {k: v for k, v in sample.cells.items() if k[0] == "02"} == before
    assert ("02", "221", "1") in sample.rounded and ("02", "合计", "1") in sample.rounded
    assert undo.keys[0] == ("02", "2210202", "2")


def test_a_figure_typed_over_a_stated_total_replaces_it_and_the_totals_above_follow(sample):
    roundtrip(sample, edits.set_figures(sample, {("02", "20103", "2"): 600 * W}, "编辑单元格"))
    assert sample.cells[("02", "20103", "2")] == 600 * W            # stated, as typed
    assert ("02", "20103", "2") not in sample.rounded
    assert ("02", "2010350", "1") in sample.cells                  # below it: untouched
    for key in [("02", "201", "2"), ("02", "合计", "2"), ("02", "201", "1"), ("02", "合计", "1"), ("02", "20103", "1")]:
        assert key not in sample.cells, key
    assert Values(sample).value("02", "合计", "2") == (1286_75 - 546_03 + 600_00) * 10_000


def test_a_pasted_block_keeps_the_totals_it_gives(sample):
    block = {("02", "2010350", "1"): 10 * W, ("02", "2010350", "2"): 7 * W, ("02", "2010350", "3"): 3 * W}
    roundtrip(sample, edits.set_figures(sample, block, "粘贴 3 个单元格"))
    assert sample.cells[("02", "2010350", "1")] == 10 * W
    assert ("02", "20103", "1") not in sample.cells and ("02", "20103", "3") not in sample.cells


def test_a_cleared_stated_total_is_computed_and_so_are_the_totals_above(sample):
    roundtrip(sample, edits.set_figures(sample, {("06", "301", "1"): None}, "恢复为计算值"))
    v = Values(sample)
    assert v.value("06", "301", "1") == 309_490_000                 # the items add up to 309.49
    assert not v.is_stated("06", "人员经费合计", "1")
    assert v.is_stated("06", "公用经费合计", "1")


def test_fixed_tables_01_and_04(sample):
    roundtrip(sample, edits.set_figures(sample, {("01", "5", "1"): 2 * W}, "编辑单元格"))
    assert ("01", "27", "1") not in sample.cells and ("01", "30", "1") not in sample.cells
    assert ("01", "57", "2") in sample.cells                        # the other side: untouched
    assert Values(sample).value("01", "30", "1") == (1286_76 + 2_00) * 10_000
    roundtrip(sample, edits.set_figures(sample, {("04", "38", "3"): 600 * W}, "编辑单元格"))
    for key in [("04", "38", "2"), ("04", "59", "3"), ("04", "59", "2"), ("04", "64", "3"), ("04", "64", "2")]:
        assert key not in sample.cells, key
    assert ("04", "33", "2") in sample.cells and ("04", "27", "1") in sample.cells


def test_a_code_added_turns_the_totals_that_were_totals_back(sample):
    roundtrip(sample, edits.add_code(sample, "02", "2010301"))
    for row in ("20103", "201", "合计"):
        assert not [k for k in sample.cells if k[:2] == ("02", row)], row
    assert ("02", "2010350", "1") in sample.cells and ("02", "206", "1") in sample.cells


def test_a_row_that_becomes_a_total_keeps_its_own_figures():
    r = new_report("单位", 2024)
    r.add_code("02", "20103")
    r.set("02", "20103", "2", 5 * W)
    r.set("02", "合计", "2", 5 * W, rounded=True)
    roundtrip(r, edits.add_code(r, "02", "2010350"))
    assert r.cells[("02", "20103", "2")] == 5 * W    # now a stated total of the new, empty 项
    assert ("02", "合计", "2") not in r.cells


def test_a_code_removed_leaves_the_totals_above_it_computed(sample):
    roundtrip(sample, edits.remove_code(sample, "02", "2010399"))
    v = Values(sample)
    for row in ("20103", "201", "合计"):
        assert not v.is_stated("02", row, "1"), row
    assert v.value("02", "合计", "1") == (1286_75 - 294_68) * 10_000
    assert v.is_stated("02", "2010350", "1")


def test_reset_stated_of_a_table_and_of_the_report(sample):
    edit = edits.reset_stated(sample, "02")
    assert edit.label == "公开02表全部按计算值"
    roundtrip(sample, edit)
    assert stated_totals(sample, "02") == [] and stated_totals(sample, "03")
    assert Values(sample).value("02", "合计", "1") == 1_286_750_000
    edit = edits.reset_stated(sample)
    assert edit.label == "全部按计算值"
    roundtrip(sample, edit)
    assert stated_totals(sample) == []
    assert edits.reset_stated(sample).cells == ()
