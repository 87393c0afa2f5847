"""A plan moved in time: every date in it shifted by the same number of days.

The demo uses it so that the bundled sample's meeting is today and starts as
the app opens, with its plan period, evaluations and deadlines in the same
order around the meeting as the sample has them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from iep_meeting.model.plan import Plan


def shifted(value: Any, days: int) -> Any:
    """`value` with every date and time stamp in it `days` later (records and lists walked through)."""
    if isinstance(value, dt.date):  # dt.datetime too
        return value + dt.timedelta(days=days)
    if isinstance(value, tuple):
        return tuple(shifted(item, days) for item in value)
    if attrs.has(type(value)):
        changes = {field.name: shifted(getattr(value, field.name), days) for field in attrs.fields(type(value))}
        return attrs.evolve(value, **changes)
    return value


def starting_at(plan: Plan, start: dt.datetime) -> Plan:
    """The plan's meeting on `start`'s day at its time (to the minute), every other
    date moved by as many days, and the planned end as long after the start as it was
    (the end of that day at the latest). A plan with no meeting date keeps its dates."""
    meeting = plan.meeting
    days = (start.date() - meeting.date).days if meeting.date is not None else 0
    moved: Plan = shifted(plan, days)
    start = start.replace(second=0, microsecond=0)
    end = None
    if meeting.start_time is not None and meeting.planned_end is not None:
        length = dt.datetime.combine(start.date(), meeting.planned_end) - dt.datetime.combine(
            start.date(), meeting.start_time
        )
        last = dt.datetime.combine(start.date(), dt.time(23, 59))
        end = min(start + length, last).time()
    return attrs.evolve(
        moved,
        meeting=attrs.evolve(
            moved.meeting, date=start.date(), start_time=start.time(), planned_end=end or meeting.planned_end
        ),
    )
