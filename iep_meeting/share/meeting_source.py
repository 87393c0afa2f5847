"""What the audience view needs from a running meeting, and nothing more.

`LiveMeeting` is the interface: the current plan, the agenda with where the
team is and how each section stands, the meeting clock, the family's language,
and a way to hear about every change. `share/live.py` adapts the app's
`MeetingSession` to it; tests drive the view through a fake
(tests/live_meeting.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import attrs

from iep_meeting.meeting.clock import ClockReading
from iep_meeting.model.plan import Plan
from iep_meeting.model.progress import SectionStatus

Unsubscribe = Callable[[], None]


@attrs.frozen
class AgendaStep:
    """One section of the meeting's agenda, as the audience sees it."""

    id: str
    title: str  # the agenda's words (in English: agendas are written in English)
    minutes: int  # its time on the agenda
    status: SectionStatus
    parts: tuple[str, ...] = ()  # the parts of the plan it covers: "goals", "services", ...


class LiveMeeting(Protocol):
    """A meeting in progress, as the audience view reads it. Every method is called
    on the event loop the meeting runs on."""

    @property
    def plan(self) -> Plan:
        """The plan as it is now."""
        ...

    def agenda(self) -> tuple[AgendaStep, ...]:
        """The agenda's sections in order, each with its status now."""
        ...

    def current_section(self) -> str:
        """The id of the section the team is on."""
        ...

    def clock(self) -> ClockReading:
        """The meeting clock now (time left in the section, the planned end)."""
        ...

    def family_language(self) -> str:
        """The locale of the family's language ("en", "es"): the page's language
        until a viewer picks another."""
        ...

    def subscribe(self, callback: Callable[[Plan], None]) -> Unsubscribe:
        """Call `callback(plan)` after every change of the plan, every move to another
        section and every tick of the clock, until the returned function is called."""
        ...


def plan_part(path: str) -> str:
    """The part of the plan a field path is in: "present_levels.areas" → "present_levels"."""
    return path.split(".", 1)[0]
