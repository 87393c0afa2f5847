"""The meeting as the audience sees it at one moment, before any language: the
plan, the agenda with its statuses, where the team is and the time to the
minute (`View`); and what was just recorded between two views (`notes`).

Two views that show the same are equal, so the clock's tick changes the page
only once a minute, and only a change that shows is sent to the browsers.
"""

from __future__ import annotations

import datetime as dt
import math

import attrs

from iep_meeting.meeting.clock import ClockReading, Phase
from iep_meeting.model.plan import Outcome, Plan, Status
from iep_meeting.share.meeting_source import AgendaStep, LiveMeeting


@attrs.frozen
class TimeNow:
    """The clock to the minute: what the page says about time."""

    phase: Phase
    section_minutes: int  # minutes left in the section; below 0, minutes over its time
    past_end: int  # whole minutes past the planned end (0: not past it)
    ends: dt.time | None
    starts: dt.time | None
    day: dt.date | None


def _minutes(seconds: float) -> int:
    """Minutes, rounded away from zero: 30 s left is "1 minute left", not "0"."""
    return int(math.copysign(math.ceil(abs(seconds) / 60), seconds)) if seconds else 0


def time_now(reading: ClockReading) -> TimeNow:
    return TimeNow(
        phase=reading.phase,
        section_minutes=_minutes(reading.section_left),
        past_end=_minutes(reading.past_end),
        ends=reading.planned_end.time() if reading.planned_end is not None else None,
        starts=reading.starts.time() if reading.starts is not None else None,
        day=reading.meeting_date,
    )


@attrs.frozen
class View:
    plan: Plan
    agenda: tuple[AgendaStep, ...]
    current: str  # the id of the section the team is on
    time: TimeNow

    @property
    def step(self) -> AgendaStep | None:
        """The agenda section the team is on."""
        return next((step for step in self.agenda if step.id == self.current), None)


def snapshot(meeting: LiveMeeting) -> View:
    return View(meeting.plan, meeting.agenda(), meeting.current_section(), time_now(meeting.clock()))


@attrs.frozen
class Note:
    """One thing just recorded, for the page to announce."""

    kind: str  # one of NOTE_KINDS
    text: str = ""  # the team's words (a decision, a topic, a step), or the section's title
    outcome: Outcome | None = None  # a decision's
    section: str = ""  # the id of the section the team moved to


NOTE_KINDS = ("decision", "topic", "step", "moved", "final")


def notes(before: View, after: View) -> tuple[Note, ...]:
    """What was recorded between two views: a decision, a parking-lot topic or a
    next step added, a move to another section, the plan made final. Not every
    keystroke: text typed into a field changes the page without a word."""
    found: list[Note] = []
    if after.plan.status is Status.FINAL and before.plan.status is not Status.FINAL:
        return (Note("final"),)
    if after.current != before.current and after.step is not None:
        found.append(Note("moved", after.step.title, section=after.step.id))
    old, new = before.plan, after.plan
    found += [Note("decision", d.what.strip(), d.outcome) for d in new.decisions[len(old.decisions) :]]
    found += [Note("topic", item.topic.strip()) for item in new.parking_lot[len(old.parking_lot) :]]
    found += [Note("step", item.what.strip()) for item in new.action_items[len(old.action_items) :]]
    return tuple(found)
