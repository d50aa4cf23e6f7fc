"""The table model: the published shape of every table, typing, totals and marks."""

import pytest

from kuaiji_desk.core import edits
from kuaiji_desk.store.repo import load_report
from kuaiji_desk.ui import style
from kuaiji_desk.ui.table_model import PLAIN_ROLE, ReportTableModel, exact_text
from PySide6.QtCore import Qt

W = 1_000_000  # 分 per 万元
Role = Qt.ItemDataRole


def text(model, row, col, role=Role.DisplayRole):
    return model.index_of(row, col).data(role)


@pytest.mark.parametrize("table", ["01", "02", "06", "09"])
def test_models_pass_the_model_tester(qtmodeltester, sample, table):
    qtmodeltester.check(ReportTableModel(sample, table))


def test_two_section_tables_stand_side_by_side(sample):
    m01, m04 = ReportTableModel(sample, "01"), ReportTableModel(sample, "04")
    assert (m01.rowCount(), m01.columnCount()) == (30, 6)
    assert [m01.index(0, c).data() for c in (1, 4)] == ["1", "31"]
    assert [m01.index(29, c).data() for c in (0, 1, 3, 4)] == ["总计", "30", "总计", "60"]
    assert [m01.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "收入\n项目", "行次", "金额\n1", "支出\n项目", "行次", "金额\n2"]
    assert (m04.rowCount(), m04.columnCount()) == (32, 9)
    assert [m04.index(31, c).data() for c in (1, 4)] == ["32", "64"]


def test_code_tables_show_code_name_and_columns(sample):
    model = ReportTableModel(sample, "05")
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["科目编码", "科目名称", "本年支出\n小计\n1", "本年支出\n基本支出\n2", "本年支出\n项目支出\n3"]
    assert [model.index(r, 0).data() for r in range(3)] == ["", "201", "20103"]
    assert model.index(0, 1).data() == "合计"
    assert text(model, "2010350", "") == "2010350"


def test_sangong_is_one_row_of_twelve_amounts(sample):
    model = ReportTableModel(sample, "09")
    assert (model.rowCount(), model.columnCount()) == (1, 12)
    # Long header words are broken so that the narrow amount columns show them whole.
    assert model.headerData(2, Qt.Orientation.Horizontal) == "预算数\n公务用车购\n置及运行费\n小计\n3"


def test_display_edit_and_plain_text(sample):
    model = ReportTableModel(sample, "02")
    assert text(model, "合计", "1") == "1,286.76"
    assert text(model, "合计", "1", Role.EditRole) == "1286.76"
    assert text(model, "合计", "1", PLAIN_ROLE) == "1286.76"
    assert text(model, "合计", "3") == ""          # a total that sums to nothing stays blank
    assert text(model, "2010350", "", PLAIN_ROLE) == "2010350"
    assert text(model, "合计", "1", Role.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_edit_text_is_never_rounded():
    assert exact_text(1_286_760_000, "万元") == "1286.76"
    assert exact_text(1_286_761_234, "万元") == "1286.761234"
    assert exact_text(-5, "元") == "-0.05"


def test_typing_stores_fen_in_report_and_database(db, sample):
    model = ReportTableModel(sample, "02")
    assert model.setData(model.index_of("2010350", "2"), "1,286.76")
    assert sample.report.cells[("02", "2010350", "2")] == 1_286_760_000
    assert load_report(db, sample.report.unit, 2024).cells[("02", "2010350", "2")] == 1_286_760_000
    assert text(model, "2010350", "2") == "1,286.76"


def test_full_width_digits_are_amounts(sample):
    model = ReportTableModel(sample, "02")
    assert model.setData(model.index_of("2010350", "2"), "１，２８６．７６")
    assert sample.report.cells[("02", "2010350", "2")] == 1_286_760_000


def test_text_is_rejected_and_nothing_changes(qtbot, sample):
    model = ReportTableModel(sample, "02")
    before = dict(sample.report.cells)
    with qtbot.waitSignal(model.rejected) as signal:
        assert not model.setData(model.index_of("2010350", "2"), "abc")
    assert "「abc」不是金额" in signal.args[0]
    assert sample.report.cells == before
    assert sample.undo_stack.count() == 0


def test_blank_text_clears(sample):
    model = ReportTableModel(sample, "02")
    assert model.setData(model.index_of("2010350", "2"), "")
    assert ("02", "2010350", "2") not in sample.report.cells


def test_computed_totals_labels_and_codes_are_read_only_stated_totals_are_not(qtbot, sample):
    model = ReportTableModel(sample, "02")
    editable = Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index_of("2010350", "2")) & editable
    for row, col in [("合计", "2"), ("201", "2"), ("2010350", "1")]:          # stated: typed over
        assert model.flags(model.index_of(row, col)) & editable, (row, col)
    for row, col in [("合计", "3"), ("201", "3"), ("2010350", "")]:          # computed, a code
        assert not model.flags(model.index_of(row, col)) & editable, (row, col)
    assert not model.flags(model.index(1, 1)) & editable     # 科目名称
    with qtbot.waitSignal(model.rejected) as signal:
        assert not model.setData(model.index_of("201", "3"), "1")
    assert signal.args[0] == "“201 一般公共服务支出”的“上级补助收入”（第3栏）由其下各科目相加得出，不能直接填写；请填写其各项。"
    m01 = ReportTableModel(sample, "01")
    assert m01.flags(m01.index_of("1", "1")) & editable
    assert m01.flags(m01.index_of("27", "1")) & editable      # as the workbook stated it
    sample.apply(edits.reset_stated(sample.report, "01"))
    assert not m01.flags(m01.index_of("27", "1")) & editable
    assert not m01.flags(m01.index(10, 2)) & editable        # 行次 11 has no cell
    assert m01.cell_of(m01.index(10, 2)) is None


