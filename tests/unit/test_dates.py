"""Edge cases for IEP date arithmetic: leap days, period boundaries, thresholds."""

from datetime import date, timedelta

import pytest

from iep_meeting.model.dates import (
    ANNUAL_CAUTION_DAYS,
    ANNUAL_OVERDUE_DAYS,
    REEVAL_CAUTION_DAYS,
    REEVAL_OVERDUE_DAYS,
    DueStatus,
    add_years,
    age_on,
    annual_review_due,
    annual_review_status,
    birthday_at_age,
    due_status,
    plan_end,
    reevaluation_due,
    reevaluation_status,
    transfer_of_rights_due,
    transition_due,
)

D = timedelta(days=1)


# --- add_years ------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "years", "expected"),
    [
        (date(2027, 6, 15), 1, date(2028, 6, 15)),
        (date(2028, 2, 29), 1, date(2029, 2, 28)),  # no Feb 29 in 2029: clamp
        (date(2028, 2, 29), 4, date(2032, 2, 29)),  # leap to leap keeps Feb 29
        (date(2028, 2, 29), 3, date(2031, 2, 28)),
        (date(2028, 2, 29), -1, date(2027, 2, 28)),
        (date(2027, 2, 28), 1, date(2028, 2, 28)),  # never invents a Feb 29
    ],
)
def test_add_years(d, years, expected):
    assert add_years(d, years) == expected


# --- plan_end -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2027, 9, 1), date(2028, 8, 31)),
        (date(2027, 1, 1), date(2027, 12, 31)),
        (date(2027, 3, 1), date(2028, 2, 29)),  # end lands on a leap day
        (date(2028, 3, 1), date(2029, 2, 28)),
        (date(2028, 2, 29), date(2029, 2, 27)),  # documented: Feb 28 2029 - 1 day
        (date(2027, 2, 28), date(2028, 2, 27)),
    ],
)
def test_plan_end(start, end):
    assert plan_end(start) == end


def test_plan_spanning_feb_29_covers_366_days():
    start = date(2027, 6, 1)
    assert (plan_end(start) - start).days + 1 == 366


def test_plan_starting_feb_29_covers_365_days():
    start = date(2028, 2, 29)
    assert (plan_end(start) - start).days + 1 == 365


def test_consecutive_plans_leave_no_gap_and_no_overlap():
    start = date(2026, 2, 28)
    for _ in range(10):
        end = plan_end(start)
        assert end > start
        start = end + D  # the next plan begins the day after


# --- age_on / birthday_at_age ---------------------------------------------


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(2010, 5, 5), date(2026, 5, 4), 15),
        (date(2010, 5, 5), date(2026, 5, 5), 16),  # birthday itself counts
        (date(2010, 5, 5), date(2010, 5, 5), 0),
        (date(2012, 2, 29), date(2028, 2, 28), 15),
        (date(2012, 2, 29), date(2028, 2, 29), 16),  # leap year: real birthday
        (date(2012, 2, 29), date(2029, 2, 28), 16),
        (date(2012, 2, 29), date(2030, 2, 28), 17),  # non-leap: not yet 18
        (date(2012, 2, 29), date(2030, 3, 1), 18),  # non-leap: 18 on Mar 1
        (date(2011, 3, 1), date(2028, 2, 29), 16),
        (date(2011, 3, 1), date(2028, 3, 1), 17),
    ],
)
def test_age_on(birth, on, age):
    assert age_on(birth, on) == age


def test_age_on_before_birth_is_an_error():
    with pytest.raises(ValueError):
        age_on(date(2010, 5, 5), date(2010, 5, 4))


@pytest.mark.parametrize(
    ("birth", "age", "expected"),
    [
        (date(2012, 2, 29), 16, date(2028, 2, 29)),  # 2028 is a leap year
        (date(2012, 2, 29), 18, date(2030, 3, 1)),  # 2030 is not
        (date(2012, 2, 29), 17, date(2029, 3, 1)),
        (date(2010, 2, 28), 18, date(2028, 2, 28)),
        (date(2010, 3, 1), 18, date(2028, 3, 1)),
        (date(2010, 12, 31), 0, date(2010, 12, 31)),
    ],
)
def test_birthday_at_age(birth, age, expected):
    assert birthday_at_age(birth, age) == expected


