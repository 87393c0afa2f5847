"""Pure functions that make new plans and new versions of a plan.

The app never mutates a plan: it calls these (or `attrs.evolve`) and replaces
the plan it holds with the result.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

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
    ParkingLotState,
    Period,
    Plan,
    Signature,
    SignOff,
    Status,
    Student,
    TeamMember,
)
from iep_meeting.model.rules import IEP_TEAM_ROLES
from iep_meeting.model.translations import carried_translations


def new_plan(student_name: str, agenda: Agenda, meeting_date: dt.date) -> Plan:
    """A draft for a meeting on `meeting_date`; the plan period starts that day."""
    return Plan(
        student=Student(name=student_name),
        meeting=Meeting(kind=agenda.meeting_kind, date=meeting_date),
        period=Period(start=meeting_date, end=dates.plan_end(meeting_date)),
        agenda=agenda.id,
    )


def next_id(stem: str, items: Iterable[Any]) -> str:
    """'<stem>-N' one past the highest used ('goal-4', 'service-2'): ids never
    repeat, even after removals, so what refers to one never slips to another."""
    pattern = re.compile(rf"^{re.escape(stem)}-(\d+)$")
    numbers = [int(m.group(1)) for item in items if (m := pattern.match(item.id))]
    return f"{stem}-{max(numbers, default=0) + 1}"


def next_goal_id(goals: tuple[Goal, ...]) -> str:
    return next_id("goal", goals)


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
    the meeting record (decisions, sign-off, copies) left for the new meeting,
    except what the last meeting left open: parking-lot topics not resolved,
    action items not done, and a planned follow-up. The translations of the texts it
    still holds come along (model/translations.py)."""
    amendment = attrs.evolve(
        final,
        status=Status.DRAFT,
        agenda=agenda.id,
        amends=amends,
        meeting=Meeting(
            kind=MeetingKind.AMENDMENT,
            date=meeting_date,
            interpreter_status=final.meeting.interpreter_status,
            previous_iep_date=final.meeting.date,
            last_evaluation_date=final.meeting.last_evaluation_date,
        ),
        team=invited_again(final.team),
        follows=None,  # an amendment changes one plan; it does not start a year
        facilitation=Facilitation(),
        decisions=(),
        parking_lot=tuple(item for item in final.parking_lot if item.state is not ParkingLotState.RESOLVED),
        action_items=tuple(item for item in final.action_items if not item.done),
        sign_off=SignOff(),
        family_copies=(),
        copies_after_final=(),
    )
    return attrs.evolve(amendment, translations=carried_translations(final.translations, amendment))


def invited_again(team: tuple[TeamMember, ...]) -> tuple[TeamMember, ...]:
    """The same people, invited to a new meeting: who comes, and any excusal, is recorded there."""
    return tuple(
        attrs.evolve(
            member,
            attendance=Attendance.INVITED,
            excusal=None,
            excusal_consent_date=None,
            written_input="",
            contact_attempts=(),
            present_from=None,
            present_until=None,
            excusal_school_agreed=None,
            written_input_date=None,
        )
        for member in team
    )


def with_signature_lines(plan: Plan, day: dt.date, agrees: bool | None = None) -> Plan:
    """A sign-off line, dated `day`, for every member of the IEP team at the meeting
    (in person or remote) who has none yet; `agrees=True` records at once that
    they agree, so that only the exceptions are edited."""
    listed = {s.name.strip().casefold() for s in plan.sign_off.signatures}
    new = tuple(
        Signature(name=m.name.strip(), role=m.role, agrees=agrees, date=day)
        for m in plan.team
        if m.at_meeting and m.role in IEP_TEAM_ROLES and m.name.strip() and m.name.strip().casefold() not in listed
    )
    if not new:
        return plan
    return attrs.evolve(plan, sign_off=attrs.evolve(plan.sign_off, signatures=plan.sign_off.signatures + new))


def _language_key(copy: FamilyCopy) -> str:
    return (copy.language.strip() or "English").casefold()


def with_family_copy(plan: Plan, made: FamilyCopy) -> Plan:
    """`plan` with a copy the app made recorded.

    In a draft, among the family's copies: it takes the place of the record of the
    same document in the same language (a copy made again after a last edit), else
    of a copy in that language recorded by hand without a file, else it is added;
    how the family gets it, when already recorded, stays. In a final plan, among
    the copies made after finalizing, outside the seal: every file made is kept
    (the plan no longer changes, so a copy made again is a second file given),
    the same file once."""
    if plan.status is Status.FINAL:
        if made in plan.copies_after_final:
            return plan
        return attrs.evolve(plan, copies_after_final=(*plan.copies_after_final, made))
    copies = plan.family_copies
    same = [i for i, copy in enumerate(copies) if _language_key(copy) == _language_key(made)]
    index = next((i for i in same if copies[i].document == made.document), None)
    if index is None:
        index = next((i for i in same if not copies[i].document and not copies[i].sha256), None)
    if index is None:
        return attrs.evolve(plan, family_copies=(*copies, made))
    replaced = attrs.evolve(
        copies[index], date=made.date, language=made.language, document=made.document, sha256=made.sha256
    )
    return attrs.evolve(plan, family_copies=(*copies[:index], replaced, *copies[index + 1 :]))
