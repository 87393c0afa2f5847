"""The shipped profiles follow their law: for each, complete plans that must pass
and plans that must fail each of its rules, written from the rule texts the
profile files quote (agendas/profiles/*.toml), with the ages at their edges.

Federal (34 CFR Part 300): transition from 16, so a 14½-year-old needs none;
the dates the law puts in order around the meeting and the services.
Texas (TEC Chapter 29, 19 TAC Chapter 89): the items of TEC §29.011(a)
considered from 14; guardianship information a year before 18; the IEP in
Spanish for a parent who cannot speak English, whole and not a summary; the
basis of a disagreement required and a member's statement an entitlement; a
recess offered to the parent who disagrees.
Massachusetts (603 CMR 28.00, M.G.L. c. 71B): transition and the student's
vision from 14; at 18 the decisions are the student's unless shared, delegated
or a guardian's, documented; copies in English and the home language; the
parent's response after the meeting.

Every student and family here is invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest

from iep_meeting.model.agenda import agenda_id_for, sections_for
from iep_meeting.model.checklist import checklist
from iep_meeting.model.findings import Finding
from iep_meeting.model.paths import set_in
from iep_meeting.model.plan import (
    AdultDecisions,
    Attendance,
    Considered,
    ContactAttempt,
    ContactMethod,
    CopyForm,
    CopyMethod,
    Decision,
    FamilyCopy,
    FamilyResponse,
    Guardian,
    InterpreterStatus,
    Outcome,
    Plan,
    RecessAnswer,
    ResponseAnswer,
    Role,
)
from iep_meeting.model.rules import Profile
from iep_meeting.store.agenda_files import available_agendas
from iep_meeting.store.profile_files import find_profile
from tests.complete_plans import annual_review, initial_iep
from tests.factories import MEETING_DATE, PERIOD_END, PERIOD_START

FEDERAL = find_profile("federal").profile
TEXAS = find_profile("texas").profile
MASSACHUSETTS = find_profile("massachusetts").profile
AGENDAS = {source.id: source.agenda for source in available_agendas()}
DAY = dt.timedelta(days=1)


def findings(plan: Plan, profile: Profile) -> tuple[Finding, ...]:
    return checklist(plan, AGENDAS[agenda_id_for(plan)], profile)


def required(plan: Plan, profile: Profile) -> set[str]:
    return {f.rule for f in findings(plan, profile) if f.required}


def only(plan: Plan, profile: Profile, rule: str) -> list[Finding]:
    return [f for f in findings(plan, profile) if f.rule == rule]


def born(turns: int, on: dt.date) -> dt.date:
    """The date of birth of a student who turns `turns` on `on`."""
    return on.replace(year=on.year - turns)


def aged(plan: Plan, birth: dt.date, **transition: Any) -> Plan:
    return attrs.evolve(
        plan,
        student=attrs.evolve(plan.student, date_of_birth=birth),
        transition=attrs.evolve(plan.transition, **transition),
    )


def transition_written(plan: Plan) -> Plan:
    """IDEA's transition contents (34 CFR 300.320(b)), as a team writes them."""
    return attrs.evolve(
        plan,
        transition=attrs.evolve(
            plan.transition,
            education_goal="After high school, Sam will take the community college's automotive course.",
            employment_goal="Within a year of graduating, Sam will work in a repair shop.",
            assessments="Career interest inventory; interviews with Sam and his family.",
            services=("A visit to the college's automotive program",),
            course_of_study="Auto technology electives and the courses for a standard diploma.",
            student_invited=True,
        ),
    )


# --- federal -------------------------------------------------------------------------------


def test_a_federal_fourteen_and_a_half_year_old_needs_no_transition() -> None:
    """34 CFR 300.320(b): "Beginning not later than the first IEP to be in effect when the child turns 16"."""
    half = aged(annual_review(), born(14, PERIOD_START) - dt.timedelta(days=182))
    assert required(half, FEDERAL) == set()
    assert "transition" not in {s.id for s in sections_for(AGENDAS["annual-review"], half, FEDERAL)}
    # The same student in Texas and Massachusetts: the state's planning from 14.
    assert "transition-considered" in required(half, TEXAS)
    assert {"transition-complete", "transition-considered"} <= required(half, MASSACHUSETTS)


