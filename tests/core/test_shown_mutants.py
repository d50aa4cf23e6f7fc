"""舍位平衡 corner cases: a stated total's own rounding, which part takes the residue,
and total columns that nest below total rows.

Every expected figure is rounded and balanced by hand, following the rule in
kuaiji_desk/core/shown.py: a part takes its own rounding (half up), then the residue
goes 0.01 万元 at a time to the parts with the largest remainder in its direction.
"""
from dataclasses import dataclass

from kuaiji_desk.core.forms import TOTAL_ROW
from kuaiji_desk.core.forms.spec import CodeTable, Column, FormSet
from kuaiji_desk.core.report import Report, new_report
from kuaiji_desk.core.shown import shown_values

ITEMS = ("2010301", "2010302", "2010303")


def table_05(figures: dict[str, int], total: int | None = None, rounded: bool = False):
    """公开05表 with 基本支出 (column 2) of the given 项, and a stated 合计 of that column."""
    report = new_report("测试单位", 2024)
    for code, fen in figures.items():
        report.add_code("05", code)
        report.set("05", code, "2", fen)
    if total is not None:
        report.set("05", TOTAL_ROW, "2", total, rounded=rounded)
    return report


def column_2(shown: dict, rows) -> list[int]:
    return [shown[(r, "2")] for r in rows]


# -- a stated total and its own rounding ---------------------------------------------

def test_a_stated_total_shown_rounded_may_be_half_a_hundredth_off():
    # Parts 1.2325 + 1.2325 = 2.4650 (→ 2.47 on its own); the workbook printed 2.46, a
    # figure rounded itself: 0.005 off is rounding, so 2.46 prints, and the parts (1.23
    # each) add up to it with nothing to move.
    report = table_05({"2010301": 1_232_500, "2010302": 1_232_500}, total=2_460_000, rounded=True)
    shown = shown_values(report, "05")
    assert column_2(shown, (TOTAL_ROW, "201", "20103", "2010301", "2010302")) == [
        2_460_000, 2_460_000, 2_460_000, 1_230_000, 1_230_000]


def test_a_stated_total_known_to_the_fen_is_not_rounding():
    # The same 2.46, typed to the 分: 2.4600 against parts of 2.4650 is an error, not
    # rounding, so the sum of the parts prints (2.47); 1.23 + 1.23 leaves 0.01 for the
    # first printed part of equal remainder.
    report = table_05({"2010301": 1_232_500, "2010302": 1_232_500}, total=2_460_000)
    shown = shown_values(report, "05")
    assert column_2(shown, (TOTAL_ROW, "201", "20103", "2010301", "2010302")) == [
        2_470_000, 2_470_000, 2_470_000, 1_240_000, 1_230_000]


def test_a_rounded_total_further_off_than_half_a_hundredth_is_not_rounding():
    # Parts 1.2326 + 1.2326 = 2.4652; the stated 2.46 is 0.0052 off: more than its own
    # rounding can explain, so the parts' sum prints (2.47).
    report = table_05({"2010301": 1_232_600, "2010302": 1_232_600}, total=2_460_000, rounded=True)
    shown = shown_values(report, "05")
    assert column_2(shown, (TOTAL_ROW, "2010301", "2010302")) == [2_470_000, 1_240_000, 1_230_000]


# -- which part takes the residue ----------------------------------------------------

def test_a_rise_goes_to_the_largest_remainder_not_the_largest_figure():
    # 2.001 + 1.004 + 1.004 = 4.009 → 4.01; rounded one by one 2.00 + 1.00 + 1.00 = 4.00.
    # The 0.01 goes to the part that lost most by rounding down (0.004), the first of
    # the two: 2010302, not the largest figure nor the first row.
    shown = shown_values(table_05(dict(zip(ITEMS, (2_001_000, 1_004_000, 1_004_000)))), "05")
    assert shown[(TOTAL_ROW, "2")] == 4_010_000
    assert column_2(shown, ITEMS) == [2_000_000, 1_010_000, 1_000_000]
    # Amounts are whole 分, an int, also where a residue was handed out (never 1010000.0).
    assert {type(v) for v in shown.values()} == {int}


