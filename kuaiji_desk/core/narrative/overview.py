"""情况说明 一 to 四: the totals of 公开01–04表, their change from last year, and 图1–图4.

Shares in 二 and 三 are printed with one decimal, as the reference does
(「占本年收入100.0%」): each is the printed part over the printed 合计, rounded half up,
so that a reader recomputes it; they need not add up to 100.0%.  图2 and 图3 label
their slices with the same shares.
"""
from __future__ import annotations

from ..forms.tables_2024 import YEAR_END_04
from .blocks import Block, Paragraph
from .charts import structure, this_year_vs_last
from ..forms.changes import CHANGE, Change
from .compare import versus
from .source import Source
from .words import change_words, shares, wan

SHARE_PLACES = 1


def _join(*parts: str | None) -> str:
    """Sentences, each closed by 「。」, the missing ones left out."""
    return "".join(f"{p}。" for p in parts if p)


def _both(src: Source, income: int, spent: int, change: Change, each: bool) -> str:
    """「{year}年度收、支总计均为…」 and its change; both sides when they differ.

    ``each``: 四 says 「各减少」 where 一 says 「减少」 (the reference's wording).
    """
    year, subject = f"{src.year}年度", change.subject
    if income == spent:
        return _join(f"{year}{subject}均为{wan(income)}万元", versus(src, subject, income, change, each=each))
    income_subject, spent_subject = subject.replace("收、支", "收入"), subject.replace("收、支", "支出")
    return _join(f"{year}{income_subject}{wan(income)}万元，{spent_subject}{wan(spent)}万元",
                 versus(src, income_subject, income, change, reason=False),
                 versus(src, spent_subject, spent, change))


def _nonzero_columns(src: Source, table: str, cols: tuple[str, ...]) -> list[tuple[str, int]]:
    """(column name, 合计 value) of the columns with a figure, in table order."""
    spec = {c.id: c for c in src.report.forms.table(table).columns}
    parts = [(spec[c].header[-1], src.cell(table, "合计", c)) for c in cols]
    return [(name, amount) for name, amount in parts if amount]


def _with_shares(src: Source, table: str, cols: tuple[str, ...], of: str,
                 change: Change) -> tuple[str, list[tuple[str, int]], list[str]]:
    """「{year}年度收入合计…，与…相比…。其中：财政拨款收入…，占本年收入100.0%。」, the
    parts and their shares (of the printed 合计)."""
    total = src.cell(table, "合计", "1")
    compared = versus(src, change.subject, total, change)
    text = f"{src.year}年度{change.subject}{wan(total)}万元" + (f"，{compared}" if compared else "") + "。"
    parts = _nonzero_columns(src, table, cols)
    percents = shares([amount for _, amount in parts], total, SHARE_PLACES) if parts else None
    if percents:
        text += "其中：" + "；".join(
            f"{name}{wan(amount)}万元，占{of}{p}%" for (name, amount), p in zip(parts, percents)) + "。"
    return text, parts, percents or []


def totals(src: Source) -> list[Block]:
    """一、收入支出决算总体情况说明 (公开01表 总计)."""
    income, spent = src.cell("01", "30", "1"), src.cell("01", "60", "2")
    return [
        Paragraph(_both(src, income, spent, CHANGE["一.原因"], each=False)),
        this_year_vs_last(src, "图1：收、支决算总计变动情况", ("收入总计", "支出总计"), (income, spent), "收支总计"),
    ]


def income(src: Source) -> list[Block]:
    """二、收入决算情况说明 (公开02表; shares of 本年收入合计)."""
    text, parts, percents = _with_shares(src, "02", ("2", "3", "4", "5", "6", "7"), "本年收入", CHANGE["二.原因"])
    return [Paragraph(text), structure(src, "图2：收入决算结构", parts, percents)]


def expenditure(src: Source) -> list[Block]:
    """三、支出决算情况说明 (公开03表; shares of 本年支出合计)."""
    text, parts, percents = _with_shares(src, "03", ("2", "3", "4", "5", "6"), "本年支出", CHANGE["三.原因"])
    return [Paragraph(text), structure(src, "图3：支出决算结构", parts, percents)]


# 公开04表 收入 rows by fund, the 一般公共预算 one compared with last year.
_OTHER_FUNDS = (("2", "政府性基金预算财政拨款收入"), ("3", "国有资本经营预算财政拨款收入"))


def _general_budget_income(src: Source) -> str:
    """「…一般公共预算财政拨款收入1286.76万元，比2023年度决算数减少7.72万元，减少主要原因是…」"""
    amount = src.cell("04", "1", "1")
    text = f"{src.year}年度财政拨款收入中，一般公共预算财政拨款收入{wan(amount)}万元"
    change = CHANGE["四.一般公共.原因"]
    last = src.last(change.last_key)
    if last is not None and last == amount:
        text += f"，与{src.last_year_words}决算数持平"
    elif last is not None:
        more, _ = change_words(amount - last)
        text += f"，比{src.last_year_words}决算数{more}{wan(abs(amount - last))}万元"
        reason = src.reason(change.reason_key)
        if reason:
            text += f"，{more}主要原因是{reason}"
    for row, name in _OTHER_FUNDS:
        other = src.cell("04", row, "1")
        if other:
            text += f"；{name}{wan(other)}万元"
    return text + "。"


# The three funds: 年初 in rows 29–31 (收入), 年末 in row 60's columns 3–5 (支出).
_FUNDS = (("29", "3", "一般公共预算财政拨款"), ("30", "4", "政府性基金预算财政拨款"),
          ("31", "5", "国有资本经营预算财政拨款"))


def _carried(total: int, by_fund: list[tuple[str, int]], what: str) -> str:
    """「年末财政拨款结转和结余125.00万元，其中：一般公共预算财政拨款100.00万元、…」"""
    text = f"{what}{wan(total)}万元"
    parts = [f"{name}{wan(amount)}万元" for name, amount in by_fund if amount]
    return text + (f"，其中：{'、'.join(parts)}" if parts else "")


def _carry_overs(src: Source) -> str | None:
    """年初 and 年末财政拨款结转和结余 with their funds (公开04表 行28–31, 行60 栏2–5);
    None when there is neither, as in the reference."""
    opening, closing = src.cell("04", "28", "1"), src.cell("04", YEAR_END_04, "2")
    if not opening and not closing:
        return None
    return (f"{src.year}年度"
            + _carried(opening, [(name, src.cell("04", row, "1")) for row, _, name in _FUNDS], "年初财政拨款结转和结余")
            + "；"
            + _carried(closing, [(name, src.cell("04", YEAR_END_04, col)) for _, col, name in _FUNDS],
                       "年末财政拨款结转和结余")
            + "。")


def appropriations(src: Source) -> list[Block]:
    """四、财政拨款收入支出决算总体情况说明 (公开04表 总计, 结转和结余 by fund)."""
    income, spent = src.cell("04", "32", "1"), src.cell("04", "64", "2")
    carried = _carry_overs(src)
    return [
        Paragraph(_both(src, income, spent, CHANGE["四.原因"], each=True)),
        *([Paragraph(carried)] if carried else []),
        Paragraph(_general_budget_income(src)),
        this_year_vs_last(src, "图4：财政拨款收、支决算总计变动情况", ("财政拨款收入总计", "财政拨款支出总计"),
                          (income, spent), "财政拨款收支总计"),
    ]