def test_a_federal_student_who_turns_sixteen_on_the_last_day_of_the_plan_needs_transition() -> None:
    last_day = aged(annual_review(), born(16, PERIOD_END))
    assert "transition-complete" in required(last_day, FEDERAL)
    assert "transition-complete" not in required(aged(annual_review(), born(16, PERIOD_END + DAY)), FEDERAL)


DatedChange = Callable[[Plan], Plan]


def member_with(role: Role, **changes: Any) -> DatedChange:
    def change(plan: Plan) -> Plan:
        index = next(i for i, m in enumerate(plan.team) if m.role is role)
        return set_in(plan, ("team", index), attrs.evolve(plan.team[index], **changes))

    return change


def set_to(path: tuple[str | int, ...], value: object) -> DatedChange:
    return lambda plan: set_in(plan, path, value)


AFTER, BEFORE = MEETING_DATE + DAY, MEETING_DATE - DAY
FIRST_SERVICE = PERIOD_START

# (a change that puts a date out of order, the paragraph the finding cites)
OUT_OF_ORDER: list[tuple[str, DatedChange, str]] = [
    ("evaluation after the meeting", set_to(("meeting", "last_evaluation_date"), AFTER), "34 CFR 300.324(a)(1)(iii)"),
    ("previous IEP after the meeting", set_to(("meeting", "previous_iep_date"), AFTER), "34 CFR 300.324(b)(1)(i)"),
    (
        "written-input excusal agreed after the meeting",
        member_with(Role.REGULAR_EDUCATION_TEACHER, excusal_consent_date=AFTER),
        "34 CFR 300.321(e)(2)(i)",
    ),
    (
        "an attempt to involve the absent parent after the meeting",
        member_with(
            Role.PARENT,
            attendance=Attendance.ABSENT,
            contact_attempts=(
                ContactAttempt(date=MEETING_DATE - 20 * DAY, method=ContactMethod.PHONE),
                ContactAttempt(date=AFTER, method=ContactMethod.LETTER),
            ),
        ),
        "34 CFR 300.322(d)",
    ),
    ("the family's copy before the meeting", set_to(("family_copies", 0, "date"), BEFORE), "34 CFR 300.322(f)"),
    ("finalized before the meeting", set_to(("sign_off", "finalized"), BEFORE), "34 CFR 300.501(b)(1)"),
    ("finalized after the services start", set_to(("sign_off", "finalized"), FIRST_SERVICE + DAY), "34 CFR 300.323(c)"),
    (
        "the student told of the transfer of rights after the meeting",
        lambda plan: aged(plan, born(17, PERIOD_START), rights_transfer_informed=AFTER),
        "34 CFR 300.320(c)",
    ),
]


@pytest.mark.parametrize(("name", "breaks", "citation"), OUT_OF_ORDER, ids=[case[0] for case in OUT_OF_ORDER])
def test_a_date_the_law_puts_in_order_is_checked_and_cites_the_duty(
    name: str, breaks: DatedChange, citation: str
) -> None:
    plan = breaks(annual_review())
    found = [f for f in only(plan, FEDERAL, "dates-in-order") if f.required]
    assert [f.citation for f in found] == [citation], name


def test_a_first_iep_consent_comes_after_the_meeting_and_before_the_services() -> None:
    """300.300(b)(1): consent "before the initial provision of special education and related services"."""
    first = initial_iep()
    assert required(first, FEDERAL) == set()
    for date in (BEFORE, FIRST_SERVICE + DAY):
        late = set_in(first, ("sign_off", "parent_consent_date"), date)
        [finding] = only(late, FEDERAL, "dates-in-order")
        assert finding.required and finding.citation == "34 CFR 300.300(b)(1)"
    # At an annual review the consent is advice (consent was given to the first IEP).
    assert "dates-in-order" not in required(
        set_in(annual_review(), ("sign_off", "parent_consent_date"), BEFORE), FEDERAL
    )


def test_a_contact_attempt_after_the_meeting_is_advice_when_the_parent_came() -> None:
    late = member_with(
        Role.PARENT, contact_attempts=(ContactAttempt(date=AFTER, method=ContactMethod.PHONE, result="thanks"),)
    )(annual_review())
    [finding] = only(late, FEDERAL, "dates-in-order")
    assert not finding.required and finding.location == "team[0].contact_attempts[0].date"


