"""A plan moved in time keeps its dates in the same order around its meeting."""

from __future__ import annotations

import datetime as dt

import attrs

from iep_meeting.model.moved import shifted, starting_at
from tests.factories import small_plan


def test_every_date_moves_by_the_same_days_and_the_meeting_starts_at_the_given_minute() -> None:
    plan = small_plan()
    assert plan.meeting.date is not None
    moved = starting_at(plan, dt.datetime(2027, 3, 1, 9, 5, 42))
    days = (dt.date(2027, 3, 1) - plan.meeting.date).days
    assert moved.meeting.date == dt.date(2027, 3, 1)
    assert moved.meeting.start_time == dt.time(9, 5)
    assert moved.meeting.planned_end == dt.time(10, 20)  # 75 minutes, as the plan had them
    assert moved.period.start == plan.period.start + dt.timedelta(days=days)
    # Apart from the meeting's times, it is the plan with every date shifted.
    assert moved == attrs.evolve(shifted(plan, days), meeting=moved.meeting)
    assert moved.decisions[0].time == plan.decisions[0].time + dt.timedelta(days=days)


def test_a_meeting_late_in_the_day_ends_by_midnight() -> None:
    moved = starting_at(small_plan(), dt.datetime(2027, 3, 1, 23, 30))
    assert moved.meeting.planned_end == dt.time(23, 59)
