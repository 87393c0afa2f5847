"""Pure functions that make new plans and new versions of a plan.

The app never mutates a plan: it calls these (or `attrs.evolve`) and replaces
the plan it holds with the result.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from iep_meeting.model import dates
from iep_meeting.model.agenda import Agenda
from iep_meeting.model.plan import (
    Amends,
    Attendance,
    Facilitation,
    FamilyCopy,
    FollowUp,
    Goal,
    Meeting,
    MeetingKind,
    Period,
    Plan,
    Signature,
    SignOff,
    Status,
    Student,
)


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


def finalize(plan: Plan, today: dt.date) -> Plan:
    """The plan as agreed: final, dated today. The store seals it with its content hash."""
    return attrs.evolve(
        plan,
        status=Status.FINAL,
        sign_off=attrs.evolve(plan.sign_off, finalized=today),
        follow_up=None,
    )


def continue_later(plan: Plan, today: dt.date, open_items: tuple[str, ...], follow_up_date: dt.date | None) -> Plan:
    """Close this meeting as "to be continued": the plan stays a draft and lists
    what the follow-up meeting must still settle."""
    return attrs.evolve(plan, follow_up=FollowUp(closed=today, date=follow_up_date, open_items=open_items))


def amendment_of(final: Plan, amends: Amends, agenda: Agenda, meeting_date: dt.date) -> Plan:
    """A new draft that changes the final plan `final`: its content carried forward,
    the meeting record (decisions, sign-off, copy) left for the new meeting."""
    return attrs.evolve(
        final,
        status=Status.DRAFT,
        agenda=agenda.id,
        amends=amends,
        meeting=Meeting(
            kind=MeetingKind.AMENDMENT,
            date=meeting_date,
            interpreter_needed=final.meeting.interpreter_needed,
            previous_iep_date=final.meeting.date,
            last_evaluation_date=final.meeting.last_evaluation_date,
        ),
        # The same people are invited again; who comes is recorded at the new meeting.
        team=tuple(
            attrs.evolve(
                m,
                attendance=Attendance.INVITED,
                excusal=None,
                excusal_consent_date=None,
                written_input="",
                contact_attempts=(),
            )
            for m in final.team
        ),
        facilitation=Facilitation(),
        decisions=(),
        parking_lot=(),
        action_items=(),
        sign_off=SignOff(),
        family_copy=FamilyCopy(),
        follow_up=None,
    )


def with_signature_lines(plan: Plan, today: dt.date) -> Plan:
    """A sign-off line for everyone at the meeting (in person or remote) who has none yet."""
    listed = {s.name.strip().casefold() for s in plan.sign_off.signatures}
    new = tuple(
        Signature(name=m.name.strip(), role=m.role, date=today)
        for m in plan.team
        if m.at_meeting and m.name.strip() and m.name.strip().casefold() not in listed
    )
    if not new:
        return plan
    return attrs.evolve(plan, sign_off=attrs.evolve(plan.sign_off, signatures=plan.sign_off.signatures + new))
