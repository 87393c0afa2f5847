"""The meeting clock: elapsed time, time left in the section, the planned end.

Pure arithmetic over times the app passes in, so a test or a snapshot can fix
the clock. What it reads depends on where the meeting stands (`Phase`):

- a meeting today that has not started yet says when it starts, and counts
  nothing until then; from then on its time counts from the scheduled start,
  also when the app is opened (or reopened) after it;
- a meeting whose date is another day says that day instead of an end time;
- a final plan stops the clock;
- otherwise the clock runs. Without a date or a start time it counts from the
  app opening, and the planned end falls on the meeting's date (the day the
  app opened, when the plan has no date).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import attrs

from iep_meeting.model.plan import Status
from iep_meeting.words.labels import label


def format_minutes(seconds: float) -> str:
    """1:05 for 65 seconds; hours as 1:02:05."""
    seconds = int(abs(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Phase(StrEnum):
    """Where the meeting stands, for the clock."""

    BEFORE_START = "before-start"  # today's meeting, before its start time
    RUNNING = "running"
    ANOTHER_DAY = "another-day"  # the plan's meeting date is not today
    FINAL = "final"  # the plan is final: the clock has stopped


@attrs.frozen(kw_only=True)
class Schedule:
    """What the plan says about when the meeting is, and whether it is over."""

    date: dt.date | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    final: bool = False

    @classmethod
    def of(cls, meeting_date: dt.date | None, start: dt.time | None, end: dt.time | None, status: Status) -> Schedule:
        return cls(date=meeting_date, start=start, end=end, final=status is Status.FINAL)

    def starts(self) -> dt.datetime | None:
        """The scheduled start, when the plan gives both the date and the time."""
        if self.date is None or self.start is None:
            return None
        return dt.datetime.combine(self.date, self.start)


NO_SCHEDULE = Schedule()


@attrs.frozen(kw_only=True)
class ClockReading:
    phase: Phase = Phase.RUNNING
    elapsed: float  # seconds since the meeting started (0 before it starts)
    section_spent: float  # seconds spent in the current section (all visits, once the meeting started)
    section_budget: float  # seconds the agenda gives it
    now: dt.datetime
    planned_end: dt.datetime | None  # on the meeting's date
    starts: dt.datetime | None = None  # the scheduled start (date and time), when the plan has both
    meeting_date: dt.date | None = None

    @property
    def running(self) -> bool:
        return self.phase is Phase.RUNNING

    @property
    def section_left(self) -> float:
        return self.section_budget - self.section_spent

    @property
    def section_overrun(self) -> bool:
        return self.running and self.section_left < 0

    @property
    def past_end(self) -> float:
        """Seconds past the planned end time (0 before it, when none is set, or when the clock is not running)."""
        if self.planned_end is None or not self.running:
            return 0.0
        return max(0.0, (self.now - self.planned_end).total_seconds())

    @property
    def alarm(self) -> bool:
        """The section or the meeting runs over: the bar shows it in the error colour."""
        return self.section_overrun or self.past_end > 0

    def section_text(self, *, short: bool = False) -> str:
        """The section's time: 9:55 left, OVER by 2:00; short: OVER without the amount."""
        if self.section_overrun:
            return "OVER" if short else f"OVER by {format_minutes(-self.section_left)}"
        return f"{format_minutes(self.section_left)} left"

    def end_text(self, *, short: bool = False) -> str:
        """The planned end, or in its place the meeting's day or that it is over.
        short: "PAST END by 2:00" without the end time."""
        if self.phase is Phase.FINAL:
            return f"{label(Phase.FINAL)} · {label(Status.FINAL)}"
        if self.phase is Phase.ANOTHER_DAY and self.meeting_date is not None:
            day = self.meeting_date.isoformat()
            return f"meeting on {day}" if self.meeting_date > self.now.date() else f"meeting was on {day}"
        if self.planned_end is None:
            return "end time not set"
        end = self.planned_end.strftime("%H:%M")
        if self.past_end:
            by = format_minutes(self.past_end)
            return f"PAST END by {by}" if short else f"PAST END {end} by {by}"
        return f"ends {end}"

    def start_text(self) -> str:
        """Before the start: starts 15:30 (in 12:00); nothing after it."""
        if self.phase is not Phase.BEFORE_START or self.starts is None:
            return ""
        return f"starts {self.starts.strftime('%H:%M')} (in {format_minutes((self.starts - self.now).total_seconds())})"

    def texts(self) -> tuple[str, ...]:
        """The clock in words, from the fullest to the shortest, for the bar to
        pick the one that fits. Every form of a running clock keeps the word
        "time", so the elapsed time never reads like a time of day."""
        if self.phase is Phase.BEFORE_START:
            start = self.start_text()
            return (f"{start} · {self.end_text()}", start)
        if not self.running:
            return (self.end_text(),)
        elapsed = f"time {format_minutes(self.elapsed)}"
        forms = (
            f"{elapsed} · section {self.section_text()} · {self.end_text()}",
            f"{elapsed} · {self.section_text()} · {self.end_text()}",
            f"{elapsed} · {self.section_text()} · {self.end_text(short=True)}",
            f"{elapsed} · {self.section_text(short=True)} · {self.end_text(short=True)}",
        )
        return tuple(dict.fromkeys(forms))  # each form once, in order


