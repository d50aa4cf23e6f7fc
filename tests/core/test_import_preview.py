"""导入预览's lines: each table's headline figure as the workbook gives it, and what the
import would replace in the report, counted."""
import copy
from pathlib import Path

import pytest

from kuaiji_desk.core import edits
from kuaiji_desk.core.carry import start_from
from kuaiji_desk.core.excel.importer import read_workbooks
from kuaiji_desk.core.excel.preview import replaced, table_lines
from kuaiji_desk.core.forms import for_year
from kuaiji_desk.core.report import new_report
from kuaiji_desk.core.sample import load_sample

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def data():
    return read_workbooks([FIXTURES / "hanyang-2024-public-tables.xlsx",
                           FIXTURES / "hanyang-2024-self-evaluations.xlsx"], 2024)


def test_every_table_shows_its_headline_figure(data):
    totals = {line[0][:5]: line[4] for line in table_lines(data, for_year(2024))}
    # The reference report: 总计 1286.76 in 01 and 04, 基本支出 335.28 = 人员经费 + 公用经费 in 06.
    assert totals["公开01表"] == "收入总计 1,286.76"
    assert totals["公开04表"] == "收入总计 1,286.76"
    assert totals["公开02表"] == totals["公开03表"] == totals["公开05表"] == "合计 1,286.76"
    assert totals["公开06表"] == "人员经费与公用经费合计 335.28"
    assert totals["公开07表"] == totals["公开08表"] == totals["公开09表"] == ""


def test_a_blank_report_has_nothing_to_replace(data):
    assert replaced(new_report("单位", 2024), data) == []


def test_a_year_started_from_last_years_report_lists_what_the_import_replaces(data):
    last = load_sample()
    started, _ = start_from(last, "单位", 2025)
    lines = replaced(started, data)
    assert "公开02表：现有 21 个科目行（其中 21 个未填数）将被替换。" in lines
    assert ("项目绩效自评表：现有 14 张（其中 14 张未填执行数，如从上年带入的项目和绩效目标）"
            "将被导入的 14 张替换。") in lines
    assert not any(line.startswith("公开01表") for line in lines)        # nothing typed there yet


def test_figures_typed_in_are_counted(data):
    report = new_report("单位", 2024)
    edits.set_cells({("01", "1", "1"): 100, ("01", "4", "1"): 200}, "").apply(report)
    assert replaced(report, data) == ["公开01表：现有 2 个数将被替换。"]
