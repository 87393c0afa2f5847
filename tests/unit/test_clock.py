"""The meeting clock reads the meeting's date and start time, and stops on a final plan.

Times are passed in: no test waits for the real clock."""

from __future__ import annotations

import datetime as dt

import pytest

from iep_meeting.meeting.clock import MeetingClock, Phase, Schedule, format_minutes
from iep_meeting.model.plan import Status

DAY = dt.date(2026, 12, 3)
TODAY = Schedule(date=DAY, start=dt.time(15, 30), end=dt.time(17, 0))


def at(hour: int, minute: int, second: int = 0, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute, second))


def clock(opened: dt.datetime) -> MeetingClock:
    return MeetingClock(started=opened, current_section="start-up")


def test_format_minutes():
    assert [format_minutes(s) for s in (0, 65, 600, 3725, -120)] == ["0:00", "1:05", "10:00", "1:02:05", "2:00"]


# --- before the start -----------------------------------------------------------


def test_before_the_start_the_clock_says_when_the_meeting_starts_and_nothing_is_over():
    reading = clock(at(15, 18)).read(at(15, 18), 10, TODAY)
    assert reading.phase is Phase.BEFORE_START
    assert reading.texts() == ("starts 15:30 (in 12:00) · ends 17:00", "starts 15:30 (in 12:00)")
    assert reading.elapsed == 0 and not reading.alarm


def test_before_the_start_a_planned_end_already_passed_is_not_past_end():
    # a plan whose times are out of order (end before start) is never PAST END before its start
    schedule = Schedule(date=DAY, start=dt.time(15, 30), end=dt.time(14, 0))
    reading = clock(at(15, 0)).read(at(15, 10), 10, schedule)
    assert reading.past_end == 0 and not reading.alarm
    assert "PAST END" not in " ".join(reading.texts())


def test_time_counts_from_the_scheduled_start_when_the_app_opened_before_it():
    meeting = clock(at(15, 18))
    meeting.switch_to("present-levels", at(15, 25), TODAY)  # looked ahead before the start
    meeting.switch_to("start-up", at(15, 28), TODAY)
    reading = meeting.read(at(15, 35), 10, TODAY)
    assert reading.phase is Phase.RUNNING
    assert reading.elapsed == 5 * 60  # from 15:30, not from the opening at 15:18
    assert reading.section_text() == "5:00 left"  # the minutes before the start are nobody's
    assert meeting.spent_in("present-levels", at(15, 35), TODAY) == 0
    assert reading.texts()[0] == "time 5:00 · section 5:00 left · ends 17:00"


def test_time_counts_from_the_scheduled_start_when_the_app_is_reopened_after_it():
    reading = clock(at(15, 42)).read(at(15, 47), 10, TODAY)
    assert reading.elapsed == 17 * 60  # the meeting started at 15:30, not when the app was opened again
    assert reading.section_text() == "5:00 left"  # the section counts from when it was entered here
    assert reading.texts()[0] == "time 17:00 · section 5:00 left · ends 17:00"


# --- running -----------------------------------------------------------------


def test_running_over_the_section_and_past_the_end():
    meeting = clock(at(15, 30))
    reading = meeting.read(at(17, 12), 10, TODAY)
    assert reading.phase is Phase.RUNNING and reading.alarm
    assert reading.section_text() == "OVER by 1:32:00"
    assert reading.end_text() == "PAST END 17:00 by 12:00"
    assert reading.texts() == (
        "time 1:42:00 · section OVER by 1:32:00 · PAST END 17:00 by 12:00",
        "time 1:42:00 · OVER by 1:32:00 · PAST END 17:00 by 12:00",
        "time 1:42:00 · OVER by 1:32:00 · PAST END by 12:00",
        "time 1:42:00 · OVER · PAST END by 12:00",
    )


def test_every_running_form_keeps_the_word_time():
    reading = clock(at(15, 30)).read(at(15, 30, 5), 10, TODAY)
    assert reading.texts() == ("time 0:05 · section 9:55 left · ends 17:00", "time 0:05 · 9:55 left · ends 17:00")
    assert all(text.startswith("time ") for text in reading.texts())


