"""A unit named on the command line: no control characters, a sane length — so that what
`reports` prints is one line per report, the names as they are; `explain` texts fit a cell."""
from __future__ import annotations

import json

import pytest

import workbook_variants as wv
from cli_runner import load, run

UNIT = "汉阳区城市运行管理中心"


@pytest.mark.parametrize("unit, words", [
    ("某单位\n2025\t2025-01-01 00:00\n假单位", "换行"),
    ("某单位\t9999", "制表符"),
    ("\x1b[2J\x1b[H某单位", "控制字符（U+001B）"),
    ("某单位\u202e0202", "文字方向控制符（U+202E）"),
    ("单" * 101, "超过了 100 个字的上限"),
    ("  ", "单位名称不能为空"),
])
@pytest.mark.parametrize("command", [["new"], ["new", "--from-report"], ["import"], ["check"]])
def test_a_unit_name_that_could_spoof_the_output_is_refused(tmp_path, capsys, unit, words, command):
    db = tmp_path / "k.db"
    files = [wv.PUBLIC_TABLES] if command == ["import"] else []
    code, out, err = run("--db", db, command[0], unit, 2025, *command[1:], *files)
    err += capsys.readouterr().err          # argparse says it on standard error itself
    assert code == 2 and out == ""
    assert "单位名称" in err and words in err
    assert run("--db", db, "reports")[1].strip() == "数据库中还没有报告。"


def test_reports_lists_one_line_per_report(tmp_path):
    db = tmp_path / "k.db"
    for unit in ("甲单位", "Some Unit (Wuhan)", "乙　单位"):
        assert run("--db", db, "new", unit, 2025)[0] == 0
    lines = run("--db", db, "reports")[1].splitlines()
    assert sorted(line.split("\t")[0] for line in lines) == sorted(["甲单位", "Some Unit (Wuhan)", "乙　单位"])


def test_explain_refuses_a_text_longer_than_a_cell(tmp_path):
    db = tmp_path / "k.db"
    assert run("--db", db, "import", UNIT, 2024, wv.PUBLIC_TABLES)[0] == 0
    code, out, _ = run("--db", db, "check", UNIT, 2024, "--json")
    key = next(f["key"] for f in json.loads(out)["findings"] if f["severity"] == "warning")
    before = load(db, UNIT, 2024)
    code, out, err = run("--db", db, "explain", UNIT, 2024, key, "说" * 32_768)
    assert code == 2 and out == ""
    assert "有 32,768 个字，超过了 Excel 单元格可以容纳的 32,767 个字" in err
    assert load(db, UNIT, 2024) == before
    code, out, err = run("--db", db, "explain", UNIT, 2024, key, "说" * 32_767)
    assert code == 0, err
    assert load(db, UNIT, 2024).explanations[key] == "说" * 32_767


def test_new_from_a_report_whose_department_was_saved_unchecked(tmp_path):
    """A database written before names were checked: its department is refused by name, no
    traceback, nothing made."""
    from kuaiji_desk.core.report import Report
    from kuaiji_desk.store import repo
    from kuaiji_desk.store.db import close_db, open_db

    path = tmp_path / "k.db"
    db = open_db(path)
    try:
        repo.add_report(db, Report(unit="某单位", year=2024, department="某部门\x1b[31m"))
    finally:
        close_db(db)
    code, out, err = run("--db", path, "new", "某单位", 2025, "--from-report")
    assert code == 2 and out == ""
    assert "某单位 2024年度报告的部门名称中不能有控制字符（U+001B）" in err
    assert [line.split("\t")[:2] for line in run("--db", path, "reports")[1].splitlines()] == [["某单位", "2024"]]


def test_reports_cannot_be_spoofed_by_a_name_stored_before_the_check(tmp_path):
    from kuaiji_desk.core.report import Report
    from kuaiji_desk.store import repo
    from kuaiji_desk.store.db import close_db, open_db

    db = open_db(tmp_path / "k.db")
    repo.add_report(db, Report(unit="甲单位\n乙单位\t2099\u202e", year=2024))   # as an older version let in
    close_db(db)
    code, out, _ = run("--db", tmp_path / "k.db", "reports")
    [line] = out.splitlines()
    assert code == 0 and line.startswith("甲单位\\u000a乙单位\\u0009" + "2099\\u202e\t2024\t")
