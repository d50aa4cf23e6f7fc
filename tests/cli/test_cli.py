"""The command line is a contract scripts rely on."""
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from kuaiji_desk.core.excel.writer import export_workbook
from kuaiji_desk.core.sample import load_sample
from kuaiji_desk.store import repo
from cli_runner import load, run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TABLES = FIXTURES / "hanyang-2024-public-tables.xlsx"
SELF_EVALUATIONS = FIXTURES / "hanyang-2024-self-evaluations.xlsx"
UNIT = "汉阳区城市运行管理中心"


def dump(db_path, unit=UNIT, year=2024):
    return load(db_path, unit, year)


@pytest.fixture(scope="module")
def imported_db(tmp_path_factory):
    """The reference report: its tables, then what its text says beside them, as our own
    export carries it (an import of tables alone leaves a report's texts as they are)."""
    folder = tmp_path_factory.mktemp("db")
    export_workbook(load_sample(), folder / "示例.xlsx")
    db = folder / "k.db"
    for files in ([folder / "示例.xlsx"], [TABLES, SELF_EVALUATIONS]):
        code, out, err = run("--db", db, "import", UNIT, 2024, *files)
        assert code == 0, err
    return db


@pytest.fixture
def db(imported_db, tmp_path):
    copy = tmp_path / "k.db"
    shutil.copy(imported_db, copy)
    return copy


def test_new_and_reports(tmp_path):
    db = tmp_path / "k.db"
    assert run("--db", db, "reports")[1].strip() == "数据库中还没有报告。"
    code, out, _ = run("--db", db, "new", "某单位", 2025)
    assert code == 0 and "已新建报告：某单位 2025年度" in out
    code, _, err = run("--db", db, "new", "某单位", 2025)
    assert code == 2 and "报告已存在：某单位 2025年度" in err
    lines = run("--db", db, "reports")[1].splitlines()
    assert [line.split("\t")[:2] for line in lines] == [["某单位", "2025"]]


def test_import_prints_what_was_found(tmp_path):
    code, out, err = run("--db", tmp_path / "k.db", "import", UNIT, 2024, TABLES, SELF_EVALUATIONS)
    assert code == 0, err
    assert "公开02表" in out and "14 个项目" in out


def test_check_reference_has_no_error(imported_db):
    code, out, _ = run("--db", imported_db, "check", UNIT, 2024)
    assert code == 0
    assert out.startswith(f"{UNIT} 2024年度：错误 0 条")
    assert "[尾数] A03" in out


