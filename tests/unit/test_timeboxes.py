"""Time boxes: the agenda's budgets fitted to the meeting's length, time moved
between sections, and the signals as a section's time runs out."""

from __future__ import annotations

import datetime as dt

import pytest

from iep_meeting.meeting.timeboxes import (
    TimeSignal,
    end_is_near,
    extend,
    fit,
    meeting_length,
    section_signal,
)
from iep_meeting.model.agenda import Section
from iep_meeting.store.agenda_files import agenda_from_text
from iep_meeting.store.codec import DocumentError


def sections(*budgets: tuple[int, int | None]) -> tuple[Section, ...]:
    return tuple(
        Section(id=f"s{i}", title=f"Section {i}", minutes=m, minimum=low) for i, (m, low) in enumerate(budgets)
    )


def test_the_meeting_length_comes_from_the_start_and_the_planned_end() -> None:
    assert meeting_length(dt.time(15, 30), dt.time(17, 0)) == 90
    assert meeting_length(dt.time(15, 30), None) is None
    assert meeting_length(None, dt.time(17, 0)) is None
    assert meeting_length(dt.time(17, 0), dt.time(15, 30)) is None  # an end before the start fits nothing


def test_without_a_length_the_agenda_s_minutes_stand() -> None:
    fitted = fit(sections((10, None), (20, None)), None)
    assert [b.minutes for b in fitted.budgets] == [10, 20]
    assert not fitted.changed


def test_a_shorter_meeting_shrinks_every_section_in_proportion_and_adds_up_exactly() -> None:
    fitted = fit(sections((10, None), (20, None), (30, None), (30, None)), 60)  # agenda: 90
    assert fitted.total == 60
    assert [b.minutes for b in fitted.budgets] == [7, 13, 20, 20]  # 6.67, 13.33, 20, 20 rounded to add up


def test_a_longer_meeting_stretches_them_in_proportion() -> None:
    fitted = fit(sections((10, None), (20, None)), 45)
    assert [b.minutes for b in fitted.budgets] == [15, 30]


def test_no_section_goes_below_its_minimum_and_the_others_give_more() -> None:
    # Proportionally the close would get 5 of 45 minutes; its minimum is 10.
    fitted = fit(sections((40, None), (40, None), (10, 10)), 45)
    assert [b.minutes for b in fitted.budgets] == [18, 17, 10]  # 17.5 each: the earlier gets the odd minute
    assert fitted.short_by == 0


def test_a_meeting_too_short_for_the_minimums_gets_the_minimums_and_says_by_how_much() -> None:
    fitted = fit(sections((30, 10), (30, 10), (30, 10)), 20)
    assert [b.minutes for b in fitted.budgets] == [10, 10, 10]
    assert fitted.short_by == 10


def test_five_more_minutes_come_from_the_sections_that_follow() -> None:
    fitted = fit(sections((10, 5), (20, 5), (20, 15), (10, 10)), None)
    longer, moved = extend(fitted, "s1")
    assert longer.minutes("s1") == 25
    assert longer.minutes("s0") == 10  # before: untouched
    assert longer.minutes("s3") == 10  # at its minimum: gives nothing
    assert moved.taken == {"s2": 5}
    assert longer.total == fitted.total
    assert moved.late_by == 0


def test_time_is_taken_in_proportion_to_what_each_later_section_can_spare() -> None:
    fitted = fit(sections((10, 5), (30, 10), (15, 10)), None)  # spare: 20 and 5
    longer, moved = extend(fitted, "s0")
    assert moved.taken == {"s1": 4, "s2": 1}
    assert longer.total == fitted.total


def test_when_the_later_sections_cannot_spare_it_the_meeting_runs_later_and_says_so() -> None:
    fitted = fit(sections((10, 5), (10, 8)), None)
    longer, moved = extend(fitted, "s0")
    assert moved.taken == {"s1": 2}
    assert moved.late_by == 3
    assert longer.total == fitted.total + 3


def test_the_last_section_s_extra_time_makes_the_meeting_later() -> None:
    fitted = fit(sections((10, 5), (10, 8)), None)
    _, moved = extend(fitted, "s1")
    assert moved.taken == {}
    assert moved.late_by == 5


@pytest.mark.parametrize(
    ("spent_minutes", "expected"),
    [
        (0, TimeSignal.ON_TIME),
        (7.9, TimeSignal.ON_TIME),
        (8, TimeSignal.NEARLY_UP),
        (9.99, TimeSignal.NEARLY_UP),
        (10, TimeSignal.UP),
    ],
)
def test_a_section_is_nearly_up_at_80_percent_and_up_at_its_end(spent_minutes: float, expected: TimeSignal) -> None:
    assert section_signal(spent_minutes * 60, 10) is expected


def test_open_required_items_are_raised_only_near_the_end() -> None:
    assert not end_is_near(30 * 60, open_required=3)
    assert end_is_near(10 * 60, open_required=3)
    assert end_is_near(-5 * 60, open_required=1)  # past the end
    assert not end_is_near(5 * 60, open_required=0)  # ready to finalize: nothing to raise
    assert not end_is_near(None, open_required=3)  # no planned end


AGENDA = """
id = "short"
title = "Short"
meeting_kind = "annual-review"
[[sections]]
id = "start-up"
title = "Start"
minutes = 10
minimum = {minimum}
"""


def test_an_agenda_section_s_minimum_is_read() -> None:
    agenda = agenda_from_text(AGENDA.format(minimum=5))
    assert agenda.sections[0].minimum == 5


@pytest.mark.parametrize("minimum", [0, 11, -1])
def test_a_minimum_of_nothing_or_above_the_budget_is_refused_with_its_line(minimum: int) -> None:
    with pytest.raises(DocumentError) as raised:
        agenda_from_text(AGENDA.format(minimum=minimum))
    problem = raised.value.problems[0]
    assert "minimum must be more than 0 and at most the section's minutes (10)" in problem.message
    assert problem.line == 9