def test_a_fall_is_taken_from_the_part_rounded_up_most():
    # 2.006 + 1.009 + 1.006 = 4.021 → 4.02; rounded one by one 2.01 + 1.01 + 1.01 = 4.03.
    # 0.01 comes back from a part rounded up by 0.004 (2.006 and 1.006), the first of
    # them: 2010301.  1.009 was rounded up by only 0.001 and keeps 1.01.
    shown = shown_values(table_05(dict(zip(ITEMS, (2_006_000, 1_009_000, 1_006_000)))), "05")
    assert shown[(TOTAL_ROW, "2")] == 4_020_000
    assert column_2(shown, ITEMS) == [2_000_000, 1_010_000, 1_010_000]


def test_a_fall_spares_the_smallest_figure_when_it_rounded_up_least():
    # 1.006 + 1.009 + 2.006 = 4.021 → 4.02 (the same figures, the large one last): the
    # first part rounded up by 0.004 is now 2010301 (1.006 → 1.00).
    shown = shown_values(table_05(dict(zip(ITEMS, (1_006_000, 1_009_000, 2_006_000)))), "05")
    assert column_2(shown, ITEMS) == [1_000_000, 1_010_000, 2_010_000]


# -- total columns nested below total rows -------------------------------------------

NESTED = CodeTable(
    id="99", name="嵌套合计列的测试表", note="",
    columns=(
        Column("1", ("合计",), total_of=("2", "3")),
        Column("2", ("基本支出",)),
        Column("3", ("项目支出", "小计"), total_of=("4", "5")),
        Column("4", ("项目支出", "甲")),
        Column("5", ("项目支出", "乙")),
    ),
)


@dataclass
class NestedReport(Report):
    """A report whose forms declare one code table with a total column of a total column."""

    @property
    def forms(self):
        return FormSet(2024, (NESTED,))


def test_a_total_of_a_total_column_adds_up_in_every_row():
    # Two 项 under 20103 and 201, each with 基本 1.234 and 甲, 乙 1.234 each.
    report = NestedReport(unit="测试单位", year=2024)
    report.code_rows["99"] = {"201": "一般公共服务支出", "20103": "政府办公厅（室）及相关机构事务",
                              "2010301": "行政运行", "2010302": "一般行政管理事务"}
    for code in ("2010301", "2010302"):
        for col in ("2", "4", "5"):
            report.set("99", code, col, 1_234_000)
    shown = shown_values(report, "99")
    # 合计 row: 1 = 7.404 → 7.40.  Its parts 2 = 2.468 → 2.47 and 3 = 4.936 → 4.94 make
    # 7.41: the 0.01 comes back from 3, rounded up most (0.004 against 0.002) → 4.93.
    # 3's parts 4, 5 = 2.468 → 2.47 each make 4.94: 4, the first of equals, gives 0.01.
    for row in (TOTAL_ROW, "201", "20103"):
        assert [shown[(row, c)] for c in "12345"] == [7_400_000, 2_470_000, 4_930_000, 2_460_000, 2_470_000]
    # The 项 down each column: 1.234 → 1.23 twice is 2.46; columns 2 and 5 (2.47) leave
    # 0.01 for the first 项.  A 项's total columns are the sums of its shown parts,
    # 3 = 4 + 5 before 1 = 2 + 3.
    assert [shown[("2010301", c)] for c in "12345"] == [3_710_000, 1_240_000, 2_470_000, 1_230_000, 1_240_000]
    assert [shown[("2010302", c)] for c in "12345"] == [3_690_000, 1_230_000, 2_460_000, 1_230_000, 1_230_000]
