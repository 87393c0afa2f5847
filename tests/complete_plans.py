"""Legally complete fictional plans, one for each kind of meeting and student the
checklist must let through: written from 34 CFR 300.320-300.324 (what an IEP
must hold) and the shipped state profiles' rule texts, not from the
checklist's code. Each holds what the law of every shipped profile asks for
that student and nothing the law does not ask: no hoped-for outcomes, no next
steps, no sign-off lines beyond what a profile asks, ESY left undecided.
(tests/unit/test_state_profiles.py has complete plans for one state at a time.)

Every student, family and school here is invented.
"""

from __future__ import annotations

import datetime as dt

import attrs

from iep_meeting.model.edits import with_signature_lines
from iep_meeting.model.plan import (
    Accommodation,
    AppliesTo,
    Assessment,
    AssessmentParticipation,
    Attendance,
    Considered,
    CopyMethod,
    ExtendedSchoolYear,
    Facilitation,
    FamilyCopy,
    Guardian,
    InterpreterStatus,
    LeastRestrictiveEnvironment,
    MeetingKind,
    Objective,
    Plan,
    Role,
    SignOff,
    TeamMember,
    Transition,
)
from tests.factories import MEETING_DATE, PERIOD_START, small_plan


def _bare(plan: Plan) -> Plan:
    """Without what good practice adds and the law does not ask for."""
    return attrs.evolve(
        plan,
        facilitation=Facilitation(),
        action_items=(),
        parking_lot=(),
        decisions=(),
        esy=ExtendedSchoolYear(),
        sign_off=SignOff(parent_consent=True, parent_consent_date=MEETING_DATE),
    )


def _signed(plan: Plan) -> Plan:
    """With a sign-off line for everyone on the team who was there (the states that ask for them)."""
    return with_signature_lines(plan, MEETING_DATE, agrees=True)


def annual_review() -> Plan:
    return _signed(_bare(small_plan()))


def initial_iep() -> Plan:
    plan = _bare(small_plan())
    return _signed(
        attrs.evolve(
            plan,
            agenda="initial",
            meeting=attrs.evolve(
                plan.meeting,
                kind=MeetingKind.INITIAL,
                previous_iep_date=None,
                last_evaluation_date=dt.date(2026, 2, 20),
            ),
            present_levels=attrs.evolve(plan.present_levels, previous_goals=()),
        )
    )


# Texas: the items of TEC §29.011(a) the committee considers from 14, for a student who turns 18
# during the plan (the goals the plan writes show the postsecondary education and employment
# items); Massachusetts: the student's vision, on the 2024 IEP form.
CONSIDERED_AT_17 = (
    Considered(item="student-involvement", note="Sam led the discussion of his goals and chose the job shadows."),
    Considered(item="parent-involvement", note="Sam's mother joins the college visit and the agency meeting."),
    Considered(item="adult-student-invitees", note="From 18, Sam will invite his mother; he said so today."),
    Considered(item="vocational-evaluation", note="Not needed: the interest inventory and job shadows suffice."),
    Considered(item="instructional-environments", note="Senior year in the school's welding lab and a work site."),
    Considered(item="independent-living", note="Not needed: Sam manages daily living; no goal this year."),
    Considered(item="agency-referral", note="Referred to vocational rehabilitation services; the family has the form."),
    Considered(item="vision", note="Sam wants to weld for a living and rent an apartment with a friend."),
)


def transition_age() -> Plan:
    """A student who turns 18 during the plan: transition and the transfer of rights are due."""
    plan = _bare(small_plan())
    return _signed(
        attrs.evolve(
            plan,
            student=attrs.evolve(plan.student, date_of_birth=dt.date(2009, 1, 10), grade="11"),
            transition=Transition(
                education_goal="After graduation, Sam will attend the community college's welding certificate program.",
                employment_goal="Within a year of graduation, Sam will work part-time in a fabrication shop.",
                assessments="Career interest inventory (October); student and family interviews; job shadow report.",
                services=("Job shadowing at two local shops", "Visit to the community college with the counselor"),
                course_of_study="Welding I and II, applied math, and the courses for a standard diploma.",
                student_invited=True,
                rights_transfer_informed=dt.date(2026, 1, 15),
                considered=CONSIDERED_AT_17,
                guardianship_informed=dt.date(2026, 1, 15),
            ),
        )
    )


