"""Formulas without a stored result, read from a workbook: what is computed (numbers, + - * /,
parentheses, references, SUM over ranges of the same workbook) and what is refused, by name."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from kuaiji_desk.core.excel.errors import WorkbookError
from kuaiji_desk.core.excel.opening import read_grids

ASK = "是公式且没有计算结果，请在Excel或WPS中打开并保存后再导入"


def book(tmp_path: Path, sheets: dict[str, dict[str, object]], name: str = "b.xlsx") -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, cells in sheets.items():
        ws = wb.create_sheet(title)
        for address, value in cells.items():
            ws[address] = value
    path = tmp_path / name
    wb.save(path)
    return path


def values(tmp_path, sheets, sheet=None) -> dict[str, object]:
    grids = {g.sheet: g for g in read_grids(book(tmp_path, sheets))}
    g = grids[sheet or next(iter(sheets))]
    return {g.address(r, c): v for (r, c), v in g.values.items()}


def refused(tmp_path, sheets) -> str:
    with pytest.raises(WorkbookError) as e:
        read_grids(book(tmp_path, sheets))
    return str(e.value)


@pytest.mark.parametrize("formula, result", [
    ("=1+2*3", "7"),
    ("=(1+2)*3", "9"),
    ("=10/4", "2.5"),
    ("=-A1+1", "-9.25"),
    ("=--A1", "10.25"),
    ("=2*-A1", "-20.5"),
    ("=+A1", "10.25"),
    ("= A1 * 2 ", "20.5"),
    ("=$A$1+A$1+$A1", "30.75"),
    ("=0.1+0.2", "0.3"),                      # Decimal: no binary noise
    ("=1.5E+2", "150"),
    ("=SUM(A1:A3)", "13.25"),                 # the text in A3 is not counted, as in Excel
    ("=sum(A1,A2,4)", "17.25"),
    ("=SUM(A1:A2)/SUM(A2)", "4.416666666666666666666666667"),
    ("=SUM(A:A)", "13.25"),
    ("=SUM(A1:B100000)", "13.25"),
    ("=A5", "0"),                             # a blank cell counts 0
    ("=A5+1", "1"),
    ("=A4*2", "24"),                          # text that is a number is one, as in Excel
])
def test_what_is_computed(tmp_path, formula, result):
    cells = {"A1": 10.25, "A2": 3, "A3": "文字", "A4": "12", "C1": formula}
    assert values(tmp_path, {"表": cells})["C1"] == Decimal(result)


def test_a_bare_reference_copies_the_cell(tmp_path):
    got = values(tmp_path, {"表": {"A1": "合计", "B1": "=A1"}})
    assert got["B1"] == "合计"


def test_references_to_other_sheets_and_chains(tmp_path):
    sheets = {
        "公开01表": {"A1": "='数据 表'!B2+'数据 表'!B3", "A2": "=数据2!A1*2", "A3": "=A1+A2"},
        "数据 表": {"B2": 1, "B3": "=B2+1"},
        "数据2": {"A1": "=SUM('数据 表'!B2:B3)"},
    }
    got = values(tmp_path, sheets, "公开01表")
    assert (got["A1"], got["A2"], got["A3"]) == (Decimal(3), Decimal(6), Decimal(9))


def test_quotes_in_a_sheet_name(tmp_path):
    got = values(tmp_path, {"A": {"A1": "='Bob''s'!A1"}, "Bob's": {"A1": 5}}, "A")
    assert got["A1"] == Decimal(5)


def test_sheet_names_are_matched_regardless_of_case(tmp_path):
    got = values(tmp_path, {"A": {"A1": "=data!A1"}, "Data": {"A1": 5}}, "A")
    assert got["A1"] == Decimal(5)


def test_a_long_chain_is_computed(tmp_path):
    cells = {"A1": 1, **{f"A{r}": f"=A{r - 1}+1" for r in range(2, 3001)}}
    assert values(tmp_path, {"表": cells})["A3000"] == Decimal(3000)


def test_percent_format_of_a_computed_cell_is_kept(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "=0.8645"
    wb.active["A1"].number_format = "0.00%"
    wb.save(tmp_path / "p.xlsx")
    g = read_grids(tmp_path / "p.xlsx")[0]
    assert g.text(1, 1) == "86.45%"


@pytest.mark.parametrize("cells, words", [
    ({"A1": "=ROUND(1.234,2)"}, "A1 " + ASK),
    ({"A1": "=A1+1"}, "循环引用"),
    ({"A1": "=B1", "B1": "=A1"}, "A1、B1 " + ASK),
    ({"A1": "=SUM(A1:A3)"}, "循环引用"),
    ({"A1": "=1/0"}, "除以 0"),
    ({"A1": "=1/(B1-B1)"}, "除以 0"),
    ({"A1": "=X!A1"}, "工作表「X」"),
    ({"A1": "=[1]Sheet1!A1"}, ASK),
    ({"A1": '="a"&"b"'}, ASK),
    ({"A1": "=2^3"}, ASK),
    ({"A1": "=1>0"}, ASK),
    ({"A1": "=10%"}, ASK),
    ({"A1": "=B1:B2"}, ASK),
    ({"A1": "=B1:B2+1"}, ASK),
    ({"A1": "=SUM(B1:B2"}, ASK),
    ({"A1": "=1+"}, ASK),
    ({"A1": "=B1*2", "B1": "甲"}, "B1 是文字「甲」"),
    ({"A1": "=B1+1", "B1": "#DIV/0!"}, "B1 是错误值 #DIV/0!"),
    ({"A1": "=SUM(B1:B2)", "B1": "#N/A"}, "B1 是错误值 #N/A"),
    ({"A1": "=#REF!+1"}, ASK),
    ({"A1": "=" + "(" * 500 + "1" + ")" * 500}, ASK),
    ({"A1": "=1E+999999999*10"}, ASK),
    ({"A1": "=XFE1"}, ASK),
])
def test_what_is_refused(tmp_path, cells, words):
    message = refused(tmp_path, {"表": cells})
    assert message.startswith("「b.xlsx」工作表「表」的 ")
    assert ASK in message and words in message


def test_too_much_work_is_refused_as_a_whole(tmp_path):
    """1 500 formulas each summing 1 500 cells: more than any table asks; none computed."""
    cells = {f"A{r}": r for r in range(1, 1501)}
    cells.update({f"B{r}": "=SUM($A$1:$A$1500)" for r in range(1, 1501)})
    message = refused(tmp_path, {"表": cells})
    assert "B1、B2、B3、B4、B5 等 1500 个单元格 " + ASK in message and "公式太多或引用的区域太大" in message


def test_a_formula_using_a_refused_one_is_refused_with_it(tmp_path):
    message = refused(tmp_path, {"表": {"A1": "=IF(1,2,3)", "A2": "=A1+1", "A3": "=5"}})
    assert "A1、A2 " + ASK in message and "IF" in message and "A3" not in message


def test_the_cells_of_several_sheets_are_named(tmp_path):
    message = refused(tmp_path, {"甲": {"B2": "=IF(1,2,3)"}, "乙": {"C3": "=乙!C3"}})
    assert "工作表「甲」的 B2" in message and "工作表「乙」的 C3" in message
