"""The parts of the family's copy that only it has, in plain words: the steps
toward each goal, state tests, time in general education, summer help, plans
for life after high school, who agrees (with each person's own words and the
parent's consent), the next meeting and what it will decide, whom to call
(with phone and email), and the family's rights if they disagree.

A part the plan holds nothing for is left out, never printed empty. The
district's words (its contact, how to get the procedural safeguards, where to
get help) come from its district file when it has one (store/district_files.py,
read by documents/export.py); the rights themselves have a plain federal default
in the strings file. Nothing here reads a file.
"""

from __future__ import annotations

from enum import StrEnum

from iep_meeting.documents.document import (
    Block,
    Facts,
    Items,
    Line,
    Paragraph,
    Piece,
    Section,
    Typed,
    date_words,
    fill,
    typed,
)
from iep_meeting.documents.plan_parts import first_name, recess_continued
from iep_meeting.model.plan import (
    AppliesTo,
    AssessmentParticipation,
    Outcome,
    ParkingLotState,
    Plan,
    RecessAnswer,
    Role,
    TeamMember,
)
from iep_meeting.store.district_files import DistrictWords, NoticeWords
from iep_meeting.words.locale import Strings


def _paragraph(text: str) -> Paragraph:
    return Paragraph((text,))


def objectives_blocks(plan: Plan, s: Strings) -> list[Block]:
    """The short-term objectives of each goal that has them, as a list under its number."""
    blocks: list[Block] = []
    by: dict[object, str] = {}  # "by March 15, 2027", once a date: many steps share one
    for number, goal in enumerate(plan.goals, start=1):
        steps: list[Line] = []
        for objective in goal.objectives:
            if not objective.statement.strip():
                continue
            line: list[Piece] = [*typed(objective.statement)]
            if objective.criterion.strip():
                line += [" — ", *typed(objective.criterion)]
            if objective.target_date is not None:
                day = objective.target_date
                if day not in by:
                    by[day] = f", {s.text('goal.by', date=date_words(s, day))}"
                line.append(by[day])
            elif objective.by_when.strip():
                line += [", ", *typed(objective.by_when)]
            steps.append(tuple(line))
        if steps:
            blocks += [_paragraph(s.text("goal.steps", number=number)), Items(tuple(steps))]
    return blocks


def tests_section(plan: Plan, s: Strings) -> Section:
    """How the student takes state and district tests, and the accommodations on them."""
    assessment = plan.assessment
    how = s.text(f"participation.{assessment.participation.value}") if assessment.participation else ""
    blocks: list[Block] = [
        Paragraph((s.text("tests.how", student=first_name(plan)), " ", how or s.text("tests.not_decided")))
    ]
    if assessment.participation is AssessmentParticipation.ALTERNATE:
        facts = [
            (s.text("full.why_not_regular"), typed(assessment.why_regular_not_appropriate)),
            (s.text("full.why_alternate"), typed(assessment.why_alternate_appropriate)),
        ]
        blocks.append(Facts(s.text(f"participation.{assessment.participation.value}"), tuple(f for f in facts if f[1])))
    if assessment.note.strip():
        blocks.append(Paragraph(typed(assessment.note)))
    on_tests = [item for item in plan.accommodations if item.applies_to in (AppliesTo.ASSESSMENTS, AppliesTo.BOTH)]
    if on_tests:
        blocks += [
            _paragraph(s.text("tests.accommodations")),
            Items(tuple(typed(item.description) for item in on_tests)),
        ]
    return Section("tests", s.text("heading.tests"), tuple(blocks))


def placement_section(plan: Plan, s: Strings) -> Section | None:
    """The share of the day in general education, and why any time apart, in plain words."""
    lre, student = plan.lre, first_name(plan)
    blocks: list[Block] = []
    if lre.general_education_percent == 100:
        blocks.append(_paragraph(s.text("placement.all", student=student)))
    elif lre.general_education_percent is not None:
        blocks.append(_paragraph(s.text("placement.share", student=student, count=lre.general_education_percent)))
    if lre.explanation.strip() and lre.general_education_percent != 100:
        blocks.append(Paragraph((f"{s.text('placement.why')} ", *typed(lre.explanation))))
    return Section("placement", s.text("heading.placement"), tuple(blocks)) if blocks else None


