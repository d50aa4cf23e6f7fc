"""The large report every benchmark measures: 400 function 项 in 公开02/03/05 with
every total stated (as an import brings them), 01/04/06 consistent with them,
and 200 projects × 8 indicators whose 执行数 add up to the 项目支出."""
from __future__ import annotations

from kuaiji_desk.core import catalog
from kuaiji_desk.core.layout import Values
from kuaiji_desk.core.money import percent
from kuaiji_desk.core.report import Indicator, Overall, Project, new_report

ITEMS = 400
PROJECTS = 200
INDICATORS = 8


def build(year: int = 2024, items: int = ITEMS, projects: int = PROJECTS):
    report = new_report("大型测试单位", year)
    cat = catalog.load(catalog.FUNCTIONAL, year)
    codes = [e.code for e in cat.entries(3) if e.code[:3] not in ("227", "230", "233")][:items]
    for n, code in enumerate(codes):
        basic, project = 1_000_000 + n * 1_230_000, 500_000 + n * 770_000
        if cat.get(code).name in ("行政运行", "事业运行"):
            basic, project = basic + project, 0
        for table, cols in (("02", {"2": basic + project}),
                            ("03", {"2": basic, "3": project}),
                            ("05", {"2": basic, "3": project})):
            report.add_code(table, code)
            for col, fen in cols.items():
                if fen:
                    report.set(table, code, col, fen, rounded=True)
    _state_totals(report, ("02", "03", "05"))
    values = Values(report)
    basic_total, project_total = values.value("05", "合计", "2"), values.value("05", "合计", "3")
    report.set("06", "30101", "1", basic_total, rounded=True)
    income = values.value("02", "合计", "2")
    report.set("01", "1", "1", income, rounded=True)
    report.set("04", "1", "1", income, rounded=True)
    for row, code in values.layout("01").codes.items():
        report.set("01", row, "2", values.value("03", code, "1") if code in report.code_rows["03"] else None, True)
    for row, code in values.layout("04").codes.items():
        report.set("04", row, "3", values.value("05", code, "1") if code in report.code_rows["05"] else None, True)
    _state_totals(report, ("01", "04", "06"))
    share, rest = divmod(project_total, projects)
    for i in range(projects):
        spent = share + (rest if i == projects - 1 else 0)
        budget = spent + spent // 9
        p = Project(name=f"项目{i + 1}", department="大型测试单位", executor="大型测试单位",
                    category="部门预算项目", attribute="持续性项目", kind="常年性项目",
                    budget=budget, spent=spent, amounts_rounded=True, stated_rate=f"{percent(spent, budget)}%",
                    summary="主要产出和效益")
        for j in range(INDICATORS):
            level1 = ("产出指标", "效益指标", "满意度指标")[j % 3]
            p.indicators.append(Indicator(level1, "数量指标", f"指标{j}", f"≥{10 + j}个", f"{10 + 2 * j}个"))
        report.projects.append(p)
    report.overall = Overall(unit_name="大型测试单位", basic_total=basic_total, project_total=project_total,
                             amounts_rounded=True, goals="目标")
    return report


def _state_totals(report, tables):
    """Writes every computed total back as a stated figure, as an imported workbook has them."""
    values = Values(report)
    for table in tables:
        lay = values.layout(table)
        for row in lay.rows:
            for col in lay.row_cols[row]:
                if lay.is_total(row, col):
                    fen = values.value(table, row, col)
                    if fen:
                        report.set(table, row, col, fen, rounded=True)
