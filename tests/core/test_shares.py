"""Shares a reader can recompute: each printed share is the printed part over the
printed whole, rounded half up, never adjusted to make the shares add up to 100%.
The pie charts label their slices with the shares the text prints."""
from __future__ import annotations

from decimal import Decimal

import pytest

from kuaiji_desk.core.narrative import part_three
from kuaiji_desk.core.narrative.blocks import Chart, Paragraph
from kuaiji_desk.core.pdf.charts import _pie
from kuaiji_desk.core.pdf.context import Context
from kuaiji_desk.core.pdf.fonts import resolve_fonts
from kuaiji_desk.core.pdf.styles import PORTRAIT_WIDTH, make_styles
from kuaiji_desk.core.report import new_report

W = 1_000_000


def _report():
    """03: 基本支出, 项目支出 and 上缴上级支出 of 1.00 万元 each (33.3% each: 99.9% in all);
    05: three 类 of 1.00, 1.00 and 2.00 万元 (25.00 + 25.00 + 50.00)."""
    r = new_report("单位", 2024)
    r.add_code("03", "2010350")
    for col in ("2", "3", "4"):
        r.set("03", "2010350", col, W)
    for code, amount in (("2010350", W), ("2060502", W), ("2080505", 2 * W)):
        r.add_code("05", code)
        r.set("05", code, "2", amount)
    return r


@pytest.fixture(scope="module")
def blocks():
    return part_three(_report())


def _paragraphs(blocks):
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def test_shares_of_three_equal_parts_are_not_forced_to_100(blocks):
    text = next(t for t in _paragraphs(blocks) if t.startswith("2024年度支出合计"))
    # 1.00 / 3.00 = 33.33…% → 33.3 each; the sum 99.9 is left as it is.
    assert ("其中：基本支出1.00万元，占本年支出33.3%；项目支出1.00万元，占本年支出33.3%；"
            "上缴上级支出1.00万元，占本年支出33.3%。") in text


def test_the_pie_carries_and_prints_the_texts_shares(blocks):
    chart = next(b for b in blocks if isinstance(b, Chart) and b.caption == "图3：支出决算结构")
    assert chart.shares == ("33.3", "33.3", "33.3")
    fonts = resolve_fonts(system_dir=False)
    drawing = _pie(Context(_report(), fonts, make_styles(fonts)), chart, PORTRAIT_WIDTH)
    pie = drawing.contents[0]
    assert list(pie.labels) == ["基本支出 33.3%", "项目支出 33.3%", "上缴上级支出 33.3%"]


def test_the_structure_by_class_is_each_class_over_the_printed_total(blocks):
    lines = [t for t in _paragraphs(blocks) if "类支出" in t]
    assert [t.split("，")[1] for t in lines] == ["占25.00%。", "占25.00%。", "占50.00%。"]


def test_a_share_of_a_part_over_a_total_that_is_not_its_sum_recomputes():
    """The 合计 as stated by a 万元 table (1286.76 over 类 that add up to 1286.75): the
    share is of the printed 合计, as the reader divides."""
    r = new_report("单位", 2024)
    for code, amount in (("2010350", 1_000_000_000), ("2060502", 286_750_000)):
        r.add_code("05", code)
        r.set("05", code, "2", amount, rounded=True)
    r.set("05", "合计", "1", 1_286_760_000, rounded=True)
    lines = [t for t in _paragraphs(part_three(r)) if "类支出" in t]
    # 1000.00 / 1286.76 = 0.777145… → 77.71 (over the parts' sum 1286.75 it would be
    # 0.777152… → 77.72, which the reader could not find); 286.75 / 1286.76 → 22.28.
    shares = [Decimal(t.split("占")[1].split("%")[0]) for t in lines]
    assert shares == [Decimal("77.71"), Decimal("22.28")]
    assert any("支出1286.76万元，主要用于" in t for t in _paragraphs(part_three(r)))


def test_shares_in_three_are_of_the_printed_total_not_of_the_parts_sum():
    """03 read from a 万元 table: 基本 300.50 + 项目 699.50 under a 合计 printed 1000.01."""
    r = new_report("单位", 2024)
    r.add_code("03", "2010350")
    r.set("03", "2010350", "2", 300_500_000, rounded=True)
    r.set("03", "2010350", "3", 699_500_000, rounded=True)
    r.set("03", "合计", "1", 1_000_010_000, rounded=True)
    blocks = part_three(r)
    text = next(t for t in _paragraphs(blocks) if t.startswith("2024年度支出合计"))
    # 300.50 / 1000.01 = 30.049…% → 30.0 and 699.50 / 1000.01 = 69.949…% → 69.9 (99.9 in all);
    # over the parts' sum 1000.00 they would be 30.1 and 70.0, which no reader finds.
    assert text.startswith("2024年度支出合计1000.01万元。")
    assert "其中：基本支出300.50万元，占本年支出30.0%；项目支出699.50万元，占本年支出69.9%。" in text
    chart = next(b for b in blocks if isinstance(b, Chart) and b.caption == "图3：支出决算结构")
    assert chart.shares == ("30.0", "69.9")
