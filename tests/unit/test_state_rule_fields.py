"""The places the state rules needed in the plan file: the items considered, the
information on guardianship, who decides once the student is an adult, the adult
student's consent, a recess offered and its continued meeting, and whether a
family copy is written or a recording. Each is left out of the file until set,
so a plan written before them, final ones included, still loads as it was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from iep_meeting.model.plan import AdultDecisions, Considered, CopyForm, CopyMethod, FamilyCopy, Plan, RecessAnswer
from iep_meeting.store.codec import DocumentError
from iep_meeting.store.plan_file import load_plan_file, plan_from_text, plan_to_text
from iep_meeting.store.seal import seal_intact
from tests.factories import MEETING_DATE, small_plan

# A final plan sealed by iep-meeting before these keys existed (a fictional student).
BEFORE = Path(__file__).resolve().parents[1] / "data" / "final-plan-format-2-before-state-rules.toml"
NEW_KEYS = ("considered", "guardianship_informed", "adult_decisions", "student_consent", "recess", "form")


def with_every_new_fact(plan: Plan) -> Plan:
    return attrs.evolve(
        plan,
        transition=attrs.evolve(
            plan.transition,
            considered=(Considered(item="employment", note="Sam wants to work with cars; a goal at 16."),),
            guardianship_informed=dt.date(2026, 1, 15),
            adult_decisions=AdultDecisions.SHARED,
        ),
        sign_off=attrs.evolve(
            plan.sign_off,
            student_consent=True,
            student_consent_date=MEETING_DATE,
            recess=RecessAnswer.TAKEN,
            recess_date=MEETING_DATE + dt.timedelta(days=7),
            recess_time=dt.time(15, 30),
            recess_place="Placeholder Middle School, room 114",
        ),
        family_copies=(FamilyCopy(method=CopyMethod.MAIL, date=MEETING_DATE, language="Spanish", form=CopyForm.AUDIO),),
    )


def test_a_final_plan_written_before_the_new_keys_loads_as_it_was_and_its_seal_verifies() -> None:
    text = BEFORE.read_text(encoding="utf-8")
    assert not any(f"\n{key} =" in text for key in NEW_KEYS)
    loaded = load_plan_file(BEFORE)
    assert seal_intact(loaded)
    assert plan_to_text(loaded.plan) == text  # the same bytes: nothing new is written for it
    assert loaded.plan.transition.considered == () and loaded.plan.sign_off.recess is None


def test_the_new_facts_are_written_and_read_back() -> None:
    plan = with_every_new_fact(small_plan())
    text = plan_to_text(plan)
    assert plan_from_text(text) == plan
    for line in (
        '[[transition.considered]]\nitem = "employment"',
        'adult_decisions = "shared"',
        "guardianship_informed = 2026-01-15",
        "student_consent = true",
        'recess = "taken"',
        "recess_time = 15:30:00",
        'recess_place = "Placeholder Middle School, room 114"',
        'form = "audio"',
    ):
        assert line in text, line


def test_a_plan_without_them_writes_none_of_them() -> None:
    text = plan_to_text(small_plan())
    assert not any(f"{key} =" in text or f"{key}]]" in text for key in NEW_KEYS)
    assert "recess_place" not in text


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ('recess = "decline"', 'did you mean "declined"'),
        ('recess = "maybe"', 'is not one of "taken", "declined", "not-required"'),
        ('recess_date = "next week"', "sign_off.recess_date"),
    ],
)
def test_a_bad_new_value_is_refused_with_its_key(line: str, says: str) -> None:
    text = plan_to_text(small_plan()).replace("[sign_off]\n", f"[sign_off]\n{line}\n")
    with pytest.raises(DocumentError) as caught:
        plan_from_text(text)
    message = "\n".join(problem.describe() for problem in caught.value.problems)
    assert says in message and "sign_off" in message, message
