"""A meeting in progress, without the UI: the plan, where the team is on the agenda, the clock.

The screen shows this and sends it changes; it holds the one current plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from .autosave import Autosave
from .model.agenda import Agenda, Section, sections_for
from .model.clock import ClockReading, MeetingClock
from .model.checklist import Checklist
from .model.findings import Finding
from .model.plan import Plan, Status
from .model.progress import SectionStatus, section_status
from .store.plan_file import PlanFile

if TYPE_CHECKING:
    from .model.banks import Banks

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
        if self.plan.status is Status.FINAL:
            plan_file.close()  # a final plan is never written again: no lock, no saves
            readonly_reason = final_reason(self.plan, plan_file.path)
        self.readonly_reason = readonly_reason or ("opened read-only" if plan_file.readonly else None)
        self.sections: tuple[Section, ...] = sections_for(agenda, self.plan)
        first = self.sections[0].id if self.sections else ""
        self.clock = MeetingClock(started=now(), current_section=first)
        self.visited: set[str] = {first}
        self.autosave = Autosave()
        self.checklist = Checklist(agenda)
        self._findings: tuple[Plan | None, tuple[Finding, ...]] = (None, ())
        self._statuses: tuple[tuple, list[tuple[Section, SectionStatus]]] = ((), [])

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

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The completeness checklist of the current plan (worked out once per change)."""
        plan, findings = self._findings
        if plan is not self.plan:
            findings = self.checklist.run(self.plan)
            self._findings = (self.plan, findings)
        return findings

    def open_required(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.required)

    def statuses(self) -> list[tuple[Section, SectionStatus]]:
        """Each section's status, from the same checklist findings."""
        key = (self.plan, self.sections, frozenset(self.visited))
        shown = self._statuses[0]
        if shown and shown[0] is key[0] and shown[1] is key[1] and shown[2] == key[2]:
            return self._statuses[1]
        open_required: dict[str, int] = {}
        for finding in self.findings:
            if finding.required:
                open_required[finding.section] = open_required.get(finding.section, 0) + 1
        statuses = [
            (s, section_status(s, self.plan, s.id in self.visited, open_required.get(s.id, 0)))
            for s in self.sections
        ]
        self._statuses = (key, statuses)
        return statuses

    def clock_reading(self) -> ClockReading:
        return self.clock.read(self.now(), self.current.minutes, self.plan.meeting.planned_end)

    # changes

    @property
    def readonly(self) -> bool:
        return self.readonly_reason is not None

    def finished(self, reason: str) -> None:
        """The plan was finalized: from now on it is only shown."""
        self.plan_file.close()
        self.readonly_reason = reason

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


def final_reason(plan: Plan, path) -> str:
    when = f" on {plan.sign_off.finalized}" if plan.sign_off.finalized else ""
    return (f"this plan was finalized{when}; a final IEP is changed only by an amendment "
            f"(iep-meeting amend {path.name} NEW.toml)")