def test_a_meeting_that_runs_past_midnight_is_still_todays():
    late = Schedule(date=DAY, start=dt.time(23, 0), end=dt.time(23, 30))
    reading = clock(at(23, 0)).read(at(0, 10, day=DAY + dt.timedelta(days=1)), 90, late)
    assert reading.phase is Phase.RUNNING
    assert reading.end_text() == "PAST END 23:30 by 40:00"


# --- another day ---------------------------------------------------------------


def test_a_meeting_on_a_later_day_says_its_day_not_an_end_time():
    later = Schedule(date=dt.date(2026, 12, 10), start=dt.time(15, 30), end=dt.time(17, 0))
    reading = clock(at(18, 0)).read(at(18, 0), 10, later)
    assert reading.phase is Phase.ANOTHER_DAY
    assert reading.texts() == ("meeting on 2026-12-10",)
    assert not reading.alarm
    assert reading.planned_end == dt.datetime(2026, 12, 10, 17, 0)  # the meeting's day, not the opening's


def test_a_meeting_on_an_earlier_day_says_it_was_then_and_is_never_past_end():
    earlier = Schedule(date=dt.date(2026, 3, 12), start=dt.time(15, 30), end=dt.time(16, 45))
    meeting = clock(at(18, 0))
    reading = meeting.read(at(19, 0), 10, earlier)
    assert reading.phase is Phase.ANOTHER_DAY
    assert reading.texts() == ("meeting was on 2026-03-12",)
    assert reading.past_end == 0 and not reading.alarm


# --- a final plan ---------------------------------------------------------------


@pytest.mark.parametrize("now", [at(15, 0), at(16, 0), at(18, 0), at(9, 0, day=dt.date(2027, 1, 4))])
def test_on_a_final_plan_the_clock_stops(now):
    final = Schedule.of(DAY, dt.time(15, 30), dt.time(17, 0), Status.FINAL)
    reading = clock(at(15, 0)).read(now, 10, final)
    assert reading.phase is Phase.FINAL
    assert reading.texts() == ("meeting over · final",)
    assert not reading.alarm


# --- what the plan does not say ------------------------------------------------------


def test_without_a_start_time_the_clock_counts_from_the_opening_and_ends_on_the_meeting_day():
    no_start = Schedule(date=DAY, end=dt.time(17, 0))
    reading = clock(at(15, 0)).read(at(15, 20), 10, no_start)
    assert reading.phase is Phase.RUNNING
    assert reading.elapsed == 20 * 60
    assert reading.texts()[0] == "time 20:00 · section OVER by 10:00 · ends 17:00"


def test_without_a_date_the_clock_counts_from_the_opening_and_ends_on_the_day_it_opened():
    no_date = Schedule(start=dt.time(15, 30), end=dt.time(17, 0))
    reading = clock(at(14, 0)).read(at(17, 5), 300, no_date)
    assert reading.phase is Phase.RUNNING
    assert reading.elapsed == 3 * 3600 + 5 * 60  # from the opening: a start time needs its date
    assert reading.end_text() == "PAST END 17:00 by 5:00"


def test_without_an_end_time():
    reading = clock(at(15, 42)).read(at(15, 42), 10, Schedule(date=DAY))
    assert reading.texts()[0] == "time 0:00 · section 10:00 left · end time not set"
    no_end_before = clock(at(15, 0)).read(at(15, 0), 10, Schedule(date=DAY, start=dt.time(15, 30)))
    assert no_end_before.texts()[0] == "starts 15:30 (in 30:00) · end time not set"


def test_without_any_schedule_the_clock_counts_from_the_opening():
    reading = clock(at(15, 0)).read(at(15, 3), 10)
    assert reading.phase is Phase.RUNNING and reading.elapsed == 180
    assert reading.texts()[0] == "time 3:00 · section 7:00 left · end time not set"
