"""Workbooks whose amounts are formulas without a stored result, as scripts (openpyxl, pandas)
and some tools write them: `import` and `new --from` compute what can be computed and refuse
the rest by name, the database unchanged — never an empty import with exit 0."""
from __future__ import annotations

import re
import shutil
import zipfile
from decimal import Decimal

import pytest

import workbook_variants as wv
from cli_runner import load, run

UNIT = "汉阳区城市运行管理中心"
HELPER = "计算"
ASK = "是公式且没有计算结果，请在Excel或WPS中打开并保存后再导入"


def as_formulas(sheets: list[wv.Sheet]) -> list[wv.Sheet]:
    """Every amount of the 公开表 a formula (openpyxl stores none of their results): the number
    itself, arithmetic, a reference to another sheet, a SUM over a range of one."""
    helper = wv.Sheet(HELPER)
    k = 0
    for s in wv._public(sheets):
        for i, at in enumerate(sorted(wv._amount_cells(s))):
            d = Decimal(repr(s.cells[at]))
            k += 1
            form = i % 5
            if form == 0:
                s.cells[at] = f"={d}"
            elif form == 1:
                s.cells[at] = f"=({d}+1)-2*0.5"
            elif form == 2:
                helper.cells[(k, 3)] = float(d)
                s.cells[at] = f"={HELPER}!$C${k}"
            elif form == 3:
                helper.cells[(k, 1)], helper.cells[(k, 2)] = float(d - 1), 1
                s.cells[at] = f"=SUM('{HELPER}'!A{k}:B{k})"
            else:
                s.cells[at] = f"=-(-{d}*4)/4"
    return [*sheets, helper]


def total_as_sum(sheets: list[wv.Sheet]) -> list[wv.Sheet]:
    """The 合计 of 公开02表 a SUM of its 类 rows (plus the 尾数 by which the printed 合计 differs),
    each 类 a formula of its own."""
    s02 = wv.sheet(sheets, "公开02表")
    lei = sorted(r for (r, c), v in s02.cells.items() if c == 1 and isinstance(v, str) and re.fullmatch(r"\d{3}", v))
    for col in "CD":
        stated = Decimal(repr(s02.get(f"{col}7")))
        parts = sum(Decimal(repr(s02.get(f"{col}{r}"))) for r in lei)
        s02.set(f"{col}7", "=SUM(" + ",".join(f"{col}{r}" for r in lei) + f")+{stated - parts}")
    return sheets


def formula_workbook(path, sheets=None):
    return wv.save_sheets(as_formulas(total_as_sum(sheets or wv.load_sheets(wv.PUBLIC_TABLES))), path)


def with_formula(path, sheet: str, cells: dict[str, str]):
    sheets = wv.load_sheets(wv.PUBLIC_TABLES)
    for address, formula in cells.items():
        wv.sheet(sheets, sheet).set(address, formula)
    return wv.save_sheets(sheets, path)


@pytest.fixture(scope="module")
def plain_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("plain") / "k.db"
    code, _, err = run("--db", db, "import", UNIT, 2024, wv.PUBLIC_TABLES)
    assert code == 0, err
    return db


@pytest.fixture
def db(plain_db, tmp_path):
    copy = tmp_path / "k.db"
    shutil.copy(plain_db, copy)
    return copy


def test_formulas_without_results_import_as_their_values(plain_db, tmp_path):
    path = formula_workbook(tmp_path / "公式.xlsx")
    with zipfile.ZipFile(path) as z:        # as openpyxl writes them: <f>…</f><v/>, no result
        xml = z.read("xl/worksheets/sheet2.xml").decode()
    assert "<f>SUM(C" in xml and re.search(r"<f>[^<]*</f><v\s*/>", xml)
    db = tmp_path / "k.db"
    code, out, err = run("--db", db, "import", UNIT, 2024, path)
    assert code == 0, err
    imported, plain = load(db, UNIT, 2024), load(plain_db, UNIT, 2024)
    assert imported.cells and imported.cells == plain.cells
    assert imported == plain
    assert "公开02表「收入决算表」" in out


