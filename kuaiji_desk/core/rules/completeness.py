"""What the published document needs and the report does not say yet (group E, and C04,
C05, D05 on the 情况说明's comparisons and 三公 counts).

错误 where the document would be wrong or miss a required part (a blank 第四部分, a 十
with only its heading); 提示 where the accountant may decide (a purpose, a reason, a row
without figures).  Each finding names the field or cell to fill in, so a click goes there.
"""
from __future__ import annotations

from ..forms import CodeTable
from ..forms.changes import CHANGES, Change
from ..forms.fields import (
    CHANGE_THRESHOLD, DEFAULT_CHANGE_THRESHOLD, VEHICLE_USES, VEHICLES_BOUGHT, VEHICLES_HELD, per_code_key,
)
from ..forms.tables_2024 import SANGONG_ROW
from ..money import percent
from ..naming import field_name
from ..report import COMPOSITION, LAST_YEAR, LAYOUT, NUMBERS, OVERALL, PROJECTS, TEXTS
from .context import Context, depends
from .findings import ERROR, NARRATIVE_TABLE, OVERALL_TABLE, WARNING, Finding, format_wan

ALL_TABLES = ("01", "02", "03", "04", "05", "06", "07", "08", "09")

# (rule, severity, section, field): texts without which a part of the document is blank.
_REQUIRED_TEXTS = (
    ("E02", ERROR, "封面", "公开日期"),
    ("E02", ERROR, "第五部分", "咨询电话"),
    ("E03", ERROR, "第一部分", "职责"),
    ("E03", ERROR, "第一部分", "机构设置"),
    ("E03", ERROR, "第四部分", "第四部分"),
    ("E03", WARNING, "十三", "十三.结果应用"),
)
_OVERALL_TEXTS = ("十三.整体等级", "十三.整体结论")
_PROCUREMENT = ("十一.货物", "十一.工程", "十一.服务")
_SANGONG_COUNTS = ("九.因公出国团组数", "九.因公出国人次", "九.购置车辆数", "九.车辆保有量",
                   "九.接待批次", "九.接待人次", "九.外事接待批次", "九.外事接待人次")
_BUDGET, _REASON, _PURPOSE = "五.三.年初预算:", "五.三.原因:", "五.二.用途:"


def _missing(ctx: Context, rule: str, severity: str, section: str, key: str, why: str = "") -> Finding:
    words = field_name(ctx.report, key)
    return Finding(rule, severity, NARRATIVE_TABLE, section, key, None, None,
                   f"「{words}」还没有填写{why}。")


def _text(ctx: Context, key: str) -> str:
    return ctx.report.texts.get(key, "").strip()


def _no_figures(ctx: Context) -> bool:
    return all(ctx.values.is_empty(t) for t in ALL_TABLES)


@depends(*ALL_TABLES)
def e01_no_figures(ctx: Context):
    if _no_figures(ctx):
        yield Finding("E01", ERROR, "01", "1", "1", None, None,
                      "报告中还没有任何数字：请导入本年的公开表，或在各表中填写。")


# A 部门's 第一部分 lists its units (部门决算单位构成): no 机构设置 text is needed.
_LISTED_UNITS = "机构设置"


@depends(TEXTS, NUMBERS, OVERALL, PROJECTS, COMPOSITION)
def e02_e03_texts(ctx: Context):
    """The cover, the contacts and the parts that are the accountant's words."""
    for rule, severity, section, key in _REQUIRED_TEXTS:
        if key == _LISTED_UNITS and ctx.report.composition is not None:
            continue
        if not _text(ctx, key):
            yield _missing(ctx, rule, severity, section, key)
    if ctx.report.projects and not _text(ctx, "十三.项目结论"):
        yield _missing(ctx, "E03", WARNING, "十三", "十三.项目结论")
    if ctx.report.overall is not None:
        if ctx.report.numbers.get("十三.整体得分") is None:
            yield _missing(ctx, "E03", ERROR, "十三", "十三.整体得分", "，十三（四）将没有整体自评的结果")
        for key in _OVERALL_TEXTS:
            if not _text(ctx, key):
                yield _missing(ctx, "E03", ERROR, "十三", key, "，十三（四）将没有整体自评的结果")


