"""The 部门决算公开 PDF of the sample report.

The sample is exported once per module (about a second).  What is read back from
the file: by poppler's pdftotext/pdffonts, which the tests need (without them they
fail, saying what to install: a skipped check would pass unseen), and by parsing
the PDF's own objects (outline, info, pages, fonts) in plain Python.
"""
from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Table

from kuaiji_desk.core.forms import TOTAL_ROW
from kuaiji_desk.core.forms.tables_2024 import CN_NUMERALS, PERSONNEL, PUBLIC
from kuaiji_desk.core.pdf import export_pdf
from kuaiji_desk.core.pdf.context import Context, typographic
from kuaiji_desk.core.pdf.document import part_titles
from kuaiji_desk.core.pdf.fonts import BUNDLED, resolve_fonts
from kuaiji_desk.core.excel.sheet_writer import YUAN_FORMAT, shown_number
from kuaiji_desk.core.pdf.selfeval import overall_flowables, project_flowables
from kuaiji_desk.core.pdf.styles import make_styles
from kuaiji_desk.core.pdf.tables import table_flowables
from kuaiji_desk.core.report import Project, new_report
from kuaiji_desk.core.sample import load_sample
from kuaiji_desk.fonts import bundled_font_path
from poppler import poppler

@pytest.fixture(scope="module")
def sample():
    return load_sample()


@pytest.fixture(scope="module")
def exported(sample, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "决算公开.pdf"
    result = export_pdf(sample, path, resolve_fonts(system_dir=False))
    return path, result


@pytest.fixture(scope="module")
def pdf_bytes(exported):
    return exported[0].read_bytes()


@pytest.fixture(scope="module")
def pages_text(exported):
    """The text of every page, by pdftotext."""
    out = subprocess.run([poppler("pdftotext"), "-enc", "UTF-8", str(exported[0]), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    return out.split("\f")[:-1]


# -- a small reader of the PDF's objects --------------------------------------------

_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f",
            b"(": b"(", b")": b")", b"\\": b"\\"}


def _literal(data: bytes, start: int) -> bytes:
    """The bytes of the PDF literal string whose '(' is at ``start``."""
    out, depth, i = bytearray(), 0, start
    while True:
        c = data[i:i + 1]
        if c == b"\\":
            nxt = data[i + 1:i + 2]
            if nxt in _ESCAPES:
                out += _ESCAPES[nxt]
                i += 2
            elif nxt.isdigit():
                m = re.match(rb"[0-7]{1,3}", data[i + 1:i + 4])
                out.append(int(m.group(), 8))
                i += 1 + len(m.group())
            else:
                i += 2
            continue
        if c == b"(":
            depth += 1
            if depth > 1:
                out += c
        elif c == b")":
            depth -= 1
            if depth == 0:
                return bytes(out)
            out += c
        else:
            out += c
        i += 1


def _text(raw: bytes) -> str:
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be")
    return raw.decode("latin-1")


def strings_after(data: bytes, key: bytes) -> list[str]:
    """Every text string that follows ``key`` (e.g. b'/Title'), literal or hex."""
    out = []
    for m in re.finditer(re.escape(key) + rb"\s*([(<])", data):
        if m.group(1) == b"(":
            out.append(_text(_literal(data, m.start(1))))
        else:
            end = data.index(b">", m.start(1))
            out.append(_text(bytes.fromhex(data[m.start(1) + 1:end].decode())))
    return out


def outline_titles(data: bytes) -> list[str]:
    """The titles of the outline items: the objects that have /Parent and /Title."""
    titles = []
    for m in re.finditer(rb"<<(?:(?!>>).)*?/Parent(?:(?!>>).)*?>>|<<(?:(?!>>).)*?/Title(?:(?!>>).)*?>>", data,
                         re.S):
        obj = m.group()
        if b"/Parent" in obj and b"/Title" in obj:
            titles += strings_after(obj, b"/Title")
    return titles


def media_boxes(data: bytes) -> list[tuple[float, float]]:
    """(width, height) of each page, in document order."""
    boxes = []
    for m in re.finditer(rb"/Type\s*/Page\b(?!s)", data):
        obj_start = data.rfind(b"obj", 0, m.start())
        obj_end = data.index(b"endobj", m.start())
        box = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", data[obj_start:obj_end])
        x0, y0, x1, y1 = (float(v) for v in box.groups())
        boxes.append((x1 - x0, y1 - y0))
    return boxes


# -- the document ---------------------------------------------------------------------

def test_export_reports_pages_fonts_and_no_missing_glyphs(exported, pdf_bytes):
    path, result = exported
    assert result.path == path
    assert result.pages == len(media_boxes(pdf_bytes)) > 30
    assert "WenQuanYi" in result.fonts
    assert result.missing_glyphs == ""
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".part")]


