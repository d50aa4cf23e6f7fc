"""Edges of core.money that mutation testing found unguarded (benchmarks/mutation_score.py money):
the largest amount, the words of a refusal, figures for machines, the range of a rate worked out
from rounded figures, and a percentage read from a number cell."""
import re
from decimal import Decimal

import pytest

from kuaiji_desk.core.money import (MAX_FEN, AmountError, AmountOutOfRange, check_fen, decimal_to_fen, format_plain,
                                    is_shown_precision, parse_amount, parse_percent, percent_bounds, to_decimal)


def test_the_largest_amount_is_accepted_and_one_fen_more_refused():
    assert check_fen(MAX_FEN) == MAX_FEN
    assert check_fen(-MAX_FEN) == -MAX_FEN
    with pytest.raises(AmountOutOfRange):
        check_fen(MAX_FEN + 1)


def test_a_refusal_names_the_text_as_typed_or_else_the_figure():
    with pytest.raises(AmountOutOfRange, match="^「1e20」超出了可以处理的金额范围"):
        check_fen(10 ** 20, "1e20")
    with pytest.raises(AmountOutOfRange, match=f"^「{MAX_FEN + 1}」超出了"):
        check_fen(MAX_FEN + 1)


def test_figures_for_machines_have_no_grouping_and_keep_their_unit():
    assert format_plain(1_286_760_000) == "1286.76"
    assert format_plain(335_277_569, "元") == "3352775.69"


def test_the_range_of_a_rate_from_rounded_figures():
    assert percent_bounds(50, 1, 100, 1) == (Decimal(49) * 100 / Decimal(101), Decimal(51) * 100 / Decimal(99))
    assert percent_bounds(1, 0, 1, 0) == (Decimal(100), Decimal(100))   # the smallest base there is
    assert percent_bounds(1, 1, 1, 1) is None    # the base may be nothing: no range
    assert percent_bounds(5, 0, 0, 0) is None


@pytest.mark.parametrize(("cell", "read"), [
    (Decimal("0.8645"), Decimal("86.4500")),   # a cell formatted as percent holds the fraction
    (10, 1000),                                # 1000%: still a fraction, at the edge
    (Decimal("10.5"), Decimal("10.5")),        # above 10, the figure is the percentage itself
    (11, 11),
    (50, 50),
])
def test_a_number_cell_is_read_as_a_fraction_up_to_ten(cell, read):
    assert parse_percent(cell) == read


def test_text_that_is_no_percentage_is_named():
    with pytest.raises(AmountError, match="^「百分之八十」不是百分比$"):
        parse_percent("  百分之八十 ")


@pytest.mark.parametrize("text", ["12\u00a03.4", "1\u00a02\u00a03"])
def test_a_no_break_space_must_group_thousands_like_a_space(text):
    """Excel and WPS write 「1 286.76」 with a no-break space; one that does not stand between
    groups of three is no grouping, and 12 3.4 must not be read as 123.4."""
    with pytest.raises(AmountError):
        parse_amount(text)


def test_a_no_break_space_that_groups_thousands_is_read():
    assert parse_amount("1\u00a0286.76") == 1_286_760_000


@pytest.mark.parametrize("cell", [float("nan"), float("inf"), float("-inf")])
def test_a_cell_holding_no_number_is_refused(cell):
    with pytest.raises(AmountError, match="^单元格的数值无效$"):
        parse_amount(cell)


@pytest.mark.parametrize(("value", "named"), [
    (" 1e20 ", "1e20"),                          # text as typed, without its spaces
    (1e20, "1e+20"),                             # a float cell, not rounded
    (10 ** 20, "100000000000000000000"),
    (Decimal("-2E+19"), "-2E+19"),
])
def test_an_amount_out_of_range_is_named_as_given(value, named):
    with pytest.raises(AmountOutOfRange, match=f"^「{re.escape(named)}」超出了"):
        parse_amount(value)


def test_decimal_to_fen_rounds_half_up_in_wan_by_default_and_names_what_it_refuses():
    assert decimal_to_fen(Decimal("1.234565")) == 1_234_565
    assert decimal_to_fen(Decimal("0.0000005")) == 1
    with pytest.raises(AmountOutOfRange, match="^「1E[+]20」超出了"):
        decimal_to_fen(Decimal("1E+20"))


@pytest.mark.parametrize("blank", [None, "", "-", "无"])
def test_a_blank_is_not_a_figure_shown_rounded(blank):
    assert is_shown_precision(blank, "万元") is False


@pytest.mark.parametrize("text", ["(12", "12)", " 十二万 "])
def test_text_that_is_no_amount_is_refused_by_name(text):
    # Only a whole (12) is negative: a lone parenthesis must not turn "(12" into -1.
    with pytest.raises(AmountError, match=f"^「{re.escape(text.strip())}」不是金额$"):
        to_decimal(text)


def test_an_amount_in_parentheses_is_negative():
    assert to_decimal("(1,286.76)") == Decimal("-1286.76")
