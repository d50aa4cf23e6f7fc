"""`consolidate DEPT YEAR UNIT...`: a 部门 report from its units' reports; `reports` lists the 部门
with its units; `check` names each unit's findings; the PDF lists the units."""
from __future__ import annotations

import dataclasses
import json

from cli_runner import load, run
from kuaiji_desk.core.sample import load_sample
from kuaiji_desk.store import repo
from kuaiji_desk.store.db import close_db, open_db
from poppler import pdf_text

DEPT = "某部门"


def two_units(tmp_path):
    db_path = tmp_path / "k.db"
    db = open_db(db_path)
    try:
        for name in ("单位甲", "单位乙"):
            repo.save_report(db, dataclasses.replace(load_sample(), unit=name))
    finally:
        close_db(db)
    return db_path


def test_consolidate_makes_the_department_the_sum_of_its_units(tmp_path):
    db = two_units(tmp_path)
    code, out, err = run("--db", db, "consolidate", DEPT, "2024", "单位甲", "单位乙")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "已汇总：某部门 2024年度，2 个单位（单位甲、单位乙）"
    assert "收入总计 2,573.52 万元" in out
    report = load(db, DEPT, 2024)
    assert report.cells[("01", "30", "1")] == 2 * load_sample().cells[("01", "30", "1")]
    code, out, _ = run("--db", db, "reports")
    lines = {line.split("\t")[0]: line.split("\t") for line in out.splitlines()}
    assert lines[DEPT][3] == "部门：单位甲、单位乙" and len(lines["单位甲"]) == 3
    code, out, err = run("--db", db, "consolidate", DEPT, "2024", "单位乙")      # the units changed
    assert code == 0 and load(db, DEPT, 2024).composition.units == ("单位乙",)


def test_check_lists_each_units_findings_under_the_department(tmp_path):
    db = two_units(tmp_path)
    run("--db", db, "consolidate", DEPT, "2024", "单位甲", "单位乙")
    code, out, _ = run("--db", db, "check", DEPT, "2024")
    assert code == 1                                       # the 部门's own texts are not written yet
    heads = [line for line in out.splitlines() if "年度：错误" in line]
    assert [h.split(" ")[0] for h in heads] == [DEPT, "【单位】单位甲", "【单位】单位乙"]
    code, out, _ = run("--db", db, "check", DEPT, "2024", "--json")
    doc = json.loads(out)
    assert doc["unit"] == DEPT and [u["unit"] for u in doc["units"]] == ["单位甲", "单位乙"]
    code, out, _ = run("--db", db, "check", "单位甲", "2024", "--json")
    assert "units" not in json.loads(out)                  # a unit's check as it always was


def test_a_unit_without_a_report_or_a_department_named_as_a_unit_is_refused(tmp_path):
    db = two_units(tmp_path)
    code, out, err = run("--db", db, "consolidate", DEPT, "2024", "单位甲", "单位丙")
    assert code == 2 and "单位「单位丙」没有2024年度的报告" in err
    code, out, err = run("--db", db, "consolidate", "单位甲", "2024", "单位乙")
    assert code == 2 and "「单位甲」2024年度已有本单位的报告" in err and "单位甲本级" in err
    code, out, err = run("--db", db, "reports")
    assert DEPT not in out


def test_transfers_from_a_csv_are_taken_out_and_listed(tmp_path):
    db = two_units(tmp_path)
    csv = tmp_path / "往来.csv"
    csv.write_text("类型,付出单位,收到单位,收入科目,支出科目,金额（万元）\n补助,单位甲,单位乙,2010350,2010350,5\n",
                   encoding="utf-8")
    code, out, err = run("--db", db, "consolidate", DEPT, "2024", "单位甲", "单位乙", "--transfers", csv)
    assert code == 2 and "收到方「单位乙」的公开02表2010350「上级补助收入」只有 0.00 万元" in err
    assert DEPT not in run("--db", db, "reports")[1]


def test_the_departments_pdf_lists_its_units(tmp_path):
    db = two_units(tmp_path)
    run("--db", db, "consolidate", DEPT, "2024", "单位甲", "单位乙")
    code, out, err = run("--db", db, "export-pdf", DEPT, "2024", tmp_path / "部门.pdf")
    assert code == 0
    text = "".join(pdf_text(tmp_path / "部门.pdf").split())
    assert "二、部门决算单位构成" in text
    assert "纳入某部门2024年度部门决算编制范围的单位共2个，包括：1.单位甲；2.单位乙。" in text


def test_the_departments_own_published_workbook_is_compared_with_the_sum(tmp_path):
    import openpyxl

    from as_published import published

    db = two_units(tmp_path)
    run("--db", db, "consolidate", DEPT, "2024", "单位甲", "单位乙")
    book = published(load(db, DEPT, 2024), tmp_path / "部门.xlsx", ())
    code, out, err = run("--db", db, "import", DEPT, "2024", book)
    assert code == 0 and "导入的是部门自己公开的表" in out
    assert not [f for f in json.loads(run("--db", db, "check", DEPT, "2024", "--json")[1])["findings"]
                if f["rule"] == "B17.3"]
    wb = openpyxl.load_workbook(book)
    ws = next(ws for ws in wb.worksheets if ws.title == "公开02表")
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "2010350")
    figure = ws.cell(cell.row, cell.column + 3)        # 财政拨款收入 of 2010350
    figure.value = float(figure.value) + 1
    wb.save(book)
    run("--db", db, "import", DEPT, "2024", book)
    report = load(db, DEPT, 2024)
    assert report.get("02", "2010350", "2") == 2 * load_sample().get("02", "2010350", "2")   # the sum stays
    [found] = [f for f in json.loads(run("--db", db, "check", DEPT, "2024", "--json")[1])["findings"]
               if f["rule"] == "B17.3"]
    assert found["severity"] == "error" and "部门公开的公开02表2010350「事业运行」第2栏（财政拨款收入）为 503.70 万元" \
        in found["message"] and "各单位汇总为 502.70 万元" in found["message"]
