"""「与上年相比」 clauses word by word: each rate, each word, each edge of the base.

Expected sentences are worked out by hand from the figures (万元 with two decimals,
the rate half up to ``places`` decimals), as the reference 情况说明 words them.
"""
import pytest

from kuaiji_desk.core.forms.changes import CHANGE
from kuaiji_desk.core.narrative.compare import versus
from kuaiji_desk.core.narrative.source import Source
from kuaiji_desk.core.report import new_report

SUBJECT = "收、支总计"


def source(last: int | None = None, reason: str | None = None) -> Source:
    report = new_report("某单位", 2024)
    if last is not None:
        report.last_year["收支总计"] = last
    if reason is not None:
        report.texts["一.原因"] = reason
    return Source(report)


def clause(src: Source, now: int, **kw) -> str | None:
    return versus(src, SUBJECT, now, CHANGE["一.原因"], **kw)


def test_a_fall_as_the_reference_words_it():
    # 1286.76 against 1294.48: 7.72 less, 7.72 / 1294.48 = 0.596…% → 0.6%.
    src = source(last=1_294_480_000, reason="人员经费减少。")
    assert clause(src, 1_286_760_000) == "与2023年度相比，收、支总计减少7.72万元，下降0.6%，主要原因是人员经费减少"


def test_each_says_both_changed_by_that_much():
    src = source(last=1_294_480_000, reason="人员经费减少")
    assert clause(src, 1_286_760_000, each=True) == (
        "与2023年度相比，收、支总计各减少7.72万元，下降0.6%，主要原因是人员经费减少")


def test_a_rise_with_two_decimals():
    # 1286.76 against 1000.00: 286.76 more, 28.676% → 28.68% (two places).
    src = source(last=1_000_000_000)
    assert clause(src, 1_286_760_000, places=2) == "与2023年度相比，收、支总计增加286.76万元，增长28.68%"


def test_the_rate_rounds_half_up():
    # 0.05 against 20.00: 0.25% → 0.3% at one place (half up, not to even).
    src = source(last=20_000_000)
    assert clause(src, 20_050_000) == "与2023年度相比，收、支总计增加0.05万元，增长0.3%"


def test_unchanged_is_level_without_a_reason():
    src = source(last=5_000_000, reason="人员经费减少")
    assert clause(src, 5_000_000) == "与2023年度相比，收、支总计持平"


def test_no_last_year_no_clause():
    assert clause(source(reason="人员经费减少"), 5_000_000) is None


@pytest.mark.parametrize("last, now, words", [
    (0, 12_340_000, "增加12.34万元"),                # nothing last year: no rate
    (-1_000_000, 1_000_000, "增加2.00万元"),         # a negative base has no rate either
    (-1_000_000, -3_000_000, "减少2.00万元"),
])
def test_a_base_of_zero_or_less_has_no_rate(last, now, words):
    assert clause(source(last=last), now) == f"与2023年度相比，收、支总计{words}"


def test_the_smallest_positive_base_has_a_rate():
    # 1 分 last year, 2 分 now: 0.00 万元 more, and 100% more.
    assert clause(source(last=1), 2) == "与2023年度相比，收、支总计增加0.00万元，增长100.0%"


def test_a_blank_reason_adds_nothing():
    assert clause(source(last=2_000_000, reason="  "), 1_000_000) == (
        "与2023年度相比，收、支总计减少1.00万元，下降50.0%")
