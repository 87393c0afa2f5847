"""What the dates say about transition and the transfer of rights
(documents/timeline.py), in the words the transition section shows."""

from __future__ import annotations

import datetime as dt

import attrs

from iep_meeting.documents.timeline import timeline_lines
from iep_meeting.model.plan import Plan
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import load_plan


def born(birth: dt.date | None) -> Plan:
    """The sample plan (period 2026-12-08 to 2027-12-07) for a student born on `birth`."""
    sample = load_plan(sample_plan_path())
    return attrs.evolve(sample, student=attrs.evolve(sample.student, date_of_birth=birth))


def test_the_age_of_majority_comes_from_the_rule_profile() -> None:
    plan = born(dt.date(2010, 5, 20))
    at_18 = "\n".join(line for line, _ in timeline_lines(plan, 16, 18))
    at_19 = "\n".join(line for line, _ in timeline_lines(plan, 16, 19))
    assert "Transfer of rights is due" in at_18
    assert "not due yet" in at_19 and "reaches 19, the age of majority, on 2029-05-20" in at_19


def test_a_missing_date_of_birth_is_said_plainly() -> None:
    ((line, attention),) = timeline_lines(born(None), 16, 18)
    assert attention and "date of birth is not in the plan" in line
