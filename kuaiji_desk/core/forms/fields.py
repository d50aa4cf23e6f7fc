"""The narrative inputs and last year's comparison figures, declared once.

Texts are what only the accountant can say (职责, reasons, purposes); amounts and
counts are figures that no 公开表 carries (政府采购, 资产, 机关运行经费).  Fields
whose id ends in ':' are keyed per code: '五.二.用途:201' is the purpose of 类 201.
"""
from __future__ import annotations

from .spec import TextField as F

PER_CODE = ":"

# 公务用车 by use, as the 三公 说明 gives its purchases and holdings.
VEHICLE_USES = ("一般公务用车", "执法执勤用车", "特种专业技术用车", "其他用车")
VEHICLES_BOUGHT, VEHICLES_HELD = "九.购置车辆.", "九.保有车辆."
# The share of a change against last year from which its reason must be given (C04), in %.
CHANGE_THRESHOLD, DEFAULT_CHANGE_THRESHOLD = "校验.增减说明比例", 10

FIELDS = (
    F("公开日期", "公开日期", section="封面", hint="例如：2025年10月16日"),
    F("咨询电话", "公开咨询电话", section="第五部分"),
    F("单位类型", "单位类型", section="第一部分", hint="行政单位 / 参公事业单位 / 全额拨款事业单位 …"),
    F("职责", "部门主要职责", section="第一部分", multiline=True),
    F("机构设置", "机构设置情况", section="第一部分", multiline=True),
    F("一.原因", "收、支总计增减的主要原因", section="一"),
    F("二.原因", "收入合计增减的主要原因", section="二"),
    F("三.原因", "支出合计增减的主要原因", section="三"),
    F("四.原因", "财政拨款收、支总计增减的主要原因", section="四"),
    F("四.一般公共.原因", "一般公共预算财政拨款收入增减的主要原因", section="四"),
    F("五.一.原因", "一般公共预算财政拨款支出增减的主要原因", section="五"),
    F("五.二.用途:", "该类支出主要用于", section="五", hint="每个类一条", per="类"),
    F("五.三.年初预算合计", "一般公共预算财政拨款支出年初预算数", kind="amount", section="五",
      hint="全年合计；可含未列支的项目，不填则按各项年初预算数之和"),
    F("五.三.年初预算:", "该项年初预算数", kind="amount", section="五", hint="每个项一条", per="项"),
    F("五.三.原因:", "该项决算数与年初预算数不同的主要原因", section="五", hint="每个项一条", per="项"),
    F("五.三.项目用途", "项目支出主要用于（主要项目及成效）", section="五", multiline=True),
    F("九.原因", '"三公"经费增减的主要原因', section="九"),
    F("九.预算原因", '"三公"经费决算数大于预算数的主要原因', section="九"),
    F("九.因公出国团组数", "因公出国（境）团组数", kind="count", section="九"),
    F("九.因公出国人次", "因公出国（境）人次", kind="count", section="九"),
    F("九.购置车辆数", "公务用车购置数（辆）", kind="count", section="九"),
    *(F(f"{VEHICLES_BOUGHT}{use}", f"其中：{use}购置数（辆）", kind="count", section="九") for use in VEHICLE_USES),
    F("九.车辆保有量", "公务用车保有量（辆）", kind="count", section="九", hint="年末数，十二、国有资产占用情况也用它"),
    *(F(f"{VEHICLES_HELD}{use}", f"其中：{use}保有量（辆）", kind="count", section="九") for use in VEHICLE_USES),
    F("九.接待批次", "国内公务接待批次", kind="count", section="九"),
    F("九.接待人次", "国内公务接待人次", kind="count", section="九"),
    F("九.外事接待批次", "外事接待批次", kind="count", section="九", hint="国（境）外来访的公务接待"),
    F("九.外事接待人次", "外事接待人次", kind="count", section="九"),
    F("十.机关运行经费", "机关运行经费支出", kind="amount", section="十"),
    F("十.说明", "无机关运行经费或增减的原因", section="十"),
    F("十一.货物", "政府采购货物支出", kind="amount", section="十一"),
    F("十一.工程", "政府采购工程支出", kind="amount", section="十一"),
    F("十一.服务", "政府采购服务支出", kind="amount", section="十一"),
    F("十一.中小企业", "授予中小企业合同金额", kind="amount", section="十一"),
    F("十一.小微企业", "其中：授予小微企业合同金额", kind="amount", section="十一"),
    F("十一.货物中小企业", "货物采购授予中小企业合同金额", kind="amount", section="十一"),
    F("十一.工程中小企业", "工程采购授予中小企业合同金额", kind="amount", section="十一"),
    F("十一.服务中小企业", "服务采购授予中小企业合同金额", kind="amount", section="十一"),
    F("十二.大型设备数", "单位价值100万元以上设备（台、套）", kind="count", section="十二"),
    F("十三.项目结论", "项目支出自评结论", section="十三", multiline=True),
    F("十三.整体得分", "整体支出绩效自评得分", kind="count", section="十三"),
    F("十三.整体等级", "整体支出绩效自评等级", section="十三", hint="优秀 / 良好 / 中 / 差"),
    F("十三.整体结论", "整体支出自评结论", section="十三", multiline=True),
    F("十三.结果应用", "绩效自评结果应用情况", section="十三", multiline=True),
    F("第四部分", "重点工作完成情况", section="第四部分", multiline=True),
    F("名词解释:", "该项科目的名词解释", section="第五部分", per="项",
      hint="每个项一条，例如：反映事业单位基本支出。不填则写「反映某某方面的支出。」"),
    F("名词解释补充", "名词解释补充", section="第五部分", multiline=True),
    F(CHANGE_THRESHOLD, "与上年相比增减达到百分之几须写明原因", kind="count", section="校验设置",
      hint=f"不填按{DEFAULT_CHANGE_THRESHOLD}%；填0则有增减就须写明"),
)

