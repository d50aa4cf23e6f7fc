"""第五部分 名词解释: the standard glossary, one entry per function 项 the report
uses, and the unit's own additions, closed by the 公开咨询电话.

The standard entries say 「本级财政」 where the reference says 「市级财政」: the
unit may be a 区级 one (the reference's own unit is).
"""
from __future__ import annotations

from ..forms.tables_2024 import CN_NUMERALS
from ..report import Report
from .blocks import Block, Heading, Paragraph
from .source import Source
from .words import lines, sentence

EXPLANATION = "名词解释:"

_BEFORE_CODES = (
    ("一般公共预算财政拨款收入", "指本级财政一般公共预算当年拨付的资金。"),
    ("政府性基金预算财政拨款收入", "指本级财政政府性基金预算当年拨付的资金。"),
    ("国有资本经营预算财政拨款收入", "指本级财政国有资本经营预算当年拨付的资金。"),
    ("上级补助收入", "指从事业单位主管部门和上级单位取得的非财政补助收入。"),
    ("事业收入", "指事业单位开展专业业务活动及其辅助活动取得的收入。"),
    ("经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
    ("其他收入", "指单位取得的除上述“一般公共预算财政拨款收入”、“政府性基金预算财政拨款收入”、"
                 "“国有资本经营预算财政拨款收入”、“上级补助收入”、“事业收入”、“经营收入”等收入以外的各项收入。"),
    ("使用非财政拨款结余（含专用结余）", "指事业单位按预算管理要求使用非财政拨款结余（含专用结余）弥补收支差额的金额。"),
    ("年初结转和结余", "指单位以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金，或项目已完成等产生的结余资金。"),
)
_CODES_TITLE = "本部门使用的支出功能分类科目（到项级）"
_AFTER_CODES = (
    ("结余分配", "指单位按照会计制度规定缴纳企业所得税以及从非财政拨款结余或经营结余中提取各类结余的情况。"),
    ("年末结转和结余", "指单位按有关规定结转到下年或以后年度继续使用的资金，或项目已完成等产生的结余资金。"),
    ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"),
    ("项目支出", "指在基本支出之外为完成特定行政任务或事业发展目标所发生的支出。"),
    ("经营支出", "指事业单位在专业活动及辅助活动之外开展非独立核算经营活动发生的支出。"),
    ("“三公”经费", "纳入本级财政预决算管理的“三公”经费，是指本级部门用财政拨款安排的因公出国（境）费、"
                   "公务用车购置及运行维护费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的国际旅费、"
                   "国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置及运行维护费反映单位公务用车"
                   "购置支出（含车辆购置税、牌照费）及燃料费、维修费、过桥过路费、保险费、安全奖励费用等支出；"
                   "公务接待费反映单位按规定开支的各类公务接待（含外宾接待）费用。"),
    ("机关运行经费", "指为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公费、"
                     "印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、"
                     "办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。"),
)
_OTHER_TERMS = "其他专用名词"


def _codes_used(src: Source) -> list[str]:
    """Every 项 with a figure in 公开05表 or 公开03表 (03 holds all funds, 05 the 财政拨款 part)."""
    return sorted(set(src.codes("05", 7)) | set(src.codes("03", 7)))


def _generic(name: str) -> str:
    """「反映事业运行方面的支出。」; a name that is itself a 支出 is not said twice."""
    return f"反映{name}。" if name.endswith("支出") else f"反映{name}方面的支出。"


def _code_entries(src: Source) -> list[Paragraph]:
    out = []
    for i, code in enumerate(_codes_used(src), 1):
        own = src.per_code_text(EXPLANATION, code)
        explanation = sentence(own) if own else _generic(src.code_name(code))
        out.append(Paragraph(f"{i}.{src.subject_path(code)}：{explanation}"))
    return out


def part_five(report: Report) -> list[Block]:
    src = Source(report)
    numerals = iter(CN_NUMERALS)
    blocks: list[Block] = [Heading("第五部分 名词解释", 1)]
    blocks += [Paragraph(f"（{next(numerals)}）{term}：{text}") for term, text in _BEFORE_CODES]
    blocks += [Paragraph(f"（{next(numerals)}）{_CODES_TITLE}"), *_code_entries(src)]
    blocks += [Paragraph(f"（{next(numerals)}）{term}：{text}") for term, text in _AFTER_CODES]
    more = lines(src.text("名词解释补充"))
    blocks.append(Paragraph(f"（{next(numerals)}）{_OTHER_TERMS}" + ("：" if more else "。")))
    blocks += [Paragraph(line) for line in more]
    phone = src.text("咨询电话")
    if phone:
        blocks.append(Paragraph(f"公开咨询电话：{phone}"))
    return blocks
