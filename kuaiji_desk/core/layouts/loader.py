"""A layout file (TOML) read into a :class:`~kuaiji_desk.core.layouts.Layout`.

The file states presentation only and names the data model's cells by their ids; every
table's rendering is built from the data model's declaration, so that the totals, rules and
row codes are those of the data model and never restated.  The schema::

    name = "shanghai-2024"        # the file's stem: "<series>-<year>"
    series = "shanghai"           # the same layout through the years
    region = "上海"
    year = 2024
    title = "上海 2024年度（24类）"  # what the window lists
    description = "…"
    sources = "…"                 # where the facts come from, with their confidence
    rank = 30                     # place in lists (smaller first)
    base = "shanghai-2024"        # optional: start from that file; keys here win, tables merge by id
    order = ["01", …, "09"]       # optional: the tables in print order (default 01 … 09)

    [defaults]                    # for every table, unless the table says otherwise
    label = "{numeral}"           # 公开{id}表 by default; {numeral}: 一, 二 … by print position
    sheet = "{label}、{name}"     # the workbook sheet; tab = the window's tab (both: the label)
    caption = "{label}、{name}"   # how messages name a table (the label by default)
    title = "{year}年度{name}"
    print_label = false           # the label printed top right (表号)
    department_line = false       # 「部门：…」
    row_numbers = false           # 行次
    column_numbers = false        # 栏次

    [[tables]]
    id = "01"                     # the data model's table
    name = "收入支出决算总表"       # and any of: label, sheet, tab, note, empty_statement ({year},
                                  # {unit}), landscape, the defaults' flags, header_align
                                  # ("top" | "bottom"), and
    # for a table of fixed rows, one entry per section of the data model's, in its order:
    [[tables.sections]]
    rows = ["1-8", "...", "27", "28", "29", "30"]  # printed rows: ids, ranges, "" a blank
                                  # row, "..." blank rows as many as make the sections even
    labels = { "28" = "使用非财政拨款结余" }       # printed labels (类 rows are renumbered)
    columns = ["1"]               # optional: printed columns in order
    headers = { "1" = ["决算数"] }  # optional: header paths, outermost first
    # for a table of code rows: columns, headers (as above), total_at ("top" | "bottom"),
    # code_header, header_title, default_codes (codes printed even when empty), and
    [[tables.side_blocks]]        # 06's blocks side by side
    group = "人员经费合计"          # a group of the data model's table
    heading = ""                  # printed over the block ("" none)
    classes = ["301", "303"]

    [narrative.titles]            # 情况说明 items whose title differs
    state_capital = "国有资本经营预算财政拨款收入支出决算情况说明"

A file that names a cell, a key or a group the data model lacks is refused (LayoutError),
so that a typo never prints quietly wrong.
"""
from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

from ..forms import CodeTable, Column, FixedTable, Row, Section, SideBlock, Table, for_year
from ..forms.tables_2024 import CN_NUMERALS
from . import Layout

FILL = "..."      # blank rows up to the longest section's length
BLANK = ""        # one blank row

_TOP_KEYS = {"name", "series", "region", "year", "title", "description", "sources", "rank", "base", "order",
             "defaults", "tables", "narrative"}
_DEFAULT_KEYS = {"label", "sheet", "tab", "caption", "title", "print_label", "department_line", "row_numbers",
                 "column_numbers"}
_TABLE_KEYS = {"id", "name", "note", "empty_statement", "landscape", "header_align", "sections", "columns",
               "headers", "total_at", "code_header", "header_title", "default_codes", "side_blocks"} | _DEFAULT_KEYS
_SECTION_KEYS = {"title", "rows", "labels", "columns", "headers"}
_BLOCK_KEYS = {"group", "heading", "classes"}
_FLAGS = ("print_label", "department_line", "row_numbers", "column_numbers")
_RANGE = re.compile(r"^(\d+)-(\d+)$")
_NUMBERED = re.compile(r"^[一二三四五六七八九十]+、")

_BUILT_IN = {"label": "公开{id}表", "sheet": "{label}", "tab": "{label}", "caption": "{label}",
             "title": "{year}年度{name}",
             "print_label": True, "department_line": True, "row_numbers": True, "column_numbers": True}


