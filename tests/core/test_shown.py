"""舍位平衡: printed figures in whole 0.01 万元 that add up on paper."""
from __future__ import annotations

import random

import pytest

from kuaiji_desk.core.forms import TOTAL_ROW
from kuaiji_desk.core.layout import layout
from kuaiji_desk.core.report import new_report
from kuaiji_desk.core.sample import load_sample
from kuaiji_desk.core.shown import STEP, shown_values

WAN = 1_000_000
TABLES = ("01", "02", "03", "04", "05", "06", "07", "08", "09")


def assert_adds_up(report, table: str, shown: dict) -> None:
    """Every printed total equals the sum of its printed parts, both ways."""
    lay = layout(report, table)
    assert all(v % STEP == 0 for v in shown.values())
    for r, terms in lay.row_terms.items():
        for c in lay.row_cols[r]:
            parts = [shown[(k, c)] for k in terms if (k, c) in shown]
            if parts:
                assert shown[(r, c)] == sum(parts), (table, r, c)
    for c, terms in lay.col_terms.items():
        for r in lay.rows:
            parts = [shown[(r, t)] for t in terms if (r, t) in shown]
            if parts and (r, c) in shown:
                assert shown[(r, c)] == sum(parts), (table, r, c)


@pytest.fixture(scope="module")
def sample():
    return load_sample()


def report_with(table: str, figures: dict[tuple[str, str], int]):
    report = new_report("测试单位", 2024)
    for (row, col), fen in figures.items():
        if row.isdigit() and len(row) in (3, 5, 7) and table not in ("01", "04", "09"):
            report.add_code(table, row)
        report.set(table, row, col, fen)
    return report


def test_three_items_of_1_234_add_up_to_the_shown_total():
    items = ("2010301", "2010302", "2010303")
    report = report_with("05", {(code, "2"): 1_234_000 for code in items})   # 1.234 万元 each
    shown = shown_values(report, "05")
    assert shown[(TOTAL_ROW, "1")] == shown[(TOTAL_ROW, "2")] == 3_700_000   # 3.702 → 3.70
    assert shown[("201", "2")] == shown[("20103", "2")] == 3_700_000
    # Each rounds to 1.23 (3.69): the residue 0.01 goes to the first printed.
    assert [shown[(code, "2")] for code in items] == [1_240_000, 1_230_000, 1_230_000]
    assert [shown[(code, "1")] for code in items] == [1_240_000, 1_230_000, 1_230_000]
    assert_adds_up(report, "05", shown)


def test_a_negative_residue_is_taken_from_the_largest_rounding_up():
    figures = {("2010301", "2"): 1_236_000, ("2010302", "2"): 1_238_000, ("2010303", "2"): 1_234_000}
    shown = shown_values(report_with("05", figures), "05")
    assert shown[(TOTAL_ROW, "2")] == 3_710_000                               # 3.708
    # 1.236 → 1.24, 1.238 → 1.24, 1.234 → 1.23 make 3.71: nothing to move.
    assert [shown[(c, "2")] for c in ("2010301", "2010302", "2010303")] == [1_240_000, 1_240_000, 1_230_000]
    figures[("2010303", "2")] = 1_236_000                                     # 3.710 → 3.71, parts 3.72
    shown = shown_values(report_with("05", figures), "05")
    # The part rounded up the most (1.236 → 1.24, +0.004) gives 0.01 back; the first of equals.
    assert [shown[(c, "2")] for c in ("2010301", "2010302", "2010303")] == [1_230_000, 1_240_000, 1_240_000]


def test_a_zero_stays_zero():
    figures = {("2010301", "2"): 1_234_000, ("2010302", "2"): 0, ("2010303", "2"): 1_234_000,
               ("2010304", "2"): 1_234_000}
    shown = shown_values(report_with("05", figures), "05")
    assert shown[("2010302", "2")] == 0
    assert shown[(TOTAL_ROW, "2")] == 3_700_000
    assert_adds_up(report_with("05", figures), "05", shown)


def test_whole_hundredths_print_unchanged():
    figures = {("2010301", "2"): 1_230_000, ("2010302", "3"): 4_560_000, ("2080505", "2"): 10_000}
    report = report_with("05", figures)
    shown = shown_values(report, "05")
    assert all(shown[k] == v for k, v in figures.items())
    assert shown[(TOTAL_ROW, "1")] == 5_800_000