# Last year's figures for every 「与上年相比」 and the cross-year checks.
LAST_YEAR = (
    F("收支总计", "上年收、支总计", kind="amount", section="上年"),
    F("收入合计", "上年本年收入合计", kind="amount", section="上年"),
    F("支出合计", "上年本年支出合计", kind="amount", section="上年"),
    F("财政拨款收支总计", "上年财政拨款收、支总计", kind="amount", section="上年"),
    F("一般公共预算收入", "上年一般公共预算财政拨款收入", kind="amount", section="上年"),
    F("一般公共预算支出", "上年一般公共预算财政拨款支出", kind="amount", section="上年"),
    F("年末结转和结余", "上年年末结转和结余（公开01表第59行）", kind="amount", section="上年"),
    F("年末.一般公共预算", "上年年末一般公共预算财政拨款结转和结余", kind="amount", section="上年"),
    F("年末.政府性基金", "上年年末政府性基金预算财政拨款结转和结余", kind="amount", section="上年"),
    F("年末.国有资本经营", "上年年末国有资本经营预算财政拨款结转和结余", kind="amount", section="上年"),
    F("三公决算", '上年"三公"经费决算数', kind="amount", section="上年"),
    F("机关运行经费", "上年机关运行经费", kind="amount", section="上年"),
)


# Keys of figures that used to be asked twice, and the one field that holds them now.
RENAMED_NUMBERS = {"十二.车辆数": "九.车辆保有量"}


def current_numbers(numbers: dict[str, int]) -> dict[str, int]:
    """Numbers as stored by an earlier version, under today's keys (today's field wins)."""
    out = {k: v for k, v in numbers.items() if k not in RENAMED_NUMBERS}
    for old, new in RENAMED_NUMBERS.items():
        if old in numbers:
            out.setdefault(new, numbers[old])
    return out


def per_code_key(field_id: str, code: str) -> str:
    return f"{field_id}{code}"


def declared_id(key: str) -> str:
    """The field a stored key belongs to: '五.三.年初预算:2010350' → '五.三.年初预算:'."""
    head, sep, _ = key.partition(PER_CODE)
    return head + sep