class LayoutError(ValueError):
    """A layout file that cannot be used; says which file and what is wrong."""


def load_folder(folder: Path) -> list[Layout]:
    files = {p.stem: p for p in sorted(folder.glob("*.toml"))}
    return [load(path, files) for path in files.values()]


def load(path: Path, files: dict[str, Path] | None = None) -> Layout:
    files = files if files is not None else {p.stem: p for p in path.parent.glob("*.toml")}
    data = _merged(path, files, ())
    try:
        return _build(data, path.stem)
    except LayoutError as exc:
        raise LayoutError(f"{path.name}：{exc}") from None


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LayoutError(f"{path.name}：无法读取（{exc}）") from None


def _merged(path: Path, files: dict[str, Path], seen: tuple[str, ...]) -> dict:
    """The file's data over that of its base (recursively): top-level keys and the defaults and
    narrative titles key by key, tables by id, key by key."""
    data = _read(path)
    base = data.get("base")
    if base is None:
        return data
    if base in seen or base == path.stem or base not in files:
        raise LayoutError(f"{path.name}：base「{base}」不存在或循环引用")
    under = _merged(files[base], files, (*seen, path.stem))
    out = {**under, **{k: v for k, v in data.items() if k not in ("defaults", "tables", "narrative", "base")}}
    out["defaults"] = {**under.get("defaults", {}), **data.get("defaults", {})}
    titles = {**under.get("narrative", {}).get("titles", {}), **data.get("narrative", {}).get("titles", {})}
    out["narrative"] = {"titles": titles}
    tables = {t["id"]: dict(t) for t in under.get("tables", [])}
    for t in data.get("tables", []):
        tables[t["id"]] = {**tables.get(t["id"], {}), **t}
    out["tables"] = list(tables.values())
    return out


def _unknown(what: str, given, allowed) -> None:
    extra = sorted(set(given) - set(allowed))
    if extra:
        raise LayoutError(f"{what}有不认识的项：{'、'.join(extra)}")


def _build(data: dict, stem: str) -> Layout:
    _unknown("文件", data, _TOP_KEYS)
    for key in ("name", "series", "region", "year", "title", "description"):
        if key not in data:
            raise LayoutError(f"缺少「{key}」")
    name, series, year = data["name"], data["series"], data["year"]
    if name != stem or name != f"{series}-{year}":
        raise LayoutError(f"name「{name}」应与文件名相同，并为「series-year」（{series}-{year}）")
    defaults = {**_BUILT_IN, **data.get("defaults", {})}
    _unknown("[defaults]", data.get("defaults", {}), _DEFAULT_KEYS)
    model = for_year(year)
    model_ids = [t.id for t in model.tables]
    order = data.get("order", model_ids)
    if sorted(order) != sorted(set(order)) or any(t not in model_ids for t in order):
        raise LayoutError(f"order 中的表应为 {'、'.join(model_ids)} 中各不相同的表")
    entries: dict[str, dict] = {}
    for entry in data.get("tables", []):
        _unknown(f"表「{entry.get('id')}」", entry, _TABLE_KEYS)
        if entry.get("id") not in order:
            raise LayoutError(f"[[tables]] 的 id「{entry.get('id')}」不是所印的表")
        entries[entry["id"]] = entry
    tables = tuple(_render(model.table(tid), entries.get(tid, {}), defaults, i, year)
                   for i, tid in enumerate(order))
    narrative = data.get("narrative", {})
    _unknown("[narrative]", narrative, {"titles"})
    return Layout(name=name, series=series, region=data["region"], year=year, title=data["title"],
                  description=data["description"], sources=data.get("sources", ""), tables=tables,
                  narrative_titles=dict(narrative.get("titles", {})), rank=data.get("rank", 100))


# -- one table ----------------------------------------------------------------------

