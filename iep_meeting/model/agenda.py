"""Agendas: the ordered sections a facilitated IEP meeting walks through.

An agenda is data (a TOML file under agendas/ or the user's agenda folder);
these classes are what such a file holds once read.
"""

from __future__ import annotations

import functools
import types
import typing
from enum import StrEnum

import attrs

from iep_meeting.model import dates
from iep_meeting.model.plan import MeetingKind, Plan
from iep_meeting.model.rules import FEDERAL, Profile


class Condition(StrEnum):
    """When a section is part of the meeting; the empty string means always."""

    ALWAYS = ""
    # The student turns the profile's transition age (16 under IDEA) by the end of the plan period.
    TRANSITION_DUE = "transition-due"
    # The plan follows an earlier IEP (its previous goals are listed).
    HAS_PREVIOUS_IEP = "has-previous-iep"


@attrs.frozen(kw_only=True)
class Section:
    """One part of the meeting.

    `covers` and `requires` hold plan field paths: attribute names joined by
    dots, from `Plan` down ("lre", "present_levels.areas",
    "special_factors.behavior.needed"). A path may go through a list of records
    ("goals.baseline", "present_levels.previous_goals.progress"): it then names
    that field in every item. `plan_field_paths()` lists every valid path, and
    agenda files are checked against it.

    What "filled in" means for `requires` (for the checklist): a value is filled
    when it is not None, not "" and not an empty list (False is filled: it is
    an answer); a record is filled when it differs from its default; a path
    through a list is filled when the list has at least one item and the field
    is filled in every item.
    """

    id: str
    title: str
    minutes: int  # time budget
    say: tuple[str, ...] = ()  # what the facilitator says, in plain language
    ask: tuple[str, ...] = ()  # what the facilitator asks the team
    # Parts of the plan this section edits, as plan field paths ("goals", "present_levels.areas").
    covers: tuple[str, ...] = ()
    # Plan field paths that must be filled in for the section to count as complete:
    # a district's own requirement, beyond the law's (which the checklist knows).
    requires: tuple[str, ...] = ()
    # Plan field paths the checklist advises filling in (good practice, not a condition).
    recommends: tuple[str, ...] = ()
    when: Condition = Condition.ALWAYS
    # The least time the section can be given when the budgets are fitted to a
    # shorter meeting (meeting/timeboxes.py); None: one minute.
    minimum: int | None = None
    # The plan field path where the team's discussion of this section starts: moving
    # to the section puts the cursor there ("" : the section's first field that takes typing).
    starts_at: str = ""


@attrs.frozen(kw_only=True)
class Agenda:
    id: str
    title: str
    meeting_kind: MeetingKind
    description: str = ""
    # The rule profile (agendas/profiles/<id>.toml) of a plan that names none; "" is federal.
    profile: str = ""
    sections: tuple[Section, ...] = ()


# --- plan field paths -------------------------------------------------------------------


def _record_type(type_: typing.Any) -> type | None:
    """The attrs class a field's type leads into (through `| None` and
    `tuple[X, ...]`), or None for a plain value."""
    args = typing.get_args(type_)
    if typing.get_origin(type_) in (typing.Union, types.UnionType):
        records = [_record_type(arg) for arg in args if arg is not type(None)]
        return records[0] if len(records) == 1 else None
    if typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _record_type(args[0])
    if isinstance(type_, type) and attrs.has(type_):
        return type_
    return None


def _paths_of(cls: type, prefix: str) -> typing.Iterator[str]:
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        path = f"{prefix}{field.name}"
        yield path
        record = _record_type(hints[field.name])
        if record is not None:
            yield from _paths_of(record, f"{path}.")


@functools.cache
def plan_field_paths() -> frozenset[str]:
    """Every field path of a Plan: "team", "team.name", "lre.explanation", ..."""
    return frozenset(_paths_of(Plan, ""))


# Which built-in agenda a plan that names none follows.
AGENDA_FOR_KIND = {
    MeetingKind.INITIAL: "initial",
    MeetingKind.ANNUAL_REVIEW: "annual-review",
    MeetingKind.REEVALUATION: "annual-review",
    MeetingKind.AMENDMENT: "amendment",
}


def agenda_id_for(plan: Plan) -> str:
    return plan.agenda or AGENDA_FOR_KIND[plan.meeting.kind]


def condition_holds(condition: Condition, plan: Plan, profile: Profile = FEDERAL) -> bool:
    if condition is Condition.ALWAYS:
        return True
    if condition is Condition.TRANSITION_DUE:
        birth = plan.student.date_of_birth
        if birth is None or plan.period.end < plan.period.start:
            return False  # a period that ends before it starts is reported by the checklist
        return dates.transition_due(birth, plan.period.start, plan.period.end, profile.transition_section_age)
    if condition is Condition.HAS_PREVIOUS_IEP:
        return bool(plan.present_levels.previous_goals) or plan.meeting.previous_iep_date is not None
    raise ValueError(f"unknown condition {condition!r}")


def sections_for(agenda: Agenda, plan: Plan, profile: Profile = FEDERAL) -> tuple[Section, ...]:
    """The sections this plan's meeting walks through, in order, under `profile`'s ages."""
    return tuple(s for s in agenda.sections if condition_holds(s.when, plan, profile))


def total_minutes(sections: tuple[Section, ...]) -> int:
    return sum(section.minutes for section in sections)
