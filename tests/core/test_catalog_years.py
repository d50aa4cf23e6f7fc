"""The catalogs of 2025 and 2026, their provenance, and the year that messages name.

A report of a year without its own catalog is checked against a neighbouring year's;
every finding, note and preview line then says which year it really used.
"""
import csv
import importlib.util

import pytest

from kuaiji_desk.core import catalog, rules
from kuaiji_desk.core.carry import start_from
from kuaiji_desk.core.excel.imported import ImportedData, ImportedTable
from kuaiji_desk.core.excel.preview import code_questions
from kuaiji_desk.core.report import new_report
from kuaiji_desk.paths import resources_dir

CATALOG_DIR = resources_dir() / "catalog"
YEARS = (2024, 2025, 2026)
# The rows the sources add to the 2024 catalog in 2025 (CHANGES-2025-2026.md B); 2026 adds none.
ADDED_2025 = {"22198": "超长期特别国债安排的支出", "2219899": "其他住房保障支出",
              "2170404": "中央金融机构注资特别国债支出", "22911": "中央金融机构注资特别国债财务基金支出",
              "23107": "中央金融机构注资特别国债还本支出"}
# The functional 公开表 that list code rows: 02 收入, 03 支出, 05 一般公共预算, 07 政府性基金.
CODE_TABLES = ("02", "03", "05", "07")


def a07(report):
    return [f for f in rules.check(report) if f.rule.startswith("A07")]


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# -- the 2025 catalog knows the real 2025 code rows ----------------------------------


def test_2025_and_2026_catalogs_know_the_special_treasury_bond_rows():
    for year in (2025, 2026):
        cat = catalog.load(catalog.FUNCTIONAL, year)
        assert (cat.year, cat.is_fallback) == (year, False)
        assert cat.name("22198") == "超长期特别国债安排的支出" and cat.lookup("22198").parent == "221"
        e = cat.lookup("2219899")
        assert (e.name, e.level, e.parent) == ("其他住房保障支出", 3, "22198")


def test_a_2025_report_with_22198_rows_gets_no_code_warning():
    """The real 2025 决算 of 宜川路街道 prints 22198 / 2219899 in 02, 03 and 08 (our 07)."""
    report = new_report("单位", 2025)
    for table in CODE_TABLES:
        report.add_code(table, "22198", "超长期特别国债安排的支出")
        report.add_code(table, "2219899", "其他住房保障支出")
        assert {"221", "22198", "2219899"} <= set(report.code_rows[table])
    assert a07(report) == []


def test_the_2025_additions_are_all_known_in_2025_and_2026():
    for year in (2025, 2026):
        cat = catalog.load(catalog.FUNCTIONAL, year)
        assert {code: cat.name(code) for code in ADDED_2025} == ADDED_2025


def test_in_year_2024_revision_is_in_2024_and_later():
    """财预〔2024〕22号 amends the 2024 catalog itself: 22006 and 2300412."""
    for year in YEARS:
        cat = catalog.load(catalog.FUNCTIONAL, year)
        assert cat.name("22006") == "耕地保护考核奖惩基金支出"
        assert cat.name("2300412") == "自然资源海洋气象等"


def test_unchanged_codes_keep_their_2024_names():
    """No source renames or removes a row: every 2024 row is in 2025 and 2026 under its
    2024 name, and the years differ only by the documented additions."""
    for kind in catalog.KINDS:
        base = {e.code: e.name for e in catalog.load(kind, 2024).entries()}
        for year in (2025, 2026):
            rows = {e.code: e.name for e in catalog.load(kind, year).entries()}
            assert {code: rows.get(code) for code in base} == base
            added = {code: name for code, name in rows.items() if code not in base}
            assert added == (ADDED_2025 if kind == catalog.FUNCTIONAL else {})


# -- provenance ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", catalog.KINDS)
@pytest.mark.parametrize("year", YEARS)
def test_every_row_has_its_provenance(kind, year):
    rows = read_rows(CATALOG_DIR / f"{kind}_{year}.csv")
    prov = {r["code"]: r for r in read_rows(CATALOG_DIR / f"{kind}_{year}_provenance.csv")}
    assert [r["code"] for r in rows] == sorted(prov)
    bases = {"sample-verified", "public-snippet", "compiled", "compiled-uncertain", "notice"} if year == 2024 \
        else {"notice", "report", "carried"}
    for code, p in prov.items():
        assert p["basis"] in bases and p["confidence"] in {"high", "medium", "low"}, code
        assert p["reference"] or p["basis"].startswith("compiled"), code


