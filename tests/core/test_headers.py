"""The published header rows, worked out once for the PDF, the workbook and the window."""
from __future__ import annotations

from kuaiji_desk.core.forms import for_year
from kuaiji_desk.core.headers import AMOUNT, CODE, LABEL, LINE, NAME, HeaderCell, header_cells, table_header

FORMS = for_year(2024)


def spans(table_id: str) -> dict[str, list[tuple[int, int, int, int]]]:
    """Each header text → where it stands: (top, left, bottom, right) of each cell it is in."""
    out: dict[str, list] = {}
    for cell in table_header(FORMS.table(table_id)).cells():
        out.setdefault(cell.text, []).append((cell.top, cell.left, cell.bottom, cell.right))
    return out


def test_01_has_income_and_expenditure_over_their_columns():
    header = table_header(FORMS.table("01"))
    assert [c.kind for c in header.columns] == [LABEL, LINE, AMOUNT] * 2
    assert header.depth == 2 and header.numbered
    s = spans("01")
    assert s["收入"] == [(0, 0, 0, 2)] and s["支出"] == [(0, 3, 0, 5)]
    assert s["项目"] == [(1, 0, 1, 0), (1, 3, 1, 3)] and s["金额"] == [(1, 2, 1, 2), (1, 5, 1, 5)]
    assert s["栏次"] == [(2, 0, 2, 0), (2, 3, 2, 3)] and s["1"] == [(2, 2, 2, 2)] and s["2"] == [(2, 5, 2, 5)]


def test_04_merges_its_final_accounts_head_over_four_columns_and_lets_leaves_reach_down():
    s = spans("04")
    assert s["支出"] == [(0, 3, 0, 8)]
    assert s["决算数"] == [(1, 2, 2, 2), (1, 5, 1, 8)]       # 收入's reaches down; 支出's spans four
    assert s["小计"] == [(2, 5, 2, 5)] and s["国有资本经营预算财政拨款"] == [(2, 8, 2, 8)]
    assert s["项目"] == [(1, 0, 2, 0), (1, 3, 2, 3)]


def test_09_budget_and_final_over_six_columns_each_three_levels_deep():
    header = table_header(FORMS.table("09"))
    assert [c.column for c in header.columns] == [str(i) for i in range(1, 13)]
    s = spans("09")
    assert s["预算数"] == [(0, 0, 0, 5)] and s["决算数"] == [(0, 6, 0, 11)]
    assert s["公务用车购置及运行费"] == [(1, 2, 1, 4), (1, 8, 1, 10)]
    assert s["合计"] == [(1, 0, 2, 0), (1, 6, 2, 6)] and s["小计"] == [(2, 2, 2, 2), (2, 8, 2, 8)]
    assert s["12"] == [(3, 11, 3, 11)]


def test_06_headings_span_their_groups_blocks_and_no_column_numbers():
    header = table_header(FORMS.table("06"))
    assert [c.kind for c in header.columns] == [CODE, NAME, AMOUNT] * 3
    assert [c.section for c in header.columns] == [0, 0, 0, 1, 1, 1, 2, 2, 2]
    assert not header.numbered
    s = spans("06")
    assert s["人员经费"] == [(0, 0, 0, 2)] and s["公用经费"] == [(0, 3, 0, 8)]
    assert s["经济分类科目编码"] == [(1, 0, 1, 0), (1, 3, 1, 3), (1, 6, 1, 6)]


def test_code_tables_put_item_over_code_and_name():
    s = spans("05")
    assert s["项目"] == [(0, 0, 0, 1)] and s["本年支出"] == [(0, 2, 0, 4)]
    assert s["功能分类科目编码"] == [(1, 0, 1, 0)] and s["类款项"] == [(2, 0, 2, 0)]
    s = spans("02")
    assert s["本年收入合计"] == [(0, 2, 1, 2)]                # one level: reaches down past 项目's row


def test_equal_leaves_side_by_side_merge_but_a_leaf_never_merges_with_a_head():
    cells = header_cells([("甲", "乙"), ("甲", "乙"), ("甲",), ("丙",)])
    assert HeaderCell("甲", 0, 0, 0, 1) in cells and HeaderCell("乙", 1, 0, 1, 1) in cells
    assert HeaderCell("甲", 0, 2, 1, 2) in cells
