"""A bar chart drawn on the server as SVG, for pages that must work without JavaScript.

The chart is an image with a text alternative; the page shows the same
figures in a table for screen readers and for anyone who prefers numbers.
"""

import datetime as dt
import math
from dataclasses import dataclass

from django.utils.formats import date_format

WIDTH = 720
HEIGHT = 220
# Room for the figures on the left and the dates under the bars.
LEFT = 40
BOTTOM = 24
TOP = 10


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class DateLabel:
    x: float
    text: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int
    baseline: float
    bars: list[Bar]
    ticks: list[Tick]
    dates: list[DateLabel]
    total: int

    @property
    def first_day(self) -> str:
        return self.bars[0].label

    @property
    def last_day(self) -> str:
        return self.bars[-1].label


def _nice_step(maximum: int) -> int:
    """A step of 1, 2 or 5 times a power of ten giving at most five lines."""
    if maximum <= 5:
        return 1
    magnitude = 10 ** math.floor(math.log10(maximum / 5))
    for factor in (1, 2, 5, 10):
        if maximum / (factor * magnitude) <= 5:
            return factor * magnitude
    return 10 * magnitude


def bar_chart(per_day: list[tuple[dt.date, int]]) -> BarChart | None:
    """Bars of counts per day; None when there is nothing to draw."""
    if not per_day:
        return None
    maximum = max(count for _day, count in per_day) or 1
    step = _nice_step(maximum)
    top_value = step * math.ceil(maximum / step)
    plot_width = WIDTH - LEFT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    slot = plot_width / len(per_day)
    gap = min(2.0, slot * 0.2)
    bars = []
    for index, (day, count) in enumerate(per_day):
        height = plot_height * count / top_value
        bars.append(
            Bar(
                x=round(LEFT + index * slot + gap / 2, 2),
                y=round(baseline - height, 2),
                width=round(max(slot - gap, 0.5), 2),
                height=round(height, 2),
                count=count,
                label=date_format(day, "SHORT_DATE_FORMAT"),
            )
        )
    ticks = [
        Tick(y=round(baseline - plot_height * value / top_value, 2), value=value)
        for value in range(0, top_value + 1, step)
    ]
    # At most about six dates under the axis, so that they never overlap.
    every = max(1, math.ceil(len(per_day) / 6))
    dates = [
        DateLabel(x=round(bars[index].x + bars[index].width / 2, 2), text=bars[index].label)
        for index in range(0, len(per_day), every)
    ]
    return BarChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        baseline=baseline,
        bars=bars,
        ticks=ticks,
        dates=dates,
        total=sum(count for _day, count in per_day),
    )