def test_an_adult_student_consents_to_a_first_iep_not_the_parent() -> None:
    """300.520(a): at the age of majority the parent's rights transfer to the student."""
    adult = aged(transition_written(initial_iep()), born(18, MEETING_DATE - 30 * DAY), rights_transfer_informed=BEFORE)
    [finding] = only(adult, FEDERAL, "adult-student-consent")
    assert finding.required and finding.location == "sign_off.student_consent"
    assert "34 CFR 300.300(b)" in finding.citation and "300.520(a)" in finding.citation
    consented = attrs.evolve(
        adult,
        sign_off=attrs.evolve(adult.sign_off, student_consent=True, student_consent_date=MEETING_DATE),
    )
    assert required(consented, FEDERAL) == set()
    # A guardian appointed: the decisions stay with the guardian, recorded as the parent's.
    guardian = set_in(adult, ("transition", "adult_decisions"), AdultDecisions.GUARDIAN)
    assert required(guardian, FEDERAL) == set()
    # Turning 18 the day after the meeting: still the parent's.
    assert required(set_in(adult, ("student", "date_of_birth"), born(18, MEETING_DATE + DAY)), FEDERAL) == set()


# --- Texas ------------------------------------------------------------------------------------------

AT_14 = (
    Considered(item="student-involvement", note="Sam will lead the transition part of each meeting from now on."),
    Considered(item="parent-involvement", note="Sam's mother joins the career day and the meetings."),
    Considered(item="postsecondary-education", note="Too early to choose; he will visit the college next year."),
    Considered(item="vocational-evaluation", note="Not needed yet; an interest inventory this spring instead."),
    Considered(item="employment", note="Sam would like to work with cars; no goal before 16."),
    Considered(item="independent-living", note="Not needed: he manages daily living at home."),
    Considered(item="agency-referral", note="Not yet: the family has the state's transition guide."),
)


def texas_fourteen(turns_on: dt.date = PERIOD_END, considered: tuple[Considered, ...] = AT_14) -> Plan:
    """A Texas student who turns 14 during the plan (on its last day unless said)."""
    return aged(annual_review(), born(14, turns_on), considered=considered)


def test_a_texas_student_who_turns_fourteen_during_the_plan_has_each_item_considered() -> None:
    """TEC §29.0111: planning "must begin ... not later than when the student reaches 14"."""
    complete = texas_fourteen()
    assert required(complete, TEXAS) == set()
    assert "transition" in {s.id for s in sections_for(AGENDAS["annual-review"], complete, TEXAS)}
    nothing = texas_fourteen(considered=())
    found = only(nothing, TEXAS, "transition-considered")
    assert len(found) == len(AT_14) and all(f.required for f in found)
    assert {f.citation for f in found} == {f"Tex. Educ. Code §29.011(a)({n})" for n in (1, 2, 4, 5, 6, 8, 9)}
    assert all(f.section == "transition" and f.location == "transition.considered" for f in found)
    # The day after the plan ends is too late for this plan: nothing to consider yet, no section.
    later = texas_fourteen(turns_on=PERIOD_END + DAY, considered=())
    assert "transition-considered" not in required(later, TEXAS)
    assert "transition" not in {s.id for s in sections_for(AGENDAS["annual-review"], later, TEXAS)}
    # IDEA's contents still wait for 16 in Texas.
    assert "transition-complete" not in required(nothing, TEXAS)


@pytest.mark.parametrize("item", [record.item for record in AT_14])
def test_each_texas_item_left_out_fails_with_its_own_paragraph(item: str) -> None:
    without = texas_fourteen(considered=tuple(c for c in AT_14 if c.item != item))
    [finding] = only(without, TEXAS, "transition-considered")
    paragraph = next(i.cite for i in TEXAS.transition_planning.items if i.id == item)
    assert finding.required and finding.citation == paragraph


def test_a_texas_item_is_considered_by_a_note_or_by_the_plan_addressing_it() -> None:
    blank_note = texas_fourteen(considered=(*AT_14[:-1], Considered(item="agency-referral", note=" ")))
    [finding] = only(blank_note, TEXAS, "transition-considered")
    assert finding.location == "transition.considered[6].note"
    # An employment goal shows employment goals were considered (TEC §29.011(a)(6)).
    goal = set_in(
        texas_fourteen(considered=tuple(c for c in AT_14 if c.item != "employment")),
        ("transition", "employment_goal"),
        "Work in an auto repair shop.",
    )
    assert required(goal, TEXAS) == set()


