"""The meeting's timekeeper: the time boxes of this meeting (meeting/timeboxes.py)
as the team moves through it, and what to tell the facilitator, once each.

It keeps the minutes moved between sections ("take five more minutes") over
the agenda's budgets fitted to the meeting's length, and, read with the clock
at each tick, says what is new: a section's time is nearly up (80%), it is up,
or the planned end is near with required items still open. Each is said once:
once per section and budget (five more minutes make a new budget, so its end
is offered again), and the end once per meeting.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

import attrs

from iep_meeting.meeting.clock import ClockReading
from iep_meeting.meeting.timeboxes import (
    EXTRA_MINUTES,
    Fitting,
    Moved,
    TimeSignal,
    end_is_near,
    extend,
    fit,
    section_signal,
)
from iep_meeting.model.agenda import Section


class NoticeKind(StrEnum):
    NEARLY_UP = "nearly-up"  # the section has used 80% of its time
    UP = "up"  # the section's time is used: move on, park, five more minutes, or a follow-up
    END_NEAR = "end-near"  # the planned end is near (or past) with required items open


@attrs.frozen
class TimeNotice:
    """Something the timekeeper says, once."""

    kind: NoticeKind
    section_id: str  # the section the team is on
    minutes: int  # its time box
    seconds_left: float  # in the section (NEARLY_UP, UP); to the planned end (END_NEAR)
    open_required: int = 0  # END_NEAR: required checklist items still open


@attrs.define
class Timekeeper:
    """The time boxes of one meeting, and what has been said about them."""

    moves: list[str] = attrs.field(factory=list)  # the sections given five more minutes, in order
    told: set[tuple[NoticeKind, str, int]] = attrs.field(factory=set)
    _fitted: tuple[tuple[Section, ...], int | None, int, Fitting] | None = None

    def fitting(self, sections: Sequence[Section], length: int | None) -> Fitting:
        """The agenda's budgets fitted to a meeting of `length` minutes, with the
        minutes moved since (worked out again only when something changed)."""
        key = (tuple(sections), length, len(self.moves))
        if self._fitted is not None and self._fitted[:3] == key:
            return self._fitted[3]
        fitted = fit(key[0], length)
        ids = {s.id for s in sections}
        for section_id in self.moves:
            if section_id in ids:  # a section that left the agenda (transition) keeps nothing
                fitted, _ = extend(fitted, section_id)
        self._fitted = (*key, fitted)
        return fitted

    def take_more_time(self, sections: Sequence[Section], length: int | None, section_id: str) -> Moved:
        """Five more minutes for `section_id`, taken from the sections after it."""
        _, moved = extend(self.fitting(sections, length), section_id, EXTRA_MINUTES)
        self.moves.append(section_id)
        return moved

    def notice(self, reading: ClockReading, section_id: str, open_required: int) -> TimeNotice | None:
        """What is new to say at this reading of the clock (None: nothing)."""
        if not reading.running:
            return None
        minutes = int(reading.section_budget // 60)
        to_end = (reading.planned_end - reading.now).total_seconds() if reading.planned_end is not None else None
        if end_is_near(to_end, open_required) and self._first((NoticeKind.END_NEAR, "", 0)):
            return TimeNotice(NoticeKind.END_NEAR, section_id, minutes, to_end or 0.0, open_required)
        signal = section_signal(reading.section_spent, minutes)
        if signal is TimeSignal.ON_TIME:
            return None
        kind = NoticeKind.UP if signal is TimeSignal.UP else NoticeKind.NEARLY_UP
        if kind is NoticeKind.UP:
            self.told.add((NoticeKind.NEARLY_UP, section_id, minutes))  # no "nearly up" after "up"
        if not self._first((kind, section_id, minutes)):
            return None
        return TimeNotice(kind, section_id, minutes, reading.section_left)

    def _first(self, said: tuple[NoticeKind, str, int]) -> bool:
        """Whether `said` is new (and from now on it is not)."""
        if said in self.told:
            return False
        self.told.add(said)
        return True