def test_check_json_contract(imported_db):
    code, out, _ = run("--db", imported_db, "check", UNIT, 2024, "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["unit"] == UNIT and doc["year"] == 2024
    assert set(doc["summary"]) == {"error", "warning", "notice"} and doc["summary"]["error"] == 0
    assert doc["summary"]["notice"] == sum(1 for f in doc["findings"] if f["severity"] == "notice")
    a03 = next(f for f in doc["findings"] if f["rule"] == "A03")
    assert {k: a03[k] for k in ("severity", "table", "row", "column", "expected", "actual")} == {
        "severity": "notice", "table": "01", "row": "57", "column": "2",
        "expected": "1286.75", "actual": "1286.76"}
    for f in doc["findings"]:
        assert {"rule", "severity", "table", "row", "column", "expected", "actual", "message"} <= set(f)


def test_check_exit_1_on_errors(db, tmp_path):
    wb = openpyxl.load_workbook(TABLES)
    wb["公开02表"]["D10"] = 261.35
    changed = tmp_path / "changed.xlsx"
    wb.save(changed)
    assert run("--db", db, "import", UNIT, 2024, changed)[0] == 0
    code, out, _ = run("--db", db, "check", UNIT, 2024, "--json")
    assert code == 1
    errors = [(f["rule"], f["table"], f["row"], f["column"]) for f in json.loads(out)["findings"]
              if f["severity"] == "error"]
    assert sorted(errors) == [("A06", "02", "2010350", "1"), ("A07", "02", "20103", "2")]


def test_import_twice_gives_the_same_report(db):
    before = dump(db)
    assert run("--db", db, "import", UNIT, 2024, TABLES, SELF_EVALUATIONS)[0] == 0
    assert dump(db) == before


@pytest.mark.parametrize("content, words", [
    (b"this is not a workbook", "不是"),
    (b"", "空"),
    (b"PK\x03\x04broken zip", "损坏"),
])
def test_unreadable_file_changes_nothing(db, tmp_path, content, words):
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(content)
    before = dump(db)
    code, out, err = run("--db", db, "import", UNIT, 2024, TABLES, bad)
    assert code == 2 and out == ""
    assert "坏文件.xlsx" in err and words in err
    assert dump(db) == before


def test_text_in_a_number_cell_is_named_and_changes_nothing(db, tmp_path):
    wb = openpyxl.load_workbook(TABLES)
    wb["公开02表"]["D10"] = "二百五十"
    bad = tmp_path / "text.xlsx"
    wb.save(bad)
    before = dump(db)
    code, _, err = run("--db", db, "import", UNIT, 2024, bad)
    assert code == 2
    assert "公开02表" in err and "D10" in err and "二百五十" in err
    assert dump(db) == before


def test_missing_file(tmp_path):
    code, _, err = run("--db", tmp_path / "k.db", "import", UNIT, 2024, tmp_path / "nope.xlsx")
    assert code == 2 and "nope.xlsx" in err
    assert not (tmp_path / "k.db").exists() or run("--db", tmp_path / "k.db", "reports")[1].startswith("数据库中还没有")


@pytest.mark.parametrize("argv, words", [
    (["check", UNIT], "缺少参数"),
    (["check", UNIT, "二〇二四"], "年度应为四位数字"),
    (["new", "  ", "2024"], "单位名称不能为空"),
    (["frobnicate"], "无效的命令"),
])
def test_usage_errors_in_chinese(tmp_path, argv, words):
    code, _, _ = run("--db", tmp_path / "k.db", *argv)
    assert code == 2
    proc = subprocess.run([sys.executable, "-m", "kuaiji_desk", "--db", str(tmp_path / "k.db"), *argv],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2 and words in proc.stderr


def test_unknown_report(tmp_path):
    code, _, err = run("--db", tmp_path / "k.db", "check", "无此单位", 2024)
    assert code == 2 and "未找到报告：无此单位 2024年度" in err


def test_garbage_database_file_is_refused_untouched(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"my precious notes")
    code, _, err = run("--db", bad, "reports")
    assert code == 2 and "notes.db" in err
    assert bad.read_bytes() == b"my precious notes"


def test_full_disk_changes_nothing(db, monkeypatch):
    before = dump(db)

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(repo, "save_report", full)
    code, _, err = run("--db", db, "import", UNIT, 2024, TABLES)
    assert code == 2 and "磁盘空间不足" in err and "未作任何更改" in err
    monkeypatch.undo()
    assert dump(db) == before


def test_explanation_is_kept_with_the_report(db):
    doc = json.loads(run("--db", db, "check", UNIT, 2024, "--json")[1])
    warning = next(f for f in doc["findings"] if f["severity"] == "warning")
    assert run("--db", db, "explain", UNIT, 2024, warning["key"], "已与财政局核实")[0] == 0
    doc = json.loads(run("--db", db, "check", UNIT, 2024, "--json")[1])
    again = next(f for f in doc["findings"] if f["key"] == warning["key"])
    assert again["explanation"] == "已与财政局核实"
    code, _, err = run("--db", db, "explain", UNIT, 2024, "X99|01|1|1", "无此条")
    assert code == 2 and "X99|01|1|1" in err


def test_environment_variable_names_the_database(tmp_path, monkeypatch):
    monkeypatch.setenv("KUAIJI_DESK_DB", str(tmp_path / "env.db"))
    assert run("new", "某单位", 2024)[0] == 0
    assert (tmp_path / "env.db").exists()


def test_console_script_is_installed(tmp_path):
    exe = Path(sys.executable).with_name("kuaiji-desk")
    proc = subprocess.run([str(exe), "--db", str(tmp_path / "k.db"), "reports"], capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0 and "数据库中还没有报告" in proc.stdout


def test_export_excel_reads_back_to_the_same_report(db, tmp_path):
    code, out, err = run("--db", db, "export-excel", UNIT, 2024, tmp_path / "导出.xlsx")
    assert code == 0 and "已导出" in out and err == ""
    again = tmp_path / "again.db"
    assert run("--db", again, "import", UNIT, 2024, tmp_path / "导出.xlsx")[0] == 0
    assert dump(again) == dump(db)


def test_export_pdf_of_a_report_with_errors_warns_and_exports(db, tmp_path):
    wb = openpyxl.load_workbook(TABLES)
    wb["公开02表"]["D10"] = 261.35
    changed = tmp_path / "changed.xlsx"
    wb.save(changed)
    run("--db", db, "import", UNIT, 2024, changed)
    code, out, err = run("--db", db, "export-pdf", UNIT, 2024, tmp_path / "report.pdf")
    assert code == 0 and (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert "还有 2 条错误" in err and "A06" in err


def test_a_failed_export_keeps_the_old_file(db, tmp_path, monkeypatch):
    target = tmp_path / "old.xlsx"
    target.write_bytes(b"the file of yesterday")

    def broken(report, path):
        Path(path).write_bytes(b"half")
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr("kuaiji_desk.core.excel.writer.export_workbook", broken)
    code, _, err = run("--db", db, "export-excel", UNIT, 2024, target)
    assert code == 2 and "磁盘空间不足" in err and "No space" not in err
    assert target.read_bytes() == b"the file of yesterday"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_audit_as_pdf_or_excel(db, tmp_path):
    code, out, _ = run("--db", db, "export-audit", UNIT, 2024, tmp_path / "审核.xlsx")
    assert code == 0 and "已导出审核报告" in out
    ws = openpyxl.load_workbook(tmp_path / "审核.xlsx")["审核报告"]
    assert ws["A1"].value == "武汉市汉阳区城市运行管理中心2024年度部门决算公开审核报告"
    assert run("--db", db, "export-audit", UNIT, 2024, tmp_path / "审核.pdf")[0] == 0
    assert (tmp_path / "审核.pdf").read_bytes().startswith(b"%PDF")
    code, out, err = run("--db", db, "export-audit", UNIT, 2024, tmp_path / "审核.docx")
    assert code == 2 and "只能导出为" in err and not (tmp_path / "审核.docx").exists()