def test_the_items_for_an_adult_student_come_when_the_student_turns_eighteen_during_the_plan() -> None:
    """TEC §29.011(a)(3), (7): "if the student is at least 18 years of age"."""
    seventeen = aged(transition_written(annual_review()), born(18, PERIOD_END + DAY), considered=AT_14)
    assert "transition-considered" not in required(seventeen, TEXAS)
    turning = aged(transition_written(annual_review()), born(18, PERIOD_END), considered=AT_14)
    missing = {f.citation for f in only(turning, TEXAS, "transition-considered")}
    assert missing == {"Tex. Educ. Code §29.011(a)(3)", "Tex. Educ. Code §29.011(a)(7)"}


def test_texas_guardianship_information_a_year_before_eighteen() -> None:
    """19 TAC §89.1049(a): the IEP states the student got information on guardianship and its alternatives."""
    seventeen = aged(transition_written(annual_review()), born(17, PERIOD_START), rights_transfer_informed=BEFORE)
    seventeen = set_in(seventeen, ("transition", "considered"), AT_14)
    [finding] = only(seventeen, TEXAS, "guardianship-information")
    assert finding.required and finding.citation == "19 TAC §89.1049(a)"
    assert "supported decision-making" in finding.message
    informed = set_in(seventeen, ("transition", "guardianship_informed"), BEFORE)
    assert required(informed, TEXAS) == set()
    assert "guardianship-information" not in required(seventeen, FEDERAL)
    # Told after the meeting that states it: out of order.
    late = set_in(seventeen, ("transition", "guardianship_informed"), AFTER)
    assert [f.citation for f in only(late, TEXAS, "dates-in-order")] == ["19 TAC §89.1049(a)"]


def spanish_speaking(
    plan: Plan, *copies: FamilyCopy, interpreter: InterpreterStatus = InterpreterStatus.PROVIDED
) -> Plan:
    student = attrs.evolve(
        plan.student,
        home_language="Spanish",
        guardians=(Guardian(name="Alex Example", relationship="mother", language="Spanish"),),
    )
    meeting = attrs.evolve(plan.meeting, interpreter_status=interpreter)
    return attrs.evolve(plan, student=student, meeting=meeting, family_copies=copies)


def copy_in(language: str, *, document: str = "", form: CopyForm | None = CopyForm.WRITTEN) -> FamilyCopy:
    return FamilyCopy(method=CopyMethod.IN_PERSON, date=MEETING_DATE, language=language, document=document, form=form)


def test_texas_gives_a_parent_who_cannot_speak_english_the_whole_iep_in_spanish() -> None:
    """TEC §29.005(d)(1): "a written or audiotaped copy ... translated into Spanish"; 19 TAC §89.1050: "not a
    partial translation or summary"."""
    english_only = spanish_speaking(annual_review(), copy_in("English"))
    [finding] = only(english_only, TEXAS, "family-copy-language")
    assert finding.required and finding.citation.startswith("Tex. Educ. Code §29.005(d)")
    assert required(spanish_speaking(annual_review(), copy_in("Spanish")), TEXAS) == set()
    assert required(spanish_speaking(annual_review(), copy_in("Spanish", form=CopyForm.AUDIO)), TEXAS) == set()
    summary = spanish_speaking(annual_review(), copy_in("Spanish", document="family", form=None))
    [finding] = only(summary, TEXAS, "family-copy-language")
    assert finding.required and "summary" in finding.message
    full = spanish_speaking(annual_review(), copy_in("Spanish", document="full", form=None))
    assert only(full, TEXAS, "family-copy-language") == []  # made by the app: written
    unsaid = spanish_speaking(annual_review(), copy_in("Spanish", form=None))
    [finding] = only(unsaid, TEXAS, "family-copy-language")
    assert not finding.required and finding.location == "family_copies[0].form"
    # A parent who follows in English (no interpreter needed) is not "unable to speak English".
    follows = spanish_speaking(annual_review(), copy_in("English"), interpreter=InterpreterStatus.NOT_NEEDED)
    assert only(follows, TEXAS, "family-copy-language") == []
    assert "family-copy-language" not in required(english_only, FEDERAL)


