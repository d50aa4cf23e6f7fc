"""How figures are worded in the narrative."""
from decimal import Decimal

import pytest

from kuaiji_desk.core.narrative.words import change_words, clause, lines, pct, sentence, shares, trim, wan, wan_trimmed


@pytest.mark.parametrize("fen, text", [(1_286_760_000, "1286.76"), (3_000_000, "3.00"), (100_000, "0.10"),
                                       (0, "0"), (335_277_569, "335.28")])
def test_wan(fen, text):
    assert wan(fen) == text


@pytest.mark.parametrize("fen, text", [(20_900_000, "20.9"), (3_000_000, "3"), (395_840_000, "395.84"), (0, "0")])
def test_wan_trimmed(fen, text):
    assert wan_trimmed(fen) == text


def test_trim():
    numbers = ("100.00", "97.20", "86.33", "12", "0.50")
    assert [trim(Decimal(s)) for s in numbers] == ["100", "97.2", "86.33", "12", "0.5"]


def test_percent_of_a_zero_base_is_none():
    assert pct(653_800_000, 0) is None
    assert pct(772, 129_448, 1) == "0.6"
    assert pct(2_590_000, 3_000_000, trimmed=True) == "86.33"
    assert pct(27_940_000, 27_940_000, trimmed=True) == "100"


def test_percent_ties_are_worded_half_up():
    assert pct(1, 400, 1) == "0.3"                         # 0.25 %, not the even 0.2
    assert pct(29_000, 20_000_000) == "0.15"               # 0.145 %
    assert pct(1_000_000, 8_000_000, 0, trimmed=True) == "13"   # 12.5 %


def test_each_share_is_its_printed_part_over_the_printed_whole_half_up():
    # Worked out by hand from the printed figures (五（二） of the reference, 合计 1286.76):
    # 546.03 / 1286.76 = 0.424337… → 42.43; 25.77 / 1286.76 = 0.020027… → 2.00;
    # 30.21 / 1286.76 = 0.023477… → 2.35.  They add up to 99.99, and are not forced to 100.
    fen = [546_030_000, 653_800_000, 27_940_000, 25_770_000, 3_000_000, 30_210_000]
    out = shares(fen, 1_286_760_000, 2)
    assert out == ["42.43", "50.81", "2.17", "2.00", "0.23", "2.35"]
    assert sum(Decimal(s) for s in out) == Decimal("99.99")
    assert shares([1, 1, 1], 3, 2) == ["33.33", "33.33", "33.33"]      # 99.99, none bumped
    assert shares([1, 2], 3, 2) == ["33.33", "66.67"]
    assert shares([1, 1], 8, 1) == ["12.5", "12.5"]                     # exact, no rounding needed
    assert shares([1, 7], 16, 1) == ["6.3", "43.8"]                     # 6.25 and 43.75 half up: 50.1
    assert shares([335_280_000, 951_480_000], 1_286_760_000, 1) == ["26.1", "73.9"]
    assert shares([5, 0], 5, 1) == ["100.0", "0.0"]


def test_no_shares_of_nothing():
    assert shares([], 0, 2) is None
    assert shares([0, 0], 0, 2) is None
    assert shares([5], -5, 2) is None


def test_change_words():
    assert change_words(1) == ("增加", "增长")
    assert change_words(-1) == ("减少", "下降")


def test_typed_texts_get_one_full_stop():
    assert sentence("保质保量完成工作要求。") == "保质保量完成工作要求。"
    assert sentence("完成工作；") == "完成工作。"
    assert sentence("是否完成？") == "是否完成？"
    assert clause(" 人员经费减少。 ") == "人员经费减少"
    assert lines("一、标题\n\n 正文 \n") == ["一、标题", "正文"]
