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