def test_birthday_at_negative_age_is_an_error():
    with pytest.raises(ValueError):
        birthday_at_age(date(2010, 1, 1), -1)


def test_birthday_at_age_agrees_with_age_on_for_every_birth_date():
    # Every birth date across two leap cycles, ages 1..20.
    birth = date(2007, 1, 1)
    while birth < date(2015, 1, 1):
        for n in range(1, 21):
            b = birthday_at_age(birth, n)
            assert age_on(birth, b) == n, (birth, n, b)
            assert age_on(birth, b - D) == n - 1, (birth, n, b)
        birth += D


# --- transition_due -------------------------------------------------------

PERIOD_START = date(2027, 9, 1)
PERIOD_END = date(2028, 8, 31)


def _born_turning(age: int, on: date) -> date:
    """A (non-Feb-29) birth date that reaches ``age`` on ``on``."""
    return on.replace(year=on.year - age)


@pytest.mark.parametrize(
    ("turns_16_on", "due"),
    [
        (PERIOD_START - D, True),  # already 16 when the plan starts
        (PERIOD_START, True),
        (date(2028, 1, 15), True),  # mid-plan
        (PERIOD_END, True),  # last day of the plan
        (PERIOD_END + D, False),  # first day of the next plan
    ],
)
def test_transition_due_at_period_boundaries(turns_16_on, due):
    birth = _born_turning(16, turns_16_on)
    assert transition_due(birth, PERIOD_START, PERIOD_END) is due


def test_transition_due_leap_birth_in_leap_year():
    # Born Feb 29 2012, turns 16 on Feb 29 2028.
    birth = date(2012, 2, 29)
    assert transition_due(birth, date(2027, 3, 1), date(2028, 2, 29))
    assert not transition_due(birth, date(2027, 2, 28), date(2028, 2, 28))


def test_transition_due_leap_birth_in_non_leap_year():
    # A Feb 29 birth's 16th birthday is always a leap year, so use a state
    # transition age of 17: born Feb 29 2012 turns 17 on Mar 1 2029.
    birth = date(2012, 2, 29)
    assert not transition_due(birth, date(2028, 3, 1), date(2029, 2, 28), transition_age=17)
    assert transition_due(birth, date(2028, 3, 2), date(2029, 3, 1), transition_age=17)


def test_transition_age_can_be_lowered_by_state():
    birth = _born_turning(14, date(2028, 1, 15))
    assert not transition_due(birth, PERIOD_START, PERIOD_END)
    assert transition_due(birth, PERIOD_START, PERIOD_END, transition_age=14)


def test_transition_due_rejects_reversed_period():
    with pytest.raises(ValueError):
        transition_due(date(2010, 1, 1), PERIOD_END, PERIOD_START)


# --- transfer_of_rights_due -----------------------------------------------


@pytest.mark.parametrize(
    ("turns_18_on", "due"),
    [
        (PERIOD_START + timedelta(days=400), True),  # turns 17 during the plan
        (add_years(PERIOD_END, 1), True),  # turns 17 on the plan's last day
        (add_years(PERIOD_END, 1) + D, False),  # turns 17 the day after it ends
        (add_years(PERIOD_START, 1), True),  # turns 17 on the first day
        (PERIOD_END, True),  # turns 18 during the plan
        (PERIOD_START - D, True),  # already an adult
    ],
)
def test_transfer_of_rights_due_one_year_before_majority(turns_18_on, due):
    birth = _born_turning(18, turns_18_on)
    assert transfer_of_rights_due(birth, PERIOD_START, PERIOD_END) is due


def test_transfer_of_rights_required_in_plan_in_effect_on_17th_birthday():
    # Plan Sep 1 2027 - Aug 31 2028; turns 17 on Jan 15 2028, 18 on Jan 15 2029.
    # The statement must be in place by Jan 15 2028, i.e. in this plan.
    birth = date(2011, 1, 15)
    assert transfer_of_rights_due(birth, PERIOD_START, PERIOD_END)
    # The plan before it (ending Aug 31 2027) is not yet required to have it.
    assert not transfer_of_rights_due(birth, date(2026, 9, 1), date(2027, 8, 31))


