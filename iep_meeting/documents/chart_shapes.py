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
# _POINTS: a place is rounded to a hundredth as `float("%.2f" % x)`, the same number as
# `round(x, 2)` (both round the exact value, half to even) in a third of the time: a
# report's charts place thousands of points.
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


def _ticks(low: float, high: float) -> list[float]:
    """Round values from below `low` to above `high`."""
    step = _nice_step(high - low)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    if first == last:
        first, last = first - step, last + step
    count = round((last - first) / step)
    return [first + step * index for index in range(count + 1)]


@attrs.define
class Known:
    """What the charts of one span share, each worked out once: where each day
    goes across, and each scale's ticks (a report's charts share their days, and
    goals measured alike their scales)."""

    across: dict[dt.date, float] = attrs.Factory(dict)
    scales: dict[tuple[float, float], list[float]] = attrs.Factory(dict)  # the ticks, by the lowest and highest value
    ticks: dict[tuple[float, ...], tuple[tuple[float, str], ...]] = attrs.Factory(dict)
    edges: tuple[float, float] | None = None  # where the span starts and ends across


def chart_shapes(chart: Chart, known: Known | None = None) -> Shapes:
    """The chart's shapes; `known`: what the charts of its span share."""
    left, top, right, bottom = LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM
    known = Known() if known is None else known
    values = [value for _, value in chart.points]
    if chart.aim is not None:
        values += chart.aim
    values = values or [0.0, 1.0]
    ends = (min(values), max(values))
    ticks = known.scales.get(ends) or known.scales.setdefault(ends, _ticks(*ends))
    low, high = ticks[0], ticks[-1]
    days = (chart.end - chart.start).days or 1
    width, height, span = right - left, bottom - top, high - low
    start = chart.start
    across = known.across

    def x(day_offset: float) -> float:
        return float("%.2f" % (left + width * min(max(day_offset / days, 0.0), 1.0)))  # round(…, 2): see _POINTS

    def y(value: float) -> float:
        return float("%.2f" % (bottom - height * (value - low) / span))

    for day, _ in chart.points:
        if day not in across:
            across[day] = x((day - start).days)
    points = tuple(
        [(across[day], float("%.2f" % (bottom - height * (value - low) / span))) for day, value in chart.points]
    )
    if known.edges is None:
        known.edges = (x(0), x(days))
    aim = (known.edges[0], y(chart.aim[0]), known.edges[1], y(chart.aim[1])) if chart.aim is not None else None
    scale = tuple(ticks)
    marks = known.ticks.get(scale)
    if marks is None:
        marks = known.ticks[scale] = tuple([(y(value), number_words(value)) for value in ticks])
    return Shapes(
        WIDTH,
        HEIGHT,
        (left, top, right, bottom),
        points,
        aim,
        marks,
        ((left, chart.labels[0]), (right, chart.labels[1])),
    )