def test_the_grand_total_keeps_its_rounding_and_columns_below_are_sums():
    # 03: 基本 and 项目 of two 项; the 合计 of 本年支出合计 is the exact total rounded.
    figures = {("2010301", "2"): 1_234_000, ("2010301", "3"): 2_234_000,
               ("2010302", "2"): 1_234_000, ("2010302", "3"): 2_234_000}
    report = report_with("03", figures)
    shown = shown_values(report, "03")
    assert shown[(TOTAL_ROW, "1")] == 6_940_000                             # 6.936
    assert shown[(TOTAL_ROW, "2")] + shown[(TOTAL_ROW, "3")] == 6_940_000
    assert shown[("2010301", "1")] == shown[("2010301", "2")] + shown[("2010301", "3")]
    assert_adds_up(report, "03", shown)


def test_09_nested_columns_add_up():
    figures = {("1", "2"): 1_234_000, ("1", "4"): 2_345_600, ("1", "5"): 3_456_700, ("1", "6"): 4_567_800,
               ("1", "8"): 5_000, ("1", "10"): 5_000, ("1", "11"): 5_000, ("1", "12"): 5_000}
    report = report_with("09", figures)
    shown = shown_values(report, "09")
    assert shown[("1", "1")] == 11_600_000                                  # 11.6041 kept
    assert shown[("1", "3")] == shown[("1", "4")] + shown[("1", "5")]
    assert shown[("1", "7")] == 20_000                                      # 4 × 0.005 = 0.02
    assert_adds_up(report, "09", shown)


def test_a_stated_total_that_disagrees_prints_the_sum_of_its_parts():
    report = report_with("05", {("2010301", "2"): 1_230_000, ("2010302", "2"): 1_230_000})
    report.set("05", TOTAL_ROW, "2", 2_470_000, rounded=True)              # the workbook said 2.47
    shown = shown_values(report, "05")
    assert shown[(TOTAL_ROW, "2")] == 2_460_000


@pytest.mark.parametrize("seed", range(5))
def test_random_exact_figures_add_up_on_every_table(seed):
    rng = random.Random(seed)
    report = new_report("测试单位", 2024)
    for table in ("02", "03", "05", "07", "08"):
        for code in ("2010301", "2010302", "2010350", "2080505", "2101102", "2101103"):
            report.add_code(table, code)
    for code in ("30101", "30102", "30103", "30201", "30202", "30301", "31002"):
        report.add_code("06", code)
    for table in TABLES:
        lay = layout(report, table)
        for row in lay.rows:
            for col in lay.row_cols[row]:
                if not lay.is_total(row, col) and rng.random() < 0.7:
                    report.set(table, row, col, rng.randrange(0, 50 * WAN))
    for table in TABLES:
        shown = shown_values(report, table)
        assert_adds_up(report, table, shown)
        for (row, col), v in shown.items():
            if not layout(report, table).is_total(row, col):
                # A part moves at most one hundredth away from its own rounding.
                assert abs(v - report.get(table, row, col)) < 2 * STEP


def test_the_sample_prints_its_figures(sample):
    """A report read from 万元 tables prints exactly as published, 尾数 and all: its
    figures were rounded before we saw them, and no figure of ours may differ."""
    for table in TABLES:
        shown = shown_values(sample, table)
        assert {k: v for k, v in shown.items() if sample.get(table, *k) != v} == {}
    assert shown_values(sample, "07") == shown_values(sample, "08") == shown_values(sample, "09") == {}


def test_a_stated_total_within_rounding_prints_as_stated_over_published_parts(sample):
    """01 states 本年支出合计 1286.76 over 类 rows that add up to 1286.75: the stated total
    prints (the same total prints alike in 01, 03, 04 and 05), the published parts too."""
    for table, key in (("01", ("57", "2")), ("03", (TOTAL_ROW, "1")), ("04", ("59", "2")), ("05", (TOTAL_ROW, "1"))):
        assert shown_values(sample, table)[key] == 1_286_760_000


def test_a_stated_total_far_from_its_parts_prints_their_sum():
    report = report_with("05", {("2010301", "2"): 1_234_000})
    report.set("05", TOTAL_ROW, "2", 9_000_000, rounded=True)          # 9.00 over a part of 1.23
    assert shown_values(report, "05")[(TOTAL_ROW, "2")] == 1_230_000