@depends(NUMBERS, TEXTS, "05")
def e04_e05_figures_and_reasons(ctx: Context):
    """Figures only the accountant has, without which an item prints its heading alone; and
    the purposes and reasons the sentences of 五 and 十 end with."""
    numbers = ctx.report.numbers
    running = numbers.get("十.机关运行经费")
    if running is None:
        yield _missing(ctx, "E04", ERROR, "十", "十.机关运行经费", "（没有的填0），十将只有标题")
    elif running == 0 and not _text(ctx, "十.说明"):
        yield _missing(ctx, "E05", WARNING, "十", "十.说明", "：没有机关运行经费的，请说明原因")
    if all(numbers.get(key) is None for key in _PROCUREMENT):
        yield _missing(ctx, "E04", ERROR, "十一", _PROCUREMENT[0], "（货物、工程、服务，没有的填0），十一将只有标题")
    for section, key in (("九", "九.车辆保有量"), ("十二", "十二.大型设备数")):
        if numbers.get(key) is None:
            yield _missing(ctx, "E04", ERROR, section, key, "（没有的填0），十二将缺少这一项")
    lay = ctx.layout("05")
    for code in lay.rows:
        if code not in lay.codes:
            continue
        spent = ctx.value("05", code, "1")
        if len(code) == 3 and spent and not _text(ctx, per_code_key(_PURPOSE, code)):
            yield _missing(ctx, "E05", WARNING, "五", per_code_key(_PURPOSE, code), "：五（二）说明该类支出主要用于什么")
        if len(code) != 7 or not spent:
            continue
        planned = numbers.get(per_code_key(_BUDGET, code))
        if planned is None:
            yield _missing(ctx, "E04", ERROR, "五", per_code_key(_BUDGET, code),
                           "，五（三）无法写出年初预算和完成比例")
        elif _needs_reason(ctx, planned, spent) and not _text(ctx, per_code_key(_REASON, code)):
            yield _missing(ctx, "E05", WARNING, "五", per_code_key(_REASON, code),
                           f"：决算数 {format_wan(spent)} 万元与年初预算 {format_wan(planned)} 万元不同")


@depends("02", "03", "05", "06", "07", "08", LAYOUT)
def e06_blank_code_rows(ctx: Context):
    """A code row without a figure in any column prints as an empty line."""
    for table in ("02", "03", "05", "06", "07", "08"):
        spec = ctx.report.forms.table(table)
        if not isinstance(spec, CodeTable):
            continue
        lay = ctx.layout(table)
        printed_anyway = ctx.report.publication.table(table).default_codes   # the layout's rows (上海's 06 has more)
        for code in lay.codes:
            if code in printed_anyway or any(ctx.value(table, code, c) for c in lay.row_cols[code]):
                continue
            yield Finding("E06", WARNING, table, code, "", None, None,
                          f"{spec.label}科目 {code}「{lay.labels.get(code, '')}」各栏都没有金额，公开时是空行："
                          "请填写金额，或删除该科目。")


@depends(OVERALL)
def e07_overall_actuals(ctx: Context):
    overall = ctx.report.overall
    for j, indicator in enumerate(overall.indicators if overall else (), start=1):
        if not indicator.actual.strip():
            yield Finding("E07", WARNING, OVERALL_TABLE, "", f"指标{j}", None, None,
                          f"整体绩效自评表指标{j}「{indicator.level3 or indicator.level2}」没有填写实际完成值。")


def _threshold(ctx: Context) -> int:
    """The change, in % of the base, from which a reason is asked (校验设置)."""
    return ctx.report.numbers.get(CHANGE_THRESHOLD, DEFAULT_CHANGE_THRESHOLD)


def _needs_reason(ctx: Context, base: int, now: int) -> bool:
    """A change from ``base`` at or above the threshold; any change from a base of 0."""
    return now != base and (not base or abs(now - base) * 100 >= _threshold(ctx) * abs(base))


def _now(ctx: Context, change: Change) -> int | None:
    if change.number is not None:
        return ctx.report.numbers.get(change.number)
    return ctx.value(*change.cell)