def test_texas_asks_a_good_faith_effort_for_another_language() -> None:
    """TEC §29.005(d)(2): for a language other than Spanish, "make a good faith effort"."""
    plan = spanish_speaking(annual_review(), copy_in("English"))
    vietnamese = attrs.evolve(
        plan,
        student=attrs.evolve(plan.student, home_language="Vietnamese", guardians=(Guardian(name="Kim Sample"),)),
    )
    [finding] = only(vietnamese, TEXAS, "family-copy-language")
    assert not finding.required and "Vietnamese" in finding.message and "good-faith" in finding.message


def disagreeing_parent(plan: Plan) -> Plan:
    index = next(i for i, s in enumerate(plan.sign_off.signatures) if s.role is Role.PARENT)
    return set_in(plan, ("sign_off", "signatures", index, "agrees"), False)


def not_agreed(plan: Plan, why: str) -> Plan:
    decision = Decision(
        time=dt.datetime.combine(MEETING_DATE, dt.time(16, 30)),
        section="services",
        what="Reading instruction in the resource room, 150 minutes a week.",
        outcome=Outcome.NOT_AGREED,
        disagreed=why,
    )
    return attrs.evolve(plan, decisions=(*plan.decisions, decision))


def recess(answer: RecessAnswer, **when: Any) -> DatedChange:
    return lambda plan: attrs.evolve(plan, sign_off=attrs.evolve(plan.sign_off, recess=answer, **when))


def test_texas_requires_the_basis_of_a_disagreement_and_leaves_the_statement_to_the_member() -> None:
    """TEC §29.005(c): the IEP "must include the basis of the disagreement"; each member who disagrees "is
    entitled to include a statement"."""
    disagreeing = recess(RecessAnswer.DECLINED)(disagreeing_parent(annual_review()))
    [basis] = only(disagreeing, TEXAS, "disagreement-basis")
    assert basis.required and basis.citation == "Tex. Educ. Code §29.005(c)"
    assert basis.location == "sign_off.signatures[0].agrees"
    [statement] = only(disagreeing, TEXAS, "signoff-disagreement")
    assert not statement.required and "may add" in statement.message
    assert statement.citation == "Tex. Educ. Code §29.005(c)"
    with_basis = not_agreed(disagreeing, "Alex Example wants 120 minutes, so that Sam keeps band.")
    assert required(with_basis, TEXAS) == set()
    [unwritten] = only(not_agreed(disagreeing, ""), TEXAS, "disagreement-basis")
    assert unwritten.location.endswith(".disagreed") and unwritten.section == "services"
    assert "disagreement-basis" not in required(disagreeing, FEDERAL)


def test_texas_offers_the_parent_who_disagrees_one_recess_with_the_next_meeting_agreed() -> None:
    """19 TAC §89.1050(g)(1): "a single opportunity to have the committee recess ... not to exceed ten school days";
    "the date, time, and place for continuing ... determined by mutual agreement prior to the recess"."""
    disagreeing = not_agreed(disagreeing_parent(annual_review()), "Alex Example wants 120 minutes.")
    [offer] = only(disagreeing, TEXAS, "recess")
    assert offer.required and offer.citation == "19 TAC §89.1050(g)(1)" and offer.location == "sign_off.recess"
    assert required(recess(RecessAnswer.DECLINED)(disagreeing), TEXAS) == set()
    assert required(recess(RecessAnswer.NOT_REQUIRED)(disagreeing), TEXAS) == set()
    taken = recess(RecessAnswer.TAKEN)(disagreeing)
    assert {f.location for f in only(taken, TEXAS, "recess") if f.required} == {
        "sign_off.recess_date",
        "sign_off.recess_time",
        "sign_off.recess_place",
    }
    agreed = {"recess_time": dt.time(15, 30), "recess_place": "Placeholder Middle School, room 114"}
    in_a_week = recess(RecessAnswer.TAKEN, recess_date=MEETING_DATE + 7 * DAY, **agreed)(disagreeing)
    assert required(in_a_week, TEXAS) == set()
    same_day = recess(RecessAnswer.TAKEN, recess_date=MEETING_DATE, **agreed)(disagreeing)
    assert "recess" in required(same_day, TEXAS)
    a_month = recess(RecessAnswer.TAKEN, recess_date=MEETING_DATE + 30 * DAY, **agreed)(disagreeing)
    [late] = only(a_month, TEXAS, "recess")
    assert not late.required and "10 school days" in late.message
    # A teacher who disagrees is not offered the recess; federal law offers none.
    teacher = set_in(not_agreed(annual_review(), "x"), ("sign_off", "signatures", 2, "agrees"), False)
    assert only(teacher, TEXAS, "recess") == []
    assert only(disagreeing, FEDERAL, "recess") == []


