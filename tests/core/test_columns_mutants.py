"""Where the 栏次 row is, when nothing labels it (benchmarks/mutation_score.py columns): two
numbered columns are enough, one number alone is a figure."""
from kuaiji_desk.core.excel.columns import find_lanci_row
from kuaiji_desk.core.excel.grid import Grid


def test_a_row_of_just_1_and_2_is_the_lanci_row():
    grid = Grid(file="x.xlsx", sheet="表", values={(2, 1): "项目", (2, 2): "年初", (2, 3): "年末",
                                                  (3, 2): 1, (3, 3): 2, (4, 1): "合计", (4, 2): 5})
    assert find_lanci_row(grid, range(1, 5)) == 3


def test_a_lone_1_is_a_figure_not_a_lanci_row():
    grid = Grid(file="x.xlsx", sheet="表", values={(2, 1): "项目", (2, 2): "金额", (3, 2): 1})
    assert find_lanci_row(grid, range(1, 4)) is None
