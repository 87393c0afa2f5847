"""A running meeting the tests drive by hand, as the audience view sees one
(share/meeting_source.py's `LiveMeeting`): edit the plan, move to a section,
move the clock; every subscriber hears of each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs

from iep_meeting.meeting.clock import ClockReading, Phase
from iep_meeting.model.plan import Plan
from iep_meeting.model.progress import SectionStatus
from iep_meeting.share.meeting_source import AgendaStep, Unsubscribe
from tests.factories import small_plan

NOW = dt.datetime(2026, 3, 12, 15, 10)

AGENDA = (
    AgendaStep("start-up", "Welcome and start-up", 10, SectionStatus.COMPLETE, ("team", "facilitation", "meeting")),
    AgendaStep("present-levels", "Present levels and parent concerns", 15, SectionStatus.COMPLETE, ("present_levels",)),
    AgendaStep("goals", "Goals", 20, SectionStatus.IN_PROGRESS, ("goals",)),
    AgendaStep("services", "Special education and related services", 15, SectionStatus.NOT_STARTED, ("services",)),
    AgendaStep("accommodations", "Accommodations", 10, SectionStatus.NOT_STARTED, ("accommodations",)),
    AgendaStep(
        "placement",
        "Placement, state tests and special factors",
        10,
        SectionStatus.NOT_STARTED,
        ("lre", "assessment", "special_factors", "esy"),
    ),
    AgendaStep(
        "close",
        "Close and sign-off",
        10,
        SectionStatus.NEEDS_ATTENTION,
        ("decisions", "parking_lot", "action_items", "sign_off", "family_copies"),
    ),
)


class FakeMeeting:
    """A `LiveMeeting` whose plan, place on the agenda and clock a test sets."""

    def __init__(self, plan: Plan | None = None, *, language: str = "en", current: str = "goals") -> None:
        self.plan = plan if plan is not None else small_plan()
        self.steps: tuple[AgendaStep, ...] = AGENDA
        self.current = current
        self.language = language
        self.reading = ClockReading(
            phase=Phase.RUNNING,
            elapsed=35 * 60,
            section_spent=8 * 60,
            section_budget=20 * 60,
            now=NOW,
            planned_end=dt.datetime(2026, 3, 12, 16, 30),
        )
        self.subscribers: list[Callable[[Plan], None]] = []

    # LiveMeeting

    def agenda(self) -> tuple[AgendaStep, ...]:
        return self.steps

    def current_section(self) -> str:
        return self.current

    def clock(self) -> ClockReading:
        return self.reading

    def family_language(self) -> str:
        return self.language

    def subscribe(self, callback: Callable[[Plan], None]) -> Unsubscribe:
        self.subscribers.append(callback)

        def unsubscribe() -> None:
            self.subscribers.remove(callback)

        return unsubscribe

    # what a test does

    def tell(self) -> None:
        for callback in list(self.subscribers):
            callback(self.plan)

    def edit(self, change: Callable[[Plan], Plan]) -> None:
        self.plan = change(self.plan)
        self.tell()

    def go_to(self, section: str) -> None:
        self.current = section
        self.tell()

    def spend(self, seconds: float) -> None:
        """Let the clock run on."""
        reading = self.reading
        later = reading.now + dt.timedelta(seconds=seconds)
        self.reading = attrs.evolve(
            reading, elapsed=reading.elapsed + seconds, section_spent=reading.section_spent + seconds, now=later
        )
        self.tell()