@attrs.define
class MeetingClock:
    """Keeps the time spent in each section while the meeting moves between them.

    `started` is when the app opened the meeting. Time before the scheduled
    start (passed in as `counts_from`) is nobody's: a section visited before
    the meeting starts has spent nothing of its budget. A section counts from
    when it was entered in this run of the app (what was spent in it before a
    reopening is not known)."""

    started: dt.datetime
    current_section: str
    entered: dt.datetime = attrs.field()
    spent: dict[str, float] = attrs.field(factory=dict)

    @entered.default
    def _entered(self) -> dt.datetime:
        return self.started

    def counts_from(self, schedule: Schedule) -> dt.datetime:
        """When the meeting's time starts counting: the scheduled start when the plan
        gives one (so reopening the app mid-meeting does not set the time back to 0:00),
        else the opening."""
        starts = schedule.starts()
        return starts if starts is not None else self.started

    def switch_to(self, section_id: str, now: dt.datetime, schedule: Schedule = NO_SCHEDULE) -> None:
        self.spent[self.current_section] = self.spent_in(self.current_section, now, schedule)
        self.current_section, self.entered = section_id, now

    def spent_in(self, section_id: str, now: dt.datetime, schedule: Schedule = NO_SCHEDULE) -> float:
        spent = self.spent.get(section_id, 0.0)
        if section_id == self.current_section:
            since = max(self.entered, self.counts_from(schedule))
            spent += max(0.0, (now - since).total_seconds())
        return spent

    def phase(self, now: dt.datetime, schedule: Schedule) -> Phase:
        if schedule.final:
            return Phase.FINAL
        # A meeting that goes on past midnight is still the day's meeting.
        if schedule.date is not None and schedule.date not in (now.date(), self.started.date()):
            return Phase.ANOTHER_DAY
        starts = schedule.starts()
        if starts is not None and now < starts:
            return Phase.BEFORE_START
        return Phase.RUNNING

    def read(self, now: dt.datetime, budget_minutes: int, schedule: Schedule = NO_SCHEDULE) -> ClockReading:
        day = schedule.date or self.started.date()
        return ClockReading(
            phase=self.phase(now, schedule),
            elapsed=max(0.0, (now - self.counts_from(schedule)).total_seconds()),
            section_spent=self.spent_in(self.current_section, now, schedule),
            section_budget=budget_minutes * 60,
            now=now,
            planned_end=dt.datetime.combine(day, schedule.end) if schedule.end else None,
            starts=schedule.starts(),
            meeting_date=schedule.date,
        )
