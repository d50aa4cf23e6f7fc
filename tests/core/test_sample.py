"""The sample report shipped in the package: the reference report, narrative included."""
import pytest

from kuaiji_desk.core import rules
from kuaiji_desk.core.forms import for_year
from kuaiji_desk.core.forms.fields import declared_id
from kuaiji_desk.core.money import parse_amount
from kuaiji_desk.core.sample import SAMPLE_UNIT, SAMPLE_YEAR, load_sample, read_narrative


@pytest.fixture(scope="module")
def sample():
    return load_sample()


@pytest.fixture(scope="module")
def narrative():
    return read_narrative()


def test_sample_has_no_error(sample):
    assert rules.summary(rules.check(sample))["error"] == 0


def test_sample_is_the_reference_unit(sample):
    assert (sample.unit, sample.year) == (SAMPLE_UNIT, SAMPLE_YEAR)
    assert sample.department_name == SAMPLE_UNIT


def test_every_project_has_a_summary(sample, narrative):
    assert len(sample.projects) == 14
    assert all(p.summary for p in sample.projects)
    assert {p.name for p in sample.projects} == set(narrative["project_summaries"])


def test_duties_are_one_per_line(sample):
    assert len(sample.texts["职责"].splitlines()) == 6


def test_figures_are_in_fen(sample):
    assert sample.last_year["收支总计"] == 1_294_480_000
    assert sample.numbers["五.三.年初预算:2010350"] == 241_020_000
    assert sample.numbers["十一.服务"] == 751_530_000
    assert sample.numbers["十二.大型设备数"] == 1


def test_derived_service_share_matches_the_published_percentage(sample):
    n = sample.numbers
    assert n["十一.货物中小企业"] + n["十一.服务中小企业"] == n["十一.中小企业"]
    assert round(n["十一.服务中小企业"] * 10000 / n["十一.服务"]) == 4733


def test_every_key_is_declared_and_every_amount_parses(narrative):
    forms = for_year(SAMPLE_YEAR)
    for section in ("fields", "last_year"):
        for key, value in narrative[section].items():
            field = forms.field(declared_id(key))
            if field.id != key:
                assert field.id.endswith(":") and key[len(field.id):], key
            if field.kind == "amount":
                assert isinstance(value, str) and parse_amount(value) is not None, key
            elif field.kind == "count":
                assert type(value) is int, key
            else:
                assert isinstance(value, str) and value.strip(), key


def test_last_year_is_this_year_plus_the_published_decrease(sample):
    this_year = sample.get("01", "30", "1")
    assert this_year == 1_286_760_000
    assert sample.last_year["收支总计"] - this_year == parse_amount("7.72")
