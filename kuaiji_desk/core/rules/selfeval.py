"""Rules on the 绩效自评表 (field-research §6.3 F01–F04) and their ties to 公开05表 (B13, B14)."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from ..indicators import is_missed, lacks_unit
from ..money import HALF_SHOWN_WAN, AmountError, parse_percent, percent, percent_bounds
from ..report import OVERALL, PROJECTS, Indicator, Project
from .context import Context, depends, gap_words, outcome
from .findings import ERROR, NOTICE, OVERALL_TABLE, PROJECT_TABLE, WARNING, Finding, format_wan

RATE_THRESHOLD = Decimal(90)   # 执行率 below this asks for the reasons (四川: 90%)
DEFAULT_EXECUTION_WEIGHT = 10  # 预算执行率 10 分 of 100


def _where(i: int) -> str:
    return str(i + 1)


def _title(p: Project, i: int) -> str:
    return f"项目自评{i + 1}「{p.name}」" if p.name else f"项目自评{i + 1}"


def execution_rate(p: Project) -> Decimal | None:
    """执行率 B/A in percent, two decimals; None without a budget."""
    if p.budget is None or p.spent is None:
        return None
    return percent(p.spent, p.budget)


@lru_cache(maxsize=65536)
def _rate_verdict(spent: int, budget: int, rounded: bool, stated_text: str):
    """(computed rate, stated rate, severity) when they differ; None when they agree.

    A pure function of the project's figures, memoised: a check after an edit
    only pays for the project that changed.
    """
    try:
        stated = parse_percent(stated_text)
    except AmountError:
        return None
    rate = percent(spent, budget)
    if stated is None or rate is None or stated == rate:
        return None
    severity = WARNING
    if rounded:
        bounds = percent_bounds(spent, HALF_SHOWN_WAN, budget, HALF_SHOWN_WAN)
        if bounds and bounds[0] <= stated <= bounds[1]:
            severity = NOTICE
    return rate, stated, severity


@depends(PROJECTS)
def f01_execution_rate(ctx: Context):
    for i, p in enumerate(ctx.report.projects):
        if not p.stated_rate:
            continue
        if not p.budget or p.spent is None:
            yield Finding("F01", WARNING, PROJECT_TABLE, _where(i), "执行率", None, p.stated_rate,
                          f"{_title(p, i)}预算数为0或未填，无法计算执行率，但表中写有执行率 {p.stated_rate}。")
            continue
        verdict = _rate_verdict(p.spent, p.budget, p.amounts_rounded, p.stated_rate)
        if verdict is None:
            continue
        rate, stated, severity = verdict
        tail = "，差异在金额四舍五入到0.01万元的范围内" if severity == NOTICE else ""
        yield Finding(
            "F01", severity, PROJECT_TABLE, _where(i), "执行率", rate, stated,
            f"{_title(p, i)}执行率应为执行数÷预算数＝{format_wan(p.spent)}÷{format_wan(p.budget)}＝{rate}%，"
            f"表中为 {stated}%{tail}。本软件按计算值 {rate}% 输出。",
        )


def _is_output(ind: Indicator) -> bool:
    return "产出" in ind.level1


def _is_effect(ind: Indicator) -> bool:
    return "效益" in ind.level1


@depends(PROJECTS)
def f03_indicator_structure(ctx: Context):
    for i, p in enumerate(ctx.report.projects):
        if not any(_is_output(x) for x in p.indicators):
            yield Finding("F03", WARNING, PROJECT_TABLE, _where(i), "一级指标", "产出指标", None,
                          f"{_title(p, i)}没有产出指标，绩效目标应至少包括一项产出指标。")
        if not any(_is_effect(x) for x in p.indicators):
            yield Finding("F03", WARNING, PROJECT_TABLE, _where(i), "一级指标", "效益指标", None,
                          f"{_title(p, i)}没有效益指标，绩效目标应至少包括一项效益指标。")
        for j, ind in enumerate(p.indicators):
            missing, bare = _indicator_gaps(ind.level3, ind.target, ind.actual)
            if missing:
                yield Finding("F03", WARNING, PROJECT_TABLE, _where(i), f"指标{j + 1}", None, None,
                              f"{_title(p, i)}第{j + 1}个指标「{ind.level3 or ind.level2}」缺少{'、'.join(missing)}。")
            elif bare:
                yield Finding("F03", WARNING, PROJECT_TABLE, _where(i), f"指标{j + 1}", None, ind.target,
                              f"{_title(p, i)}第{j + 1}个指标「{ind.level3}」的年初目标值「{ind.target}」没有计量单位。")


@lru_cache(maxsize=65536)
def _indicator_gaps(level3: str, target: str, actual: str) -> tuple[tuple[str, ...], bool]:
    missing = tuple(n for n, v in (("三级指标", level3), ("年初目标值", target), ("实际完成值", actual)) if not v.strip())
    return missing, not missing and lacks_unit(target)


def _missed(indicators: list[Indicator]) -> list[tuple[int, Indicator]]:
    return [(j, x) for j, x in enumerate(indicators) if is_missed(x.target, x.actual)]


@depends(PROJECTS, OVERALL)
def f04_reasons(ctx: Context):
    for i, p in enumerate(ctx.report.projects):
        why = []
        missed = _missed(p.indicators)
        if missed:
            why.append("、".join(f"「{x.level3}」目标{x.target}、实际{x.actual}" for _, x in missed) + "未达到目标")
        rate = execution_rate(p)
        if rate is not None and rate < RATE_THRESHOLD:
            why.append(f"执行率 {rate}% 低于 {RATE_THRESHOLD}%")
        if not why:
            continue
        if not p.deviation_reason.strip():
            yield Finding("F04", WARNING, PROJECT_TABLE, _where(i), "偏差原因", None, None,
                          f"{_title(p, i)}{'；'.join(why)}，请填写偏差大或目标未完成原因分析。")
        if not p.improvement.strip():
            yield Finding("F04", WARNING, PROJECT_TABLE, _where(i), "改进措施", None, None,
                          f"{_title(p, i)}{'；'.join(why)}，请填写改进措施及结果应用方案。")
    overall = ctx.report.overall
    if overall is not None:
        missed = _missed(overall.indicators)
        if missed and not overall.deviation_reason.strip():
            names = "、".join(f"「{x.level3}」" for _, x in missed)
            yield Finding("F04", WARNING, OVERALL_TABLE, "", "偏差原因", None, None,
                          f"整体绩效自评表中{names}未达到年初目标值，请填写偏差大或目标未完成原因分析。")


def _weight(text: str) -> Decimal | None:
    try:
        return parse_percent(text) if text.strip() else None
    except AmountError:
        return None


@depends(PROJECTS)
def f02_scores(ctx: Context):
    """Only for templates with 分值/得分 columns."""
    for i, p in enumerate(ctx.report.projects):
        weights = [_weight(x.weight) for x in p.indicators]
        if not any(w is not None for w in weights):
            continue
        total = sum(w for w in weights if w is not None)
        has_rate_line = any("执行率" in x.level3 or "执行率" in x.level2 for x in p.indicators)
        expected = Decimal(100 if has_rate_line else 100 - DEFAULT_EXECUTION_WEIGHT)
        if total != expected:
            yield Finding("F02", WARNING, PROJECT_TABLE, _where(i), "分值", str(expected), str(total),
                          f"{_title(p, i)}各指标分值合计为 {total}，应为 {expected}"
                          f"{'' if has_rate_line else '（另有预算执行率10分）'}。")
        for j, (x, w) in enumerate(zip(p.indicators, weights)):
            s = _weight(x.score)
            if w is not None and s is not None and s > w:
                yield Finding("F02", WARNING, PROJECT_TABLE, _where(i), f"指标{j + 1}", str(w), str(s),
                              f"{_title(p, i)}第{j + 1}个指标「{x.level3}」得分 {s} 大于分值 {w}。")


@depends(PROJECTS, "05")
def b13_project_total(ctx: Context):
    projects = [p for p in ctx.report.projects if p.spent is not None]
    if not projects:
        return
    spent = sum(p.spent for p in projects)
    err = sum(1 for p in projects if p.amounts_rounded)
    target = ctx.value("05", "合计", "3")
    err += ctx.err("05", "合计", "3")
    severity = outcome(spent, target, err, "=", WARNING)
    if severity is None:
        return
    yield Finding("B13", severity, PROJECT_TABLE, "", "执行数", target, spent,
                  f"{len(projects)}个项目绩效自评表的执行数之和为 {format_wan(spent)} 万元，"
                  f"公开05表项目支出合计为 {format_wan(target)} 万元，{gap_words(spent, target, severity)}；"
                  f"如未对全部项目开展自评，请说明覆盖范围。")


@depends(OVERALL, "05")
def b14_overall_totals(ctx: Context):
    overall = ctx.report.overall
    if overall is None:
        return
    for field, name, col, label in (("basic_total", "基本支出总额", "2", "基本支出"),
                                    ("project_total", "项目支出总额", "3", "项目支出")):
        amount = getattr(overall, field)
        if amount is None:
            continue
        target = ctx.value("05", "合计", col)
        err = (1 if overall.amounts_rounded else 0) + ctx.err("05", "合计", col)
        severity = outcome(amount, target, err, "=", ERROR)
        if severity is None:
            continue
        yield Finding("B14", severity, OVERALL_TABLE, "", name, target, amount,
                      f"整体绩效自评表的{name}为 {format_wan(amount)} 万元，公开05表{label}合计为 "
                      f"{format_wan(target)} 万元，{gap_words(amount, target, severity)}。")


RULES = (f01_execution_rate, f02_scores, f03_indicator_structure, f04_reasons, b13_project_total, b14_overall_totals)