def test_transfer_of_rights_leap_birth_majority_in_non_leap_year():
    # Born Feb 29 2012: 17 on Mar 1 2029, 18 on Mar 1 2030 (neither is leap).
    birth = date(2012, 2, 29)
    assert birthday_at_age(birth, 18) == date(2030, 3, 1)
    assert not transfer_of_rights_due(birth, date(2028, 3, 1), date(2029, 2, 28))
    assert transfer_of_rights_due(birth, date(2028, 3, 2), date(2029, 3, 1))


def test_transfer_of_rights_leap_birth_year_before_majority_in_leap_year():
    # Majority at 17: one year before is the 16th birthday, Feb 29 2028 (leap).
    birth = date(2012, 2, 29)
    assert transfer_of_rights_due(birth, date(2027, 3, 1), date(2028, 2, 29), age_of_majority=17)
    assert not transfer_of_rights_due(birth, date(2027, 2, 28), date(2028, 2, 28), age_of_majority=17)


def test_transfer_of_rights_follows_state_age_of_majority():
    # Turns 18 on Jan 15 2029, so 17 during the plan -- but in a state where
    # majority is 19 (one year before = 18th birthday) it is not yet due.
    birth = date(2011, 1, 15)
    assert transfer_of_rights_due(birth, PERIOD_START, PERIOD_END)
    assert not transfer_of_rights_due(birth, PERIOD_START, PERIOD_END, age_of_majority=19)


# --- due dates ------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "due"),
    [
        (date(2027, 10, 12), date(2028, 10, 11)),
        (date(2027, 3, 1), date(2028, 2, 29)),
        (date(2028, 2, 29), date(2029, 2, 27)),
    ],
)
def test_annual_review_due_is_day_before_anniversary(last, due):
    assert annual_review_due(last) == due


@pytest.mark.parametrize(
    ("last", "due"),
    [
        (date(2025, 10, 12), date(2028, 10, 11)),
        (date(2025, 3, 1), date(2028, 2, 29)),
        (date(2028, 2, 29), date(2031, 2, 27)),  # Feb 28 2031 - 1 day
        (date(2024, 2, 29), date(2027, 2, 27)),
    ],
)
def test_reevaluation_due(last, due):
    assert reevaluation_due(last) == due


# --- status thresholds ----------------------------------------------------

LAST = date(2027, 1, 10)


@pytest.mark.parametrize(
    ("days", "status"),
    [
        (0, DueStatus.OK),
        (335, DueStatus.OK),
        (336, DueStatus.CAUTION),
        (365, DueStatus.CAUTION),
        (366, DueStatus.OVERDUE),
    ],
)
def test_annual_review_status_thresholds(days, status):
    assert annual_review_status(LAST, LAST + timedelta(days=days)) is status


@pytest.mark.parametrize(
    ("days", "status"),
    [
        (1035, DueStatus.OK),
        (1036, DueStatus.CAUTION),
        (1095, DueStatus.CAUTION),
        (1096, DueStatus.OVERDUE),
    ],
)
def test_reevaluation_status_thresholds(days, status):
    assert reevaluation_status(LAST, LAST + timedelta(days=days)) is status


def test_threshold_constants_match_domain_notes():
    assert (ANNUAL_CAUTION_DAYS, ANNUAL_OVERDUE_DAYS) == (335, 365)
    assert (REEVAL_CAUTION_DAYS, REEVAL_OVERDUE_DAYS) == (1035, 1095)


def test_status_before_the_start_date_is_ok():
    assert annual_review_status(LAST, LAST - D) is DueStatus.OK


def test_status_values_are_plain_strings():
    assert [s.value for s in DueStatus] == ["ok", "caution", "overdue"]
    assert isinstance(DueStatus.OVERDUE, str) and str(DueStatus.OVERDUE) == "overdue"


def test_due_status_rejects_caution_after_overdue():
    with pytest.raises(ValueError):
        due_status(LAST, LAST, caution_days=400, overdue_days=365)
