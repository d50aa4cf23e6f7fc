from decimal import Decimal

import pytest

from kuaiji_desk.core import money


@pytest.mark.parametrize("text, fen", [
    ("1286.76", 1_286_760_000),
    ("1,286.76", 1_286_760_000),
    (" 1 286.76 ", 1_286_760_000),
    ("１，２８６．７６", 1_286_760_000),
    (1286.76, 1_286_760_000),          # what openpyxl hands over
    (653.8, 653_800_000),
    (3, 3_000_000),
    ("(12.30)", -12_300_000),
    ("-5", -5_000_000),
])
def test_parse_wan(text, fen):
    assert money.parse_amount(text) == fen


@pytest.mark.parametrize("blank", [None, "", "-", "—", "－", "  "])
def test_blank_is_none(blank):
    assert money.parse_amount(blank) is None


def test_parse_yuan_is_exact():
    assert money.parse_amount("3352775.69", "元") == 335_277_569
    assert money.parse_amount(3352775.69, "元") == 335_277_569


@pytest.mark.parametrize("value, unit, fen", [
    ("0.005", "元", 1),                  # half a 分 goes up
    ("0.0049", "元", 0),
    ("-0.005", "元", -1),                # half up is away from zero, as the tables round
    (0.005, "元", 1),                    # the float openpyxl hands over for a cell showing 0.005
    (12.345, "元", 1235),               # a float whose binary value lies just below …5
    ("0.0000005", "万元", 1),
    ("0.0000004", "万元", 0),
    (251.3500005, "万元", 251_350_001),
    ("１２．３４５", "元", 1235),
])
def test_parsed_to_the_fen_half_up(value, unit, fen):
    assert money.parse_amount(value, unit) == fen


@pytest.mark.parametrize("bad", ["abc", "12a", "1.2.3", True])
def test_not_an_amount_says_so_in_chinese(bad):
    with pytest.raises(money.AmountError, match="不是金额"):
        money.parse_amount(bad)


def test_float_never_leaks_binary_noise():
    # 0.1 + 0.2 as a float is 0.30000000000000004; a cell never holds that, but 0.3 must stay 0.3
    assert money.parse_amount(0.3) == 300_000
    assert money.parse_amount(123.63) == 123_630_000


def test_format():
    assert money.format_amount(1_286_760_000) == "1,286.76"
    assert money.format_plain(1_286_760_000) == "1286.76"
    assert money.format_amount(335_277_569) == "335.28"
    assert money.format_amount(0, blank_zero=True) == ""
    assert money.format_amount(335_277_569, "元") == "3,352,775.69"


def test_shown_amounts_round_ties_half_up():
    assert money.format_amount(5_000) == "0.01"           # 0.005 万元
    assert money.format_amount(25_000) == "0.03"          # 0.025 万元, not the even 0.02
    assert money.format_amount(-25_000) == "-0.03"
    assert money.format_amount(1_286_765_000) == "1,286.77"
    assert money.format_amount(1_286_764_999) == "1,286.76"


def test_round_to_shown():
    assert money.round_to_shown(335_277_569) == 335_280_000
    assert money.round_to_shown(335_274_999) == 335_270_000
    assert money.round_to_shown(-5_000) == -10_000


def test_shown_precision():
    assert money.is_shown_precision("309.48", "万元")
    assert money.is_shown_precision(3, "万元")
    assert not money.is_shown_precision("335.277569", "万元")
    assert not money.is_shown_precision("3352775.69", "元")


def test_percent():
    assert money.percent(259, 300) == Decimal("86.33")
    assert money.percent(486, 500) == Decimal("97.20")
    assert money.percent(5, 0) is None
    assert money.parse_percent("86.45%") == Decimal("86.45")
    assert money.parse_percent(0.8645) == Decimal("86.4500")


@pytest.mark.parametrize("numerator, denominator, places, expected", [
    (1, 800, 2, "0.13"),          # 0.125 %: a tie goes up, not to the even 0.12
    (29, 20_000, 2, "0.15"),      # 0.145 %
    (-1, 800, 2, "-0.13"),
    (5, 8, 0, "63"),              # 62.5 %
    (1, 400, 1, "0.3"),           # 0.25 %
    (1, 801, 2, "0.12"),          # 0.1248… % : below the tie
])
def test_percent_ties_round_half_up(numerator, denominator, places, expected):
    assert money.percent(numerator, denominator, places) == Decimal(expected)
