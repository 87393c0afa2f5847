"""Date arithmetic for IEP timelines: plan periods, ages, and due dates.

Pure functions over :class:`datetime.date`.

Leap-day conventions used throughout (one rule each, applied consistently):

* Adding years to Feb 29 lands on Feb 28 when the target year has no Feb 29
  (:func:`add_years`). Plan ends and due dates are built from this.
* A person born on Feb 29 gets a year older on Mar 1 in non-leap years
  (:func:`age_on`, :func:`birthday_at_age`). Ages and birthdays use this.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum

from iep_meeting.model.rules import FEDERAL

__all__ = [
    "ANNUAL_CAUTION_DAYS",
    "ANNUAL_OVERDUE_DAYS",
    "REEVAL_CAUTION_DAYS",
    "REEVAL_OVERDUE_DAYS",
    "DueStatus",
    "add_years",
    "age_on",
    "annual_review_due",
    "annual_review_status",
    "birthday_at_age",
    "due_status",
    "plan_end",
    "reevaluation_due",
    "reevaluation_status",
    "transfer_of_rights_due",
    "transition_due",
]

_ONE_DAY = timedelta(days=1)

#: Annual review: caution once more than this many days have passed since the last IEP.
ANNUAL_CAUTION_DAYS = 335
#: Annual review: overdue once more than this many days have passed since the last IEP.
ANNUAL_OVERDUE_DAYS = 365
#: Re-evaluation: caution once more than this many days have passed since the last evaluation.
REEVAL_CAUTION_DAYS = 1035
#: Re-evaluation: overdue once more than this many days have passed since the last evaluation.
REEVAL_OVERDUE_DAYS = 1095


def add_years(d: date, years: int) -> date:
    """Return ``d`` moved by ``years`` calendar years (may be negative).

    Feb 29 becomes Feb 28 when the target year is not a leap year.
    """
    year = d.year + years
    if d.month == 2 and d.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return d.replace(year=year)


def plan_end(start: date) -> date:
    """Return the last day of a one-year plan period beginning on ``start``.

    Convention: ``add_years(start, 1) - 1 day``. For a Feb 29 start the year
    is added first (Feb 29 2028 -> Feb 28 2029) and then one day is taken off,
    so the plan ends Feb 27 2029. That period still covers 365 days, like any
    year without a Feb 29 in it, and it keeps the rule one plain formula.
    A period that spans a Feb 29 covers 366 days (Mar 1 2027 -> Feb 29 2028).
    """
    return add_years(start, 1) - _ONE_DAY


def age_on(birth: date, on: date) -> int:
    """Return the completed years of age of someone born ``birth`` on date ``on``.

    The age goes up on the birthday itself. Someone born Feb 29 gets a year
    older on Mar 1 in non-leap years (so is still the old age on Feb 28).
    Raises ``ValueError`` if ``on`` is before ``birth``.
    """
    if on < birth:
        raise ValueError(f"date {on} is before birth date {birth}")
    years = on.year - birth.year
    if on < birthday_at_age(birth, years):
        years -= 1
    return years


def birthday_at_age(birth: date, age: int) -> date:
    """Return the date on which someone born ``birth`` reaches ``age``.

    Consistent with :func:`age_on`: a Feb 29 birth reaches a new age on Mar 1
    in non-leap years. ``age_on(birth, birthday_at_age(birth, n)) == n`` and the
    day before gives ``n - 1``. Raises ``ValueError`` for a negative age.
    """
    if age < 0:
        raise ValueError(f"age must not be negative, got {age}")
    year = birth.year + age
    if birth.month == 2 and birth.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return birth.replace(year=year)


def _check_period(period_start: date, period_end: date) -> None:
    if period_end < period_start:
        raise ValueError(f"plan period ends ({period_end}) before it starts ({period_start})")


def transition_due(
    birth: date, period_start: date, period_end: date, transition_age: int = FEDERAL.transition_age
) -> bool:
    """Return True if the plan must include transition goals and services.

    True when the student is ``transition_age`` or older at any point during
    the plan period, i.e. reaches that age on or before ``period_end`` (turning
    16 on the last day of the plan counts). Raises ``ValueError`` if the period
    ends before it starts.
    """
    _check_period(period_start, period_end)
    return birthday_at_age(birth, transition_age) <= period_end


def transfer_of_rights_due(
    birth: date, period_start: date, period_end: date, age_of_majority: int = FEDERAL.age_of_majority
) -> bool:
    """Return True if the plan must state the student was told of the transfer of rights.

    The statement is required "beginning not later than one year before the
    age of majority", so every IEP in effect on or after the day the student
    is one year short of majority (their 17th birthday for majority at 18)
    must have it. True when that birthday falls on or before ``period_end`` --
    the same shape as :func:`transition_due`, one year before majority.
    Raises ``ValueError`` if the period ends before it starts or
    ``age_of_majority`` is below 1.
    """
    _check_period(period_start, period_end)
    if age_of_majority < 1:
        raise ValueError(f"age_of_majority must be at least 1, got {age_of_majority}")
    return birthday_at_age(birth, age_of_majority - 1) <= period_end


def annual_review_due(last_iep_date: date) -> date:
    """Return the last day on which the next annual IEP meeting may be held.

    The next IEP must be held within 12 months: on or before the day before the
    anniversary of the last one, i.e. ``plan_end(last_iep_date)``.
    """
    return plan_end(last_iep_date)


def reevaluation_due(last_evaluation: date) -> date:
    """Return the last day on which the triennial re-evaluation may be completed.

    ``add_years(last_evaluation, 3) - 1 day`` (Feb 29 clamps to Feb 28 first).
    """
    return add_years(last_evaluation, 3) - _ONE_DAY


class DueStatus(StrEnum):
    """Warning level for a recurring deadline, by days elapsed."""

    OK = "ok"
    CAUTION = "caution"
    OVERDUE = "overdue"


def due_status(since: date, today: date, caution_days: int, overdue_days: int) -> DueStatus:
    """Classify how long it has been since ``since`` as of ``today``.

    More than ``overdue_days`` elapsed -> OVERDUE; more than ``caution_days``
    -> CAUTION; otherwise OK (including ``today`` before ``since``). These are
    the day-count thresholds district systems use; they can differ by a day
    from the calendar due dates above across non-leap years.
    Raises ``ValueError`` if ``caution_days`` exceeds ``overdue_days``.
    """
    if caution_days > overdue_days:
        raise ValueError(f"caution_days ({caution_days}) exceeds overdue_days ({overdue_days})")
    elapsed = (today - since).days
    if elapsed > overdue_days:
        return DueStatus.OVERDUE
    if elapsed > caution_days:
        return DueStatus.CAUTION
    return DueStatus.OK


def annual_review_status(last_iep: date, today: date) -> DueStatus:
    """Annual-review warning level: caution past 335 days, overdue past 365."""
    return due_status(last_iep, today, ANNUAL_CAUTION_DAYS, ANNUAL_OVERDUE_DAYS)


def reevaluation_status(last_eval: date, today: date) -> DueStatus:
    """Re-evaluation warning level: caution past 1,035 days, overdue past 1,095."""
    return due_status(last_eval, today, REEVAL_CAUTION_DAYS, REEVAL_OVERDUE_DAYS)
