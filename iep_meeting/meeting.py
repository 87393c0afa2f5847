"""A meeting in progress, without the UI: the plan, where the team is on the agenda, the clock.

The screen shows this and sends it changes; it holds the one current plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .autosave import Autosave
from .model.agenda import Agenda, Section, sections_for
from .model.banks import Banks
from .model.clock import ClockReading, MeetingClock
from .model.plan import Plan
from .model.progress import SectionStatus, section_status
from .store.plan_file import PlanFile

Now = Callable[[], dt.datetime]


class MeetingSession:
    def __init__(
        self,
        plan_file: PlanFile,
        agenda: Agenda,
        banks: Banks | Callable[[], Banks],
        *,
        now: Now = dt.datetime.now,
        readonly_reason: str | None = None,
    ) -> None:
        self.plan_file = plan_file
        self.plan: Plan = plan_file.plan
        self.agenda = agenda
        self._banks = banks  # or how to load them: only the sections that offer choices need them
        self.now = now
        self.readonly_reason = readonly_reason or ("opened read-only" if plan_file.readonly else None)
        self.sections: tuple[Section, ...] = sections_for(agenda, self.plan)
        first = self.sections[0].id if self.sections else ""
        self.clock = MeetingClock(started=now(), current_section=first)
        self.visited: set[str] = {first}
        self.autosave = Autosave()
        self._status_cache: dict[str, tuple[tuple, bool, SectionStatus]] = {}

    @property
    def banks(self) -> Banks:
        if callable(self._banks):
            self._banks = self._banks()
        return self._banks

    # where we are

    @property
    def current(self) -> Section:
        return next((s for s in self.sections if s.id == self.clock.current_section), self.sections[0])

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def go_to(self, section_id: str) -> bool:
        if self.section(section_id) is None or section_id == self.clock.current_section:
            return False
        self.clock.switch_to(section_id, self.now())
        self.visited.add(section_id)
        return True

    def step(self, offset: int) -> bool:
        ids = [s.id for s in self.sections]
        index = ids.index(self.current.id) + offset
        return 0 <= index < len(ids) and self.go_to(ids[index])

    def statuses(self) -> list[tuple[Section, SectionStatus]]:
        return [(s, self._status(s)) for s in self.sections]

    def _status(self, section: Section) -> SectionStatus:
        # Recomputed only when a part of the plan it reads was replaced: typing
        # in a goal leaves the other sections' parts the very same objects.
        parts = tuple(getattr(self.plan, name) for name in _parts_read(section))
        visited = section.id in self.visited
        cached = self._status_cache.get(section.id)
        if cached is not None and cached[1] == visited and _same(cached[0], parts):
            return cached[2]
        status = section_status(section, self.plan, visited)
        self._status_cache[section.id] = (parts, visited, status)
        return status

    def clock_reading(self) -> ClockReading:
        return self.clock.read(self.now(), self.current.minutes, self.plan.meeting.planned_end)

    # changes

    @property
    def readonly(self) -> bool:
        return self.readonly_reason is not None

    def apply(self, change: Callable[[Plan], Plan], monotonic: float) -> bool:
        """Replace the plan by change(plan). Returns whether anything changed."""
        if self.readonly:
            return False
        new = change(self.plan)
        if new is self.plan or new == self.plan:
            return False
        self.plan = new
        self.sections = sections_for(self.agenda, new)  # transition may come or go with the birth date
        self.autosave.changed(monotonic)
        return True


def _parts_read(section: Section) -> tuple[str, ...]:
    """The top-level plan attributes a section's status depends on."""
    return tuple(dict.fromkeys([path.split(".")[0] for path in section.requires] + ["decisions", "parking_lot"]))


def _same(old: tuple, new: tuple) -> bool:
    return len(old) == len(new) and all(a is b for a, b in zip(old, new))
