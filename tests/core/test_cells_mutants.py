"""Reading single cells: amounts and their precision, units named in the text, 行次
numbers and the line that ends a table — on small hand-made grids."""
import pytest

from kuaiji_desk.core.excel.cells import integer_at, is_stop_row, read_amount, read_amount_with_unit
from kuaiji_desk.core.excel.errors import WorkbookError
from kuaiji_desk.core.excel.grid import Grid


def grid(values: dict, merged=()) -> Grid:
    return Grid(file="决算.xlsx", sheet="表1", values=values, merged=list(merged))


# -- amounts and whether they are shown rounded (to 0.01 万元) ----------------------

@pytest.mark.parametrize("value, unit, expected", [
    (1286.76, "万元", (1_286_760_000, True)),
    (1286.7600000000002, "万元", (1_286_760_000, True)),   # Excel's sum: binary noise, not a decimal
    (1.234, "万元", (1_234_000, False)),                    # a float known to the 分
    (12, "万元", (12_000_000, True)),
    ("1.23", "万元", (1_230_000, True)),
    ("1.234", "万元", (1_234_000, False)),
    ("1.2300004", "万元", (1_230_000, False)),             # typed finer than the 分: not a 0.01 figure
    ("０．５", "万元", (500_000, True)),                      # full-width text
    (3352775.69, "元", (335_277_569, False)),               # 元 is always to the 分
    ("12", "元", (1_200, False)),
    (-0.5, "万元", (-500_000, True)),
])
def test_read_amount(value, unit, expected):
    assert read_amount(grid({(4, 3): value}), 4, 3, unit) == expected


@pytest.mark.parametrize("value", [None, "-", "  ", "—"])
def test_a_blank_or_dash_is_no_amount(value):
    g = grid({} if value is None else {(4, 3): value})
    assert read_amount(g, 4, 3, "万元") is None


def test_an_amount_over_a_merged_range_is_read_once():
    g = grid({(4, 2): 7.5}, merged=[(4, 2, 4, 4)])        # B4:D4 hold one 7.50
    assert read_amount(g, 4, 2, "万元") == (7_500_000, True)
    assert read_amount(g, 4, 3, "万元") is None
    assert read_amount(g, 4, 4, "万元") is None


@pytest.mark.parametrize("read, at, text, address", [
    (read_amount, (4, 3), "约五万", "C4"),
    (read_amount_with_unit, (7, 2), "三百元", "B7"),     # a unit named, the amount still no number
])
def test_text_that_is_no_amount_names_the_cell(read, at, text, address):
    with pytest.raises(WorkbookError) as e:
        read(grid({at: text}), *at, "万元")
    assert str(e.value) == f"「决算.xlsx」工作表「表1」{address} 单元格的内容「{text}」不是金额。"


# -- amounts that name their unit ----------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("3352775.69元", (335_277_569, False)),
    ("3352775.69 元 ", (335_277_569, False)),
    ("335.28万元", (335_280_000, True)),
    ("335.2776 万元", (335_277_600, False)),
    ("335.28", (335_280_000, True)),         # no unit named: the table's
    (335.28, (335_280_000, True)),
    ("1,234.5元", (123_450, False)),
])
def test_read_amount_with_unit(value, expected):
    assert read_amount_with_unit(grid({(7, 2): value}), 7, 2, "万元") == expected


def test_a_named_unit_wins_over_the_tables():
    g = grid({(7, 2): "12万元", (7, 3): "12元", (7, 4): "12"})
    assert [read_amount_with_unit(g, 7, c, "元") for c in (2, 3, 4)] == [
        (12_000_000, True), (1_200, False), (1_200, False)]


def test_a_unit_with_no_amount_is_blank():
    assert read_amount_with_unit(grid({(7, 2): "元"}), 7, 2, "万元") is None


# -- 行次 and 栏次 numbers -------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    (7, 7), (7.0, 7), ("7", 7), (" 12 ", 12), ("0", 0),
    ("7a", None), ("栏次", None), ("1.5", None), (-3, None), ("", None),
])
def test_integer_at(value, expected):
    assert integer_at(grid({(2, 1): value}), 2, 1) == expected


def test_integer_at_an_empty_cell_is_none():
    assert integer_at(grid({}), 2, 1) is None


# -- the line that ends a table -------------------------------------------------

@pytest.mark.parametrize("text", ["注：本表反映…", "说明：", "本部门2024年度没有政府性基金预算财政拨款收入", "备注", " 注 1"])
def test_a_note_ends_the_table(text):
    assert is_stop_row(grid({(9, 1): text, (9, 2): 3}), 9)


@pytest.mark.parametrize("values", [
    {(9, 1): "合计", (9, 2): 3},
    {(9, 1): "工资福利支出", (9, 2): "注"},        # 注 not in the row's first cell
    {(9, 1): "附注"},                               # 注 not at the start
    {},                                              # an empty row
])
def test_other_rows_do_not(values):
    assert not is_stop_row(grid(values), 9)


def test_the_first_cell_is_the_first_that_holds_a_value():
    assert is_stop_row(grid({(9, 3): "注：单位为万元", (9, 5): 1}), 9)
