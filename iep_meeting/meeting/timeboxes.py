"""Time boxes: the agenda's budgets fitted to this meeting's length, and what the
facilitator is told as a section's time runs out.

Pure arithmetic over minutes and seconds, so a test can drive it with a fake
clock. The agenda gives each section its minutes (`Section.minutes`) and,
optionally, the least it can be given (`Section.minimum`). A meeting with a
start time and a planned end has a length; the budgets are scaled to that
length in proportion, never below a section's minimum, and rounded to whole
minutes that add up to the length exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from enum import StrEnum

import attrs

from iep_meeting.model.agenda import Section

WARN_AT = 0.8  # the share of a section's time after which the facilitator is told it is nearly up
EXTRA_MINUTES = 5  # what "take five more minutes" gives
END_NEAR_MINUTES = 10  # minutes before the planned end at which open required items are raised


@attrs.frozen
class Budget:
    """One section's time in this meeting."""

    section_id: str
    planned: int  # minutes the agenda gives it
    minimum: int  # the least the agenda allows
    minutes: int  # fitted to this meeting's length, with any time moved to or from it


@attrs.frozen
class Fitting:
    """The agenda's budgets fitted to a meeting. `short_by`: minutes the
    meeting is too short for even the minimums (0 when they fit)."""

    budgets: tuple[Budget, ...]
    length: int | None  # the meeting's length in minutes, None without a start and an end
    short_by: int = 0

    def minutes(self, section_id: str) -> int | None:
        found = next((b for b in self.budgets if b.section_id == section_id), None)
        return found.minutes if found is not None else None

    @property
    def total(self) -> int:
        return sum(b.minutes for b in self.budgets)

    @property
    def changed(self) -> bool:
        """Whether any section has other minutes than the agenda gives it."""
        return any(b.minutes != b.planned for b in self.budgets)


def meeting_length(start: dt.time | None, end: dt.time | None) -> int | None:
    """Minutes from the start to the planned end (None unless both are set and the end is later)."""
    if start is None or end is None:
        return None
    day = dt.date(2000, 1, 1)
    minutes = int((dt.datetime.combine(day, end) - dt.datetime.combine(day, start)).total_seconds() // 60)
    return minutes if minutes > 0 else None


def minimum_of(section: Section) -> int:
    return max(1, min(section.minimum or 1, section.minutes))


def fit(sections: Sequence[Section], length: int | None) -> Fitting:
    """Each section's minutes for a meeting of `length` minutes: in proportion to
    the agenda's, never below its minimum. Without a length, the agenda's minutes."""
    planned = [s.minutes for s in sections]
    minimums = [minimum_of(s) for s in sections]
    if length is None or not sections or length == sum(planned):
        minutes = planned
        short_by = 0
    elif length <= sum(minimums):
        minutes, short_by = minimums, sum(minimums) - length
    else:
        minutes, short_by = _share(length, planned, minimums), 0
    budgets = tuple(
        Budget(s.id, planned=p, minimum=m, minutes=f) for s, p, m, f in zip(sections, planned, minimums, minutes)
    )
    return Fitting(budgets, length, short_by)


def _share(total: int, weights: Sequence[int], floors: Sequence[int]) -> list[int]:
    """`total` whole minutes shared in proportion to `weights`, none below its floor
    (the sum of the floors is at most `total`). Sections held at their floor leave
    the rest to be shared among the others; the remainders of the rounding go to
    the largest fractions, earlier sections first on a tie."""
    pinned: dict[int, int] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in pinned]
        left = total - sum(pinned.values())
        weight = sum(weights[i] for i in free)
        exact = {i: left * weights[i] / weight for i in free}
        below = [i for i in free if exact[i] < floors[i]]
        if not below:
            break
        for i in below:
            pinned[i] = floors[i]
    shares = {**pinned, **{i: int(value) for i, value in exact.items()}}
    remainder = total - sum(shares.values())
    by_fraction = sorted(exact, key=lambda i: (-(exact[i] - int(exact[i])), i))
    for i in by_fraction[:remainder]:
        shares[i] += 1
    return [shares[i] for i in range(len(weights))]


@attrs.frozen
class Moved:
    """Minutes given to one section and taken from those after it."""

    section_id: str
    given: int
    taken: Mapping[str, int]  # section id -> minutes taken from it
    late_by: int = 0  # what the later sections could not give without going below their minimums


def extend(fitting: Fitting, section_id: str, extra: int = EXTRA_MINUTES) -> tuple[Fitting, Moved]:
    """Give `section_id` `extra` more minutes, taken from the sections after it in
    proportion to what each has above its minimum. What they cannot give makes the
    meeting that much later (`Moved.late_by`)."""
    ids = [b.section_id for b in fitting.budgets]
    at = ids.index(section_id)
    later = list(fitting.budgets[at + 1 :])
    spare = [b.minutes - b.minimum for b in later]
    can_take = min(extra, sum(spare))
    taken_list = _share(can_take, spare, [0] * len(spare)) if can_take else [0] * len(later)
    taken = {b.section_id: t for b, t in zip(later, taken_list) if t}
    budgets = tuple(
        attrs.evolve(
            b,
            minutes=b.minutes + extra if b.section_id == section_id else b.minutes - taken.get(b.section_id, 0),
        )
        for b in fitting.budgets
    )
    moved = Moved(section_id, extra, taken, late_by=extra - can_take)
    return attrs.evolve(fitting, budgets=budgets), moved


class TimeSignal(StrEnum):
    """What the time box says about the current section."""

    ON_TIME = "on-time"
    NEARLY_UP = "nearly-up"  # past 80% of its time
    UP = "up"  # its time is used


def section_signal(spent_seconds: float, budget_minutes: int) -> TimeSignal:
    budget = budget_minutes * 60
    if spent_seconds >= budget:
        return TimeSignal.UP
    if spent_seconds >= WARN_AT * budget:
        return TimeSignal.NEARLY_UP
    return TimeSignal.ON_TIME


def end_is_near(seconds_to_end: float | None, open_required: int) -> bool:
    """Whether to raise the open required items: the planned end is close (or past)
    and the plan cannot be finalized yet."""
    return seconds_to_end is not None and open_required > 0 and seconds_to_end <= END_NEAR_MINUTES * 60
