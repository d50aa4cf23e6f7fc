"""The nine 公开表 of the 2022–2025 决算: the data model, as the central template (and
湖北/武汉's, 2024) publishes it.  Other layouts render these cells (:mod:`..layouts`)."""
from __future__ import annotations

from .spec import TOTAL_ROW, CodeTable, Column, FixedTable, Group, Row, Section, SideBlock

NOTE_ROUNDING = "本套报表金额单位转换时可能存在尾数误差。"

CN_NUMERALS = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
    "二十一", "二十二", "二十三", "二十四", "二十五", "二十六",
]

# The 26 功能分类 类 rows of 公开01/04表, in published order.
EXPENDITURE_CLASSES = (
    ("201", "一般公共服务支出"), ("202", "外交支出"), ("203", "国防支出"), ("204", "公共安全支出"),
    ("205", "教育支出"), ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("211", "节能环保支出"),
    ("212", "城乡社区支出"), ("213", "农林水支出"), ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"), ("216", "商业服务业等支出"), ("217", "金融支出"),
    ("219", "援助其他地区支出"), ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"), ("223", "国有资本经营预算支出"), ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"), ("231", "债务还本支出"), ("232", "债务付息支出"), ("234", "抗疫特别国债安排的支出"),
)


def _rows(ids, labels):
    return tuple(Row(str(i), label) for i, label in zip(ids, labels))


def _class_rows(first: int, columns=None) -> tuple[Row, ...]:
    return tuple(
        Row(str(first + i), f"{CN_NUMERALS[i]}、{name}", code=code, columns=columns)
        for i, (code, name) in enumerate(EXPENDITURE_CLASSES)
    )


def _padding(first: int, last: int, columns=()) -> tuple[Row, ...]:
    """Numbered rows without content that keep both sides aligned."""
    return tuple(Row(str(i), "", columns=columns) for i in range(first, last + 1))


def _span(a: int, b: int) -> tuple[str, ...]:
    return tuple(str(i) for i in range(a, b + 1))


T01 = FixedTable(
    id="01",
    headline=(("30", "1"),),
    headline_label="收入总计",
    name="收入支出决算总表",
    note="1. 本表反映部门本年度的总收支和年末结转结余情况。\n2. " + NOTE_ROUNDING,
    sections=(
        Section(
            "收入",
            (Column("1", ("金额",)),),
            _rows(range(1, 9), [
                "一、一般公共预算财政拨款收入", "二、政府性基金预算财政拨款收入", "三、国有资本经营预算财政拨款收入",
                "四、上级补助收入", "五、事业收入", "六、经营收入", "七、附属单位上缴收入", "八、其他收入",
            ])
            + _padding(9, 26)
            + (
                Row("27", "本年收入合计", total_of=_span(1, 8), rule="A01"),
                Row("28", "使用非财政拨款结余（含专用结余）"),
                Row("29", "年初结转和结余"),
                Row("30", "总计", total_of=("27", "28", "29"), rule="A02"),
            ),
        ),
        Section(
            "支出",
            (Column("2", ("金额",)),),
            _class_rows(31)
            + (
                Row("57", "本年支出合计", total_of=_span(31, 56), rule="A03"),
                Row("58", "结余分配"),
                Row("59", "年末结转和结余"),
                Row("60", "总计", total_of=("57", "58", "59"), rule="A04"),
            ),
        ),
    ),
)

T02 = CodeTable(
    id="02",
    name="收入决算表",
    note="本表反映部门本年度取得的各项收入情况。",
    landscape=True,
    columns=(
        Column("1", ("本年收入合计",), total_of=_span(2, 7), rule="A06"),
        Column("2", ("财政拨款收入",)),
        Column("3", ("上级补助收入",)),
        Column("4", ("事业收入",)),
        Column("5", ("经营收入",)),
        Column("6", ("附属单位上缴收入",)),
        Column("7", ("其他收入",)),
    ),
)