def test_texas_asks_the_adult_students_agreement_only_once_the_rights_are_theirs() -> None:
    """TEC §29.005(b-1)(3): "whether the child's parents, the adult student, if applicable, and the administrator
    agreed or disagreed"."""
    plan = transition_written(annual_review())
    student = next(i for i, s in enumerate(plan.sign_off.signatures) if s.role is Role.STUDENT)
    open_line = set_in(plan, ("sign_off", "signatures", student, "agrees"), None)
    seventeen = aged(open_line, born(18, MEETING_DATE + DAY), considered=AT_14, guardianship_informed=BEFORE)
    seventeen = set_in(seventeen, ("transition", "rights_transfer_informed"), BEFORE)
    assert "signoff-participant" not in required(seventeen, TEXAS)
    eighteen = set_in(seventeen, ("student", "date_of_birth"), born(18, MEETING_DATE))
    assert "signoff-participant" in required(eighteen, TEXAS)


# --- Massachusetts ---------------------------------------------------------------------------------


def massachusetts_transition(plan: Plan, birth: dt.date) -> Plan:
    written = transition_written(plan)
    return aged(
        written,
        birth,
        considered=(Considered(item="vision", note="Sam sees himself fixing cars and living near his cousins."),),
        rights_transfer_informed=BEFORE,
    )


def test_massachusetts_transition_and_the_vision_from_fourteen() -> None:
    """M.G.L. c. 71B §2: from 14, "transition services and measurable postsecondary goals"."""
    fourteen = massachusetts_transition(annual_review(), born(14, PERIOD_END))
    assert required(fourteen, MASSACHUSETTS) == set()
    bare = aged(annual_review(), born(14, PERIOD_END))
    found = {(f.rule, f.citation) for f in findings(bare, MASSACHUSETTS) if f.required}
    assert ("transition-complete", "34 CFR 300.320(b)(1); M.G.L. c. 71B §2") in found
    assert ("transition-considered", "603 CMR 28.05(4)(c)") in found


def test_a_massachusetts_student_who_turns_eighteen_during_the_plan() -> None:
    """603 CMR 28.07(5): the rights are the student's at 18; until then the parent's."""
    turning = massachusetts_transition(annual_review(), born(18, MEETING_DATE + 60 * DAY))
    assert required(turning, MASSACHUSETTS) == set()
    [advice] = only(turning, MASSACHUSETTS, "adult-decisions")
    assert not advice.required and advice.citation == "603 CMR 28.07(5)"
    [notice] = only(set_in(turning, ("transition", "rights_transfer_informed"), None), MASSACHUSETTS, "rights-transfer")
    assert notice.citation == "34 CFR 300.320(c); 603 CMR 28.07(5)"


def test_a_massachusetts_adult_student_decides_unless_shared_delegated_or_a_guardian_is_documented() -> None:
    adult = massachusetts_transition(annual_review(), born(18, MEETING_DATE - 30 * DAY))
    [undocumented] = only(adult, MASSACHUSETTS, "adult-decisions")
    assert undocumented.required and undocumented.location == "transition.adult_decisions"
    own = set_in(adult, ("transition", "adult_decisions"), AdultDecisions.STUDENT)
    # The parent's consent was recorded; the student's is the one that counts.
    [consent] = only(own, MASSACHUSETTS, "adult-student-consent")
    assert consent.required and "603 CMR 28.07(5)" in consent.citation
    assert only(own, MASSACHUSETTS, "parent-consent") == []
    accepted = attrs.evolve(
        own, sign_off=attrs.evolve(own.sign_off, student_consent=True, student_consent_date=MEETING_DATE)
    )
    assert required(accepted, MASSACHUSETTS) == set()
    # Shared: the student still decides, with the parent beside them; delegated or a guardian: the parent's counts.
    shared = set_in(adult, ("transition", "adult_decisions"), AdultDecisions.SHARED)
    assert "adult-student-consent" in required(shared, MASSACHUSETTS)
    for documented in (AdultDecisions.DELEGATED, AdultDecisions.GUARDIAN):
        assert required(set_in(adult, ("transition", "adult_decisions"), documented), MASSACHUSETTS) == set()


