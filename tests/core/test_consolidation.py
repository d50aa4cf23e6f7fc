"""A 部门 report as the sum of its units (core.consolidation): cell by cell, code rows and
projects gathered, internal transfers taken out, and the 部门's own rules (B17)."""
from __future__ import annotations

import dataclasses

import pytest

from kuaiji_desk.core import rules
from kuaiji_desk.core.consolidation import ConsolidationError, LiveSum, consolidate, read_transfers
from kuaiji_desk.core.layout import Values, layout
from kuaiji_desk.core.narrative.part_one import part_one
from kuaiji_desk.core.report import Composition, Transfer, new_report
from kuaiji_desk.core.sample import load_sample

WAN = 1_000_000   # 1 万元 in 分


@pytest.fixture(scope="module")
def sample():
    return load_sample()


def copy_of(report, unit):
    return dataclasses.replace(report, unit=unit, cells=dict(report.cells), rounded=set(report.rounded),
                               code_rows={t: dict(c) for t, c in report.code_rows.items()})


def department(name="某部门", year=2024, texts=None):
    report = new_report(name, year)
    report.texts = {**(texts or {}), "职责": "部门的职责"}
    return report


def every_cell(report):
    for spec in report.forms.tables:
        lay = layout(report, spec.id)
        for row in lay.rows:
            for col in lay.row_cols[row]:
                yield spec.id, row, col


def test_two_copies_of_the_reference_are_exactly_twice_it(sample):
    own = department(texts=sample.texts)
    own.numbers = dict(sample.numbers)
    total = consolidate(own, [copy_of(sample, "单位甲"), copy_of(sample, "单位乙")])
    once, twice = Values(sample), Values(total)
    assert all(twice.value(*key) == 2 * once.value(*key) for key in every_cell(sample))
    assert {k for k in total.cells} == {k for k in sample.cells}        # stated where the units state
    assert total.rounded == sample.rounded
    assert len(total.projects) == 2 * len(sample.projects)
    assert total.texts["职责"] == "部门的职责" and total.composition.units == ("单位甲", "单位乙")
    assert rules.summary(rules.check(total))["error"] == 0


def unit(name, cells, codes=("2010350",), stated=False):
    """A unit with figures (in 万元) in the named cells; its totals computed, or ``stated`` as an
    imported workbook states them."""
    report = new_report(name, 2024)
    for table in ("02", "03"):
        for code in codes:
            report.add_code(table, code)
    for (table, row, col), wan in cells.items():
        report.set(table, row, col, wan * WAN)
    if stated:
        values = Values(report)
        for key in every_cell(report):
            if layout(report, key[0]).is_total(*key[1:]) and values.value(*key):
                report.set(*key, values.value(*key))
    return report


# 甲 pays 乙 100 万元 of 对附属单位补助支出; 乙 books it as 上级补助收入.
PARENT = {("01", "1", "1"): 500, ("02", "2010350", "2"): 500, ("03", "2010350", "2"): 400,
          ("03", "2010350", "6"): 100, ("01", "31", "2"): 500}
CHILD = {("01", "4", "1"): 100, ("02", "2010350", "3"): 100, ("03", "2010350", "2"): 100, ("01", "31", "2"): 100}
AID = Transfer("补助", "甲", "乙", "2010350", "2010350", 100 * WAN)


def test_a_code_row_of_any_unit_is_in_the_sum():
    total = consolidate(department(), [unit("甲", PARENT), unit("乙", CHILD, codes=("2010350", "2080501"))])
    assert "2080501" in total.code_rows["02"] and "20805" in total.code_rows["02"]


@pytest.mark.parametrize("stated", [False, True], ids=["computed totals", "stated totals"])
def test_an_internal_transfer_is_taken_out_of_both_sides(stated):
    units = [unit("甲", PARENT, stated=stated), unit("乙", CHILD, stated=stated)]
    kept = consolidate(department(), units)
    assert [f.rule for f in rules.check(kept) if f.rule == "B17"] == ["B17"]
    total = consolidate(department(), units, (AID,))
    values = Values(total)
    assert values.value("02", "合计", "3") == 0 and values.value("03", "合计", "6") == 0
    assert values.value("01", "4", "1") == 0 and values.value("01", "31", "2") == 500 * WAN
    assert values.value("01", "27", "1") == 500 * WAN and values.value("01", "57", "2") == 500 * WAN
    found = rules.check(total)
    assert not [f for f in found if f.rule.startswith("B17") or f.severity == "error" and f.table in ("01", "02", "03")]


def test_a_transfer_larger_than_what_the_unit_booked_is_refused_naming_it():
    too_much = dataclasses.replace(AID, fen=150 * WAN)
    with pytest.raises(ConsolidationError, match="收到方「乙」的公开02表2010350「上级补助收入」只有 100.00 万元"):
        consolidate(department(), [unit("甲", PARENT), unit("乙", CHILD)], (too_much,))
    stranger = dataclasses.replace(AID, payer="外单位")
    with pytest.raises(ConsolidationError, match="「外单位」不是本部门的单位"):
        consolidate(department(), [unit("甲", PARENT), unit("乙", CHILD)], (stranger,))


