"""A goal's points and its aim line drawn in characters, with Textual's own
widgets: a dot (●) for each point, a middle dot (·) for the aim line, the
values at the left and the plan's first and last days below. A point after the
plan's last day (a plan stays in effect until the next one is agreed) widens
the chart to its day; the aim line ends on the plan's last day. The shapes
differ (never colour alone) and a line of words under it says which is which."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.widgets import Static

from iep_meeting.model.goal_progress import AimLine, DataPoint, number_words

ROWS = 8
LABEL_WIDTH = 6
POINT, AIM = "●", "·"


def _range(values: list[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    if high == low:
        return low - 1, high + 1
    return low, high


def chart_lines(points: list[DataPoint], aim: AimLine | None, start: dt.date, end: dt.date, width: int) -> list[str]:
    """The chart as lines of text, `width` characters wide, from `start` to `end`
    (the plan's first and last days), or to its last point when that is later."""
    columns = max(width - LABEL_WIDTH - 1, 10)
    plan_end, end = end, max([end, *(p.date for p in points)])
    values = [p.measure for p in points] + ([aim.baseline, aim.target] if aim is not None else [])
    low, high = _range(values or [0.0, 1.0])
    days = (end - start).days or 1

    def row(value: float) -> int:
        return round((ROWS - 1) * (high - value) / (high - low))

    def column(day: dt.date) -> int:
        return min(max(round((columns - 1) * (day - start).days / days), 0), columns - 1)

    grid = [[" "] * columns for _ in range(ROWS)]
    if aim is not None:
        for x in range(column(plan_end) + 1):
            day = start + dt.timedelta(days=days * x / (columns - 1))
            grid[min(max(row(aim.at(day)), 0), ROWS - 1)][x] = AIM
    for point in points:
        grid[min(max(row(point.measure), 0), ROWS - 1)][column(point.date)] = POINT
    labels = {0: number_words(high), ROWS - 1: number_words(low), (ROWS - 1) // 2: number_words((high + low) / 2)}
    lines = [f"{labels.get(y, ''):>{LABEL_WIDTH}}│{''.join(cells)}" for y, cells in enumerate(grid)]
    lines.append(" " * LABEL_WIDTH + "└" + "─" * columns)
    first, last = start.isoformat(), end.isoformat()
    lines.append(" " * (LABEL_WIDTH + 1) + first + " " * max(columns - len(first) - len(last), 1) + last)
    lines.append(" " * (LABEL_WIDTH + 1) + f"{POINT} points measured   {AIM} aim line, from the baseline to the target")
    return lines


class ProgressChart(Static):
    """The chart of one goal; `show` draws it again for new points."""

    DEFAULT_CSS = "ProgressChart { height: auto; color: $foreground; }"

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self._data: tuple[list[DataPoint], AimLine | None, dt.date, dt.date] | None = None

    def show(self, points: list[DataPoint], aim: AimLine | None, start: dt.date, end: dt.date) -> None:
        self._data = (points, aim, start, end)
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if self._data is None:
            return
        width = self.size.width or 70
        self.update(Text("\n".join(chart_lines(*self._data, width))))