T03 = CodeTable(
    id="03",
    name="支出决算表",
    note="本表反映部门本年度各项支出情况。",
    landscape=True,
    columns=(
        Column("1", ("本年支出合计",), total_of=_span(2, 6), rule="A08"),
        Column("2", ("基本支出",)),
        Column("3", ("项目支出",)),
        Column("4", ("上缴上级支出",)),
        Column("5", ("经营支出",)),
        Column("6", ("对附属单位补助支出",)),
    ),
)

_FUNDS_04 = ("3", "4", "5")

# 年末财政拨款结转和结余: the template prints it in row 60, by fund in columns 3–5.
YEAR_END_04 = "60"
# Earlier layouts (and earlier versions of this declaration) put each fund's 年末 in a
# row of its own, in the 小计 column and its fund's column: the importer and the store
# migration carry such figures into row 60's column for that fund.
OLD_YEAR_END_ROWS_04 = (
    Row("61", "一般公共预算财政拨款", columns=("2", "3")),
    Row("62", "政府性基金预算财政拨款", columns=("2", "4")),
    Row("63", "国有资本经营预算财政拨款", columns=("2", "5")),
)

T04 = FixedTable(
    id="04",
    headline=(("32", "1"),),
    headline_label="收入总计",
    name="财政拨款收入支出决算总表",
    note="本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。",
    landscape=True,
    sections=(
        Section(
            "收入",
            (Column("1", ("决算数",)),),
            _rows(range(1, 4), ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款"])
            + _padding(4, 26)
            + (
                Row("27", "本年收入合计", total_of=("1", "2", "3"), rule="A09"),
                Row("28", "年初财政拨款结转和结余", total_of=("29", "30", "31"), rule="A09"),
                Row("29", "一般公共预算财政拨款"),
                Row("30", "政府性基金预算财政拨款"),
                Row("31", "国有资本经营预算财政拨款"),
                Row("32", "总计", total_of=("27", "28"), rule="A09"),
            ),
        ),
        Section(
            "支出",
            (
                Column("2", ("决算数", "小计"), total_of=_FUNDS_04, rule="A10"),
                Column("3", ("决算数", "一般公共预算财政拨款")),
                Column("4", ("决算数", "政府性基金预算财政拨款")),
                Column("5", ("决算数", "国有资本经营预算财政拨款")),
            ),
            _class_rows(33)
            + (
                Row("59", "本年支出合计", total_of=_span(33, 58), rule="A10"),
                # 年末 by fund in its columns 3–5, column 2 their sum (as every 支出 row);
                # rows 61–63 are the template's unlabelled spacer rows.
                Row(YEAR_END_04, "年末财政拨款结转和结余"),
            )
            + _padding(61, 63)
            + (
                Row("64", "总计", total_of=("59", YEAR_END_04), rule="A10"),
            ),
        ),
    ),
)

T05 = CodeTable(
    id="05",
    name="一般公共预算财政拨款支出决算表",
    note="本表反映部门本年度一般公共预算财政拨款支出情况。",
    columns=(
        Column("1", ("本年支出", "小计"), total_of=("2", "3"), rule="A13"),
        Column("2", ("本年支出", "基本支出")),
        Column("3", ("本年支出", "项目支出")),
    ),
)

# 06 publishes these rows even when empty (the 2024 template).
_DEFAULT_06 = (
    "301", "30101", "30102", "30103", "30106", "30107", "30108", "30109", "30110", "30111", "30112",
    "30113", "30114", "30199",
    "303", "30301", "30302", "30303", "30304", "30305", "30306", "30307", "30308", "30309", "30310",
    "30311", "30399",
    "302", "30201", "30202", "30203", "30204", "30205", "30206", "30207", "30208", "30209", "30211",
    "30212", "30213", "30214", "30215", "30216", "30217", "30218", "30224", "30225", "30226", "30227",
    "30228", "30229", "30231", "30239", "30240", "30299",
    "310", "31002", "31003", "31007", "31013", "31022", "31099",
)

PERSONNEL = "人员经费合计"
PUBLIC = "公用经费合计"

T06 = CodeTable(
    id="06",
    headline=((PERSONNEL, "1"), (PUBLIC, "1")),
    headline_label="人员经费与公用经费合计",
    name="一般公共预算财政拨款基本支出决算明细表",
    note="本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
    classification="economic",
    code_header="经济分类科目编码",
    hierarchy_rule="A14",
    total_row=False,
    columns=(Column("1", ("决算数",)),),
    groups=(
        Group(PERSONNEL, "人员经费合计", ("301", "303"), "A14"),
        Group(PUBLIC, "公用经费合计", ("302", "307", "309", "310", "311", "312", "313", "399"), "A14"),
    ),
    default_codes=_DEFAULT_06,
    # As published: 人员经费 (301, 303) | 公用经费 (302) | 公用经费 (310 and any other class).
    side_blocks=(
        SideBlock(PERSONNEL, "人员经费", ("301", "303")),
        SideBlock(PUBLIC, "公用经费", ("302",)),
        SideBlock(PUBLIC, "公用经费", ("310",)),
    ),
    landscape=True,
)

T07 = CodeTable(
    id="07",
    headline=((TOTAL_ROW, "3"),),
    headline_label="本年支出合计",
    name="政府性基金预算财政拨款收入支出决算表",
    note="本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
    empty_statement="本部门{year}年度无政府性基金预算财政拨款收入支出。",
    landscape=True,
    columns=(
        Column("1", ("年初结转和结余",)),
        Column("2", ("本年收入",)),
        Column("3", ("本年支出", "小计"), total_of=("4", "5"), rule="A15"),
        Column("4", ("本年支出", "基本支出")),
        Column("5", ("本年支出", "项目支出")),
        Column("6", ("年末结转和结余",)),
    ),
)

# 08's columns beyond the central template's three (see T08).
STATE_CAPITAL_OPENING, STATE_CAPITAL_INCOME, STATE_CAPITAL_CLOSING = "4", "5", "6"

T08 = CodeTable(
    id="08",
    name="国有资本经营预算财政拨款支出决算表",
    note="本表反映部门本年度国有资本经营预算财政拨款支出情况。",
    empty_statement="本部门{year}年度无国有资本经营预算财政拨款支出。",
    columns=(
        Column("1", ("本年支出", "合计"), total_of=("2", "3"), rule="A16"),
        Column("2", ("本年支出", "基本支出")),
        Column("3", ("本年支出", "项目支出")),
        # Held by the data model for the layouts that print 08 as a 收入支出 table (上海's 九,
        # 云南, 四川): as 07's columns 1, 2 and 6.  The central and 湖北 layouts do not print them.
        Column(STATE_CAPITAL_OPENING, ("年初结转和结余",)),
        Column(STATE_CAPITAL_INCOME, ("本年收入",)),
        Column(STATE_CAPITAL_CLOSING, ("年末结转和结余",)),
    ),
)


def _sangong(first: int, block: str) -> tuple[Column, ...]:
    n = [str(first + i) for i in range(6)]
    return (
        Column(n[0], (block, "合计"), total_of=(n[1], n[2], n[5]), rule="A17"),
        Column(n[1], (block, "因公出国（境）费")),
        Column(n[2], (block, "公务用车购置及运行费", "小计"), total_of=(n[3], n[4]), rule="A17"),
        Column(n[3], (block, "公务用车购置及运行费", "公务用车购置费")),
        Column(n[4], (block, "公务用车购置及运行费", "公务用车运行维护费")),
        Column(n[5], (block, "公务接待费")),
    )


SANGONG_ROW = "1"

T09 = FixedTable(
    id="09",
    headline=((SANGONG_ROW, "7"),),
    headline_label="决算数合计",
    name='财政拨款"三公"经费支出决算表',
    note='本表反映部门本年度财政拨款"三公"经费支出预决算情况。其中，预算数为"三公"经费全年预算数，'
    "反映按规定程序调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。",
    empty_statement="本部门{year}年度无财政拨款三公经费预算及支出。",
    landscape=True,
    sections=(Section("", _sangong(1, "预算数") + _sangong(7, "决算数"), (Row(SANGONG_ROW, ""),)),),
)

TABLES = (T01, T02, T03, T04, T05, T06, T07, T08, T09)
