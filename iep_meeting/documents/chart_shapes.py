"""A chart (documents/document.py `Chart`) as shapes: where each point, the aim
line, the frame and the labels go, in one unit for both formats (a CSS pixel
in the HTML's SVG, a point in the PDF's typst box), so they draw the same chart.

The time runs left to right over the whole plan period, so the aim line is
the straight line from the baseline at the start to the target at the end; the
values run bottom to top, the range padded to hold the points and the line.
"""

from __future__ import annotations

import datetime as dt
import math

import attrs

from iep_meeting.documents.document import Chart
from iep_meeting.model.goal_progress import number_words

WIDTH, HEIGHT = 440.0, 170.0
LEFT, RIGHT, TOP, BOTTOM = 44.0, 10.0, 10.0, 22.0  # room for the value labels and the dates


@attrs.frozen
class Shapes:
    width: float
    height: float
    frame: tuple[float, float, float, float]  # left, top, right, bottom of the plot area
    points: tuple[tuple[float, float], ...]
    aim: tuple[float, float, float, float] | None  # x1, y1, x2, y2
    ticks: tuple[tuple[float, str], ...]  # (y, the value there)
    labels: tuple[tuple[float, str], tuple[float, str]]  # (x, words) of the start and the end


def _nice_step(span: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) that cuts `span` into about three."""
    raw = span / 3 or 1.0
    power: float = 10 ** math.floor(math.log10(raw))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= raw)


def _ticks(values: list[float]) -> list[float]:
    """Round values from below the lowest of `values` to above the highest."""
    low, high = min(values), max(values)
    step = _nice_step(high - low)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    if first == last:
        first, last = first - step, last + step
    count = round((last - first) / step)
    return [first + step * index for index in range(count + 1)]


def chart_shapes(chart: Chart, across: dict[dt.date, float] | None = None) -> Shapes:
    """The chart's shapes; `across` keeps where each day is for charts of the same
    span (a report's charts share their days), so each is worked out once."""
    left, top, right, bottom = LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM
    values = [value for _, value in chart.points] + list(chart.aim or ())
    ticks = _ticks(values or [0.0, 1.0])
    low, high = ticks[0], ticks[-1]
    days = (chart.end - chart.start).days or 1
    width, height, span = right - left, bottom - top, high - low
    start = chart.start
    across = {} if across is None else across

    def x(day_offset: float) -> float:
        return round(left + width * min(max(day_offset / days, 0.0), 1.0), 2)

    def y(value: float) -> float:
        return round(bottom - height * (value - low) / span, 2)

    def at(day: dt.date) -> float:
        found = across.get(day)
        if found is None:
            found = across[day] = x((day - start).days)
        return found

    points = tuple((at(day), round(bottom - height * (value - low) / span, 2)) for day, value in chart.points)
    aim = (x(0), y(chart.aim[0]), x(days), y(chart.aim[1])) if chart.aim is not None else None
    return Shapes(
        WIDTH,
        HEIGHT,
        (left, top, right, bottom),
        points,
        aim,
        tuple((y(value), number_words(value)) for value in ticks),
        ((left, chart.labels[0]), (right, chart.labels[1])),
    )
