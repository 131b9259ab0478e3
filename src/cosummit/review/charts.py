"""Horizontal grouped bar charts drawn on the server as SVG.

The registration's chart (`cosummit.registration.charts`) draws one count per
day on a time axis; the balance compares, for each category (a country, a
track...), the share it takes at each stage of the selection, so its bars lie
along a percentage axis with the category names on the left. The page always
shows the same figures in a table.
"""

import math
from dataclasses import dataclass

WIDTH = 720
LABEL_WIDTH = 210
RIGHT = 24
TOP = 6
BOTTOM = 22
BAR_HEIGHT = 9
GROUP_GAP = 12
# Longer category names are shortened in the drawing; the table has them whole.
LABEL_CHARACTERS = 30


@dataclass(frozen=True)
class ChartBar:
    series: int
    series_label: str
    x: float
    y: float
    width: float
    height: float
    count: int
    percent: float


@dataclass(frozen=True)
class ChartRow:
    label: str
    short_label: str
    label_y: float
    bars: list[ChartBar]


@dataclass(frozen=True)
class ChartTick:
    x: float
    value: int


@dataclass(frozen=True)
class GroupedBarChart:
    width: int
    height: int
    plot_left: int
    plot_top: int
    baseline: float
    rows: list[ChartRow]
    ticks: list[ChartTick]
    series: list[str]


def shorten(label: str, length: int = LABEL_CHARACTERS) -> str:
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"


def grouped_bar_chart(
    rows: list[tuple[str, list[tuple[int, float]]]], series: list[str]
) -> GroupedBarChart | None:
    """Bars of percentages, one group per row and one bar per series.

    `rows` holds (label, [(count, percent) for each series]); the axis runs
    from 0 to the largest percent rounded up to a tenth (a fifth above 50).
    None when there is no row.
    """
    if not rows:
        return None
    largest = max((percent for _label, values in rows for _count, percent in values), default=0)
    step = 10 if largest <= 50 else 20
    top_value = max(step, step * math.ceil(largest / step))
    plot_width = WIDTH - LABEL_WIDTH - RIGHT
    group = len(series) * BAR_HEIGHT + GROUP_GAP
    height = TOP + len(rows) * group + BOTTOM
    baseline = height - BOTTOM
    chart_rows = []
    for index, (label, values) in enumerate(rows):
        group_top = TOP + index * group + GROUP_GAP / 2
        bars = [
            ChartBar(
                series=position,
                series_label=series[position],
                x=LABEL_WIDTH,
                y=round(group_top + position * BAR_HEIGHT, 2),
                width=round(plot_width * percent / top_value, 2),
                height=BAR_HEIGHT - 1,
                count=count,
                percent=round(percent, 1),
            )
            for position, (count, percent) in enumerate(values)
        ]
        chart_rows.append(
            ChartRow(
                label=label,
                short_label=shorten(label),
                label_y=round(group_top + len(series) * BAR_HEIGHT / 2, 2),
                bars=bars,
            )
        )
    ticks = [
        ChartTick(x=round(LABEL_WIDTH + plot_width * value / top_value, 2), value=value)
        for value in range(0, top_value + 1, step)
    ]
    return GroupedBarChart(
        width=WIDTH,
        height=height,
        plot_left=LABEL_WIDTH,
        plot_top=TOP,
        baseline=baseline,
        rows=chart_rows,
        ticks=ticks,
        series=list(series),
    )
