"""查找 over the sample report: codes by their start, names and texts by a part, amounts as shown."""
import pytest

from kuaiji_desk.core.layout import Values
from kuaiji_desk.core.places import Place
from kuaiji_desk.core.sample import load_sample
from kuaiji_desk.core.search import search


@pytest.fixture(scope="module")
def sample():
    report = load_sample()
    return report, Values(report)


def places(sample, query, unit="万元"):
    return [h.place for h in search(*sample, query, unit)]


def test_a_code_finds_its_row_in_every_table(sample):
    assert places(sample, "2010350") == [Place("02", "2010350"), Place("03", "2010350"), Place("05", "2010350")]
    assert Place("06", "30101") in places(sample, "3010")          # the start of a code


def test_an_amount_finds_the_cells_that_show_it_in_the_unit_shown(sample):
    in_wan = places(sample, "251.35")
    assert Place("03", "2010350", "2") in in_wan and Place("02", "2010350", "2") in in_wan
    assert places(sample, "2,513,500.00", "元") == places(sample, "2513500", "元") == in_wan
    assert places(sample, "251.36") == []


def test_words_find_names_texts_and_projects(sample):
    hits = search(*sample, "残保金")
    assert [h.place for h in hits][:2] == [Place("项目自评", "14"), Place("项目自评", "14", "指标2")]
    texts = [h.words for h in search(*sample, "全额拨款事业单位") if h.place.table == "情况说明"]
    assert texts == ["单位信息与说明 单位类型：全额拨款事业单位",
                     "单位信息与说明 无机关运行经费或增减的原因：我单位是全额拨款事业单位"]


def test_nothing_asked_nothing_found(sample):
    assert search(*sample, "  ") == []
