"""Agendas: the ordered sections a facilitated IEP meeting walks through.

An agenda is data (a TOML file under agendas/ or the user's agenda folder);
these classes are what such a file holds once read.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from . import dates
from .plan import MeetingKind, Plan

frozen = attrs.frozen(kw_only=True)


class Condition(StrEnum):
    """When a section is part of the meeting; the empty string means always."""

    ALWAYS = ""
    # The student turns the agenda's transition age (16) by the end of the plan period.
    TRANSITION_DUE = "transition-due"
    # The plan follows an earlier IEP (its previous goals are listed).
    HAS_PREVIOUS_IEP = "has-previous-iep"


@frozen
class Section:
    id: str
    title: str
    minutes: int  # time budget
    say: tuple[str, ...] = ()  # what the facilitator says, in plain language
    ask: tuple[str, ...] = ()  # what the facilitator asks the team
    # Parts of the plan this section edits, as plan field paths ("goals", "present_levels.areas").
    covers: tuple[str, ...] = ()
    # Plan field paths that must be filled in for the section to count as complete.
    requires: tuple[str, ...] = ()
    when: Condition = Condition.ALWAYS


@frozen
class Agenda:
    id: str
    title: str
    meeting_kind: MeetingKind
    description: str = ""
    transition_age: int = 16
    age_of_majority: int = 18  # set by the state; 18 in most
    sections: tuple[Section, ...] = ()


def condition_holds(condition: Condition, agenda: Agenda, plan: Plan) -> bool:
    if condition is Condition.ALWAYS:
        return True
    if condition is Condition.TRANSITION_DUE:
        birth = plan.student.date_of_birth
        if birth is None:
            return False
        return dates.transition_due(birth, plan.period.start, plan.period.end, agenda.transition_age)
    if condition is Condition.HAS_PREVIOUS_IEP:
        return bool(plan.present_levels.previous_goals) or plan.meeting.previous_iep_date is not None
    raise ValueError(f"unknown condition {condition!r}")


def sections_for(agenda: Agenda, plan: Plan) -> tuple[Section, ...]:
    """The sections this plan's meeting walks through, in order."""
    return tuple(s for s in agenda.sections if condition_holds(s.when, agenda, plan))


def total_minutes(sections: tuple[Section, ...]) -> int:
    return sum(section.minutes for section in sections)
