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
from typing import NamedTuple

import attrs

from iep_meeting.documents.document import Chart
from iep_meeting.model.goal_progress import number_words

WIDTH, HEIGHT = 440.0, 170.0
# _POINTS: a place is rounded to a hundredth as `float("%.2f" % x)`, the same number as
# `round(x, 2)` (both round the exact value, half to even) in a third of the time: a
# report's charts place thousands of points.
LEFT, RIGHT, TOP, BOTTOM = 44.0, 10.0, 10.0, 22.0  # room for the value labels and the dates
_RIGHT, _BOTTOM = WIDTH - RIGHT, HEIGHT - BOTTOM  # of the plot area
_WIDTH, _HEIGHT = _RIGHT - LEFT, _BOTTOM - TOP


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
    for step in (1, 2, 5):
        if step * power >= raw:
            return step * power
    return 10 * power


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
    across_text: dict[dt.date, str] = attrs.Factory(dict)  # "x," as an SVG writes it (`chart_places`)
    # A scale's bottom, span and ticks, by the lowest and highest value.
    scales: dict[tuple[float, float], tuple[float, float, tuple[tuple[float, str], ...]]] = attrs.Factory(dict)
    ticks: dict[tuple[float, ...], tuple[tuple[float, str], ...]] = attrs.Factory(dict)
    edges: tuple[float, float] | None = None  # where the span starts and ends across


class _Scale(NamedTuple):
    """Where a chart's values go up and down, and its aim line and value labels."""

    low: float  # the value at the bottom of the plot area
    span: float  # the values from bottom to top
    aim: tuple[float, float, float, float] | None
    ticks: tuple[tuple[float, str], ...]


def _scale(chart: Chart, known: Known) -> _Scale:
    values = (*chart.values, *chart.aim) if chart.aim is not None else chart.values
    ends = (min(values), max(values)) if values else (0.0, 1.0)
    scale = known.scales.get(ends)
    if scale is None:
        scale = known.scales[ends] = _scale_of(ends, known)
    low, span, marks = scale
    if chart.aim is None:
        return _Scale(low, span, None, marks)
    if known.edges is None:
        known.edges = (_x(chart, 0), _x(chart, (chart.end - chart.start).days or 1))
    (left, right), (baseline, target) = known.edges, chart.aim
    return _Scale(low, span, (left, _y(baseline, low, span), right, _y(target, low, span)), marks)


def _scale_of(ends: tuple[float, float], known: Known) -> tuple[float, float, tuple[tuple[float, str], ...]]:
    """The bottom and the span of the values of a chart from `ends[0]` to `ends[1]`, and its ticks."""
    ticks = _ticks(*ends)
    low, span = ticks[0], ticks[-1] - ticks[0]
    marks = known.ticks.get(tuple(ticks))  # one object for each scale (an HTML chart's frame is written once)
    if marks is None:
        marks = known.ticks[tuple(ticks)] = tuple([(_y(value, low, span), number_words(value)) for value in ticks])
    return low, span, marks


def _y(value: float, low: float, span: float) -> float:
    """Where `value` goes up, on a scale from `low` over `span` (as each point in `chart_shapes`)."""
    return float("%.2f" % (_BOTTOM - _HEIGHT * (value - low) / span))  # round(…, 2): see _POINTS


def _x(chart: Chart, day_offset: float) -> float:
    """Where a day `day_offset` days after the chart's start goes across."""
    days = (chart.end - chart.start).days or 1
    return float("%.2f" % (LEFT + _WIDTH * min(max(day_offset / days, 0.0), 1.0)))  # round(…, 2): see _POINTS


def chart_shapes(chart: Chart, known: Known | None = None) -> Shapes:
    """The chart's shapes; `known`: what the charts of its span share."""
    known = Known() if known is None else known
    low, span, aim, marks = _scale(chart, known)
    start, across = chart.start, known.across
    for day in set(chart.days).difference(across):
        across[day] = _x(chart, (day - start).days)
    points = tuple(
        [
            (across[day], float("%.2f" % (_BOTTOM - _HEIGHT * (value - low) / span)))
            for day, value in zip(chart.days, chart.values, strict=True)
        ]
    )
    return Shapes(
        WIDTH,
        HEIGHT,
        (LEFT, TOP, _RIGHT, _BOTTOM),
        points,
        aim,
        marks,
        ((LEFT, chart.labels[0]), (_RIGHT, chart.labels[1])),
    )


class Places(NamedTuple):
    """A chart's shapes as an SVG writes them: the points as "x,y" texts."""

    points: list[str]
    aim: tuple[float, float, float, float] | None
    ticks: tuple[tuple[float, str], ...]


def chart_places(chart: Chart, known: Known) -> Places:
    """`chart_shapes` with each point as its SVG text: "x,y", each as "%g" writes the
    number `chart_shapes` places there. A place is inside the chart, so it has at
    most three digits before the point, and "%.2f" with its trailing zeros cut
    writes the same as "%g" of the number rounded, without making that number."""
    low, span, aim, marks = _scale(chart, known)
    start, across = chart.start, known.across_text
    if not all(map(across.__contains__, chart.days)):  # most charts' days are known from the charts before
        for day in set(chart.days).difference(across):
            across[day] = f"{_x(chart, (day - start).days):g},"
    points = [
        across[day] + ("%.2f" % (_BOTTOM - _HEIGHT * (value - low) / span)).rstrip("0").rstrip(".")
        for day, value in zip(chart.days, chart.values, strict=True)
    ]
    return Places(points, aim, marks)