def test_massachusetts_asks_copies_in_english_and_the_home_language() -> None:
    """603 CMR 28.07(8): communications "in both English and the primary language of the home"."""
    both = spanish_speaking(annual_review(), copy_in("Spanish"), copy_in("English"))
    assert required(both, MASSACHUSETTS) == set()
    for alone, missing in ((copy_in("Spanish"), "English"), (copy_in("English"), "Spanish")):
        [finding] = only(spanish_speaking(annual_review(), alone), MASSACHUSETTS, "family-copy-language")
        assert finding.required and finding.citation == "603 CMR 28.07(8)" and missing in finding.message
    # A summary counts in Massachusetts; the form (written or audio) is Texas's.
    summary = spanish_speaking(annual_review(), copy_in("Spanish", document="family", form=None), copy_in("English"))
    assert only(summary, MASSACHUSETTS, "family-copy-language") == []


def test_massachusetts_sends_the_proposed_iep_right_after_the_meeting() -> None:
    """603 CMR 28.05(7): "immediately following the development of the IEP" (DESE: within 5 school days)."""
    plan = annual_review()
    in_a_week = set_in(plan, ("family_copies", 0, "date"), MEETING_DATE + 7 * DAY)
    assert only(in_a_week, MASSACHUSETTS, "family-copy") == []
    late = set_in(plan, ("family_copies", 0, "date"), MEETING_DATE + 12 * DAY)
    [finding] = only(late, MASSACHUSETTS, "family-copy")
    assert not finding.required and finding.citation == "603 CMR 28.05(7)"
    assert only(late, FEDERAL, "family-copy") == []


def test_a_massachusetts_response_dated_before_the_meeting_is_out_of_order() -> None:
    early = set_in(annual_review(), ("sign_off", "parent_consent_date"), BEFORE)
    [finding] = only(early, MASSACHUSETTS, "dates-in-order")
    assert finding.required and finding.citation == "603 CMR 28.05(7)"


def test_a_massachusetts_first_iep_waits_for_the_response_without_blocking_the_meeting() -> None:
    first = attrs.evolve(initial_iep(), sign_off=attrs.evolve(initial_iep().sign_off, parent_consent=None))
    [finding] = only(first, MASSACHUSETTS, "parent-consent")
    assert not finding.required and "after the meeting" in finding.message
    assert "parent-consent" in required(first, FEDERAL)  # 300.300(b): at the meeting where no state says later


def state_plans() -> Iterator[Plan]:
    """Plans that take the branches of the state rules (tests/unit/test_checklist_reads.py runs every rule on them)."""
    yield texas_fourteen()
    yield texas_fourteen(considered=(*AT_14[:-1], Considered(item="agency-referral", note="")))
    yield aged(transition_written(annual_review()), born(18, MEETING_DATE), considered=AT_14)
    disagreeing = not_agreed(disagreeing_parent(annual_review()), "")
    yield disagreeing
    yield disagreeing_parent(annual_review())
    agreed = {"recess_time": dt.time(15, 30), "recess_place": "Room 114"}
    for day in (MEETING_DATE, MEETING_DATE + 30 * DAY):
        yield recess(RecessAnswer.TAKEN, recess_date=day, **agreed)(disagreeing)
    yield recess(RecessAnswer.TAKEN)(disagreeing)
    yield spanish_speaking(annual_review(), copy_in("Spanish", document="family", form=None))
    yield spanish_speaking(annual_review(), copy_in("Spanish", form=None), copy_in("English"))
    adult = massachusetts_transition(annual_review(), born(18, MEETING_DATE - 30 * DAY))
    yield adult
    yield set_in(adult, ("transition", "adult_decisions"), AdultDecisions.STUDENT)
    yield massachusetts_transition(annual_review(), born(18, MEETING_DATE + 60 * DAY))
    yield set_in(annual_review(), ("family_copies", 0, "date"), MEETING_DATE + 12 * DAY)
    yield set_in(annual_review(), ("meeting", "date"), None)
    yield from (breaks(annual_review()) for _, breaks, _ in OUT_OF_ORDER)
    for answer in ResponseAnswer:  # the family's response after the meeting (tests/unit/test_respond.py)
        response = FamilyResponse(date=MEETING_DATE + 12 * DAY, answer=answer, rejected="the 1:1 aide")
        yield attrs.evolve(annual_review(), responses=(response,))
