"""A legally complete plan finalizes: each of tests/complete_plans.py gives no
required finding, under the federal rules and each shipped state profile, with
the agenda it follows, through the same check the app and `iep-meeting check` run."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from iep_meeting.model.agenda import agenda_id_for, sections_for
from iep_meeting.model.checklist import checklist
from iep_meeting.model.plan import AssessmentParticipation, Role
from iep_meeting.store.agenda_files import available_agendas, find_agenda
from iep_meeting.store.plan_check import check_plan_file
from iep_meeting.store.plan_file import create_plan_file
from iep_meeting.store.profile_files import available_profiles
from tests.complete_plans import COMPLETE_PLANS

PROFILES = {source.id: source.profile for source in available_profiles()[0]}
AGENDAS = {source.id: source.agenda for source in available_agendas()}


@pytest.mark.parametrize("profile_id", sorted(PROFILES))
@pytest.mark.parametrize("name", sorted(COMPLETE_PLANS))
def test_a_complete_plan_has_no_required_finding(name, profile_id):
    plan = COMPLETE_PLANS[name]()
    agenda = AGENDAS[agenda_id_for(plan)]
    required = [f for f in checklist(plan, agenda, PROFILES[profile_id]) if f.required]
    assert required == [], f"{name} under {profile_id}: {[f.message for f in required]}"


@pytest.mark.parametrize("name", sorted(COMPLETE_PLANS))
def test_check_on_the_written_file_agrees(name, tmp_path: Path):
    path = tmp_path / f"{name}.toml"
    create_plan_file(path, attrs.evolve(COMPLETE_PLANS[name](), profile="massachusetts"))
    report = check_plan_file(path, AGENDAS)
    assert report.error is None and report.required_findings == ()


def test_each_plan_is_the_case_it_stands_for():
    """The set is only worth running if each plan really is its kind of case."""
    plans = {name: build() for name, build in COMPLETE_PLANS.items()}
    annual = find_agenda("annual-review").agenda
    assert "transition" in {s.id for s in sections_for(annual, plans["transition-age"])}
    assert plans["transition-age"].transition.rights_transfer_informed is not None
    assert plans["initial-iep"].meeting.kind.value == "initial"
    assert plans["alternate-assessment"].assessment.participation is AssessmentParticipation.ALTERNATE
    assert any(m.role is Role.INTERPRETER for m in plans["interpreter-family"].team)
    assert plans["no-general-education"].lre.general_education_percent == 0
    assert not any(m.role is Role.REGULAR_EDUCATION_TEACHER for m in plans["no-general-education"].team)
    assert plans["full-general-education"].lre.general_education_percent == 100
    for plan in plans.values():  # nothing beyond the law: these would hide a false block
        assert not plan.action_items and not plan.facilitation.desired_outcomes and plan.esy.eligible is None
