"""Pure functions that make new plans and new versions of a plan.

The app never mutates a plan: it calls these (or `attrs.evolve`) and replaces
the plan it holds with the result.
"""

from __future__ import annotations

import datetime as dt
import re

from . import dates
from .agenda import Agenda
from .plan import Goal, Meeting, Period, Plan, Student


def new_plan(student_name: str, agenda: Agenda, meeting_date: dt.date) -> Plan:
    """A draft for a meeting on `meeting_date`; the plan period starts that day."""
    return Plan(
        student=Student(name=student_name),
        meeting=Meeting(kind=agenda.meeting_kind, date=meeting_date),
        period=Period(start=meeting_date, end=dates.plan_end(meeting_date)),
        agenda=agenda.id,
    )


_GOAL_ID = re.compile(r"^goal-(\d+)$")


def next_goal_id(goals: tuple[Goal, ...]) -> str:
    """'goal-N' one past the highest used: ids never repeat, even after removals."""
    numbers = [int(m.group(1)) for g in goals if (m := _GOAL_ID.match(g.id))]
    return f"goal-{max(numbers, default=0) + 1}"


