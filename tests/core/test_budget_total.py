"""五（三）'s total 年初预算: a field of its own (the general budget may hold items never
spent), the completion of the whole from it, and B18 when it differs from the items."""
from __future__ import annotations

import pytest

from kuaiji_desk.core import rules
from kuaiji_desk.core.forms import for_year
from kuaiji_desk.core.narrative import part_three
from kuaiji_desk.core.narrative.blocks import Paragraph
from kuaiji_desk.core.report import new_report
from kuaiji_desk.core.rules.names import rule_name
from kuaiji_desk.core.sample import load_sample

TOTAL = "五.三.年初预算合计"
W = 1_000_000


def _overall(report) -> str:
    """The opening paragraph of 五（三）."""
    starts = ("2024年度一般公共预算财政拨款支出年初预算", "2024年度一般公共预算财政拨款支出决算为")
    return next(b.text for b in part_three(report) if isinstance(b, Paragraph) and b.text.startswith(starts))


@pytest.fixture
def sample():
    report = load_sample()
    report.numbers.pop(TOTAL, None)
    return report


def test_the_field_is_declared_once_as_an_amount_of_five():
    field = for_year(2024).field(TOTAL)
    assert (field.kind, field.section, field.per) == ("amount", "五", "")
    assert field.label == "一般公共预算财政拨款支出年初预算数"


def test_without_the_field_the_total_is_the_items_sum(sample):
    # The reference's items: 241.02 + 974.12 + 0 + 27.94 + 9.46 + 17.02 + 3 + 25.53 + 4.75 = 1302.84;
    # 1286.76 / 1302.84 = 98.77…% → 98.8.
    assert _overall(sample).startswith(
        "2024年度一般公共预算财政拨款支出年初预算为1302.84万元，支出决算为1286.76万元，完成年初预算的98.8%。")


def test_the_field_states_the_total_and_the_completion_of_the_whole(sample):
    sample.numbers[TOTAL] = 1_311_820_000
    # As the reference says it: 1286.76 / 1311.82 = 98.08…% → 98.1.
    assert _overall(sample).startswith(
        "2024年度一般公共预算财政拨款支出年初预算为1311.82万元，支出决算为1286.76万元，完成年初预算的98.1%。"
        "其中：基本支出335.28万元，项目支出951.48万元。")
    # the items keep their own figures
    assert "年初预算为241.02万元，支出决算为251.35万元，完成年初预算的104.29%" in "".join(
        b.text for b in part_three(sample) if isinstance(b, Paragraph))


def test_the_field_stands_even_when_an_item_has_no_budget(sample):
    sample.numbers = {k: v for k, v in sample.numbers.items() if not k.startswith("五.三.年初预算:")}
    assert _overall(sample).startswith("2024年度一般公共预算财政拨款支出决算为1286.76万元。")
    sample.numbers[TOTAL] = 1_311_820_000
    assert _overall(sample).startswith("2024年度一般公共预算财政拨款支出年初预算为1311.82万元，")


def test_a_zero_total_has_no_completion(sample):
    sample.numbers[TOTAL] = 0
    assert _overall(sample).startswith("2024年度一般公共预算财政拨款支出年初预算为0万元，支出决算为1286.76万元。")


def _b18(report):
    return [f for f in rules.check(report) if f.rule == "B18"]


def test_b18_when_the_total_differs_from_the_items():
    r = new_report("单位", 2024)
    r.numbers.update({"五.三.年初预算:2010350": 241_020_000, "五.三.年初预算:2010399": 974_120_000,
                      TOTAL: 1_311_820_000})
    (f,) = _b18(r)
    assert (f.severity, f.table, f.row, f.column) == ("warning", "情况说明", "五", TOTAL)
    assert (f.expected, f.actual) == (1_215_140_000, 1_311_820_000)
    assert f.message == ("一般公共预算财政拨款支出年初预算数 1311.82 万元，与各项年初预算数之和 1215.14 万元"
                         "相差 96.68 万元；请核实，或说明年初预算中未列出的项目。")
    assert rule_name("B18") == "年初预算合计与各项之和"


def test_no_b18_when_the_total_is_the_items_sum_or_either_side_is_missing():
    r = new_report("单位", 2024)
    r.numbers.update({"五.三.年初预算:2010350": 241_020_000, "五.三.年初预算:2010399": 974_120_000})
    assert _b18(r) == []                                       # no total typed
    r.numbers[TOTAL] = 1_215_140_000
    assert _b18(r) == []                                       # equal to the sum
    r.numbers[TOTAL] = 1_215_140_000 + 1
    assert len(_b18(r)) == 1                                   # one 分 off is a difference
    r.numbers = {TOTAL: 5 * W}
    assert _b18(r) == []                                       # no item to compare with