def test_totals_are_recomputed_after_an_edit(blank):
    blank.apply(edits.add_code(blank.report, "02", "2010350"))
    blank.apply(edits.add_code(blank.report, "02", "2010399"))
    model = ReportTableModel(blank, "02")
    model.setData(model.index_of("2010350", "2"), "1.5")
    model.setData(model.index_of("2010399", "3"), "2")
    assert text(model, "201", "2") == "1.50"
    assert text(model, "201", "1") == "3.50"
    assert text(model, "合计", "1") == "3.50"
    assert text(model, "2010350", "1", Role.BackgroundRole) == style.TOTAL_BACKGROUND
    assert text(model, "合计", "", Role.FontRole).bold()


def test_adding_a_code_resets_the_rows(qtbot, blank):
    model = ReportTableModel(blank, "02")
    assert model.rowCount() == 1
    with qtbot.waitSignal(model.modelReset):
        blank.apply(edits.add_code(blank.report, "02", "2010350"))
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["", "201", "20103", "2010350"]
    blank.undo_stack.undo()
    assert model.rowCount() == 1


def test_unit_switch_reformats(sample):
    model = ReportTableModel(sample, "02")
    model.setData(model.index_of("2010350", "2"), "1286.76")
    sample.set_unit("元")
    assert text(model, "2010350", "2") == "12,867,600.00"
    assert text(model, "2010350", "2", Role.EditRole) == "12867600.00"
    model.setData(model.index_of("2010350", "2"), "1.23")   # now typed in 元
    assert sample.report.cells[("02", "2010350", "2")] == 123


def test_stated_total_is_marked_and_follows_its_parts_once_one_is_typed(sample):
    model = ReportTableModel(sample, "02")
    key = ("02", "2010350", "1")
    assert model.is_stated_total("2010350", "1")
    assert text(model, "2010350", "1", Role.BackgroundRole) == style.STATED_BACKGROUND
    assert "所列数 251.35 万元（导入或填写），按各项计算为 251.35 万元" in text(model, "2010350", "1", Role.ToolTipRole)
    sample.apply(edits.set_cell("02", "2010350", "2", 300 * W))   # a script's edit: nothing else moves
    assert text(model, "2010350", "1") == "251.35"
    sample.undo_stack.undo()
    assert model.setData(model.index_of("2010350", "2"), "300")   # typed: the totals above follow
    assert text(model, "2010350", "1") == "300.00"
    assert key not in sample.report.cells
    assert text(model, "2010350", "1", Role.BackgroundRole) == style.TOTAL_BACKGROUND
    assert text(model, "20103", "1", Role.BackgroundRole) == style.TOTAL_BACKGROUND


def test_a_finding_marks_its_cell(blank):
    blank.apply(edits.add_code(blank.report, "02", "2010350"))
    model = ReportTableModel(blank, "02")
    model.setData(model.index_of("2010350", "2"), "5")
    blank.apply(edits.set_cell("02", "合计", "2", 6 * W))          # a stated total that does not add up
    finding = next(f for f in blank.findings if (f.table, f.row, f.column) == ("02", "合计", "2"))
    assert finding.severity == "error"
    assert text(model, "合计", "2", Role.BackgroundRole) == style.ERROR_BACKGROUND
    assert finding.message in text(model, "合计", "2", Role.ToolTipRole)


def test_a_row_finding_marks_code_and_name(blank):
    blank.apply(edits.add_code(blank.report, "02", "2010388", "本地科目"))
    model = ReportTableModel(blank, "02")
    finding = next(f for f in blank.findings if f.row == "2010388")
    assert finding.column == ""
    index = model.index_of("2010388", "")
    for column in (0, 1):
        cell = index.siblingAtColumn(column)
        assert cell.data(Role.BackgroundRole) == style.WARNING_BACKGROUND
        assert finding.message in cell.data(Role.ToolTipRole)
    assert index.data(Role.ForegroundRole) == style.UNKNOWN_CODE_FOREGROUND


def test_index_of_and_cell_of_agree(sample):
    model = ReportTableModel(sample, "04")
    for cell in [("33", "3"), ("60", "3"), ("60", "5"), ("28", "1"), ("64", "")]:
        assert model.cell_of(model.index_of(*cell)) == cell
    assert not model.index_of("61", "3").isValid()             # 61–63 are spacer rows, without cells



def test_06_shows_the_published_blocks_side_by_side(sample):
    model = ReportTableModel(sample, "06")
    assert model.columnCount() == 9
    assert [model.headerData(c, Qt.Orientation.Horizontal).split("\n")[0] for c in (0, 3, 6)] == ["人员经费", "公用经费", "公用经费"]
    first = [model.cell_of(model.index(0, c))[0] for c in (0, 3, 6)]
    assert first == ["301", "302", "310"]
    last = model.rowCount() - 1
    assert model.cell_of(model.index(last, 2)) == ("人员经费合计", "1")
    assert model.cell_of(model.index(last, 5)) == ("公用经费合计", "1")
    assert text(model, "30107", "1") == "142.06"
    assert model.index_of("30226", "1").column() == 5
