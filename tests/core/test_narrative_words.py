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


def test_shares_add_up_to_exactly_100():
    assert shares([1, 1, 1], 2) == ["33.34", "33.33", "33.33"]
    fen = [546_030_000, 653_800_000, 27_940_000, 25_770_000, 3_000_000, 30_210_000]
    out = shares(fen, 2)
    assert sum(Decimal(s) for s in out) == 100
    assert out[1:] == ["50.81", "2.17", "2.00", "0.23", "2.35"]
    assert shares([335_280_000, 951_480_000], 1) == ["26.1", "73.9"]
    assert shares([5, 0], 1) == ["100.0", "0.0"]


def test_no_shares_of_nothing():
    assert shares([], 2) is None
    assert shares([0, 0], 2) is None


def test_change_words():
    assert change_words(1) == ("增加", "增长")
    assert change_words(-1) == ("减少", "下降")


def test_typed_texts_get_one_full_stop():
    assert sentence("保质保量完成工作要求。") == "保质保量完成工作要求。"
    assert sentence("完成工作；") == "完成工作。"
    assert sentence("是否完成？") == "是否完成？"
    assert clause(" 人员经费减少。 ") == "人员经费减少"
    assert lines("一、标题\n\n 正文 \n") == ["一、标题", "正文"]