def test_new_from_formulas_carries_last_years_figures(tmp_path):
    plain = wv.save_sheets(wv.last_year(wv.load_sheets(wv.PUBLIC_TABLES)), tmp_path / "2023.xlsx")
    formulas = formula_workbook(tmp_path / "2023公式.xlsx", wv.last_year(wv.load_sheets(wv.PUBLIC_TABLES)))
    for name, path in (("a.db", plain), ("b.db", formulas)):
        code, _, err = run("--db", tmp_path / name, "new", UNIT, 2024, "--from", path)
        assert code == 0, err
    from_plain, from_formulas = load(tmp_path / "a.db", UNIT, 2024), load(tmp_path / "b.db", UNIT, 2024)
    assert from_formulas.last_year["收支总计"] == 1294_480_000
    assert from_formulas.last_year == from_plain.last_year


def test_a_stored_result_is_read_as_stored(plain_db, tmp_path):
    """A formula Excel saved keeps its result: that is read, the formula not computed again
    (here a function this program cannot compute) — also beside one without a result."""
    built = with_formula(tmp_path / "x.xlsx", "公开02表", {"D10": "=251.35", "D11": "=294.68"})
    saved = tmp_path / "已保存.xlsx"
    with zipfile.ZipFile(built) as src, zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                body, n = re.subn(rb"<f>251.35</f><v\s*/>", b"<f>ROUND(251.349,2)</f><v>251.35</v>", body)
                assert n == 1
            dst.writestr(info, body)
    db = tmp_path / "k.db"
    code, _, err = run("--db", db, "import", UNIT, 2024, saved)
    assert code == 0, err
    assert load(db, UNIT, 2024).cells == load(plain_db, UNIT, 2024).cells


@pytest.mark.parametrize("cells, named, why", [
    ({"D10": "=ROUND(251.349,2)"}, "D10", "ROUND"),
    ({"D10": "=D11+1", "D11": "=D10-1"}, "D10、D11", "循环引用"),
    ({"D10": "=SUM(D8:D12)"}, "D10", "循环引用"),
    ({"D10": "=251.35/0"}, "D10", "除以 0"),
    ({"D10": "='不存在的表'!A1"}, "D10", "不存在的表"),
    ({"D10": "=[1]Sheet1!A1"}, "D10", ""),
    ({"D10": '="251"&".35"'}, "D10", ""),
    ({"D10": "=B10*2"}, "D10", "事业运行"),          # text in arithmetic
    ({"D10": "=IF(C10>0,C10,0)", "D9": "=D10+D11"}, "D9、D10", "IF"),
])
def test_a_formula_that_cannot_be_computed_is_refused_by_name(db, tmp_path, cells, named, why):
    before = load(db, UNIT, 2024)
    path = with_formula(tmp_path / "脚本.xlsx", "公开02表", cells)
    code, out, err = run("--db", db, "import", UNIT, 2024, path)
    assert code == 2 and out == ""
    assert "「脚本.xlsx」工作表「公开02表」" in err and named in err and ASK in err and why in err
    assert load(db, UNIT, 2024) == before


def test_many_cells_are_listed_briefly(db, tmp_path):
    cells = {f"D{r}": f"=IF(1,{r},0)" for r in range(8, 30)}
    code, _, err = run("--db", db, "import", UNIT, 2024, with_formula(tmp_path / "多.xlsx", "公开02表", cells))
    assert code == 2
    assert "D8、D9、D10、D11、D12 等 22 个单元格" in err and "D13" not in err
    assert len(err) < 300


def test_new_from_refuses_and_creates_nothing(tmp_path):
    sheets = wv.last_year(wv.load_sheets(wv.PUBLIC_TABLES))
    wv.sheet(sheets, "公开01表").set("C7", "=VLOOKUP(1,A1:B2,2)")
    path = wv.save_sheets(sheets, tmp_path / "2023.xlsx")
    db = tmp_path / "k.db"
    code, out, err = run("--db", db, "new", UNIT, 2024, "--from", path)
    assert code == 2 and out == ""
    assert "「2023.xlsx」工作表「公开01表」的 C7 " in err and ASK in err and "VLOOKUP" in err
    assert run("--db", db, "reports")[1].strip() == "数据库中还没有报告。"
