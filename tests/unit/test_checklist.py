"""The completeness checklist: for each rule, a plan that passes and one that fails.

`small_plan()` is complete (no required finding). Each case below breaks one
thing in it and expects exactly that rule to fire, with a message, a citation
where the law gives one, and the plan key where it is fixed. Rules that do not
apply (no previous IEP, a student under 16) must stay silent.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from iep_meeting.model.agenda import Agenda, Section, sections_for
from iep_meeting.model.checklist import Checklist, checklist
from iep_meeting.model.concerns import ANSWER_LISTS
from iep_meeting.model.edits import continue_later, finalize, with_signature_lines
from iep_meeting.model.paths import get_in, set_in
from iep_meeting.model.plan import (
    AppliesTo,
    AssessmentParticipation,
    Attendance,
    Concern,
    ContactAttempt,
    ContactMethod,
    Excusal,
    Factor,
    InterpreterStatus,
    MeetingKind,
    Outcome,
    ParkingLotItem,
    Period,
    Plan,
    Role,
    Service,
    ServiceKind,
    Signature,
    TeamMember,
)
from iep_meeting.model.progress import SectionStatus, section_status
from iep_meeting.model.rules import FEDERAL, MajorityRule, ProfileRequirement, SignatureMeaning, SignatureRule
from iep_meeting.store.agenda_files import find_agenda
from iep_meeting.store.profile_files import find_profile
from tests.factories import MEETING_DATE, PERIOD_END, PERIOD_START, small_plan

ANNUAL = find_agenda("annual-review").agenda
TEXAS = find_profile("texas").profile
MASSACHUSETTS = find_profile("massachusetts").profile


def rules(plan: Plan, agenda: Agenda | None = ANNUAL, *, required_only: bool = True) -> set[str]:
    return {f.rule for f in checklist(plan, agenda) if f.required or not required_only}


def change(path, value):
    return lambda plan: set_in(plan, path, value)


def member(role: Role):
    """A change to the first team member with `role`."""

    def apply(plan: Plan, **changes) -> Plan:
        index = next(i for i, m in enumerate(plan.team) if m.role is role)
        return set_in(plan, ("team", index), attrs.evolve(plan.team[index], **changes))

    return apply


def initial(plan: Plan) -> Plan:
    return set_in(plan, ("meeting", "kind"), MeetingKind.INITIAL)


def sixteen_during_the_plan(plan: Plan) -> Plan:
    return set_in(plan, ("student", "date_of_birth"), dt.date(PERIOD_START.year - 16, 9, 1))


def alternate(plan: Plan) -> Plan:
    return set_in(
        plan,
        ("assessment",),
        attrs.evolve(
            plan.assessment,
            participation=AssessmentParticipation.ALTERNATE,
            why_regular_not_appropriate="Needs a test of the alternate standards.",
            why_alternate_appropriate="Measures the extended standards Sam works on.",
        ),
    )


def transition_complete(plan: Plan) -> Plan:
    plan = sixteen_during_the_plan(plan)
    return set_in(
        plan,
        ("transition",),
        attrs.evolve(
            plan.transition,
            education_goal="Attend the community college's culinary program.",
            employment_goal="Work part-time in a restaurant kitchen.",
            assessments="Interest inventory (fall); job-shadow reflections.",
            services=("Job shadowing at two restaurants",),
            course_of_study="Culinary arts elective track.",
            student_invited=True,
        ),
    )


COMPLETE = small_plan()

# (rule that must fire, a change that breaks the complete plan)
FAILING = [
    ("present-levels-areas", change(("present_levels", "areas"), ())),
    (
        "present-levels-impact",  # no statement at all; one for one area is enough (advice below)
        lambda p: set_in(
            p, ("present_levels", "areas"), tuple(attrs.evolve(a, impact=" ") for a in p.present_levels.areas)
        ),
    ),
    (
        "present-levels-strengths",
        lambda p: set_in(
            p, ("present_levels", "areas"), tuple(attrs.evolve(a, strengths="") for a in p.present_levels.areas)
        ),
    ),
    ("parent-concerns", change(("present_levels", "parent_concerns"), "")),
    ("previous-goal-progress", change(("present_levels", "previous_goals", 1, "progress"), None)),
    (
        "goals-present",
        lambda p: attrs.evolve(p, goals=(), services=tuple(attrs.evolve(s, goals=()) for s in p.services)),
    ),
    ("goal-measurable", change(("goals", 1, "baseline"), "")),
    ("goal-progress-measure", change(("goals", 0, "measured_by"), "")),
    ("goal-measurable", change(("goals", 2, "target"), "")),
    ("goal-progress-reporting", change(("goals", 0, "reporting"), "")),
    ("goal-objectives", lambda p: change(("goals", 1, "objectives"), ())(alternate(p))),
    ("services-present", lambda p: attrs.evolve(p, services=())),
    ("dates-in-order", change(("meeting", "last_evaluation_date"), MEETING_DATE + dt.timedelta(days=1))),
    ("dates-in-order", change(("meeting", "previous_iep_date"), MEETING_DATE + dt.timedelta(days=30))),
    ("dates-in-order", change(("period", "start"), MEETING_DATE - dt.timedelta(days=1))),
    (
        "special-education-present",
        lambda p: attrs.evolve(
            p, services=tuple(attrs.evolve(s, kind=ServiceKind.RELATED_SERVICE) for s in p.services)
        ),
    ),
    ("service-complete", change(("services", 1, "minutes"), None)),
    ("service-complete", change(("services", 0, "setting"), "")),
    ("service-complete", change(("services", 0, "start"), None)),
    ("service-dates", change(("services", 0, "start"), PERIOD_START - dt.timedelta(days=1))),
    ("service-dates", change(("services", 0, "start"), PERIOD_END + dt.timedelta(days=1))),
    ("accommodations-considered", lambda p: attrs.evolve(p, accommodations=())),
    ("assessment-participation", change(("assessment", "participation"), None)),
    (
        "assessment-alternate-justification",
        lambda p: change(("assessment", "why_alternate_appropriate"), "")(alternate(p)),
    ),
    (
        "assessment-alternate-justification",
        lambda p: change(("assessment", "why_regular_not_appropriate"), "")(alternate(p)),
    ),
    ("lre-decided", change(("lre", "general_education_percent"), None)),
    ("lre-explanation", change(("lre", "explanation"), "")),
    ("special-factor-considered", change(("special_factors", "vision"), Factor())),
    ("special-factor-considered", change(("special_factors", "behavior", "needed"), None)),
    ("transition-complete", sixteen_during_the_plan),
    ("transition-complete", lambda p: change(("transition", "course_of_study"), "")(transition_complete(p))),
    (
        "transition-student-invited",
        lambda p: attrs.evolve(
            change(("transition", "student_invited"), False)(transition_complete(p)),
            team=tuple(m for m in p.team if m.role is not Role.STUDENT),
            sign_off=attrs.evolve(
                p.sign_off, signatures=tuple(s for s in p.sign_off.signatures if s.role is not Role.STUDENT)
            ),
        ),
    ),
    ("rights-transfer", lambda p: set_in(p, ("student", "date_of_birth"), dt.date(PERIOD_START.year - 17, 12, 1))),
    (
        "team-role",
        lambda p: attrs.evolve(p, team=tuple(m for m in p.team if m.role is not Role.DISTRICT_REPRESENTATIVE)),
    ),
    ("team-role", lambda p: member(Role.EVALUATION_INTERPRETER)(p, attendance=Attendance.ABSENT)),
    ("team-attendance", lambda p: member(Role.SPECIAL_EDUCATION_TEACHER)(p, attendance=Attendance.INVITED)),
    ("team-excusal", lambda p: member(Role.REGULAR_EDUCATION_TEACHER)(p, excusal_consent_date=None)),
    ("team-excusal", lambda p: member(Role.REGULAR_EDUCATION_TEACHER)(p, written_input="")),
    ("team-excusal", lambda p: member(Role.REGULAR_EDUCATION_TEACHER)(p, excusal=None)),
    ("parent-participation", lambda p: attrs.evolve(p, team=tuple(m for m in p.team if m.role is not Role.PARENT))),
    (
        "parent-participation",  # absent, and no attempt to involve them recorded
        lambda p: member(Role.PARENT)(p, attendance=Attendance.ABSENT, contact_attempts=()),
    ),
    ("interpreter", change(("meeting", "interpreter"), "")),
    ("period-length", change(("period", "end"), PERIOD_END + dt.timedelta(days=30))),
    ("period-order", change(("period",), Period(start=PERIOD_START, end=PERIOD_START - dt.timedelta(days=1)))),
    ("meeting-date", change(("meeting", "date"), None)),
    ("parent-consent", lambda p: change(("sign_off", "parent_consent"), None)(initial(p))),
    ("parent-consent", lambda p: change(("sign_off", "parent_consent_date"), None)(initial(p))),
    ("family-copy", change(("family_copies", 0, "method"), None)),
    ("family-copy", change(("family_copies",), ())),
]


def test_the_complete_plan_has_no_required_finding():
    assert rules(COMPLETE) == set()
    assert rules(COMPLETE, None) == set()


@pytest.mark.parametrize(("rule", "breaks"), FAILING, ids=[f"{rule}-{n}" for n, (rule, _) in enumerate(FAILING)])
def test_each_rule_fires_on_the_plan_that_breaks_it(rule, breaks):
    broken = breaks(COMPLETE)
    findings = [f for f in checklist(broken, ANNUAL) if f.rule == rule]
    assert findings, f"{rule} did not fire"
    finding = findings[0]
    assert finding.required
    assert finding.message.strip() and "{" not in finding.message
    assert finding.location, "says where it is fixed"
    # Required means the law requires it: every required finding names its rule.
    assert finding.citation.startswith("34 CFR 300."), finding
    get_in(broken, finding.path)  # the place it names exists in the plan: the app can jump there


def test_every_finding_is_placed_in_the_section_that_edits_it():
    findings = {f.rule: f for f in checklist(FAILING[6][1](COMPLETE), ANNUAL)}
    assert findings["goal-measurable"].section == "goals"
    assert findings["goal-measurable"].location == "goals[1].baseline"
    interpreter = next(f for f in checklist(change(("meeting", "interpreter"), "")(COMPLETE), ANNUAL))
    assert interpreter.section == "start-up"
    consent = next(f for f in checklist(change(("sign_off", "parent_consent"), None)(COMPLETE), ANNUAL))
    assert consent.section == "close"


# --- rules that do not apply stay silent ------------------------------------------------


def test_no_previous_iep_means_no_progress_rule():
    plan = attrs.evolve(
        COMPLETE,
        meeting=attrs.evolve(COMPLETE.meeting, kind=MeetingKind.INITIAL, previous_iep_date=None),
        present_levels=attrs.evolve(COMPLETE.present_levels, previous_goals=()),
    )
    assert "previous-goal-progress" not in rules(plan, required_only=False)


def test_a_student_under_16_needs_no_transition_or_rights_notice():
    assert COMPLETE.transition == type(COMPLETE.transition)()  # nothing written about transition
    assert not {"transition-complete", "transition-student-invited", "rights-transfer"} & rules(COMPLETE)


def test_transition_age_comes_from_the_profile():
    fourteen = set_in(COMPLETE, ("student", "date_of_birth"), dt.date(PERIOD_START.year - 14, 9, 1))
    assert "transition-complete" not in rules(fourteen)
    found = [f for f in checklist(fourteen, ANNUAL, MASSACHUSETTS) if f.rule == "transition-complete"]
    assert found and found[0].required and "14 or older" in found[0].message
    assert found[0].citation == "34 CFR 300.320(b)(1); M.G.L. c. 71B §2"  # the state's age, cited
    assert "transition" in {s.id for s in sections_for(ANNUAL, fourteen, MASSACHUSETTS)}
    assert "transition" not in {s.id for s in sections_for(ANNUAL, fourteen)}


def test_a_complete_transition_plan_passes_and_the_age_of_majority_is_the_profiles():
    plan = transition_complete(COMPLETE)
    assert rules(plan) == set()
    seventeen = set_in(plan, ("student", "date_of_birth"), dt.date(PERIOD_START.year - 17, 12, 1))
    assert "rights-transfer" in rules(seventeen)
    later = attrs.evolve(FEDERAL, majority=MajorityRule(age=21, cite="State rule 21", source="s"))
    assert "rights-transfer" not in {f.rule for f in checklist(seventeen, ANNUAL, later)}
    kept = attrs.evolve(FEDERAL, majority=MajorityRule(rights_transfer=False, cite="State rule", source="s"))
    assert "rights-transfer" not in {f.rule for f in checklist(seventeen, ANNUAL, kept)}
    told = set_in(seventeen, ("transition", "rights_transfer_informed"), dt.date(2026, 3, 12))
    assert "rights-transfer" not in rules(told)


def test_a_general_education_teacher_is_not_required_for_a_student_never_in_general_education():
    plan = attrs.evolve(COMPLETE, team=tuple(m for m in COMPLETE.team if m.role is not Role.REGULAR_EDUCATION_TEACHER))
    assert "team-role" in rules(plan)
    separate = set_in(plan, ("lre", "general_education_percent"), 0)
    assert "team-role" not in rules(separate)


def test_an_absent_parent_with_two_documented_attempts_passes():
    plan = member(Role.PARENT)(COMPLETE, attendance=Attendance.ABSENT)
    plan = attrs.evolve(
        plan,
        sign_off=attrs.evolve(
            plan.sign_off, signatures=tuple(s for s in plan.sign_off.signatures if s.role is not Role.PARENT)
        ),
    )
    assert "parent-participation" not in rules(plan)  # the factory's parent has calls on two days


def test_an_excused_member_with_the_right_consent_passes():
    excused = member(Role.REGULAR_EDUCATION_TEACHER)
    not_discussed = excused(COMPLETE, excusal=Excusal.NOT_DISCUSSED, written_input="")
    assert not {"team-role", "team-excusal"} & rules(not_discussed)


def test_no_interpreter_needed_for_an_english_speaking_family():
    english = attrs.evolve(
        COMPLETE,
        student=attrs.evolve(
            COMPLETE.student, guardians=tuple(attrs.evolve(g, language="") for g in COMPLETE.student.guardians)
        ),
        meeting=attrs.evolve(COMPLETE.meeting, interpreter_status=None, interpreter=""),
    )
    assert "interpreter" not in rules(english)


def test_a_family_that_declined_an_interpreter_needs_none_recorded():
    declined = change(
        ("meeting",), attrs.evolve(COMPLETE.meeting, interpreter_status=InterpreterStatus.DECLINED, interpreter="")
    )
    assert "interpreter" not in rules(declined(COMPLETE))
    not_asked = change(("meeting", "interpreter_status"), None)(COMPLETE)
    (finding,) = [f for f in checklist(not_asked) if f.rule == "interpreter"]
    assert finding.required and finding.location == "meeting.interpreter_status" and "Spanish" in finding.message


def test_objectives_are_optional_unless_the_alternate_assessment():
    no_objectives = change(("goals", 1, "objectives"), ())(COMPLETE)
    assert "goal-objectives" not in rules(no_objectives)


def test_accommodations_none_needed_is_a_decision():
    none = attrs.evolve(COMPLETE, accommodations=())
    decided = attrs.evolve(
        none,
        decisions=(
            *none.decisions,
            attrs.evolve(none.decisions[0], section="accommodations", what="No accommodations are needed."),
        ),
    )
    assert "accommodations-considered" in rules(none)
    assert "accommodations-considered" not in rules(decided)


def test_full_general_education_needs_no_lre_explanation():
    plan = attrs.evolve(COMPLETE, lre=attrs.evolve(COMPLETE.lre, general_education_percent=100, explanation=""))
    assert "lre-explanation" not in rules(plan)


def test_a_parent_who_does_not_consent_to_a_first_iep_blocks_it_but_not_a_review():
    refused = set_in(COMPLETE, ("sign_off", "parent_consent"), False)
    assert "parent-consent" not in rules(refused)
    assert "parent-consent" in rules(refused, required_only=False)  # advice: Prior Written Notice
    initial = set_in(refused, ("meeting", "kind"), MeetingKind.INITIAL)
    assert "parent-consent" in rules(initial)


# --- severity and advice ---------------------------------------------------------------


def test_recommended_findings_do_not_block():
    plan = change(("present_levels", "areas", 0, "baseline"), "")(COMPLETE)
    found = {f.rule: f for f in checklist(plan, ANNUAL)}
    assert found["present-levels-baseline"].severity.value == "recommended"
    assert rules(plan) == set()


def test_goal_minutes_are_compared_with_the_services_for_the_goal():
    more = change(("goals", 0, "minutes_per_week"), 400)(COMPLETE)
    served = [f for f in checklist(more, ANNUAL) if f.rule == "goal-served"]
    assert served and "400 minutes" in served[0].message and "150" in served[0].message


def test_a_late_review_and_an_old_evaluation_are_flagged():
    late = set_in(COMPLETE, ("meeting", "previous_iep_date"), dt.date(2025, 1, 10))
    old = set_in(late, ("meeting", "last_evaluation_date"), dt.date(2022, 1, 10))
    found = rules(old, required_only=False)
    assert {"annual-review-late", "reevaluation-due"} <= found


def test_agenda_requirements_are_not_repeated_when_a_rule_already_asks():
    plan = change(("services", 1, "minutes"), None)(COMPLETE)
    found = [f.rule for f in checklist(plan, ANNUAL)]
    assert found.count("service-complete") == 1
    assert "agenda-requires" not in found  # services.minutes is already asked for by service-complete


def test_an_agenda_file_can_require_more():
    strict = attrs.evolve(
        ANNUAL,
        sections=(
            *ANNUAL.sections[:-1],
            attrs.evolve(ANNUAL.sections[-1], requires=(*ANNUAL.sections[-1].requires, "family_copies.language")),
        ),
    )
    plan = change(("family_copies", 0, "language"), "")(COMPLETE)
    extra = [f for f in checklist(plan, strict) if f.rule == "agenda-requires"]
    assert [f.location for f in extra] == ["family_copies[0].language"]
    assert extra[0].citation == "District requirement"  # no law behind it: it says whose rule it is
    assert extra[0].section == "close" and "family copies › language" in extra[0].message
    assert rules(plan, ANNUAL) == set()


def test_required_findings_come_first_in_agenda_order():
    plan = change(("sign_off", "parent_consent"), None)(change(("goals", 0, "baseline"), "")(initial(COMPLETE)))
    plan = change(("present_levels", "areas", 0, "baseline"), "")(plan)
    findings = checklist(plan, ANNUAL)
    assert [f.rule for f in findings][:2] == ["goal-measurable", "parent-consent"]
    assert not findings[-1].required


# --- the checklist in a running meeting -------------------------------------------------


def test_the_incremental_checklist_agrees_with_a_fresh_one_after_each_change():
    running = Checklist(ANNUAL)
    plan = COMPLETE
    assert running.run(plan) == checklist(plan, ANNUAL)
    for path, value in (
        (("goals", 1, "baseline"), ""),
        (("sign_off", "parent_consent"), None),
        (("goals", 1, "baseline"), "12 of 20"),
        (("lre", "explanation"), ""),
        (("student", "date_of_birth"), dt.date(PERIOD_START.year - 16, 9, 1)),  # transition comes in
        (("goals",), ()),
    ):
        plan = set_in(plan, path, value)
        assert running.run(plan) == checklist(plan, ANNUAL)


def status(section: Section, plan: Plan, visited: bool) -> SectionStatus:
    return section_status(section, plan, visited, checklist(plan, ANNUAL))


def test_section_status_comes_from_the_required_findings():
    goals = next(s for s in ANNUAL.sections if s.id == "goals")
    assert status(goals, COMPLETE, visited=False) is SectionStatus.COMPLETE
    unmeasured = change(("goals", 0, "baseline"), "")(COMPLETE)
    assert status(goals, unmeasured, visited=True) is SectionStatus.IN_PROGRESS
    empty = attrs.evolve(COMPLETE, goals=(), decisions=())
    assert status(goals, empty, visited=False) is SectionStatus.NOT_STARTED
    assert status(goals, empty, visited=True) is SectionStatus.IN_PROGRESS


@pytest.mark.parametrize(
    "unsettled",
    [
        lambda d: attrs.evolve(d, outcome=Outcome.TABLED),
        lambda d: attrs.evolve(d, outcome=Outcome.NOT_AGREED, disagreed="The parent: too few minutes."),
        lambda d: attrs.evolve(d, outcome=Outcome.NOT_AGREED, disagreed=""),
    ],
    ids=["tabled", "not-agreed-with-reason", "not-agreed"],
)
def test_every_section_that_needs_attention_has_an_item_that_says_why(unsettled):
    decision = attrs.evolve(unsettled(COMPLETE.decisions[0]), section="goals")
    plan = attrs.evolve(COMPLETE, decisions=(decision,))
    goals = next(s for s in ANNUAL.sections if s.id == "goals")
    assert status(goals, plan, visited=True) is SectionStatus.NEEDS_ATTENTION
    why = [f for f in checklist(plan, ANNUAL) if f.section == "goals"]
    assert why and decision.what.split()[0] in why[0].message
    raised = ParkingLotItem(topic="Bus times", section="services")
    topic = attrs.evolve(COMPLETE, parking_lot=(raised,))
    services = next(s for s in ANNUAL.sections if s.id == "services")
    assert status(services, topic, visited=True) is SectionStatus.NEEDS_ATTENTION
    assert [f.rule for f in checklist(topic, ANNUAL) if f.section == "services"] == ["parking-lot-open"]


def test_a_section_with_nothing_required_is_complete_once_visited():
    section = Section(id="notes", title="Notes", minutes=5, covers=("facilitation.norms",))
    blank = attrs.evolve(COMPLETE, facilitation=attrs.evolve(COMPLETE.facilitation, norms=()))
    assert status(section, blank, visited=False) is SectionStatus.NOT_STARTED
    assert status(section, blank, visited=True) is SectionStatus.COMPLETE


# --- finishing the meeting ----------------------------------------------------------------


def test_sign_off_lines_are_added_for_everyone_present_once():
    plan = change(("sign_off", "signatures"), (Signature(name="alex example", role=Role.PARENT, agrees=True),))(
        COMPLETE
    )
    lined = with_signature_lines(plan, dt.date(2026, 3, 12))
    names = [s.name for s in lined.sign_off.signatures]
    present = [m.name for m in COMPLETE.team if m.attendance in (Attendance.IN_PERSON, Attendance.REMOTE)]
    assert names == ["alex example", *[n for n in present if n != "Alex Example"]]
    assert all(s.agrees is None for s in lined.sign_off.signatures[1:])  # nobody is signed up as agreeing
    assert with_signature_lines(lined, dt.date(2026, 3, 12)) is lined
    assert "Jordan Placeholder" not in names  # excused, not at the meeting


def test_finalize_and_continue_later():
    final = finalize(continue_later(COMPLETE, dt.date(2026, 3, 12), ("x",), None), dt.date(2026, 3, 13))
    assert final.status.value == "final" and final.sign_off.finalized == dt.date(2026, 3, 13)
    assert final.follow_up is None  # nothing left for a follow-up
    later = continue_later(COMPLETE, dt.date(2026, 3, 12), ("Parent consent",), dt.date(2026, 4, 2))
    assert later.status.value == "draft"
    assert later.follow_up is not None
    assert later.follow_up.open_items == ("Parent consent",) and later.follow_up.date == dt.date(2026, 4, 2)


def test_a_new_team_member_without_a_name_is_not_asked_to_sign():
    plan = attrs.evolve(
        COMPLETE, team=(*COMPLETE.team, TeamMember(name="", role=Role.OTHER, attendance=Attendance.IN_PERSON))
    )
    assert "signoff-participant" not in rules(plan)


# (rule that must advise, a change that calls for it): advice never blocks finalizing
ADVICE = [
    ("present-levels-baseline", change(("present_levels", "areas", 1, "baseline"), "")),
    ("evaluation-summary", change(("present_levels", "evaluation_summary"), "")),
    ("previous-goal-evidence", change(("present_levels", "previous_goals", 0, "evidence"), "")),
    ("goal-served", change(("services", 1, "goals"), ())),
    ("service-dates", change(("services", 0, "end"), PERIOD_END + dt.timedelta(days=1))),
    ("special-factor-note", change(("special_factors", "assistive_technology", "note"), "")),
    ("present-levels-impact", change(("present_levels", "areas", 0, "impact"), " ")),  # another area has one
    ("service-provider", change(("services", 0, "provider"), "")),
    (
        "parent-participation",  # one attempt recorded: the law sets no number; try again on another day
        lambda p: member(Role.PARENT)(
            p,
            attendance=Attendance.ABSENT,
            contact_attempts=(
                ContactAttempt(date=dt.date(2026, 2, 17), method=ContactMethod.PHONE),
                ContactAttempt(date=dt.date(2026, 2, 17), method=ContactMethod.LETTER),
            ),
        ),
    ),
    ("goal-minutes", change(("goals", 0, "minutes_per_week"), None)),
    ("goal-minutes", change(("goals", 0, "minutes_per_week"), 0)),
    ("parking-lot-open", lambda p: attrs.evolve(p, parking_lot=(*p.parking_lot, ParkingLotItem(topic="Bus times")))),
    # IDEA asks for no signature beyond consent: who agrees is recorded as advice (federal profile)
    ("signoff-participant", lambda p: change(("sign_off", "signatures"), p.sign_off.signatures[1:])(p)),
    ("signoff-participant", change(("sign_off", "signatures", 0, "agrees"), None)),
    ("signoff-disagreement", change(("sign_off", "signatures", 4, "statement"), "")),
    ("parent-consent", change(("sign_off", "parent_consent"), None)),  # an annual review: consent was at the first
    ("agenda-recommends", change(("facilitation", "desired_outcomes"), ())),
    ("agenda-recommends", lambda p: attrs.evolve(p, action_items=())),
    (
        "decision-not-agreed",
        lambda p: change(("decisions", 0), attrs.evolve(p.decisions[0], outcome=Outcome.NOT_AGREED, disagreed=""))(p),
    ),
    ("decision-tabled", lambda p: change(("decisions", 0, "outcome"), Outcome.TABLED)(p)),
    ("family-copy", change(("family_copies", 0, "date"), None)),
    ("period-length", change(("period", "end"), PERIOD_START + dt.timedelta(days=120))),
    # Linked only to records no longer in the plan: nothing answers it.
    (
        "concern-answered",
        change(
            ("present_levels", "concerns"),
            (
                Concern(
                    id="concern-1", text="Homework takes hours", answered_by=tuple(f"{n}:gone" for n in ANSWER_LISTS)
                ),
            ),
        ),
    ),
]


@pytest.mark.parametrize(("rule", "calls_for"), ADVICE, ids=[f"{rule}-{n}" for n, (rule, _) in enumerate(ADVICE)])
def test_each_recommendation_fires_as_advice(rule, calls_for):
    plan = calls_for(COMPLETE)
    advice = [f for f in checklist(plan, ANNUAL) if f.rule == rule]
    assert advice and not any(f.required for f in advice), advice
    assert rules(plan) == set()  # nothing required: the plan can still be finalized
    assert rule not in rules(COMPLETE, required_only=False)


def test_the_evaluation_summary_is_required_for_a_first_iep():
    initial = set_in(
        change(("present_levels", "evaluation_summary"), "")(COMPLETE), ("meeting", "kind"), MeetingKind.INITIAL
    )
    assert "evaluation-summary" in rules(initial, None)


def test_only_members_of_the_iep_team_are_asked_to_agree():
    interpreter = TeamMember(name="Lupe Sample", role=Role.INTERPRETER, attendance=Attendance.IN_PERSON)
    advocate = TeamMember(name="Pat Example", role=Role.ADVOCATE, attendance=Attendance.REMOTE)
    plan = attrs.evolve(COMPLETE, team=(*COMPLETE.team, interpreter, advocate))
    assert "signoff-participant" not in rules(plan)  # they take part, and are not asked
    unsigned = attrs.evolve(plan, sign_off=attrs.evolve(plan.sign_off, signatures=()))
    lined = with_signature_lines(unsigned, dt.date(2026, 3, 12), agrees=True)
    names = [s.name for s in lined.sign_off.signatures]
    assert "Lupe Sample" not in names and "Pat Example" not in names
    assert names and all(s.agrees is True for s in lined.sign_off.signatures)
    assert "signoff-participant" not in rules(lined)


def test_support_not_counted_in_minutes_may_say_how_often_in_words():
    aid = Service(
        id="service-9",
        kind=ServiceKind.SUPPLEMENTARY_AID,
        description="Audiobooks of assigned texts",
        provider="general education teachers",
        setting="general education classroom",
        start=PERIOD_START,
        frequency="whenever content-area texts are assigned",
    )
    plan = attrs.evolve(COMPLETE, services=(*COMPLETE.services, aid))
    assert "service-complete" not in rules(plan)
    counted = attrs.evolve(aid, kind=ServiceKind.SPECIAL_EDUCATION)
    assert "service-complete" in rules(attrs.evolve(COMPLETE, services=(*COMPLETE.services, counted)))


@pytest.mark.parametrize(
    ("broken", "rule", "citation"),
    [
        (change(("goals", 0, "measured_by"), ""), "goal-progress-measure", "300.320(a)(3)(i)"),
        (change(("goals", 0, "reporting"), ""), "goal-progress-reporting", "300.320(a)(3)(ii)"),
        (change(("special_factors", "behavior", "needed"), None), "special-factor-considered", "300.324(a)(2)(i)"),
        (
            change(("special_factors", "limited_english", "needed"), None),
            "special-factor-considered",
            "300.324(a)(2)(ii)",
        ),
        (change(("special_factors", "vision", "needed"), None), "special-factor-considered", "300.324(a)(2)(iii)"),
        (
            change(("special_factors", "communication", "needed"), None),
            "special-factor-considered",
            "300.324(a)(2)(iv)",
        ),
        (
            change(("special_factors", "assistive_technology", "needed"), None),
            "special-factor-considered",
            "300.324(a)(2)(v)",
        ),
    ],
    ids=["progress measured", "progress reported", "behavior", "english", "vision", "communication", "technology"],
)
def test_each_finding_cites_its_own_paragraph(broken, rule, citation):
    [finding] = [f for f in checklist(broken(COMPLETE), ANNUAL) if f.rule == rule]
    assert finding.citation == "34 CFR " + citation


def test_related_services_alone_are_not_an_iep():
    related = ("services", 0, "kind")
    only_related = attrs.evolve(
        COMPLETE, services=tuple(attrs.evolve(s, kind=ServiceKind.RELATED_SERVICE) for s in COMPLETE.services)
    )
    assert "special-education-present" in rules(only_related)
    assert "special-education-present" not in rules(change(related, ServiceKind.SPECIAL_EDUCATION)(only_related))


def test_an_excusal_agreed_after_the_meeting_is_out_of_order():
    excuse = member(Role.REGULAR_EDUCATION_TEACHER)
    before = MEETING_DATE - dt.timedelta(days=2)
    written = {
        "attendance": Attendance.EXCUSED,
        "excusal": Excusal.WRITTEN_INPUT,
        "excusal_consent_date": before,
        "excusal_school_agreed": before,
        "written_input": "Reads well in class with a guided-notes page.",
        "written_input_date": before,
    }
    assert "dates-in-order" not in rules(excuse(COMPLETE, **written), required_only=False)
    late = excuse(COMPLETE, **{**written, "written_input_date": MEETING_DATE + dt.timedelta(days=1)})
    [finding] = [f for f in checklist(late, ANNUAL) if f.rule == "dates-in-order"]
    assert finding.citation == "34 CFR 300.321(e)(2)(ii)" and "after this meeting" in finding.message


def test_tests_with_accommodations_need_an_accommodation_marked_for_tests():
    classroom_only = attrs.evolve(
        COMPLETE,
        accommodations=tuple(attrs.evolve(a, applies_to=AppliesTo.CLASSROOM) for a in COMPLETE.accommodations),
    )
    assert "test-accommodations-listed" in rules(classroom_only)
    regular = change(("assessment", "participation"), AssessmentParticipation.REGULAR)
    assert "test-accommodations-listed" not in rules(regular(classroom_only), required_only=False)
    assert "test-accommodations-listed" in rules(regular(COMPLETE), required_only=False)  # advice: one is wrong
    assert "test-accommodations-listed" not in rules(regular(COMPLETE))


def test_full_general_education_with_a_service_elsewhere_is_flagged():
    full = change(("lre", "general_education_percent"), 100)(COMPLETE)
    findings = [f for f in checklist(full, ANNUAL) if f.rule == "lre-matches-services"]
    assert findings and not findings[0].required and "resource room" in findings[0].message
    in_class = attrs.evolve(
        full, services=tuple(attrs.evolve(s, setting="general education classroom") for s in full.services)
    )
    assert "lre-matches-services" not in rules(in_class, required_only=False)


# --- agendas and profiles add to the built-in rules, never overrule them ----------------------


def test_an_agenda_requiring_accommodations_accepts_the_decision_that_none_are_needed():
    none_needed = attrs.evolve(
        COMPLETE,
        accommodations=(),
        assessment=attrs.evolve(COMPLETE.assessment, participation=AssessmentParticipation.REGULAR),
        decisions=(attrs.evolve(COMPLETE.decisions[0], section="accommodations", what="No accommodations needed"),),
    )
    assert "accommodations" in next(s for s in ANNUAL.sections if s.id == "accommodations").requires
    assert rules(none_needed) == set()
    assert "accommodations-considered" in rules(attrs.evolve(none_needed, decisions=()))


def test_an_agenda_requiring_minutes_accepts_an_aid_given_how_often_in_words():
    aid = Service(
        id="service-9",
        kind=ServiceKind.SUPPLEMENTARY_AID,
        description="Graphic organizer",
        provider="classroom teacher",
        frequency="daily, during writing",
        setting="general education classroom",
        start=PERIOD_START,
    )
    plan = attrs.evolve(COMPLETE, services=(*COMPLETE.services, aid))
    assert rules(plan) == set()


def test_an_agenda_raising_advice_to_required_keeps_its_citation():
    unlisted = change(("present_levels", "previous_goals"), ())(COMPLETE)  # an earlier IEP, none listed
    assert "previous-goal-progress" in rules(unlisted, None, required_only=False)
    raised = [f for f in checklist(unlisted, ANNUAL) if f.required]
    assert [(f.rule, f.citation) for f in raised] == [("agenda-requires", "34 CFR 300.324(b)(1)(ii)(A)")]
    assert not [f for f in checklist(unlisted, ANNUAL) if f.rule == "previous-goal-progress"]  # said once


def test_signatures_that_mean_agreement_are_required_with_the_states_rule():
    agreement = attrs.evolve(
        FEDERAL, signatures=SignatureRule(meaning=SignatureMeaning.AGREEMENT, cite="State rule 1", source="s")
    )
    unsigned = change(("sign_off", "signatures", 0, "agrees"), None)(COMPLETE)
    assert "signoff-participant" not in rules(unsigned)  # federal: advice
    found = [f for f in checklist(unsigned, ANNUAL, agreement) if f.rule == "signoff-participant"]
    assert found and found[0].required and found[0].citation == "State rule 1"


def test_texas_signatures_show_attendance_and_the_parent_and_administrator_agree():
    first = COMPLETE.sign_off.signatures[0]
    assert first.role is Role.PARENT
    unsigned = change(("sign_off", "signatures", 0, "agrees"), None)(COMPLETE)
    assert "signoff-participant" in {f.rule for f in checklist(unsigned, ANNUAL, TEXAS) if f.required}
    teacher = next(i for i, s in enumerate(COMPLETE.sign_off.signatures) if s.role is Role.SPECIAL_EDUCATION_TEACHER)
    teacher_open = change(("sign_off", "signatures", teacher, "agrees"), None)(COMPLETE)
    assert "signoff-participant" not in {f.rule for f in checklist(teacher_open, ANNUAL, TEXAS)}
    missing_line = change(("sign_off", "signatures"), COMPLETE.sign_off.signatures[:teacher])(COMPLETE)
    lines = [f for f in checklist(missing_line, ANNUAL, TEXAS) if f.rule == "signoff-participant"]
    assert lines and lines[0].required and "took part" in lines[0].message
    assert lines[0].citation == "Tex. Educ. Code §29.005(b-1)"


def test_massachusetts_asks_every_ieps_response_after_the_meeting():
    unasked = change(("sign_off", "parent_consent"), None)(COMPLETE)
    assert "parent-consent" not in rules(unasked)  # federal: only the first IEP
    # 603 CMR 28.05(7): the parent accepts or rejects the proposed IEP after the meeting.
    [found] = [f for f in checklist(unasked, ANNUAL, MASSACHUSETTS) if f.rule == "parent-consent"]
    assert not found.required and "after the meeting, within 30 days" in found.message
    assert found.citation == "603 CMR 28.05(7); placement: 603 CMR 28.07(1)(a)"
    refused = change(("sign_off", "parent_consent"), False)(COMPLETE)
    assert "parent-consent" in {f.rule for f in checklist(refused, ANNUAL, MASSACHUSETTS) if f.required}


def test_a_profile_can_require_an_impact_statement_for_each_area():
    per_area = attrs.evolve(
        FEDERAL,
        title="A state",
        requires=(
            ProfileRequirement(
                path="present_levels.areas.impact", words="how the disability affects each area", cite="State §9"
            ),
        ),
    )
    one_missing = change(("present_levels", "areas", 0, "impact"), " ")(COMPLETE)
    assert rules(one_missing) == set()  # federal: one statement is enough
    found = [f for f in checklist(one_missing, ANNUAL, per_area) if f.required]
    assert [(f.rule, f.citation, f.location) for f in found] == [
        ("state-requires", "State §9", "present_levels.areas[0].impact")
    ]
    assert "A state asks for how the disability affects each area" in found[0].message
    assert found[0].section == "present-levels"
    assert not [f for f in checklist(one_missing, ANNUAL, per_area) if f.rule == "present-levels-impact"]