def test_units_that_cannot_be_added_are_refused_naming_them(sample):
    with pytest.raises(ConsolidationError, match="单位「去年」的报告是2023年度的"):
        consolidate(department(), [dataclasses.replace(copy_of(sample, "去年"), year=2023)])
    with pytest.raises(ConsolidationError, match="不能把自己列为单位.*某部门本级"):
        consolidate(department(), [copy_of(sample, "某部门")])
    with pytest.raises(ConsolidationError, match="单位「甲」列了两次"):
        consolidate(department(), [copy_of(sample, "甲"), copy_of(sample, "甲")])
    inner = consolidate(department("下级部门"), [copy_of(sample, "甲")])
    with pytest.raises(ConsolidationError, match="「下级部门」本身是部门汇总报告"):
        consolidate(department(), [inner])


def test_a_unit_without_a_report_is_an_error_naming_it(sample):
    own = department()
    own.composition = Composition(("甲", "丙"))
    total = consolidate(own, [copy_of(sample, "甲")], missing=("丙",))
    assert total.composition.units == ("甲", "丙")
    [missing] = [f for f in rules.check(total) if f.rule == "B17.1"]
    assert missing.severity == "error" and "「丙」没有2024年度的报告" in missing.message


def test_the_first_part_lists_the_units_with_their_count(sample):
    total = consolidate(department(), [copy_of(sample, "单位甲"), copy_of(sample, "单位乙")])
    words = [getattr(b, "text", "") for b in part_one(total)]
    assert "二、部门决算单位构成" in words
    assert "纳入某部门2024年度部门决算编制范围的单位共2个，包括：1.单位甲；2.单位乙。" in "".join(words)
    assert not [f for f in rules.check(total) if f.column == "机构设置"]     # the list stands for it


def test_unit_figures_say_who_contributed_what():
    live = LiveSum(department(), [unit("甲", PARENT), unit("乙", CHILD)])
    assert live.figures(("03", "合计", "2")) == [("甲", 400 * WAN), ("乙", 100 * WAN)]
    assert live.figures(("01", "4", "1")) == [("乙", 100 * WAN)]


def test_transfers_are_read_from_a_csv_saved_by_excel(tmp_path):
    path = tmp_path / "往来.csv"
    path.write_text("\ufeff类型,付出单位,收到单位,收入科目,支出科目,金额（万元）\n"
                    "补助,甲,乙,2010350,2010350,\"1,234.56\"\n\n", encoding="utf-8")
    assert read_transfers(path) == (Transfer("补助", "甲", "乙", "2010350", "2010350", 123_456 * WAN // 100),)
    path.write_text("类型,付出单位,收到单位,收入科目,支出科目,金额（万元）\n拨款,甲,乙,2010350,2010350,5\n", encoding="utf-8")
    with pytest.raises(ConsolidationError, match="第2行无法读取"):
        read_transfers(path)
    path.write_bytes("类型,付出单位\n".encode("gbk"))
    with pytest.raises(ConsolidationError, match="CSV UTF-8"):
        read_transfers(path)


def edited(report, changes):
    out = copy_of(report, report.unit)
    for key, value, rounded in changes:
        if value is None:
            out.cells.pop(key, None)
            out.rounded.discard(key)
        else:
            out.set(*key, value, rounded=rounded)
    return out


# Each kind of change a unit's edit makes: a part, a stated total, a total no longer stated, a
# total stated by this unit alone, a rounded mark, a figure gone.
EDITS = [
    [(("02", "2010350", "2"), 1_000_000, False)],
    [(("02", "合计", "1"), 5, True)],
    [(("03", "合计", "1"), None, False)],
    [(("03", "2010350", "1"), 123, True), (("02", "2010350", "7"), 9, False)],
    [(("01", "1", "1"), None, False), (("06", "30101", "1"), 77, True)],
    [(("02", "2010350", "7"), None, False)],             # a part no other unit holds, gone
    [(("02", "合计", "2"), None, False)],                  # the last unit stating a total stops
]


def test_a_units_edit_moves_the_live_sum_as_adding_up_afresh(sample):
    units = [copy_of(sample, "单位甲"), copy_of(sample, "单位乙"), copy_of(sample, "单位丙")]
    units[2].cells.pop(("03", "合计", "1"))              # one unit leaves a total computed
    for other in (units[0], units[2]):
        other.cells.pop(("02", "合计", "2"))              # 乙 alone states this one
    live = LiveSum(department(), units)
    report = live.report
    for changes in EDITS:
        units[1] = edited(units[1], changes)
        assert live.replace_unit(units[1]) is report       # the same report, moved in place
        fresh = consolidate(department(), units)
        assert (report.cells, report.rounded) == (fresh.cells, fresh.rounded), changes
    assert rules.check(report) == rules.check(consolidate(department(), units))


def test_the_audit_report_lists_the_units_and_the_transfers_taken_out(tmp_path):
    import openpyxl

    from kuaiji_desk.core.audit import audit, export_audit
    from poppler import pdf_text

    total = consolidate(department(), [unit("甲", PARENT), unit("乙", CHILD)], (AID,))
    made = audit(total)
    words = "甲 → 乙：补助 100.00 万元（上级补助收入 / 对附属单位补助支出；收入科目 2010350，支出科目 2010350）"
    assert made.units == ("甲", "乙") and made.eliminations == (words,)
    export_audit(total, tmp_path / "审核.pdf")
    export_audit(total, tmp_path / "审核.xlsx")
    text = "".join(pdf_text(tmp_path / "审核.pdf").split())
    assert "部门汇总：2个单位（甲、乙）。" in text and "内部往来抵消1笔：" in text and "".join(words.split()) in text
    sheet = openpyxl.load_workbook(tmp_path / "审核.xlsx").active
    cells = [c.value for row in sheet.iter_rows() for c in row if c.value]
    assert "部门汇总：2 个单位（甲、乙）。" in cells and f"1. {words}" in cells