def test_metadata_names_the_report_not_the_font(sample, pdf_bytes):
    assert f"{sample.unit}2024年度部门决算公开" in strings_after(pdf_bytes, b"/Title")
    assert sample.unit in strings_after(pdf_bytes, b"/Author")
    subject = strings_after(pdf_bytes, b"/Subject")[0]
    assert subject == f"{sample.unit}2024年度部门决算公开（湖北 2024年度）"
    keywords = " ".join(strings_after(pdf_bytes, b"/Keywords"))
    assert "部门决算公开" in keywords and sample.unit in keywords and "2024" in keywords
    assert "字体" not in keywords and "WenQuanYi" not in subject


def test_outline_has_every_part_table_and_self_evaluation(sample, pdf_bytes):
    titles = outline_titles(pdf_bytes)
    for title in part_titles(sample).values():
        assert title in titles
    for i, spec in enumerate(sample.forms.tables):
        assert typographic(f"{CN_NUMERALS[i]}、{spec.name}") in titles   # “三公” as the text prints it
    assert "目录" in titles
    assert "一、部门主要职责" in titles and "十三、预算绩效情况说明" in titles
    assert sum(t.endswith("绩效自评表") for t in titles) == 1 + len(sample.projects)
    # Destinations that Qt's bookmark model accepts without a warning.
    assert b"/Fit " not in pdf_bytes and b"/XYZ" in pdf_bytes


def test_fonts_are_embedded_subsets_only(pdf_bytes):
    assert b"/FontFile2" in pdf_bytes
    base_fonts = set(re.findall(rb"/BaseFont\s*/([^\s/>]+)", pdf_bytes))
    assert base_fonts and all(b"+" in f for f in base_fonts), base_fonts   # AAAAAA+… subsets, no Helvetica
    assert pdf_bytes.count(b"/FontFile2") >= len(base_fonts)


def test_pdffonts_says_every_font_is_embedded(exported):
    lines = subprocess.run([poppler("pdffonts"), str(exported[0])], check=True, capture_output=True,
                           text=True, encoding="utf-8").stdout.splitlines()[2:]
    assert lines
    for line in lines:
        emb = line.split()[-5]
        assert emb == "yes", line


def test_wide_tables_are_on_landscape_pages(sample, pdf_bytes, pages_text):
    boxes = media_boxes(pdf_bytes)
    assert len(boxes) == len(pages_text)
    for spec in sample.forms.tables:
        page = next(i for i, t in enumerate(pages_text) if spec.label in t)
        w, h = boxes[page]
        assert (w > h) == spec.landscape, spec.label
    assert boxes[0][0] < boxes[0][1] and boxes[-1][0] < boxes[-1][1]


def test_text_has_cover_contents_parts_tables_and_figures(sample, pages_text):
    text = "\n".join(pages_text)
    cover = pages_text[0]
    assert sample.unit in cover and "2024年度部门决算公开" in cover and "2025年10月16日" in cover
    assert "目" in pages_text[1] and "第一部分" in pages_text[1]
    for title in part_titles(sample).values():
        assert title[:4] in text
    for spec in sample.forms.tables:
        assert spec.label in text
        assert typographic(spec.title(2024)) in text
    assert "部门：武汉市汉阳区城市运行管理中心" in text and "单位：万元" in text
    assert "1,286.76" in text and "653.80" in text
    assert "本部门2024年度无政府性基金预算财政拨款收入支出。" in text
    assert "图1" in text and "图4" in text
    assert "整体绩效自评表" in text and "通信链路租赁费项目绩效自评表" in text


def test_every_page_but_the_cover_is_numbered(pages_text):
    total = len(pages_text)
    assert "第 1 页" not in pages_text[0]
    for n, page in enumerate(pages_text[1:], start=2):
        assert f"第 {n} 页 / 共 {total} 页" in page


def test_contents_give_the_pages_where_the_parts_start(sample, pages_text):
    contents = pages_text[1]
    for title in part_titles(sample).values():
        line = next(line for line in contents.splitlines() if line.startswith(title[:4]))
        page = int(line.rsplit(".", 1)[-1].strip().split()[-1])
        assert title[:4] in pages_text[page - 1], (title, page)