def alternate_assessment() -> Plan:
    plan = _bare(small_plan())
    goals = tuple(
        attrs.evolve(
            goal,
            objectives=goal.objectives
            or (
                Objective(statement="First step toward the goal", criterion="3 of 5 trials", by_when="by November"),
                Objective(statement="Second step toward the goal", criterion="4 of 5 trials", by_when="by February"),
            ),
        )
        for goal in plan.goals
    )
    return _signed(
        attrs.evolve(
            plan,
            goals=goals,
            accommodations=tuple(a for a in plan.accommodations if a.applies_to is AppliesTo.CLASSROOM),
            assessment=Assessment(
                participation=AssessmentParticipation.ALTERNATE,
                why_regular_not_appropriate="Sam's instruction follows the extended standards, which the regular "
                "test does not measure, even with accommodations.",
                why_alternate_appropriate="The alternate test measures the extended standards Sam is taught.",
            ),
        )
    )


def interpreter_family() -> Plan:
    """A family who speaks Spanish, with an interpreter at the meeting (not a team member),
    who gets the IEP in Spanish and in English (Massachusetts asks both)."""
    plan = _bare(small_plan())
    student = attrs.evolve(
        plan.student,
        home_language="Spanish",
        guardians=(Guardian(name="Alex Example", relationship="mother", language="Spanish"),),
    )
    interpreter = TeamMember(
        name="Lupe Sample", role=Role.INTERPRETER, title="Spanish interpreter", attendance=Attendance.IN_PERSON
    )
    return _signed(
        attrs.evolve(
            plan,
            student=student,
            team=(*plan.team, interpreter),
            meeting=attrs.evolve(plan.meeting, interpreter_status=InterpreterStatus.PROVIDED, interpreter=""),
            family_copies=(
                *plan.family_copies,
                FamilyCopy(method=CopyMethod.IN_PERSON, date=MEETING_DATE, language="English"),
            ),
        )
    )


def no_general_education() -> Plan:
    """0% in general education: no general education teacher is required (300.321(a)(2))."""
    plan = _bare(small_plan())
    services = tuple(attrs.evolve(s, setting="special education classroom") for s in plan.services)
    return _signed(
        attrs.evolve(
            plan,
            team=tuple(m for m in plan.team if m.role is not Role.REGULAR_EDUCATION_TEACHER),
            services=services,
            lre=LeastRestrictiveEnvironment(
                general_education_percent=0,
                explanation="Sam needs a small, structured setting for the whole day, as the data in present "
                "levels shows; time with peers without disabilities did not work even with a full-time aide.",
            ),
        )
    )


def full_general_education() -> Plan:
    """100% in general education: every service is given in the general education classroom."""
    plan = _bare(small_plan())
    services = tuple(attrs.evolve(s, setting="general education classroom (co-taught)") for s in plan.services)
    team = tuple(
        attrs.evolve(m, attendance=Attendance.IN_PERSON, excusal=None, excusal_consent_date=None, written_input="")
        if m.role is Role.REGULAR_EDUCATION_TEACHER
        else m
        for m in plan.team
    )
    return _signed(
        attrs.evolve(
            plan,
            team=team,
            services=services,
            accommodations=(
                *plan.accommodations,
                Accommodation(id="accommodation-9", description="Check-in with the co-teacher at the start of class"),
            ),
            lre=LeastRestrictiveEnvironment(general_education_percent=100),
        )
    )


COMPLETE_PLANS = {
    "annual-review": annual_review,
    "initial-iep": initial_iep,
    "transition-age": transition_age,
    "alternate-assessment": alternate_assessment,
    "interpreter-family": interpreter_family,
    "no-general-education": no_general_education,
    "full-general-education": full_general_education,
}

# The plan period these plans share starts after the meeting, as the law has it.
assert MEETING_DATE < PERIOD_START