def _render(spec: Table, entry: dict, defaults: dict, position: int, year: int) -> Table:
    where = f"表「{spec.id}」"
    opts = {**defaults, **{k: v for k, v in entry.items() if k in _DEFAULT_KEYS}}
    name = entry.get("name", spec.name)
    words = {"id": spec.id, "numeral": CN_NUMERALS[position], "name": name}
    label = entry.get("label", opts["label"].format(**words))
    words["label"] = label
    changes = {
        "name": name,
        "label": label,
        # The label is the default of these; left so, a rendering that changes nothing is the declaration.
        "sheet": "" if (sheet := opts["sheet"].format(**words)) == label else sheet,
        "tab": "" if (tab := opts["tab"].format(**words)) == label else tab,
        "caption_format": "{label}" if (caption := opts["caption"].format(**words)) == label
        else caption.replace("{", "{{").replace("}", "}}"),
        "title_format": opts["title"],    # {year} and {name} are filled in when printed
        "note": entry.get("note", spec.note),
        "empty_statement": entry.get("empty_statement", spec.empty_statement),
        "landscape": entry.get("landscape", spec.landscape),
        "header_align": entry.get("header_align", "top"),
        **{flag: bool(opts[flag]) for flag in _FLAGS},
    }
    if changes["header_align"] not in ("top", "bottom"):
        raise LayoutError(f"{where}的 header_align 应为 top 或 bottom")
    _check_format(where, changes["title_format"], {"year", "name"})
    _check_format(where, changes["empty_statement"], {"year", "unit"})
    if not 0 < len(sheet) <= 31:
        raise LayoutError(f"{where}的工作表名「{sheet}」应有 1 至 31 个字")
    if isinstance(spec, FixedTable):
        for key in ("columns", "headers", "total_at", "code_header", "header_title", "default_codes", "side_blocks"):
            if key in entry:
                raise LayoutError(f"{where}是固定行的表，不能有「{key}」")
        changes["sections"] = _sections(spec, entry.get("sections"), changes["column_numbers"], where)
    else:
        assert isinstance(spec, CodeTable)
        if "sections" in entry:
            raise LayoutError(f"{where}是按科目列示的表，不能有「sections」")
        changes["columns"] = _columns(spec.columns, entry.get("columns"), entry.get("headers", {}), 0,
                                      changes["column_numbers"], where)
        if changes["columns"][0].id != spec.columns[0].id:
            changes["headline"] = spec.headline_cells()   # the figure summing the table up stays the model's
        changes["total_at"] = entry.get("total_at", spec.total_at)
        if changes["total_at"] not in ("top", "bottom"):
            raise LayoutError(f"{where}的 total_at 应为 top 或 bottom")
        for key in ("code_header", "header_title"):
            changes[key] = entry.get(key, getattr(spec, key))
        if "default_codes" in entry:
            changes["default_codes"] = tuple(_codes(entry["default_codes"], where))
        if "side_blocks" in entry:
            changes["side_blocks"] = _blocks(spec, entry["side_blocks"], where)
    return dataclasses.replace(spec, **changes)


def _check_format(where: str, text: str, allowed: set[str]) -> None:
    for found in re.findall(r"\{([^{}]*)\}", text):
        if found not in allowed:
            raise LayoutError(f"{where}的「{text}」中有不认识的「{{{found}}}」（可用：{'、'.join(sorted(allowed))}）")


def _codes(codes, where: str) -> list[str]:
    if not isinstance(codes, list) or not all(isinstance(c, str) and c.isdigit() and len(c) in (3, 5)
                                              for c in codes):
        raise LayoutError(f"{where}的科目编码应为 3 位或 5 位数字的文字")
    if len(set(codes)) != len(codes):
        raise LayoutError(f"{where}的科目编码有重复")
    return codes


def _blocks(spec: CodeTable, entries, where: str) -> tuple[SideBlock, ...]:
    groups = {g.id for g in spec.groups}
    out = []
    for b in entries:
        _unknown(f"{where}的 side_blocks", b, _BLOCK_KEYS)
        if b.get("group") not in groups:
            raise LayoutError(f"{where}的 side_blocks 的 group「{b.get('group')}」不是该表的合计行"
                              f"（可用：{'、'.join(sorted(groups))}）")
        classes = _codes(list(b.get("classes", [])), where)
        out.append(SideBlock(b["group"], b.get("heading", ""), tuple(classes)))
    if not out:
        raise LayoutError(f"{where}的 side_blocks 不能为空")
    return tuple(out)