def test_a_long_table_repeats_its_header_rows(tmp_path):
    report = new_report("测试单位", 2024)
    from kuaiji_desk.core import catalog
    cat = catalog.load(catalog.FUNCTIONAL, 2024)
    for code in [e.code for e in cat.entries(3)][:120]:
        report.add_code("05", code)
        report.set("05", code, "2", 1_000_000)
    ctx = Context(report, resolve_fonts(system_dir=False), make_styles(resolve_fonts(system_dir=False)))
    grid = _grid(table_flowables(ctx, "05"))
    assert grid.repeatRows == 3  # 项目 | 本年支出; 编码 | 名称 | 小计 …; 栏次
    out = tmp_path / "long.pdf"
    export_pdf(report, out, resolve_fonts(system_dir=False))
    pages = subprocess.run([poppler("pdftotext"), str(out), "-"], check=True, capture_output=True).stdout.decode().split("\f")
    with_table = [p for p in pages if "功能分类" in p and "栏次" in p]
    assert len(with_table) >= 3   # 02, 03 are empty; 05 runs over several pages, each with its header


# -- the table builder ---------------------------------------------------------------

@pytest.fixture(scope="module")
def ctx(sample):
    fonts = resolve_fonts(system_dir=False)
    return Context(sample, fonts, make_styles(fonts))


def _grid(flowables) -> Table:
    """The table of a 公开表's flowables (inside the one that fills its page, for 01 and 04)."""
    table = next(f.table for f in flowables if hasattr(f, "table"))
    return getattr(table, "_table", table)


def _texts(row) -> list[str]:
    return [c if isinstance(c, str) else c.text for c in row]


def test_01_is_two_sided_with_section_titles_and_column_numbers(ctx):
    grid = _grid(table_flowables(ctx, "01"))
    rows = grid._cellvalues
    assert grid.repeatRows == 3
    assert _texts(rows[0])[0] == "收入" and _texts(rows[0])[3] == "支出"
    assert _texts(rows[2]) == ["栏次", "", "1", "栏次", "", "2"]
    assert len(rows) == 3 + 30
    first = _texts(rows[3])
    assert first[:3] == ["一、一般公共预算财政拨款收入", "1", "1,286.76"]
    assert first[3:5] == ["一、一般公共服务支出", "31"]


@pytest.mark.parametrize("table_id", ["01", "04"])
def test_a_fixed_tables_labels_are_not_broken_where_the_page_has_room(ctx, table_id):
    """「二、政府性基金预算财政拨款收」 over 「入」 reads badly: the 项目 columns take the width
    of their longest label, the figures keep what the widest figure needs."""
    grid = _grid(table_flowables(ctx, table_id))
    labels = [row[c] for row in grid._cellvalues[grid.repeatRows:] for c in (0, 3)]
    assert [cell.text for cell in labels if not isinstance(cell, str)] == []
    assert min(grid._argW) >= 8 * mm   # 行次 and figures keep their room


def test_04_header_paths_merge_under_one_head(ctx):
    grid = _grid(table_flowables(ctx, "04"))
    rows = grid._cellvalues
    assert grid.repeatRows == 4
    assert _texts(rows[1])[5] == "决算数"
    assert _texts(rows[2])[5:9] == ["小计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
                                    "国有资本经营预算财政拨款"]
    assert ("SPAN", (5, 1), (8, 1)) in [tuple(c[:3]) for c in grid._spanCmds]


def test_06_is_printed_in_its_side_blocks_with_group_totals(ctx):
    grid = _grid(table_flowables(ctx, "06"))
    rows = grid._cellvalues
    assert len(rows[0]) == 9
    assert _texts(rows[0])[0] == "人员经费" and _texts(rows[0])[3] == "公用经费"
    assert _texts(rows[2])[0] == "301" and _texts(rows[2])[3] == "302" and _texts(rows[2])[6] == "310"
    last = _texts(rows[-1])   # each group's total under its first block
    assert last[0] == PERSONNEL and last[3] == PUBLIC and last[6] == ""
    # As the reference's 公开06表 publishes them: 301 工资福利支出 309.48 + 303 (none);
    # 302 商品和服务支出 25.80 + 310 (none).  Its 301 items add up to 309.49: the 尾数 stays.
    assert (last[2], last[5], last[8]) == ("309.48", "25.80", "")
    assert (_texts(rows[2])[2], _texts(rows[2])[5]) == ("309.48", "25.80")


