"""The progress screen's chart in characters (tui/progress/chart.py): each point
at its day, the aim line across the plan's year."""

from __future__ import annotations

import datetime as dt

from iep_meeting.model.goal_progress import AimLine, DataPoint
from iep_meeting.tui.progress.chart import AIM, LABEL_WIDTH, POINT, chart_lines
from tests.factories import PERIOD_END, PERIOD_START

AIM_LINE = AimLine(PERIOD_START, PERIOD_END, 82, 110)
WIDTH = 60


def plot(lines: list[str]) -> list[str]:
    """The plotted area of each row: what is right of the axis."""
    return [line[LABEL_WIDTH + 1 :] for line in lines[:8]]


def column_of(lines: list[str], mark: str) -> list[int]:
    return sorted({row.index(mark) for row in plot(lines) if mark in row})


def test_a_point_on_the_plan_s_last_day_is_at_the_right_edge_with_the_aim_line_end() -> None:
    lines = chart_lines([DataPoint("g", PERIOD_END, 110)], AIM_LINE, PERIOD_START, PERIOD_END, WIDTH)
    assert column_of(lines, POINT) == [WIDTH - LABEL_WIDTH - 2]  # the last column
    assert (
        max(row.rindex(AIM) for row in plot(lines) if AIM in row) == WIDTH - LABEL_WIDTH - 3
    )  # the point covers its end
    assert lines[-2].rstrip().endswith(PERIOD_END.isoformat())


def test_a_point_after_the_plan_s_last_day_widens_the_chart_to_its_day() -> None:
    """A plan stays in effect until the next one is agreed: a point measured then
    is at its own day, not piled on the plan's last one, and the aim line ends
    where the plan does."""
    later = PERIOD_END + dt.timedelta(days=73)  # a fifth of a year later
    points = [DataPoint("g", PERIOD_END - dt.timedelta(days=60), 100), DataPoint("g", later, 112)]
    lines = chart_lines(points, AIM_LINE, PERIOD_START, PERIOD_END, WIDTH)
    columns = WIDTH - LABEL_WIDTH - 1
    shown_days, plan_days = (later - PERIOD_START).days, (PERIOD_END - PERIOD_START).days
    assert column_of(lines, POINT) == [
        round((columns - 1) * (plan_days - 60) / shown_days),  # at its day, not squeezed to the year's end
        columns - 1,  # the later point at the right edge
    ]
    aim_end = max(row.rindex(AIM) for row in plot(lines) if AIM in row)
    assert aim_end == round((columns - 1) * plan_days / shown_days)  # the aim line stops on the plan's last day
    assert lines[-2].rstrip().endswith(later.isoformat())