@depends(LAST_YEAR, NUMBERS, TEXTS, "01", "02", "03", "04", "05", "09")
def c04_reasons_for_changes(ctx: Context):
    """A change against last year at or above the threshold (校验设置) asks for its reason;
    a rise of the 三公 is C05's."""
    for change in CHANGES:
        last, now = ctx.report.last_year.get(change.last_key), _now(ctx, change)
        if last is None or now is None or not _needs_reason(ctx, last, now) or _text(ctx, change.reason_key):
            continue
        if change.reason_key == "九.原因" and now > last:
            continue
        moved = "增加" if now > last else "减少"
        rate = f"，{'增长' if now > last else '下降'}{percent(abs(now - last), abs(last))}%" if last else ""
        yield Finding("C04", WARNING, NARRATIVE_TABLE, change.section, change.reason_key, last, now,
                      f"与上年相比，{change.subject}{moved} {format_wan(abs(now - last))} 万元{rate}"
                      f"（须说明原因的比例为{_threshold(ctx)}%）：请填写「{field_name(ctx.report, change.reason_key)}」。")


@depends(LAST_YEAR, TEXTS, "09")
def c05_sangong_over(ctx: Context):
    spent, planned = ctx.value("09", SANGONG_ROW, "7"), ctx.value("09", SANGONG_ROW, "1")
    if spent > planned and not _text(ctx, "九.预算原因"):
        yield Finding("C05", WARNING, NARRATIVE_TABLE, "九", "九.预算原因", planned, spent,
                      f"“三公”经费决算 {format_wan(spent)} 万元大于预算 {format_wan(planned)} 万元："
                      f"请填写「{field_name(ctx.report, '九.预算原因')}」。")
    last = ctx.report.last_year.get("三公决算")
    if last is not None and spent > last and not _text(ctx, "九.原因"):
        yield Finding("C05", WARNING, NARRATIVE_TABLE, "九", "九.原因", last, spent,
                      f"“三公”经费决算 {format_wan(spent)} 万元比上年 {format_wan(last)} 万元增加："
                      f"请填写「{field_name(ctx.report, '九.原因')}」。")


@depends(NUMBERS)
def d05_sangong_counts(ctx: Context):
    """The four 三公 items each with their counts (0 when none), vehicles also by use."""
    numbers = ctx.report.numbers
    for key in _SANGONG_COUNTS:
        if numbers.get(key) is None:
            yield _missing(ctx, "D05", WARNING, "九", key, "（没有的填0）")
    for total_key, prefix, what in (("九.购置车辆数", VEHICLES_BOUGHT, "购置数"),
                                    ("九.车辆保有量", VEHICLES_HELD, "保有量")):
        total = numbers.get(total_key)
        given = {use: numbers[prefix + use] for use in VEHICLE_USES if numbers.get(prefix + use) is not None}
        if not total and not any(given.values()):
            continue
        if sum(given.values()) != (total or 0):
            first = prefix + (next(iter(given)) if given else VEHICLE_USES[0])
            yield Finding("D05", WARNING, NARRATIVE_TABLE, "九", first, f"{total or 0}辆", f"{sum(given.values())}辆",
                          f"公务用车{what}为 {total or 0} 辆，按用途填写的合计为 {sum(given.values())} 辆："
                          "请按用途（一般公务用车、执法执勤用车、特种专业技术用车、其他用车）填写。")


RULES = (e01_no_figures, e02_e03_texts, e04_e05_figures_and_reasons, e06_blank_code_rows, e07_overall_actuals,
         c04_reasons_for_changes, c05_sangong_over, d05_sangong_counts)


MISSING_RULES = frozenset({"E01", "E02", "E03", "E04", "E05", "E06", "E07", "C04", "C05", "D05"})


def says_missing(finding: Finding) -> bool:
    """A finding about something the report does not say yet, rather than something wrong."""
    return finding.rule in MISSING_RULES


def before_publishing(findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(what is missing, what is wrong) for the 发布前检查: every completeness finding, and
    every other error; other 提示 and 尾数 are the 校验结果's."""
    missing = [f for f in findings if says_missing(f)]
    wrong = [f for f in findings if f.severity == ERROR and not says_missing(f)]
    return missing, wrong
