"""`new UNIT YEAR --from FILE...` and `--from-report`: a year started from last year's."""
import shutil

import cli_runner
import pytest
import workbook_variants as wv
from cli_runner import run

UNIT = "汉阳区城市运行管理中心"


def load(db_path, year, unit=UNIT):
    return cli_runner.load(db_path, unit, year)


def reports(db_path):
    return run("--db", db_path, "reports")[1]


@pytest.fixture(scope="module")
def files_2023(tmp_path_factory):
    d = tmp_path_factory.mktemp("y2023")
    sheets = wv.last_year(wv.load_sheets(wv.PUBLIC_TABLES))
    wv.sheet(sheets, "公开05表").set("B10", "事业运行（旧称）")
    return (wv.save_sheets(sheets, d / "2023公开表.xlsx"),
            wv.save_sheets(wv.last_year(wv.load_sheets(wv.SELF_EVALUATIONS)), d / "2023自评表.xlsx"))


@pytest.fixture(scope="module")
def db_2023(tmp_path_factory, files_2023):
    """A database holding the unit's 2023 report, imported from last year's workbooks."""
    db = tmp_path_factory.mktemp("db") / "k.db"
    code, _, err = run("--db", db, "import", UNIT, 2023, *files_2023)
    assert code == 0, err
    return db


@pytest.fixture
def db(db_2023, tmp_path):
    copy = tmp_path / "k.db"
    shutil.copy(db_2023, copy)
    return copy


def test_new_from_workbooks(tmp_path, files_2023):
    db = tmp_path / "k.db"
    code, out, err = run("--db", db, "new", UNIT, 2024, "--from", *files_2023)
    assert code == 0, err
    assert "已新建报告：汉阳区城市运行管理中心 2024年度" in out
    assert "公开05表科目 2010350 上年名称为「事业运行（旧称）」" in out and "请确认" in out
    report = load(db, 2024)
    assert report.cells == {}
    assert report.last_year["收支总计"] == 1294_480_000
    assert len(report.projects) == 14 and report.projects[0].spent is None
    assert report.code_rows["05"]["2010350"] == "事业运行（旧称）"
    # This year's figures, then the narrative compares them with last year's.
    code, _, err = run("--db", db, "import", UNIT, 2024, wv.PUBLIC_TABLES, wv.SELF_EVALUATIONS)
    assert code == 0, err
    assert load(db, 2024).last_year["收支总计"] == 1294_480_000


def test_new_from_report(db):
    code, out, err = run("--db", db, "new", UNIT, 2024, "--from-report")
    assert code == 0, err
    report = load(db, 2024)
    assert report.last_year["收支总计"] == 1294_480_000
    assert len(report.projects) == 14 and report.cells == {}
    assert "请确认" in out


def test_from_report_without_last_years_report(tmp_path):
    db = tmp_path / "k.db"
    code, out, err = run("--db", db, "new", UNIT, 2024, "--from-report")
    assert code == 2 and "数据库中没有汉阳区城市运行管理中心 2023年度的报告" in err
    assert reports(db).strip() == "数据库中还没有报告。"


def test_existing_report_is_not_replaced(db, files_2023):
    code, _, err = run("--db", db, "new", UNIT, 2023, "--from", *files_2023)
    assert code == 2 and "报告已存在" in err
    assert run("--db", db, "new", UNIT, 2023, "--from-report")[0] == 2


def test_from_and_from_report_exclude_each_other(db, files_2023, capsys):
    code, _, _ = run("--db", db, "new", UNIT, 2024, "--from", files_2023[0], "--from-report")
    assert code == 2 and "不能与 --from 同时使用" in capsys.readouterr().err


def test_this_years_workbooks_are_no_last_years(tmp_path):
    code, _, err = run("--db", tmp_path / "k.db", "new", UNIT, 2024, "--from", wv.PUBLIC_TABLES)
    assert code == 2 and "上年度（2023年度）的工作簿无法使用" in err and "（2024年度）" in err


@pytest.mark.parametrize("make,words", [
    (wv.corrupt, "不是可以读取的 Excel 工作簿"),
    (wv.encrypted, "设置了打开密码"),
    (wv.empty, "是空文件"),
    (wv.oversized, "超过了可以读取的 50 MB"),
    (wv.no_table, "查找的表"),
], ids=["corrupt", "encrypted", "empty", "oversized", "no_table"])
def test_bad_files_create_nothing(db, files_2023, tmp_path, make, words):
    before_list, before = reports(db), load(db, 2023)
    bad = tmp_path / "上年.xlsx"
    make(bad)
    code, out, err = run("--db", db, "new", UNIT, 2024, "--from", files_2023[0], bad)
    assert code == 2 and err.startswith("错误：") and words in err and "上年.xlsx" in err
    assert out == ""
    assert reports(db) == before_list
    assert load(db, 2023) == before
