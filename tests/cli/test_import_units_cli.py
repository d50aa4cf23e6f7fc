"""`import-units YEAR FILE... [--dept DEPT]`: each workbook into the unit it names, all read
before anything is written; the 部门 made of them."""
from __future__ import annotations

import dataclasses

from as_published import in_layout, published
from cli_runner import load, run
from kuaiji_desk.core.sample import load_sample


def unit_workbook(tmp_path, name, layout="hubei-2024", figures=True):
    report = dataclasses.replace(in_layout(load_sample(), layout), unit=name, department=name)
    return published(report, tmp_path / f"{name}.xlsx", ("zeros", "separators") if figures else ())


def test_each_workbook_goes_to_the_unit_it_names_and_the_department_adds_them(tmp_path):
    db = tmp_path / "k.db"
    files = [unit_workbook(tmp_path, "单位甲"), unit_workbook(tmp_path, "单位乙")]
    code, out, err = run("--db", db, "import-units", "2024", *files, "--dept", "某部门")
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith("已导入：单位甲 2024年度（单位甲-published.xlsx）")
    assert out.splitlines()[-1] == "已汇总：某部门 2024年度，2 个单位（单位甲、单位乙）"
    one = load(db, "单位甲", 2024)
    assert one.get("01", "30", "1") == load_sample().get("01", "30", "1")
    assert load(db, "某部门", 2024).get("01", "30", "1") == 2 * one.get("01", "30", "1")
    code, out, err = run("--db", db, "import-units", "2024", unit_workbook(tmp_path, "单位丙"), "--dept", "某部门")
    assert code == 0 and load(db, "某部门", 2024).composition.units == ("单位甲", "单位乙", "单位丙")


def test_a_workbook_that_names_no_unit_stops_everything(tmp_path):
    db = tmp_path / "k.db"
    named, unnamed = unit_workbook(tmp_path, "单位甲"), unit_workbook(tmp_path, "上海单位", "shanghai-2024")
    code, out, err = run("--db", db, "import-units", "2024", named, unnamed)
    assert code == 2 and "「上海单位-published.xlsx」没有写明单位" in err
    assert "单位甲" not in run("--db", db, "reports")[1]
