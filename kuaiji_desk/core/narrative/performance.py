"""情况说明 十三: 预算绩效 — the projects evaluated, the 整体 self-evaluation, one
paragraph per 项目绩效自评表, and how the results are used.

Each project paragraph is generated from its own 自评表, so it cannot disagree with
the attachment (the reference's 十三 does, for three projects).  Its figures are
printed as the reference prints them, without trailing zeros (20.9, 3, 100%).
"""
from __future__ import annotations

from ..report import Project
from ..rules.selfeval import execution_rate
from .blocks import Block, Heading, Paragraph
from .source import Source
from .words import pct, sentence, trim, wan, wan_trimmed


def _organisation(src: Source) -> Paragraph:
    projects = src.report.projects
    if not projects:
        return Paragraph(f"我部门未对{src.year}年度一般公共预算项目支出开展绩效自评。")
    spent = sum(p.spent or 0 for p in projects)
    whole = src.cell("05", "合计", "3")
    # 「全面」 only when the projects evaluated are the whole of 项目支出.
    text = (f"根据预算绩效管理要求，我部门组织对{src.year}年度一般公共预算项目支出{'全面' if spent == whole else ''}"
            f"开展绩效自评，共涉及项目{len(projects)}个，资金{wan(spent)}万元")
    share = pct(spent, whole, trimmed=True)
    if share is not None:
        text += f"，占一般公共预算项目支出总额的{share}%"
    text += "。"
    finding = src.text("十三.项目结论")
    if finding:
        text += f"从绩效评价情况来看，{sentence(finding)}"
    return Paragraph(text)


def _overall(src: Source) -> Paragraph:
    text = f"我部门组织对本部门开展整体支出绩效自评，资金{wan(src.cell('05', '合计', '1'))}万元"
    finding = src.text("十三.整体结论")
    return Paragraph(text + (f"，从评价情况来看，{sentence(finding)}" if finding else "。"))


def _title(p: Project) -> str:
    # A name that already ends in 项目 does not get a second one (the reference's
    # 「…服务项目项目绩效自评综述」).
    return p.name + ("绩效自评综述" if p.name.endswith("项目") else "项目绩效自评综述")


def _project(i: int, p: Project) -> Paragraph:
    """「1.OA系统运行维护费项目绩效自评综述：项目全年预算数为20.9万元，执行数为20.9万元，完成预算的100%。…」"""
    figures = []
    if p.budget is not None:
        figures.append(f"项目全年预算数为{wan_trimmed(p.budget)}万元")
    if p.spent is not None:
        figures.append(f"执行数为{wan_trimmed(p.spent)}万元")
    rate = execution_rate(p)
    if rate is not None:
        figures.append(f"完成预算的{trim(rate)}%")
    text = f"{i}.{_title(p)}：" + ("，".join(figures) + "。" if figures else "")
    if p.summary.strip():
        text += f"主要产出和效益是：{sentence(p.summary)}"
    return Paragraph(text)


def _projects(src: Source) -> list[Block]:
    projects = src.report.projects
    if not projects:
        return []
    intro = Paragraph(f"我部门在{src.year}年度部门决算中反映所有项目绩效自评结果，共涉及{len(projects)}个一级项目。")
    return [intro] + [_project(i, p) for i, p in enumerate(projects, 1)]


def _use(src: Source) -> list[Block]:
    """「本年度我单位整体支出绩效自评评价为优秀，评价得分为90分，…」."""
    grade, score, use = src.text("十三.整体等级"), src.number("十三.整体得分"), src.text("十三.结果应用")
    said = ([f"评价为{grade}"] if grade else []) + ([f"评价得分为{score}分"] if score is not None else [])
    if not said and not use:
        return []
    if not said:
        return [Paragraph(sentence(use))]
    text = "本年度我单位整体支出绩效自评" + "，".join(said)
    return [Paragraph(text + (f"，{sentence(use)}" if use else "。"))]


def performance(src: Source) -> list[Block]:
    """十三、预算绩效情况说明."""
    return [
        Heading("（一）预算绩效管理工作开展情况", 3), _organisation(src),
        Heading("（二）部门整体支出自评结果", 3), _overall(src),
        Heading("（三）项目支出自评结果", 3), *_projects(src),
        Heading("（四）绩效自评结果应用情况", 3), *_use(src),
    ]
