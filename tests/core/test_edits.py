"""Every edit undoes exactly."""
import copy

from kuaiji_desk.core import edits
from kuaiji_desk.core.report import PROJECTS, Indicator, Overall, Project, new_report

W = 1_000_000


def base():
    r = new_report("单位", 2024)
    r.add_code("03", "2010350")
    r.set("03", "2010350", "2", 5 * W, rounded=True)
    r.set("03", "合计", "1", 5 * W, rounded=True)
    r.projects.append(Project(name="项目一", budget=W, spent=W, indicators=[Indicator("产出指标")]))
    r.texts["职责"] = "职责"
    return r


def roundtrip(edit):
    r = base()
    before = copy.deepcopy(r)
    undo = edit(r).apply(r) if callable(edit) else edit.apply(r)
    after = copy.deepcopy(r)
    assert after != before
    redo = undo.apply(r)
    assert r == before
    redo.apply(r)
    assert r == after
    return r


def test_set_cell_keeps_rounded_flags_on_undo():
    r = roundtrip(edits.set_cell("03", "2010350", "2", 6 * W))
    assert ("03", "2010350", "2") not in r.rounded     # typed: exact
    r2 = base()
    edits.set_cell("03", "2010350", "2", None).apply(r2).apply(r2)
    assert ("03", "2010350", "2") in r2.rounded


def test_clear_stated_total():
    r = roundtrip(edits.set_cells({("03", "合计", "1"): None}, "恢复为计算值"))
    assert ("03", "合计", "1") not in r.cells


def test_add_and_remove_code():
    r = roundtrip(lambda r: edits.add_code(r, "03", "2210201"))
    assert {"221", "22102", "2210201"} <= set(r.code_rows["03"])
    assert ("03", "合计", "1") not in r.cells          # the stated 合计 follows its parts again
    r = roundtrip(lambda r: edits.remove_code(r, "03", "201"))
    assert "03" not in r.code_rows
    assert [k for k in r.cells if k[0] == "03"] == []   # the 合计 above the removed rows is computed again


def test_texts_numbers_last_year():
    roundtrip(lambda r: edits.set_text(r, "职责", "新的职责"))
    roundtrip(lambda r: edits.set_text(r, "职责", ""))
    roundtrip(lambda r: edits.set_number(r, "九.车辆保有量", 3))
    roundtrip(lambda r: edits.set_number(r, "收支总计", 1_294_480_000, part="last_year"))
    roundtrip(lambda r: edits.set_explanation(r, "F04|项目自评|1|偏差原因", "已说明"))


def test_projects_and_overall():
    def add(r):
        r.projects.insert(0, Project(name="新项目"))
    roundtrip(lambda r: edits.change_projects(r, add, "新增项目"))
    roundtrip(lambda r: edits.change_projects(r, lambda x: setattr(x.projects[0], "spent", 2 * W), "编辑项目"))
    roundtrip(lambda r: edits.change_overall(r, lambda x: setattr(x, "overall", Overall(unit_name="单位")), "整体自评"))


def test_change_part_does_not_change_the_report_until_applied():
    r = base()
    before = copy.deepcopy(r)
    edit = edits.add_code(r, "03", "2210201")
    assert r == before
    revision = r.revision("03")
    edit.apply(r)
    assert r.revision("03") > revision


def test_replace_report_is_one_step():
    new = base()
    new.set("01", "1", "1", 9 * W)
    new.projects = []
    batch = edits.replace_report(new_report("单位", 2024), new, "导入")
    r = new_report("单位", 2024)
    undo = batch.apply(r)
    assert r == new
    undo.apply(r)
    assert r == new_report("单位", 2024)
    assert PROJECTS in batch.parts and "01" in batch.parts


def test_a_field_edit_names_its_field():
    r = new_report("单位", 2024)
    assert edits.set_text(r, "咨询电话", "027-1").label == "修改 公开咨询电话"
    assert edits.set_number(r, "五.三.年初预算:2010350", 100).label == "修改 该项年初预算数（2010350）"