def test_09_has_no_label_columns_and_three_header_levels(ctx):
    grid = _grid(table_flowables(ctx, "09"))
    rows = grid._cellvalues
    assert grid.repeatRows == 4
    assert _texts(rows[3]) == [str(i) for i in range(1, 13)]


def test_empty_tables_print_their_statement(ctx):
    flowables = table_flowables(ctx, "08")
    statement = "本部门2024年度无国有资本经营预算财政拨款支出。"
    assert statement in [getattr(f, "text", "") for f in flowables]
    rows = _grid(flowables)._cellvalues
    assert _texts(rows[-1])[1] == TOTAL_ROW


def test_code_tables_print_shown_values(ctx):
    shown = {(TOTAL_ROW, "1"): 12_867_600, ("201", "1"): 0}
    rows = _grid(table_flowables(ctx, "02", shown))._cellvalues
    total = _texts(next(r for r in rows if _texts(r)[1] == TOTAL_ROW))
    assert total[2] == "12.87" and total[3] == ""
    assert _texts(next(r for r in rows if _texts(r)[0] == "201"))[2] == ""   # 0 prints blank


# -- self-evaluations ------------------------------------------------------------------

def test_project_form_checks_the_chosen_options_and_computes_the_rate(ctx):
    """The rate from the amounts (rule F01: 本软件按计算值输出), not the imported text."""
    p = Project(name="测试项目", category="区直专项", attribute="持续性项目", kind="一次性项目",
                budget=3_000_000, spent=2_590_000, stated_rate="86.45%")
    flowables = project_flowables(ctx, p, 0)
    assert flowables[1].text == "2024年度测试项目绩效自评表"   # not 测试项目项目
    table = flowables[2].table
    cells = [c for row in table._cellvalues for c in row]
    lines = [c for c in cells if type(c).__name__ == "ChoiceLine"]
    assert [[checked for _, checked in line.items] for line in lines] == [
        [False, True, False], [True, False], [False, False, True]]
    texts = [c for c in cells if isinstance(c, str)]
    assert "86.33%" in texts and "86.45%" not in texts
    assert "3.00" in texts and "2.59" in texts


def test_overall_amounts_in_yuan_read_as_in_the_excel_export(ctx, sample):
    """「3,352,775.69 元」 in both: the PDF's text is what the workbook's number format shows."""
    table = overall_flowables(ctx, sample.overall)[-1].table
    texts = [c for row in table._cellvalues for c in row if isinstance(c, str)]
    for fen in (sample.overall.basic_total, sample.overall.project_total):
        assert shown_number(Decimal(fen) / 100, YUAN_FORMAT) in texts
    assert "3,352,775.69 元" in texts


def test_zero_budget_has_no_rate_and_unknown_choices_are_added_checked(ctx):
    p = Project(name="零预算", category="其他类别", budget=0, spent=0)
    table = project_flowables(ctx, p, 0)[2].table
    cells = [c for row in table._cellvalues for c in row]
    assert "预算数为0" in cells
    line = next(c for c in cells if type(c).__name__ == "ChoiceLine")
    assert line.items[-1] == ("4、其他类别", True)


# -- fonts ------------------------------------------------------------------------------

def test_fonts_fall_back_to_the_bundled_font(tmp_path):
    (tmp_path / "simsun.ttc").write_bytes(b"not a font at all")
    fonts = resolve_fonts(system_dir=tmp_path)
    assert fonts.song == fonts.fang == fonts.hei == BUNDLED
    assert "WenQuanYi" in fonts.description()


def test_system_fonts_are_used_when_readable(tmp_path):
    shutil.copy(bundled_font_path(), tmp_path / "simsun.ttc")
    fonts = resolve_fonts(system_dir=tmp_path)
    assert fonts.song != BUNDLED and fonts.fang == fonts.hei == BUNDLED
    assert fonts.description().startswith("宋体 SimSun")


def test_characters_the_font_lacks_are_reported(ctx):
    local = Context(ctx.report, ctx.fonts, ctx.styles)
    local.para("单位\ue000名称", local.styles.body)
    assert local.missing == {"\ue000"}