def esy_section(plan: Plan, s: Strings) -> Section | None:
    """Summer services (extended school year), once the team has decided."""
    esy = plan.esy
    if esy.eligible is None and not esy.note.strip():
        return None
    blocks: list[Block] = []
    if esy.eligible is not None:
        blocks.append(_paragraph(s.text("esy.yes" if esy.eligible else "esy.no", student=first_name(plan))))
    if esy.note.strip():
        blocks.append(Paragraph(typed(esy.note)))
    return Section("esy", s.text("heading.esy"), tuple(blocks))


def transition_section(plan: Plan, s: Strings) -> Section | None:
    """The post-secondary goals and transition services, when the plan has any."""
    transition = plan.transition
    services: list[Piece] = []
    for text in (text for text in transition.services if text.strip()):
        services += (["; "] if services else []) + [Typed(text.strip())]
    facts = [
        (s.text("full.education_goal"), typed(transition.education_goal)),
        (s.text("full.employment_goal"), typed(transition.employment_goal)),
        (s.text("full.living_goal"), typed(transition.independent_living_goal)),
        (s.text("full.transition_services"), tuple(services)),
        (s.text("full.course_of_study"), typed(transition.course_of_study)),
        (s.text("full.adult_decisions"), _words(s, "adult_decisions", transition.adult_decisions)),
        (s.text("full.guardianship_told"), (date_words(s, transition.guardianship_informed),)),
    ]
    kept = tuple((label, value) for label, value in facts if any(value))
    if not kept:
        return None
    return Section("transition", s.text("heading.transition"), (Facts(s.text("full.transition_title"), kept),))


def _words(s: Strings, prefix: str, value: StrEnum | None) -> Line:
    """A value in the copy's words; nothing when it is not set."""
    return (s.text(f"{prefix}.{value.value}"),) if value is not None else ()


def agreement_section(plan: Plan, s: Strings) -> Section | None:
    """Each person's agreement, with their own words, and the parent's consent."""
    sign_off = plan.sign_off
    blocks: list[Block] = []
    if sign_off.parent_consent is True:
        day = date_words(s, sign_off.parent_consent_date)
        consent = s.text("agreement.consent_given", date=day) if day else s.text("agreement.consent_given_undated")
        blocks.append(_paragraph(consent))
    elif sign_off.parent_consent is False:
        blocks.append(_paragraph(s.text("agreement.consent_refused")))
    if sign_off.student_consent is True:  # an adult student's own (the rights are theirs at 18)
        day = date_words(s, sign_off.student_consent_date)
        key = "agreement.student_consent_given"
        blocks.append(_paragraph(s.text(key, date=day) if day else s.text(f"{key}_undated")))
    elif sign_off.student_consent is False:
        blocks.append(_paragraph(s.text("agreement.student_consent_refused")))
    blocks += _recess_blocks(plan, s)
    lines: list[Line] = []
    for signature in sign_off.signatures:
        answer = {True: "agreement.agrees", False: "agreement.disagrees", None: "agreement.not_asked"}[signature.agrees]
        role = s.text(f"role.{signature.role.value}")
        line: list[Piece] = [f"{signature.name.strip()} ({role}): {s.text(answer)}"]
        if signature.statement.strip():
            line += [f". {s.text('agreement.said')}: ", *typed(signature.statement)]
        lines.append(tuple(line))
    if lines:
        blocks.append(Items(tuple(lines)))
    return Section("agreement", s.text("heading.agreement"), tuple(blocks)) if blocks else None


def _recess_blocks(plan: Plan, s: Strings) -> list[Block]:
    """The break to think it over offered to a family that disagrees (a state's rule),
    and when and where the meeting goes on after it."""
    recess = plan.sign_off.recess
    if recess is None:
        return []
    blocks: list[Block] = [_paragraph(s.text(f"agreement.recess_{recess.value.replace('-', '_')}"))]
    continued = recess_continued(plan, s)
    if recess is RecessAnswer.TAKEN and continued:
        blocks.append(Paragraph((s.text("agreement.recess_again"), " ", *continued)))
    return blocks