def _columns(model: tuple[Column, ...], order, headers: dict, first: int, numbered: bool, where: str
             ) -> tuple[Column, ...]:
    """The printed columns: the data model's, in the order given, with the headers given.  The
    栏次 printed is the column's place (the data model's id where both agree)."""
    by_id = {c.id: c for c in model}
    ids = [c.id for c in model] if order is None else list(order)
    for cid in [*ids, *headers]:
        if cid not in by_id:
            raise LayoutError(f"{where}没有第「{cid}」栏（可用：{'、'.join(by_id)}）")
    if len(set(ids)) != len(ids) or not ids:
        raise LayoutError(f"{where}的栏不能为空或重复")
    out = []
    for i, cid in enumerate(ids, start=first + 1):
        col = by_id[cid]
        header = tuple(headers.get(cid, col.header))
        if not header or not all(isinstance(h, str) and h for h in header):
            raise LayoutError(f"{where}第「{cid}」栏的表头应为非空文字的列表")
        number = str(i) if numbered and str(i) != cid else ""
        out.append(dataclasses.replace(col, header=header, number=number))
    return tuple(out)


def _sections(spec: FixedTable, entries, numbered: bool, where: str) -> tuple[Section, ...]:
    if entries is None:
        entries = [{} for _ in spec.sections]
    if len(entries) != len(spec.sections):
        raise LayoutError(f"{where}应有 {len(spec.sections)} 个 sections（与数据模型一致）")
    built: list[tuple[str, tuple[Column, ...], list]] = []
    first = 0
    for section, entry in zip(spec.sections, entries):
        _unknown(f"{where}的 sections", entry, _SECTION_KEYS)
        columns = _columns(section.columns, entry.get("columns"), entry.get("headers", {}), first, numbered, where)
        first += len(columns)
        rows = _rows(section, entry, where)
        built.append((entry.get("title", section.title), columns, rows))
    longest = max(sum(1 for r in rows if r is not FILL) for _, _, rows in built)
    sections = []
    for section, (title, columns, rows) in zip(spec.sections, built):
        filled: list[Row] = []
        for r in rows:
            if r is FILL:
                filled += [_blank()] * (longest - sum(1 for x in rows if x is not FILL))
            else:
                filled.append(r)
        printed = {r.id for r in filled}
        hidden = tuple(r for r in section.rows if r.id not in printed and r.label)
        sections.append(Section(title, columns, tuple(filled), hidden))
    return tuple(sections)


def _blank() -> Row:
    return Row("", "", columns=())


def _rows(section: Section, entry: dict, where: str) -> list:
    """The printed rows of a section, a FILL marker where blank rows are to even it up."""
    by_id = {r.id: r for r in section.rows}
    labels = entry.get("labels", {})
    for rid in labels:
        if rid not in by_id:
            raise LayoutError(f"{where}的 labels 中没有第「{rid}」行")
    if "rows" not in entry:
        ids: list[str] = [r.id for r in section.rows]
    else:
        ids = []
        for item in entry["rows"]:
            m = _RANGE.match(item) if isinstance(item, str) else None
            if m:
                ids += [str(i) for i in range(int(m.group(1)), int(m.group(2)) + 1)]
            elif isinstance(item, str):
                ids.append(item)
            else:
                raise LayoutError(f"{where}的 rows 应为文字的列表")
    if ids.count(FILL) > 1:
        raise LayoutError(f"{where}的一个 section 只能有一处「{FILL}」")
    real = [i for i in ids if i not in (FILL, BLANK)]
    for rid in real:
        if rid not in by_id:
            raise LayoutError(f"{where}没有第「{rid}」行")
    if len(set(real)) != len(real):
        raise LayoutError(f"{where}的行有重复")
    out: list = []
    numeral = 0
    for rid in ids:
        if rid == FILL:
            out.append(FILL)
        elif rid == BLANK:
            out.append(_blank())
        else:
            row = by_id[rid]
            label = labels.get(rid)
            if label is None and row.code and _NUMBERED.match(row.label):
                # A 类 row is numbered by its place among the 类 printed: 二十四、抗疫… in 24 类.
                label = f"{CN_NUMERALS[numeral]}、{_NUMBERED.sub('', row.label)}"
            if row.code:
                numeral += 1
            out.append(row if label is None or label == row.label else dataclasses.replace(row, label=label))
    return out
