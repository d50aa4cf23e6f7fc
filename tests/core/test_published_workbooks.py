"""Workbooks as units publish them, in every layout: no 行次 or 栏次, no 表号 and no year in the
titles, 合计 at the bottom, 0.00 in every empty cell, amounts typed as text with and without
thousands separators, other header and row words, sheets renamed and shuffled
(tests/as_published.py).  They import to exactly the figures written, in the layout they were
printed in, and give the findings the 湖北 workbook of the same figures gives; what cannot be
placed is named, never dropped."""
from __future__ import annotations

import dataclasses

import openpyxl
import pytest

from as_published import ALL, CENT, in_layout, published
from kuaiji_desk.core import layouts, rules
from kuaiji_desk.core.excel.importer import Unplaced, apply_import, read_workbooks
from kuaiji_desk.core.report import new_report
from kuaiji_desk.core.sample import load_sample
from kuaiji_desk.core.unprinted import unprinted_figures

LAYOUTS_2024 = [x.name for x in layouts.all_layouts() if x.year == 2024]


@pytest.fixture(scope="module")
def sample():
    return load_sample()


def read(path, year):
    data = read_workbooks([path], year)
    report = new_report("某单位", year, layout=data.layout)
    apply_import(report, data)
    return data, report


def nonzero(cells: dict) -> dict:
    return {k: v for k, v in cells.items() if v}


def same_figures(written, read_back) -> None:
    """Every figure written is read, to the 分; what is read besides is the 0.00 printed in empty cells."""
    assert nonzero(read_back.cells) == nonzero(written.cells)
    assert read_back.rounded >= {k for k in written.rounded if written.cells[k]}
    assert {c for t in read_back.code_rows.values() for c in t} >= {c for t in written.code_rows.values() for c in t}


@pytest.mark.parametrize("name", ["central-2024", "shanghai-2024", "shanghai-26-2025"])
def test_a_workbook_as_units_publish_it_imports_to_the_figures_written(sample, tmp_path, name):
    written = in_layout(sample, name)
    data, back = read(published(written, tmp_path / "x.xlsx"), written.year)
    assert data.layout == name
    same_figures(written, back)


@pytest.mark.parametrize("change", ALL)
@pytest.mark.parametrize("name", ["central-2024", "shanghai-2024"])
def test_each_way_of_publishing_alone(sample, tmp_path, name, change):
    written = in_layout(sample, name)
    data, back = read(published(written, tmp_path / "x.xlsx", (change,)), written.year)
    assert data.layout == name
    same_figures(written, back)


def test_the_findings_are_those_of_the_hubei_workbook_of_the_same_figures(sample, tmp_path):
    figures = in_layout(sample, "hubei-2024", debt=False)     # what every 2024 layout prints
    found = {}
    for name in LAYOUTS_2024:
        written = dataclasses.replace(figures, layout=name)
        assert unprinted_figures(written) == []
        changes = () if name == "hubei-2024" else ALL
        _, back = read(published(written, tmp_path / f"{name}.xlsx", changes), written.year)
        same_figures(written, back)
        found[name] = sorted((f.rule, f.key, f.severity) for f in rules.check(back))
    assert found["hubei-2024"]      # the sample's own mistakes, kept in the figures
    for name in LAYOUTS_2024:
        assert found[name] == found["hubei-2024"], name


def test_zeros_printed_in_blank_rows_are_nothing_to_place(sample, tmp_path):
    written = in_layout(sample, "shanghai-2024")
    path = published(written, tmp_path / "x.xlsx", ("zeros",))
    data, _ = read(path, 2024)
    assert data.unplaced == []


def with_stray_row(path, title: str, label: str, figure):
    """A row the table does not have, with a figure: written over the blank row above 本年收入合计."""
    book = openpyxl.load_workbook(path)
    ws = next(ws for ws in book.worksheets if ws["A1"].value == title)
    total = next(c.row for c in ws["A"] if c.value == "本年收入合计")
    row = max(c.row for c in ws["A"][: total - 1] if c.value is None)
    ws.cell(row, 1, label)
    ws.cell(row, 2, figure)
    out = path.with_name("stray.xlsx")
    book.save(out)
    return out, f"A{row}"


def test_a_figure_no_cell_holds_is_named_not_dropped(sample, tmp_path):
    written = in_layout(sample, "shanghai-2024")
    path, cell = with_stray_row(published(written, tmp_path / "x.xlsx"), "收入支出决算总表", "其他资金（备注）", 12.34)
    with pytest.raises(Unplaced) as refused:
        read_workbooks([path], 2024)
    assert f"{cell} 单元格的「其他资金（备注）」不是一、收入支出决算总表的行，无法确定行次。" in str(refused.value)
    data = read_workbooks([path], 2024, skip_unplaced=True)
    assert len(data.unplaced) == 1 and cell in data.unplaced[0]
    back = new_report("某单位", 2024, layout=data.layout)
    apply_import(back, data)
    same_figures(written, back)


def test_a_bare_table_name_in_a_sentence_or_a_contents_list_is_no_table(sample, tmp_path):
    written = in_layout(sample, "shanghai-2024")
    path = published(written, tmp_path / "x.xlsx", ("no_labels",))
    book = openpyxl.load_workbook(path)
    contents = book.create_sheet("目录", 0)
    for i, t in enumerate(layouts.get("shanghai-2024").tables):
        contents.cell(i + 1, 1, f"{t.label}、{t.name}")
    book.worksheets[1].cell(60, 1, "注：详见收入支出决算总表")
    book.save(path)
    data, back = read(path, 2024)
    same_figures(written, back)
    assert "目录" not in "".join(data.found)


def test_amounts_typed_as_text_with_and_without_separators_are_exact(sample, tmp_path):
    path = published(in_layout(sample, "shanghai-2024"), tmp_path / "x.xlsx", ("no_labels",))
    book = openpyxl.load_workbook(path)
    ws = next(ws for ws in book.worksheets if ws["A1"].value == "收入决算表")
    figures = [c for row in ws.iter_rows() for c in row[2:] if isinstance(c.value, (int, float)) and c.value]
    typed = {"1,234,567.89": 123_456_789 * CENT, "1234567.89": 123_456_789 * CENT, "12,345.6": 1_234_560 * CENT}
    for cell, text in zip(figures, typed):
        cell.value = text
    book.save(path)
    data = read_workbooks([path], 2024, skip_unplaced=True)
    read = data.tables["02"].cells
    placed = sorted(read[key] for key in read if read[key] in typed.values())
    assert placed == sorted(typed.values())