def follow_up_section(plan: Plan, s: Strings) -> Section | None:
    """The follow-up meeting, and what it will decide: what the last meeting left
    open, the parking-lot topics carried to it, and the decisions not made yet."""
    follow_up = plan.follow_up
    open_items: list[Line] = [typed(item) for item in (follow_up.open_items if follow_up else ()) if item.strip()]
    open_items += [typed(item.topic) for item in plan.parking_lot if item.state is ParkingLotState.FOLLOW_UP]
    open_items += [typed(decision.what) for decision in plan.decisions if decision.outcome is Outcome.TABLED]
    open_items = [line for line in open_items if line]
    if follow_up is None and not open_items:
        return None
    day = date_words(s, follow_up.date) if follow_up is not None else ""
    blocks: list[Block] = [_paragraph(s.text("follow_up.date", date=day) if day else s.text("follow_up.no_date"))]
    if open_items:
        blocks += [_paragraph(s.text("follow_up.decide")), Items(tuple(open_items))]
    return Section("follow_up", s.text("heading.follow_up"), tuple(blocks))


# --- whom to call, and the family's rights ---------------------------------------------------------------------


def case_manager(plan: Plan) -> tuple[str, TeamMember | None]:
    """The case manager's name and team record: the student's case manager, else the
    team member whose job title says "case manager"."""
    name = plan.student.case_manager.strip()
    if name:
        member = next((m for m in plan.team if m.name.strip().casefold() == name.casefold()), None)
        return name, member
    member = next((m for m in plan.team if "case manager" in m.title.casefold() and m.name.strip()), None)
    return (member.name.strip(), member) if member is not None else ("", None)


def _reach(member: TeamMember | None, s: Strings) -> list[Line]:
    """A member's phone and email, each on its own line (a link in the document)."""
    if member is None:
        return []
    lines: list[Line] = []
    if member.phone.strip():
        lines.append((s.text("contact.phone", phone=member.phone.strip()),))
    if member.email.strip():
        lines.append((s.text("contact.email", email=member.email.strip()),))
    return lines


def district_piece(words: DistrictWords, s: Strings) -> Piece:
    """The district's text: its own words in this language, else its English, marked."""
    return words.text if words.translated else Typed(words.text, tag=s.text("notice.district_english_tag"))


def contact_section(plan: Plan, s: Strings, district: NoticeWords | None = None) -> Section:
    """The case manager and the special education teachers on the team, with phone and
    email where the team record has them, and the district's contact."""
    blocks: list[Block] = []
    name, manager = case_manager(plan)
    if name:
        title = manager.title.strip() if manager is not None else ""
        if title and "case manager" not in title.casefold():
            line = fill(s, "contact.case_manager_title", name=name, title=Typed(title))
        else:
            line = (s.text("contact.case_manager", name=name),)
        blocks.append(Items((line, *_reach(manager, s))))
    for member in plan.team:
        if member.role is not Role.SPECIAL_EDUCATION_TEACHER or not member.name.strip() or member is manager:
            continue
        if member.name.strip().casefold() == name.casefold():
            continue
        if member.title.strip():
            line = fill(s, "contact.teacher_title", name=member.name.strip(), title=Typed(member.title.strip()))
        else:
            line = fill(s, "contact.teacher", name=member.name.strip())
        blocks.append(Items((line, *_reach(member, s))))
    if blocks and plan.student.school.strip():
        blocks.append(_paragraph(s.text("contact.school", school=plan.student.school.strip())))
    if district is not None:
        blocks.append(Paragraph(fill(s, "contact.district", contact=district_piece(district.contact, s))))
    return Section("contact", s.text("heading.contact"), tuple(blocks) or (_paragraph(s.text("contact.none")),))


def rights_section(s: Strings, district: NoticeWords | None = None) -> Section:
    """The procedural safeguards and what a family can do when it disagrees, in plain
    words (the federal rights, 34 CFR 300.504-300.518), and the district's own words
    on getting a copy and free help when its district file has them."""
    ways = tuple((s.text(f"rights.{key}"),) for key in ("meeting", "mediation", "complaint", "hearing"))
    blocks: list[Block] = [_paragraph(s.text("rights.intro")), _paragraph(s.text("rights.disagree")), Items(ways)]
    if district is not None:
        facts = (
            (s.text("rights.copy"), (district_piece(district.safeguards, s),)),
            (s.text("rights.help"), (district_piece(district.help, s),)),
        )
        blocks.append(Facts(s.text("notice.rights_title"), facts))
    return Section("rights", s.text("heading.rights"), tuple(blocks))