def test_one_table_alone(tmp_path):
    from kuaiji_desk.core.pdf.document import export_pdf
    from kuaiji_desk.core.sample import load_sample

    done = export_pdf(load_sample(), tmp_path / "06.pdf", table="06")
    assert done.pages == 1
    data = (tmp_path / "06.pdf").read_bytes()
    assert data.startswith(b"%PDF") and b"/Outlines" in data


def _flat(pages_text) -> str:
    """The document's text with the line breaks of the layout taken out."""
    return re.sub(r"\s+", "", "".join(pages_text))


REFERENCE_SENTENCES = [
    # where the reference is right, its own words and figures
    "2024年度收、支总计均为1286.76万元。与2023年度相比，收、支总计减少7.72万元，下降0.6%，主要原因是人员经费减少。",
    "其中：基本支出335.28万元，占本年支出26.1%；项目支出951.48万元，占本年支出73.9%。",
    "人员经费309.48万元，主要包括：基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、"
    "职工基本医疗保险缴费、公务员医疗补助缴费、其他社会保障缴费、住房公积金、其他工资福利支出。",
    "本单位当年无国有资本经营预算财政拨款支出。",
    "授予中小企业合同金额355.79万元，占政府采购支出总额的47.3%",
    # where it is wrong, the figure the tables give
    "项目全年预算数为257.54万元，执行数为255.62万元，完成预算的99.25%。",
    "项目全年预算数为13.7万元，执行数为13.7万元，完成预算的100%。",
    "项目全年预算数为3万元，执行数为2.59万元，完成预算的86.33%。",
    "年初预算为1302.84万元",
]


@pytest.mark.parametrize("sentence", REFERENCE_SENTENCES)
def test_the_narrative_in_the_pdf_says_what_the_tables_say(pages_text, sentence):
    assert sentence in _flat(pages_text)


def test_the_reference_mistakes_are_not_in_the_pdf(pages_text):
    text = _flat(pages_text)
    for wrong in ("执行数为261.62万元", "完成年初预算的653.8%", "年初预算为1311.82万元", "市级财政"):
        assert wrong not in text


def text_sizes(path) -> list[tuple[float, str]]:
    """(size in points, text) of every piece of text the PDF prints, as a reader's PDF library
    reads it back (the font size times the text and page matrices' vertical scale)."""
    from pypdf import PdfReader

    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((round(size * (tm[3] or 1) * (cm[3] or 1), 2), text.strip()))
    for page in PdfReader(str(path)).pages:
        page.extract_text(visitor_text=visit)
    return found


def test_no_text_is_set_under_nine_points(exported):
    """小五 (9 pt) is the smallest size such documents print: tables, notes, footers, charts."""
    path, _ = exported
    sizes = text_sizes(path)
    assert len(sizes) > 1000
    assert [(size, text) for size, text in sizes if size < 9] == []


def test_a_table_over_several_pages_repeats_its_title_marked_and_its_header(tmp_path):
    """Every continued page carries the title with 「（续表）」, the 部门 and 单位 lines and the
    header rows; the first page the title alone."""
    from kuaiji_desk.core import catalog
    from poppler import pdf_text

    report = new_report("长表单位", 2024)
    for code in [e.code for e in catalog.load(catalog.FUNCTIONAL, 2024).entries(3)][:120]:
        report.add_code("02", code)
        report.set("02", code, "2", 1_000_000)
    export_pdf(report, tmp_path / "长表.pdf", resolve_fonts(system_dir=False), table="02")
    pages = [page for page in pdf_text(tmp_path / "长表.pdf").split("\f") if page.strip()]
    assert len(pages) >= 3
    assert pages[0].splitlines()[0] == "2024年度收入决算表"
    for page in pages[1:]:
        assert page.splitlines()[0] == "2024年度收入决算表（续表）", page[:80]
        for words in ("公开02表", "部门：长表单位", "单位：万元", "功能分类", "本年收入合计", "栏次"):
            assert words in page, words


def test_typography_as_the_reference_prints_it(exported):
    """One kind of quotation marks (“三公”) in titles, 目录 and text; 执行率 as 「100%」; a pie of
    one slice is the sentence that says it."""
    from poppler import pdf_text

    path, _ = exported
    text = pdf_text(path)
    assert '"' not in text
    assert text.count("财政拨款“三公”经费支出决算表") >= 2          # 目录 and the table's title
    assert "100.00%" not in text and "100%" in text
    assert "图2：收入决算结构——财政拨款收入占100.0%，不另绘图。" in "".join(text.split())