def test_provenance_names_the_source_of_each_change():
    def prov(year):
        return {r["code"]: r for r in read_rows(CATALOG_DIR / f"functional_{year}_provenance.csv")}
    p24, p25, p26 = prov(2024), prov(2025), prov(2026)
    assert p24["22006"]["basis"] == "notice" and "财预〔2024〕22号" in p24["22006"]["reference"]
    for code in ("22198", "2219899"):
        assert (p25[code]["basis"], p25[code]["confidence"]) == ("report", "high")
        assert "宜川路街道办事处 2025年度部门决算" in p25[code]["reference"]
        assert (p26[code]["basis"], p26[code]["confidence"]) == ("carried", "medium")
    for code in ("2170404", "22911", "23107"):
        assert p25[code]["basis"] == "notice" and "财预〔2025〕41号" in p25[code]["reference"]
    # A row no 2025 source mentions is carried, and keeps no more than medium confidence.
    assert p25["2010101"]["basis"] == "carried" and p25["2010101"]["confidence"] == "medium"
    assert p26["2070112"]["basis"] == "report"          # printed in a real 2026 部门预算


def test_shipped_files_are_what_the_build_script_makes():
    spec = importlib.util.spec_from_file_location("build_years", CATALOG_DIR / "src" / "build_years.py")
    build_years = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_years)
    for name, text in build_years.build().items():
        assert (CATALOG_DIR / name).read_text(encoding="utf-8") == text, name


# -- which year is used, and which year messages name -------------------------------------


@pytest.mark.parametrize("year, used", [(2023, 2024), (2024, 2024), (2025, 2025), (2026, 2026),
                                        (2027, 2026), (2031, 2026)])
def test_a_year_without_its_catalog_uses_the_nearest_shipped_one(year, used):
    for kind in catalog.KINDS:
        cat = catalog.load(kind, year)
        assert (cat.year, cat.requested_year, cat.is_fallback) == (used, year, used != year)
        assert catalog.catalog_year(kind, year) == used


def test_own_year_findings_name_that_year():
    report = new_report("单位", 2025)
    report.add_code("02", "2019988", "本地科目")
    report.add_code("02", "2010301", "行政运行经费")
    unknown, renamed = sorted(a07(report), key=lambda f: f.rule)
    assert unknown.rule == "A07.2" and "「本地科目」不在2025年科目表中，请核对" in unknown.message
    assert renamed.rule == "A07.3" and "与2025年科目表的「行政运行」不一致。" in renamed.message
    assert "按" not in unknown.message + renamed.message


def test_a_2027_report_is_checked_against_2026_and_says_so():
    report = new_report("单位", 2027)
    report.add_code("02", "2019988", "本地科目")
    report.add_code("02", "2010301", "行政运行经费")
    report.add_code("02", "2219899", "其他住房保障支出")   # known in 2026: no finding
    unknown, renamed = sorted(a07(report), key=lambda f: f.rule)
    assert unknown.row == "2019988" and "「本地科目」不在科目表中（按2026年科目表核对），请核对" in unknown.message
    assert renamed.row == "2010301" and "与科目表的「行政运行」不一致（按2026年科目表核对）。" in renamed.message
    assert "2027" not in unknown.message + renamed.message


def test_a_2023_report_says_it_was_checked_against_2024():
    report = new_report("单位", 2023)
    report.add_code("03", "2019988", "本地科目")
    (f,) = a07(report)
    assert "不在科目表中（按2024年科目表核对）" in f.message and "2023" not in f.message


def test_carried_notes_name_the_catalog_used():
    last = new_report("单位", 2026)
    last.add_code("05", "2019988", "试点支出")
    last.add_code("05", "2010350", "事业运行（旧称）")
    _, notes = start_from(last, "单位", 2027)
    renamed, dropped = (n for n in notes if "科目" in n)   # in code order
    assert "「试点支出」不在科目表中（按2026年科目表核对，可能已取消或调整编码）" in dropped
    assert "科目表中为「事业运行」（按2026年科目表核对），已按上年保留" in renamed
    assert "2027年" not in dropped + renamed
    last = new_report("单位", 2024)
    last.add_code("05", "2019988", "试点支出")
    _, notes = start_from(last, "单位", 2025)
    assert any("「试点支出」不在2025年度的科目表中（可能已取消或调整编码）" in n for n in notes)


def test_import_preview_names_the_catalog_used():
    table = ImportedTable("02", "万元", ("表.xlsx", "公开02表"),
                          code_names={"2019988": "本地科目", "2010301": "行政运行经费", "22198": "超长期特别国债安排的支出"})
    data = ImportedData(tables={"02": table})
    lines = code_questions(data, 2027)
    assert len(lines) == 2
    assert "「本地科目」不在科目表中（按2026年科目表核对）：导入后保留并提示" in lines[0] + lines[1]
    assert "科目表中为「行政运行」（按2026年科目表核对）：请核对。" in lines[0] + lines[1]
    own = code_questions(data, 2025)
    assert any("「本地科目」不在2025年科目表中：导入后保留并提示" in line for line in own)
    assert any("2025年科目表中为「行政运行」：请核对。" in line for line in own)
