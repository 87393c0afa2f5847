"""The meeting clock: elapsed time, time left in the section, the planned end.

Pure arithmetic over times the app passes in, so a test or a snapshot can fix
the clock.
"""

from __future__ import annotations

import datetime as dt

import attrs


def format_minutes(seconds: float) -> str:
    """1:05 for 65 seconds; hours as 1:02:05."""
    seconds = int(abs(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@attrs.frozen(kw_only=True)
class ClockReading:
    elapsed: float  # seconds since the meeting started
    section_spent: float  # seconds spent in the current section (all visits)
    section_budget: float  # seconds the agenda gives it
    now: dt.datetime
    planned_end: dt.datetime | None

    @property
    def section_left(self) -> float:
        return self.section_budget - self.section_spent

    @property
    def section_overrun(self) -> bool:
        return self.section_left < 0

    @property
    def past_end(self) -> float:
        """Seconds past the planned end time (0 before it, or when none is set)."""
        if self.planned_end is None:
            return 0.0
        return max(0.0, (self.now - self.planned_end).total_seconds())

    def section_text(self) -> str:
        if self.section_overrun:
            return f"OVER by {format_minutes(-self.section_left)}"
        return f"{format_minutes(self.section_left)} left"

    def end_text(self) -> str:
        if self.planned_end is None:
            return "end time not set"
        end = self.planned_end.strftime("%H:%M")
        if self.past_end:
            return f"PAST END {end} by {format_minutes(self.past_end)}"
        return f"ends {end}"


@attrs.define
class MeetingClock:
    """Keeps the time spent in each section while the meeting moves between them."""

    started: dt.datetime
    current_section: str
    entered: dt.datetime = attrs.field()
    spent: dict[str, float] = attrs.field(factory=dict)

    @entered.default
    def _entered(self) -> dt.datetime:
        return self.started

    def switch_to(self, section_id: str, now: dt.datetime) -> None:
        self.spent[self.current_section] = self.spent_in(self.current_section, now)
        self.current_section, self.entered = section_id, now

    def spent_in(self, section_id: str, now: dt.datetime) -> float:
        spent = self.spent.get(section_id, 0.0)
        if section_id == self.current_section:
            spent += (now - self.entered).total_seconds()
        return spent

    def read(self, now: dt.datetime, budget_minutes: int, planned_end: dt.time | None) -> ClockReading:
        end = dt.datetime.combine(self.started.date(), planned_end) if planned_end else None
        return ClockReading(
            elapsed=(now - self.started).total_seconds(),
            section_spent=self.spent_in(self.current_section, now),
            section_budget=budget_minutes * 60,
            now=now,
            planned_end=end,
        )
