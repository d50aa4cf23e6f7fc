"""Whether an indicator's 实际完成值 reached its 年初目标值, at the comparator's edge."""
import pytest

from kuaiji_desk.core.indicators import is_missed, lacks_unit


@pytest.mark.parametrize("target, actual, missed", [
    # ≥ (and a target without comparator): equality reaches it
    ("≥10个", "10个", False), ("≥10个", "9.99个", True), ("≥10个", "10.01个", False),
    (">=10个", "10个", False),
    ("10个", "10个", False), ("10个", "9个", True),
    # >: equality does not
    (">10个", "10个", True), ("＞10个", "10个", True), (">10个", "10.01个", False), (">10个", "9.99个", True),
    # ≤: equality reaches it
    ("≤5次", "5次", False), ("≤5次", "5.01次", True), ("≤5次", "4次", False), ("<=5次", "5次", False),
    # <: equality does not
    ("<5次", "5次", True), ("＜5次", "5次", True), ("<5次", "4.99次", False), ("<5次", "5.01次", True),
    # =: only equality
    ("=100%", "100%", False), ("＝100%", "100%", False), ("=100%", "99.9%", True), ("=100%", "100.1%", True),
])
def test_comparator_at_equality_and_just_beyond(target, actual, missed):
    assert is_missed(target, actual) is missed


def test_wan_units_compare_with_plain_ones():
    assert is_missed("≥15万件", "150000件") is False
    assert is_missed(">15万件", "150000件") is True
    assert is_missed("≥15万件", "149999件") is True


@pytest.mark.parametrize("target, actual", [
    ("≥10个", "10次"),          # other units
    ("≥10个", "≥10个"),         # an actual with a comparator is no value
    ("2024年底", "2024年12月"),  # not numeric
    ("≥10个", ""),
])
def test_what_cannot_be_compared_is_none(target, actual):
    assert is_missed(target, actual) is None


@pytest.mark.parametrize("target, actual, missed", [
    ("10个", "11个", False), ("10个", "10.01个", False),         # no comparator: to be reached, more is fine
    ("≥95%", "96％", False), ("≥95％", "94%", True),             # full-width percent signs
    ("≥１０个", "9个", True),                                    # full-width digits
    ("≥15万件", "150000次", None), ("≥1.5万人次", "15000人次", False),   # 万 keeps the unit after it
    ("≥10", "12个", False), ("≥10个", "9", True),                 # one side without unit compares
])
def test_units_and_ways_of_writing_them(target, actual, missed):
    assert is_missed(target, actual) is missed


@pytest.mark.parametrize("target, bare", [
    ("450", True), ("1", True), ("≥85", True), ("-3", True),
    ("0", False),                       # nothing to count: no unit wanted
    ("450个", False), ("≥85%", False), ("2024年底", False), ("", False),
])
def test_a_bare_number_lacks_its_unit(target, bare):
    assert lacks_unit(target) is bare
