"""图1–图4: the narrative's charts as drawings.

Bars compare this year with last (the value axis starts at 0, so that the smaller
bar is not drawn empty); pies show a structure, each slice labelled with its name
and the share the narrative's text prints for it.  Figures arrive in 分 and are plotted
as such; every printed number is formatted from the integer, never from a float.
"""
from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from ..money import FEN_PER_WAN, format_amount
from ..narrative.blocks import Chart
from .context import Context

PALETTE = [colors.HexColor(c) for c in (
    "#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47",
    "#264478", "#9E480E", "#636363", "#997300",
)]
HEIGHT = 62 * mm
FONT_SIZE = 9   # styles.SMALLEST


def _tick(value) -> str:
    """An axis tick in 万元 without trailing zeros: 1,200 / 1,287.5."""
    text = format_amount(int(round(value)))
    return text.rstrip("0").rstrip(".") if "." in text else text


def _drawing(width: float, font: str) -> Drawing:
    d = Drawing(width, HEIGHT)
    d.initialFontName = font   # else the renderer selects Helvetica first: an unembedded font in the file
    return d


def _bar(ctx: Context, chart: Chart, width: float) -> Drawing:
    font = ctx.fonts.song
    d = _drawing(width, font)
    series = [values for _, values in chart.series]
    top = max([v for values in series for v in values] + [0])
    bc = VerticalBarChart()
    bc.x, bc.y = 22 * mm, 14 * mm
    bc.width, bc.height = width - 44 * mm, HEIGHT - 24 * mm
    bc.data = [tuple(values) for values in series] or [(0,) * len(chart.labels)]
    bc.valueAxis.valueMin = 0
    if top <= 0:
        bc.valueAxis.valueMax = FEN_PER_WAN
    else:
        bc.valueAxis.valueMax = top * 1.2
    bc.valueAxis.labelTextFormat = _tick
    bc.valueAxis.labels.fontName = font
    bc.valueAxis.labels.fontSize = FONT_SIZE
    bc.categoryAxis.categoryNames = list(chart.labels)
    bc.categoryAxis.labels.fontName = font
    bc.categoryAxis.labels.fontSize = FONT_SIZE + 1
    bc.categoryAxis.labels.boxAnchor = "n"
    bc.barLabelFormat = lambda v: format_amount(int(v))
    bc.barLabels.fontName = font
    bc.barLabels.fontSize = FONT_SIZE
    bc.barLabels.nudge = 6
    bc.barLabels.boxAnchor = "s"
    bc.groupSpacing = 12
    bc.barSpacing = 2
    for i in range(len(bc.data)):
        bc.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        bc.bars[i].strokeColor = None
    d.add(bc)
    d.add(String(bc.x - 4, bc.y + bc.height + 6, "万元", fontName=font, fontSize=FONT_SIZE, textAnchor="end"))
    if chart.series:
        legend = Legend()
        legend.fontName = font
        legend.fontSize = FONT_SIZE + 1
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.dx = legend.dy = 7
        legend.deltax = 70
        legend.x = width - 6 * mm
        legend.y = HEIGHT - 2
        legend.boxAnchor = "ne"
        legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], name) for i, (name, _) in enumerate(chart.series)]
        d.add(legend)
    for text in (*chart.labels, *(name for name, _ in chart.series)):
        ctx.check(font, text)
    return d


def _pie(ctx: Context, chart: Chart, width: float) -> Drawing | None:
    font = ctx.fonts.song
    values = chart.series[0][1] if chart.series else ()
    shares = chart.shares or (None,) * len(chart.labels)
    slices = [(label, v, share) for label, v, share in zip(chart.labels, values, shares) if v > 0]
    if not slices:
        return None
    d = _drawing(width, font)
    pie = Pie()
    size = HEIGHT - 22 * mm
    pie.width = pie.height = size
    pie.x, pie.y = (width - size) / 2, 11 * mm
    pie.data = [v for _, v, _ in slices]
    # The shares the text prints (printed part / printed total): a reader finds the same.
    pie.labels = [f"{label} {share}%" if share is not None else label for label, _, share in slices]
    pie.sideLabels = 1
    pie.simpleLabels = 0
    pie.startAngle = 90
    pie.direction = "clockwise"
    pie.slices.fontName = font
    pie.slices.fontSize = FONT_SIZE + 1
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.5
    for i in range(len(slices)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
    d.add(pie)
    for text in pie.labels:
        ctx.check(font, text)
    return d


def _whole(chart: Chart) -> str | None:
    """A pie of one slice says nothing a sentence does not: 「财政拨款收入占100.0%」."""
    if chart.kind != "pie" or not chart.series:
        return None
    shares = chart.shares or (None,) * len(chart.labels)
    slices = [(label, share) for label, v, share in zip(chart.labels, chart.series[0][1], shares) if v > 0]
    if len(slices) != 1:
        return None
    label, share = slices[0]
    return f"{label}占{share if share is not None else 100}%"


def chart_flowable(ctx: Context, chart: Chart, width: float) -> Flowable:
    """The drawing with its caption below, kept on one page; a pie of a single slice is the
    sentence that says it."""
    whole = _whole(chart)
    if whole is not None:
        return ctx.para(f"{chart.caption}——{whole}，不另绘图。", ctx.styles.caption)
    drawing = _bar(ctx, chart, width) if chart.kind == "bar" else _pie(ctx, chart, width)
    parts: list[Flowable] = []
    if drawing is None:
        parts.append(ctx.para("（本年度无相关数据）", ctx.styles.caption))
    else:
        parts.append(drawing)
    parts.append(ctx.para(chart.caption, ctx.styles.caption))
    return KeepTogether(parts)
