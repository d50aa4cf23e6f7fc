"""The grid's header rows as the PDF prints them: 收入 | 支出 over their columns, 预算数 /
决算数 over 09's, 06's blocks under their headings; words whole, rows tall enough."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtTest import QTest

from as_user import settle
from kuaiji_desk.ui.header_view import INSIDE_WORD, PAD_X, PAD_Y, break_costs, wrap_text
from kuaiji_desk.ui.table_tab import TableTab


@pytest.fixture
def tab(session, shown):
    tabs = []   # kept alive while the test looks at them

    def make(table_id):
        tabs.append(shown(TableTab(session, table_id)))
        return tabs[-1]
    return make


def painted(view) -> dict[str, list[tuple[int, int, list[str]]]]:
    """Each header text → (first column, last column, lines) of every cell painted with it,
    the columns read from where the cell's edges are on screen."""
    header = view.horizontalHeader()
    out = {}
    for cell, rect, lines in header.cells():
        first, last = header.logicalIndexAt(rect.left()), header.logicalIndexAt(rect.right())
        assert header.sectionViewportPosition(first) == rect.left()
        assert header.sectionViewportPosition(last) + header.sectionSize(last) == rect.right() + 1
        out.setdefault(cell.text, []).append((first, last, lines))
    return out


def grid_line_at(view, x: int, y: int) -> bool:
    header = view.horizontalHeader()
    image = header.viewport().grab().toImage()
    return image.pixelColor(x, y).rgb() == header.palette().color(QPalette.ColorRole.Mid).rgb()


def test_01_income_and_expenditure_head_their_columns(tab):
    view = tab("01").view
    seen = painted(view)
    assert [(a, b) for a, b, _ in seen["收入"]] == [(0, 2)] and [(a, b) for a, b, _ in seen["支出"]] == [(3, 5)]
    assert [(a, b) for a, b, _ in seen["栏次"]] == [(0, 0), (3, 3)]
    header = view.horizontalHeader()
    row = header.cells()[0][1]                              # the 收入 | 支出 row
    inside = header.sectionViewportPosition(1) - 1          # between 项目 and 行次, under 收入
    between = header.sectionViewportPosition(3) - 1         # between 收入 and 支出
    assert not grid_line_at(view, inside, row.center().y())
    assert grid_line_at(view, between, row.center().y())


def test_04_final_accounts_span_the_four_fund_columns(tab):
    seen = painted(tab("04").view)
    assert [(a, b) for a, b, _ in seen["决算数"]] == [(2, 2), (5, 8)]
    assert seen["一般公共预算财政拨款"] == [(6, 6, ["一般公共预算", "财政拨款"])]
    assert seen["政府性基金预算财政拨款"][0][2] == ["政府性基金预算", "财政拨款"]


def test_09_budget_and_final_over_six_columns_each(tab):
    view = tab("09").view
    seen = painted(view)
    assert [(a, b) for a, b, _ in seen["预算数"]] == [(0, 5)] and [(a, b) for a, b, _ in seen["决算数"]] == [(6, 11)]
    assert [(a, b) for a, b, _ in seen["公务用车购置及运行费"]] == [(2, 4), (8, 10)]
    assert seen["公务用车运行维护费"][0][2] == ["公务用车", "运行维护费"]
    assert [seen[str(i)][0][:2] for i in range(1, 13)] == [(i, i) for i in range(12)]


def test_06_blocks_under_their_headings(tab):
    seen = painted(tab("06").view)
    assert [(a, b) for a, b, _ in seen["人员经费"]] == [(0, 2)]
    assert [(a, b) for a, b, _ in seen["公用经费"]] == [(3, 8)]
    assert [(a, b) for a, b, _ in seen["经济分类科目编码"]] == [(0, 0), (3, 3), (6, 6)]
    assert "栏次" not in seen


def words_whole_and_fitting(view) -> None:
    header = view.horizontalHeader()
    metrics = QFontMetrics(header.font())
    for cell, rect, lines in header.cells():
        assert "".join(lines) == cell.text
        costs = break_costs(cell.text)
        at = 0
        for line in lines[:-1]:
            at += len(line)
            assert costs[at] < INSIDE_WORD, f"「{cell.text}」断在「{cell.text[at - 1:at + 1]}」之间"
        for line in lines:
            assert metrics.horizontalAdvance(line) <= rect.width() - 2 * PAD_X, line
        assert len(lines) * metrics.lineSpacing() + 2 * PAD_Y <= rect.height(), cell.text
        assert rect.bottom() < header.height()
        assert all(metrics.inFontUcs4(ord(ch)) for ch in cell.text), cell.text   # no empty boxes


@pytest.mark.parametrize("table_id", ["01", "02", "03", "04", "05", "06", "07", "08", "09"])
def test_header_words_are_whole_and_the_rows_hold_them(tab, table_id):
    view = tab(table_id).view
    words_whole_and_fitting(view)
    header = view.horizontalHeader()
    assert view.viewport().geometry().top() >= header.geometry().bottom()   # the grid starts below


def test_a_column_made_narrower_wraps_its_header_between_words_and_the_header_grows(tab, user):
    view = tab("04").view
    header = view.horizontalHeader()
    before = header.height()
    edge = header.sectionViewportPosition(8) + header.sectionSize(8) - 1   # right edge of 国有资本…拨款
    y = header.height() - 30                                               # in the row of the fund names
    user(view)._bring_up(header)
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, y))
    QTest.mouseMove(header.viewport(), QPoint(edge - 45, y))
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge - 45, y))
    settle()
    assert header.sectionSize(8) < 80
    assert painted(view)["国有资本经营预算财政拨款"][0][2] == ["国有资本", "经营预算", "财政拨款"]
    assert header.height() > before
    words_whole_and_fitting(view)


def chars(width_in_chars: int) -> tuple[int, object]:
    return width_in_chars * 13, lambda text: 13 * len(text)


def test_wrapping_breaks_between_names_then_words_never_inside_one():
    assert wrap_text("政府性基金预算财政拨款", *chars(7)) == ["政府性基金预算", "财政拨款"]
    assert wrap_text("政府性基金预算财政拨款", *chars(5)) == ["政府性", "基金预算", "财政拨款"]
    assert wrap_text("公务用车购置及运行费", *chars(7)) == ["公务用车购置", "及运行费"]
    assert wrap_text("因公出国（境）费", *chars(6)) == ["因公出国", "（境）费"]
    assert wrap_text("对附属单位补助支出", *chars(7)) == ["对附属单位", "补助支出"]
    assert wrap_text("决算数", *chars(2)) == ["决算", "数"]   # nothing else fits: broken once, not twice
    assert wrap_text("小计", *chars(7)) == ["小计"]