def test_running_text_takes_fangsong_gb2312_where_the_machine_has_it(tmp_path):
    shutil.copy(bundled_font_path(), tmp_path / "simfang.ttf")
    assert resolve_fonts(system_dir=tmp_path).labels["fang"] == "仿宋 FangSong"
    shutil.copy(bundled_font_path(), tmp_path / "仿宋_GB2312.ttf")
    assert resolve_fonts(system_dir=tmp_path).labels["fang"] == "仿宋_GB2312"


def test_with_one_font_for_every_role_titles_are_bold_and_larger(ctx):
    """The bundled font alone (no 黑体): titles stroked bold, and set larger than the text."""
    from kuaiji_desk.core.pdf.context import Emboldened

    s = ctx.styles
    assert ctx.fonts.hei == ctx.fonts.fang
    assert isinstance(ctx.para("一、收入支出决算总体情况说明", s.h2), Emboldened)
    assert not isinstance(ctx.para("2024年度收入合计……", s.body), Emboldened)
    assert s.h1.fontSize > s.h2.fontSize > s.body.fontSize
    separate = make_styles(dataclasses.replace(ctx.fonts, hei="KJ-SimHei"))
    assert not getattr(separate.h2, "embolden", False)      # a real 黑体 needs no stroke


def test_the_01_table_fills_its_page(exported):
    """As published: the rows of 公开01表 grow to the foot of its page, its 注 under them."""
    from poppler import pdf_text

    path, _ = exported
    html = pdf_text(path, "-bbox")
    pages = html.split("<page ")[1:]
    page = next(p for p in pages if ">公开01表<" in p)
    height = float(re.search(r'height="([\d.]+)"', page).group(1))
    lowest = max(float(y) for y in re.findall(r'yMax="([\d.]+)"', page)
                 if float(y) < height - 30)                      # the page number sits below
    assert lowest > 0.85 * height


def test_a_self_evaluation_over_two_pages_repeats_its_indicator_header(tmp_path):
    """Page 2 of a long 项目绩效自评表 starts with the indicators' header row."""
    from kuaiji_desk.core.report import Indicator
    from poppler import pdf_text

    report = new_report("长自评单位", 2024)
    report.projects = [Project(name="很长的项目", budget=100_000_000, spent=90_000_000, indicators=[
        Indicator(level1="产出指标", level2="数量指标", level3=f"第{i}项工作量", target=f"≥{i}件", actual=f"{i}件")
        for i in range(1, 61)])]
    export_pdf(report, tmp_path / "长.pdf", resolve_fonts(system_dir=False))
    pages = [p for p in pdf_text(tmp_path / "长.pdf").split("\f") if "第1项工作量" in p or "第60项工作量" in p]
    later = next(p for p in pages if "第60项工作量" in p and "第1项工作量" not in p)
    assert "一级指标" in later and "三级指标" in later and "年初目标值" in later


def test_empty_tables_of_one_orientation_share_a_page(tmp_path):
    """上海's 七 (三公) and 八 (政府性基金), both empty and landscape, on one page with their
    statements; a table with figures still starts a page of its own."""
    from poppler import pdf_text

    report = dataclasses.replace(load_sample(), layout="shanghai-2024")
    report.ensure_default_rows()
    export_pdf(report, tmp_path / "上海.pdf", resolve_fonts(system_dir=False))
    pages = pdf_text(tmp_path / "上海.pdf").split("\f")
    shared = [p for p in pages if "“三公”经费支出决算表" in p and "政府性基金预算财政拨款收入支出决算表" in p
              and "故本表无数据" in p]
    assert len(shared) == 1
    tables = [p for p in pages if "单位：万元" in p]                       # not the 目录
    assert not any("一般公共预算财政拨款基本支出决算表" in p and "“三公”经费支出决算表" in p for p in tables)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cycle_collector_is_left_as_found(tmp_path, enabled, monkeypatch):
    """The export pauses Python's cycle collector for speed; the program around it, whether
    the export succeeds or fails, gets it back as it was."""
    import gc

    from kuaiji_desk.core.pdf import document

    (gc.enable if enabled else gc.disable)()
    try:
        export_pdf(new_report("某单位", 2024), tmp_path / "a.pdf")
        assert gc.isenabled() is enabled

        def broken(*args):
            raise RuntimeError("布局失败")

        monkeypatch.setattr(document, "build_story", broken)
        with pytest.raises(RuntimeError):
            export_pdf(new_report("某单位", 2024), tmp_path / "b.pdf")
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
