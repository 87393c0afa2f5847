"""The full IEP: every part of the plan, for the student's file and the district.

`full_plan(plan, strings)` gives the whole record as a `Document`, in the
order of an IEP (34 CFR 300.320-300.324) and of the meeting: the student and
the meeting, the team and who attended (excusals, tries to reach the parent),
present levels (each area, the evaluation, the parents' concerns, last year's
goals and the progress on them, the family's own words from their input form
and each concern they raised with what answers it), the goals with their steps and progress
reports, services (and the goals each serves), accommodations, state and
district tests, placement (time in general education, and why any time
apart), the special factors, transition (when the plan has any), the
extended school year, the decisions with the options considered and who
disagreed, the parking lot, next steps, consent and sign-off with each
signature and statement, and the copies given to the family.

Every fixed word comes from the document's strings (a value of the plan in
the words of its `<enum>.<value>` key; in English the app's own words, from
words/labels.py), so the Spanish IEP is Spanish; the team's words stay as
typed. A part the team left empty says "(not recorded in the meeting)". A
draft is marked DRAFT on every page; a final plan says when it was made final
and shows its seal. The parts shared with the family's copy and the teachers'
pages are documents/plan_parts.py's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from iep_meeting.documents.concern_parts import IN_THE_RECORD, concerns_table, family_words
from iep_meeting.documents.document import (
    SEAL_LENGTH,
    Block,
    Document,
    Facts,
    Items,
    Line,
    Paragraph,
    Piece,
    Section,
    Table,
    Typed,
    date_words,
    typed,
)
from iep_meeting.documents.plan_parts import (
    about_paragraph,
    accommodations_section,
    first_name,
    goal_facts,
    next_steps_section,
    plan_document,
    recess_continued,
    recorded,
    services_section,
)
from iep_meeting.model.family_input import TEXT_ANSWERS
from iep_meeting.model.plan import AssessmentParticipation, Decision, Factor, Plan, TeamMember, Transition
from iep_meeting.words.locale import REFERENCE_LANGUAGE, Strings

SPECIAL_FACTORS = ("behavior", "limited_english", "vision", "communication", "assistive_technology")


# --- small pieces ------------------------------------------------------------------------------------------------


def capital(text: str) -> str:
    """A value's words standing alone, as in a table cell: "in person" → "In person"."""
    return text[:1].upper() + text[1:]


def _value(s: Strings, prefix: str, value: object) -> Line:
    """An enum value in the document's words, or "(not recorded ...)" when it is not set."""
    member = getattr(value, "value", None)
    return (capital(s.text(f"{prefix}.{member}")),) if isinstance(member, str) else (s.text("blank.not_recorded"),)


def _date(s: Strings, day: dt.date | None) -> Line:
    return (date_words(s, day),) if day is not None else (s.text("blank.not_recorded"),)


def _time(moment: dt.time | None) -> str:
    return f"{moment:%H:%M}" if moment is not None else ""


def _yes_no(s: Strings, answer: bool | None, unknown: str = "blank.not_recorded") -> Line:
    if answer is None:
        return (s.text(unknown),)
    return (s.text("answer.yes" if answer else "answer.no"),)


def _facts(title: str, facts: Sequence[tuple[str, Line]]) -> Facts:
    return Facts(title, tuple(facts))


def _text_or_blank(text: str, s: Strings) -> Line:
    return recorded(typed(text), s)


def _none(s: Strings, key: str) -> Paragraph:
    return Paragraph((s.text(key),))


# --- the student and the meeting --------------------------------------------------------------------------------


def _student_section(plan: Plan, s: Strings) -> Section:
    student, meeting = plan.student, plan.meeting
    blocks: list[Block] = [
        _facts(
            s.text("full.student_title"),
            (
                (s.text("full.name"), _text_or_blank(student.name, s)),
                (s.text("full.student_id"), _text_or_blank(student.id, s)),
                (s.text("full.birth"), _date(s, student.date_of_birth)),
                (s.text("full.grade"), _text_or_blank(student.grade, s)),
                (s.text("full.school"), _text_or_blank(student.school, s)),
                (s.text("full.eligibility"), _text_or_blank(student.eligibility, s)),
                (s.text("full.home_language"), _text_or_blank(student.home_language, s)),
                (s.text("full.case_manager"), _text_or_blank(student.case_manager, s)),
            ),
        )
    ]
    if student.guardians:
        headers = tuple(
            s.text(f"full.guardian_{key}") for key in ("name", "relationship", "phone", "email", "language")
        )
        rows = tuple(
            (
                _text_or_blank(guardian.name, s),
                typed(guardian.relationship),
                typed(guardian.phone),
                typed(guardian.email),
                typed(guardian.language),
            )
            for guardian in student.guardians
        )
        blocks.append(Table(s.text("full.guardians_caption"), headers, rows))
    interpreter: list[Piece] = [*_value(s, "interpreter", meeting.interpreter_status)]
    if meeting.interpreter.strip():
        interpreter += [": ", *typed(meeting.interpreter)]
    start, end = date_words(s, plan.period.start), date_words(s, plan.period.end)
    meeting_facts: list[tuple[str, Line]] = [
        (s.text("full.meeting_kind"), _value(s, "meeting_kind", meeting.kind)),
        (s.text("full.meeting_date"), _date(s, meeting.date)),
        (s.text("full.place"), _text_or_blank(meeting.place, s)),
        (s.text("full.start_time"), (_time(meeting.start_time) or s.text("blank.not_recorded"),)),
        (s.text("full.planned_end"), (_time(meeting.planned_end) or s.text("blank.not_recorded"),)),
        (s.text("full.interpreter"), tuple(interpreter)),
        (s.text("full.previous_iep"), _date(s, meeting.previous_iep_date)),
        (s.text("full.last_evaluation"), _date(s, meeting.last_evaluation_date)),
        (s.text("full.plan_dates"), (s.text("service.dates", start=start, end=end),)),
    ]
    if plan.amends is not None:
        seal = plan.amends.sha256[:SEAL_LENGTH]
        meeting_facts.append((s.text("full.amends"), (Typed(plan.amends.path), f" ({s.text('full.seal')}: {seal})")))
    if plan.follows is not None:
        meeting_facts.append((s.text("full.follows"), typed(plan.follows.path)))
    blocks.append(_facts(s.text("full.meeting_title"), meeting_facts))
    facilitation = plan.facilitation
    blocks.append(
        _facts(
            s.text("full.facilitation_title"),
            (
                (s.text("full.facilitator"), _text_or_blank(facilitation.facilitator, s)),
                (s.text("full.note_taker"), _text_or_blank(facilitation.note_taker, s)),
                (s.text("full.timekeeper"), _text_or_blank(facilitation.timekeeper, s)),
                (s.text("full.outcomes"), _joined(facilitation.desired_outcomes, s)),
                (s.text("full.norms"), _joined(facilitation.norms, s)),
                (s.text("full.decision_making"), _text_or_blank(facilitation.decision_making, s)),
            ),
        )
    )
    if plan.follow_up is not None:
        follow_up = plan.follow_up
        blocks.append(
            _facts(
                s.text("full.follow_up_title"),
                (
                    (s.text("full.closed"), _date(s, follow_up.closed)),
                    (s.text("full.follow_up_date"), _date(s, follow_up.date)),
                    (s.text("full.open_items"), _joined(follow_up.open_items, s)),
                ),
            )
        )
    return Section("student", s.text("full.heading.student"), tuple(blocks))


def _joined(texts: Sequence[str], s: Strings) -> Line:
    """Several typed texts on one line, each the team's words; "(not recorded ...)" for none."""
    line: list[Piece] = []
    for text in (text for text in texts if text.strip()):
        if line:
            line.append("; ")
        line.append(Typed(text.strip()))
    return recorded(tuple(line), s)


# --- the team -----------------------------------------------------------------------------------------------------


def _present(member: TeamMember) -> str:
    if member.present_from is None and member.present_until is None:
        return ""
    return f"{_time(member.present_from)} – {_time(member.present_until)}".strip(" –")


def _team_section(plan: Plan, s: Strings) -> Section:
    if not plan.team:
        return Section("team", s.text("full.heading.team"), (_none(s, "full.no_team"),))
    headers = tuple(s.text(f"full.team_{key}") for key in ("name", "role", "title", "attendance"))
    rows = []
    for member in plan.team:
        attendance: list[Piece] = [capital(s.text(f"attendance.{member.attendance.value}"))]
        if _present(member):
            attendance.append(f" ({s.text('full.there')} {_present(member)})")
        rows.append(
            (
                _text_or_blank(member.name, s),
                (capital(s.text(f"role.{member.role.value}")),),
                typed(member.title),
                tuple(attendance),
            )
        )
    blocks: list[Block] = [Table(s.text("full.team_caption"), headers, tuple(rows))]
    for member in plan.team:
        if member.excusal is not None or member.written_input.strip():
            blocks.append(
                _facts(
                    s.text("full.excusal_title", name=member.name.strip()),
                    (
                        (s.text("full.excusal_kind"), _value(s, "excusal", member.excusal)),
                        (s.text("full.excusal_consent"), _date(s, member.excusal_consent_date)),
                        (s.text("full.excusal_agreed"), _date(s, member.excusal_school_agreed)),
                        (s.text("full.written_input_date"), _date(s, member.written_input_date)),
                        (s.text("full.written_input"), _text_or_blank(member.written_input, s)),
                    ),
                )
            )
    for member in plan.team:
        if member.contact_attempts:
            attempts = tuple(
                (
                    (date_words(s, attempt.date),),
                    (capital(s.text(f"contact_method.{attempt.method.value}")),),
                    typed(attempt.result),
                )
                for attempt in member.contact_attempts
            )
            headers = tuple(s.text(f"full.attempt_{key}") for key in ("date", "how", "result"))
            blocks.append(Table(s.text("full.attempts_caption", name=member.name.strip()), headers, attempts))
    return Section("team", s.text("full.heading.team"), tuple(blocks))


# --- present levels -----------------------------------------------------------------------------------------------


def _present_levels_section(plan: Plan, s: Strings) -> Section:
    levels = plan.present_levels
    blocks: list[Block] = [
        _facts(
            s.text("full.levels_title"),
            (
                (s.text("full.evaluation"), _text_or_blank(levels.evaluation_summary, s)),
                (s.text("full.parent_concerns"), _text_or_blank(levels.parent_concerns, s)),
            ),
        )
    ]
    for area in levels.areas:
        blocks.append(
            _facts(
                area.area.strip() or s.text("full.area_plain"),
                (
                    (s.text("full.strengths"), _text_or_blank(area.strengths, s)),
                    (s.text("full.needs"), _text_or_blank(area.needs, s)),
                    (s.text("full.current_data"), _text_or_blank(area.baseline, s)),
                    (s.text("full.impact"), _text_or_blank(area.impact, s)),
                ),
            )
        )
    if not levels.areas:
        blocks.append(_none(s, "full.no_areas"))
    blocks += _family_input(plan, s)
    if levels.previous_goals:
        headers = tuple(s.text(f"full.previous_{key}") for key in ("goal", "progress", "data"))
        rows = tuple(
            (_text_or_blank(goal.statement, s), _value(s, "progress", goal.progress), _text_or_blank(goal.evidence, s))
            for goal in levels.previous_goals
        )
        blocks.append(Table(s.text("full.previous_caption"), headers, rows))
    return Section("present_levels", s.text("full.heading.present_levels"), tuple(blocks))


FAMILY_TAG = "full.family_words_tag"  # what a screen reader calls the family's words in the record


def _family_input(plan: Plan, s: Strings) -> list[Block]:
    """The family's own words: their input form's answers, and each concern they raised
    with what answers it (documents/concern_parts.py)."""
    blocks: list[Block] = []
    family = plan.present_levels.family_input
    if family is not None:
        facts = [
            (s.text(f"full.family_{name}"), (family_words(getattr(family, name), family.language, s, FAMILY_TAG),))
            for name, _ in TEXT_ANSWERS
            if getattr(family, name).strip()
        ]
        title = s.text("full.family_title", date=date_words(s, family.form_date))
        blocks.append(_facts(title, facts) if facts else Paragraph((title,)))
    table = concerns_table(plan, s, IN_THE_RECORD)
    if table is not None:
        blocks.append(table)
    return blocks


# --- goals and services ---------------------------------------------------------------------------------------------


def _goals_section(plan: Plan, s: Strings) -> Section:
    if not plan.goals:
        return Section("goals", s.text("heading.goals"), (_none(s, "goal.none"),))
    blocks: list[Block] = []
    for number, goal in enumerate(plan.goals, start=1):
        base = goal_facts(number, goal, s)
        extra: list[tuple[str, Line]] = [(s.text("full.goal_area"), _value(s, "goal_area", goal.area))]
        if goal.minutes_per_week is not None:
            extra.append((s.text("full.goal_minutes"), (s.count("service.minutes_week", goal.minutes_per_week),)))
        blocks.append(Facts(base.title, (*base.facts, *extra)))
        if goal.objectives:
            headers = tuple(s.text(f"full.objective_{key}") for key in ("step", "criterion", "by_when"))
            rows = tuple(
                (
                    _text_or_blank(objective.statement, s),
                    _text_or_blank(objective.criterion, s),
                    (date_words(s, objective.target_date),)
                    if objective.target_date is not None
                    else _text_or_blank(objective.by_when, s),
                )
                for objective in goal.objectives
            )
            blocks.append(Table(s.text("full.objectives_caption", number=number), headers, rows))
    return Section("goals", s.text("heading.goals"), tuple(blocks))


def _services_section(plan: Plan, s: Strings) -> Section:
    section = services_section(plan, s)
    numbers = {goal.id: number for number, goal in enumerate(plan.goals, start=1)}
    lines: list[Line] = []
    for service in plan.services:
        served = [
            s.text("goal.title_plain", number=numbers[goal_id]) for goal_id in service.goals if goal_id in numbers
        ]
        if served:
            lines.append((*typed(service.description), f": {s.text('full.serves')} {', '.join(served)}"))
    blocks = list(section.blocks)
    if lines:
        blocks += [Paragraph((s.text("full.serves_intro"),)), Items(tuple(lines))]
    return Section("services", s.text("full.heading.services"), tuple(blocks))


# --- tests, placement, special factors, transition, summer ---------------------------------------------------------


def _assessment_section(plan: Plan, s: Strings) -> Section:
    assessment = plan.assessment
    facts: list[tuple[str, Line]] = [
        (s.text("full.participation", student=first_name(plan)), _value(s, "participation", assessment.participation))
    ]
    alternate = assessment.participation is AssessmentParticipation.ALTERNATE
    if alternate or assessment.why_regular_not_appropriate.strip() or assessment.why_alternate_appropriate.strip():
        facts += [
            (s.text("full.why_not_regular"), _text_or_blank(assessment.why_regular_not_appropriate, s)),
            (s.text("full.why_alternate"), _text_or_blank(assessment.why_alternate_appropriate, s)),
        ]
    if assessment.note.strip():
        facts.append((s.text("full.note"), typed(assessment.note)))
    return Section("assessment", s.text("full.heading.assessment"), (_facts(s.text("full.tests_title"), facts),))


def _placement_section(plan: Plan, s: Strings) -> Section:
    lre = plan.lre
    percent = lre.general_education_percent
    share = (s.text("full.percent", count=percent),) if percent is not None else (s.text("blank.not_recorded"),)
    if lre.explanation.strip():
        why = typed(lre.explanation)
    elif percent == 100:
        why = (s.text("full.no_time_apart"),)
    else:
        why = (s.text("blank.not_recorded"),)
    facts = ((s.text("full.general_share"), share), (s.text("full.time_apart"), why))
    return Section("placement", s.text("full.heading.placement"), (_facts(s.text("full.placement_title"), facts),))


def _factor_row(name: str, factor: Factor, s: Strings) -> tuple[Line, ...]:
    return ((s.text(f"factor.{name}"),), _yes_no(s, factor.needed, "full.not_considered"), typed(factor.note))


def _special_factors_section(plan: Plan, s: Strings) -> Section:
    rows = tuple(_factor_row(name, getattr(plan.special_factors, name), s) for name in SPECIAL_FACTORS)
    headers = tuple(s.text(f"full.factor_{key}") for key in ("factor", "needed", "note"))
    table = Table(s.text("full.factors_caption"), headers, rows)
    return Section("special_factors", s.text("full.heading.special_factors"), (table,))


def _has_transition(transition: Transition) -> bool:
    return transition != Transition()


def _transition_section(plan: Plan, s: Strings, items: Mapping[str, str] | None = None) -> Section:
    """The transition plan, with what a state asks the team to consider (its profile's
    items: `items` gives each id's words, else the id shows)."""
    transition = plan.transition
    facts: list[tuple[str, Line]] = [
        (s.text("full.education_goal"), _text_or_blank(transition.education_goal, s)),
        (s.text("full.employment_goal"), _text_or_blank(transition.employment_goal, s)),
        (s.text("full.living_goal"), _text_or_blank(transition.independent_living_goal, s)),
        (s.text("full.transition_assessments"), _text_or_blank(transition.assessments, s)),
        (s.text("full.transition_services"), _joined(transition.services, s)),
        (s.text("full.course_of_study"), _text_or_blank(transition.course_of_study, s)),
        (s.text("full.student_invited"), _yes_no(s, transition.student_invited)),
        (s.text("full.rights_told"), _date(s, transition.rights_transfer_informed)),
    ]
    if transition.guardianship_informed is not None:
        facts.append((s.text("full.guardianship_told"), _date(s, transition.guardianship_informed)))
    if transition.adult_decisions is not None:
        facts.append((s.text("full.adult_decisions"), _value(s, "adult_decisions", transition.adult_decisions)))
    blocks: list[Block] = [_facts(s.text("full.transition_title"), facts)]
    if transition.considered:
        rows = tuple(
            ((_considered_item(record.item, items or {}, s),), _text_or_blank(record.note, s))
            for record in transition.considered
        )
        headers = (s.text("full.considered_item"), s.text("full.considered_note"))
        blocks.append(Table(s.text("full.considered_caption"), headers, rows))
    return Section("transition", s.text("full.heading.transition"), tuple(blocks))


def _considered_item(item: str, items: Mapping[str, str], s: Strings) -> Piece:
    """An item's words from the state's profile (English: marked so in another language), else its id."""
    words = items.get(item, "").strip()
    if not words:
        return item.strip() or s.text("blank.not_recorded")
    return words if s.language == REFERENCE_LANGUAGE else Typed(words, tag=s.text("full.state_english_tag"))


def _esy_section(plan: Plan, s: Strings) -> Section:
    facts: list[tuple[str, Line]] = [(s.text("full.esy_needed"), _yes_no(s, plan.esy.eligible, "full.not_decided"))]
    if plan.esy.note.strip():
        facts.append((s.text("full.note"), typed(plan.esy.note)))
    return Section("esy", s.text("full.heading.esy"), (_facts(s.text("full.esy_title"), facts),))


# --- the meeting record -------------------------------------------------------------------------------------------


def _decision_blocks(number: int, decision: Decision, s: Strings) -> list[Block]:
    facts: list[tuple[str, Line]] = [
        (s.text("full.decision_what"), _text_or_blank(decision.what, s)),
        (s.text("decision.outcome"), (s.text(f"outcome.{decision.outcome.value}"),)),
    ]
    if decision.disagreed.strip():
        facts.append((s.text("decision.disagreed"), typed(decision.disagreed)))
    facts.append((s.text("full.decision_part"), typed(decision.section)))
    if decision.action is not None or decision.subject is not None:
        facts += [
            (s.text("full.notice_action"), _value(s, "action", decision.action)),
            (s.text("notice.subject"), _value(s, "subject", decision.subject)),
        ]
    if decision.action is not None or decision.reasons.strip():
        facts.append((s.text("notice.why"), _text_or_blank(decision.reasons, s)))
    if decision.action is not None or decision.evaluations_used.strip():
        facts.append((s.text("notice.based_on"), _text_or_blank(decision.evaluations_used, s)))
    if decision.action is not None or decision.other_factors.strip():
        facts.append((s.text("notice.other_factors"), _text_or_blank(decision.other_factors, s)))
    title = s.text(
        "full.decision_title", number=number, date=date_words(s, decision.time.date()), time=_time(decision.time.time())
    )
    blocks: list[Block] = [Facts(title, tuple(facts))]
    options = options_block(decision, s, s.text("full.options_caption", number=number))
    return blocks + ([options] if options is not None else [])


def options_block(decision: Decision, s: Strings, caption: str) -> Block | None:
    """The other options considered: a table of each and why it was not chosen; a list
    when no reason was recorded apart (a format-1 plan wrote both in one text), so no
    reason the option holds is called "not recorded"."""
    options = [option for option in decision.options if option.option.strip() or option.why_rejected.strip()]
    if not options:
        return None
    if not any(option.why_rejected.strip() for option in options):
        return Facts(caption, tuple((s.text("notice.option"), typed(option.option)) for option in options))
    rows = tuple((_text_or_blank(option.option, s), _text_or_blank(option.why_rejected, s)) for option in options)
    return Table(caption, (s.text("notice.option"), s.text("notice.why_not")), rows)


def _decisions_section(plan: Plan, s: Strings) -> Section:
    blocks: list[Block] = []
    for number, decision in enumerate(plan.decisions, start=1):
        blocks += _decision_blocks(number, decision, s)
    return Section("decisions", s.text("full.heading.decisions"), tuple(blocks) or (_none(s, "decision.none"),))


def _parking_lot_section(plan: Plan, s: Strings) -> Section:
    if not plan.parking_lot:
        return Section("parking_lot", s.text("full.heading.parking_lot"), (_none(s, "full.no_parking"),))
    headers = tuple(s.text(f"full.parking_{key}") for key in ("topic", "raised_by", "state", "resolution"))
    rows = tuple(
        (
            _text_or_blank(item.topic, s),
            typed(item.raised_by),
            (capital(s.text(f"parking.{item.state.value}")),),
            typed(item.resolution),
        )
        for item in plan.parking_lot
    )
    return Section(
        "parking_lot", s.text("full.heading.parking_lot"), (Table(s.text("full.parking_caption"), headers, rows),)
    )


def _consent_section(plan: Plan, s: Strings) -> Section:
    sign_off = plan.sign_off
    facts: list[tuple[str, Line]] = [
        (s.text("full.consent"), _yes_no(s, sign_off.parent_consent)),
        (s.text("full.consent_date"), _date(s, sign_off.parent_consent_date)),
    ]
    if sign_off.student_consent is not None or sign_off.student_consent_date is not None:
        facts += [
            (s.text("full.student_consent"), _yes_no(s, sign_off.student_consent)),
            (s.text("full.student_consent_date"), _date(s, sign_off.student_consent_date)),
        ]
    if sign_off.recess is not None:
        facts.append((s.text("full.recess"), _value(s, "recess", sign_off.recess)))
    continued = recess_continued(plan, s)
    if continued:
        facts.append((s.text("full.recess_continued"), continued))
    if sign_off.finalized is not None:
        facts.append((s.text("full.finalized"), (date_words(s, sign_off.finalized),)))
    if sign_off.content_sha256:
        facts.append((s.text("full.seal"), (sign_off.content_sha256[:SEAL_LENGTH],)))
    blocks: list[Block] = [_facts(s.text("full.consent_title"), facts)]
    if sign_off.signatures:
        headers = tuple(s.text(f"full.signature_{key}") for key in ("name", "role", "agrees", "date", "statement"))
        rows = tuple(
            (
                _text_or_blank(signature.name, s),
                (capital(s.text(f"role.{signature.role.value}")),),
                _yes_no(s, signature.agrees, "full.not_asked"),
                _date(s, signature.date),
                typed(signature.statement),
            )
            for signature in sign_off.signatures
        )
        blocks.append(Table(s.text("full.signatures_caption"), headers, rows))
    else:
        blocks.append(_none(s, "full.no_signatures"))
    if plan.responses:  # given after the meeting (Massachusetts), outside the seal
        answer_headers = tuple(s.text(f"full.response_{key}") for key in ("date", "answer", "by", "rejected"))
        answers = tuple(
            (
                _date(s, response.date),
                _value(s, "response_answer", response.answer),
                typed(response.by),
                typed(response.rejected),
            )
            for response in plan.responses
        )
        blocks.append(Table(s.text("full.responses_caption"), answer_headers, answers))
    return Section("consent", s.text("full.heading.consent"), tuple(blocks))


def _family_copies_section(plan: Plan, s: Strings) -> Section:
    """The copies recorded before finalizing, then those made after it (outside the seal)."""
    if not plan.family_copies and not plan.copies_after_final:
        return Section("family_copies", s.text("full.heading.family_copies"), (_none(s, "full.no_copies"),))
    keys = ("how", "date", "language", "form", "document", "fingerprint")
    headers = tuple(s.text(f"full.copy_{key}") for key in keys)
    tables = tuple(
        Table(
            s.text(caption),
            headers,
            tuple(
                (
                    _value(s, "copy_method", copy.method),
                    _date(s, copy.date),
                    typed(copy.language),
                    (capital(s.text(f"copy_form.{copy.form.value}")),) if copy.form is not None else (),
                    typed(copy.document),
                    (copy.sha256[:SEAL_LENGTH],) if copy.sha256 else (),
                )
                for copy in copies
            ),
        )
        for caption, copies in (
            ("full.copies_caption", plan.family_copies),
            ("full.copies_after_final_caption", plan.copies_after_final),
        )
        if copies
    )
    return Section("family_copies", s.text("full.heading.family_copies"), tables)


# --- the document -------------------------------------------------------------------------------------------------


def full_plan(plan: Plan, s: Strings, items: Mapping[str, str] | None = None) -> Document:
    """The whole IEP of `plan` in the language of `s`; `items`: the words of the items its
    state's profile asks the team to consider, by id (documents/export.py reads them)."""
    student = plan.student.name.strip()
    meeting_date = date_words(s, plan.meeting.date) or date_words(s, plan.period.start)
    sections = [
        _student_section(plan, s),
        _team_section(plan, s),
        _present_levels_section(plan, s),
        _goals_section(plan, s),
        _services_section(plan, s),
        accommodations_section(plan, s),
        _assessment_section(plan, s),
        _placement_section(plan, s),
        _special_factors_section(plan, s),
        *([_transition_section(plan, s, items)] if _has_transition(plan.transition) else []),
        _esy_section(plan, s),
        _decisions_section(plan, s),
        _parking_lot_section(plan, s),
        next_steps_section(plan, s),
        _consent_section(plan, s),
        _family_copies_section(plan, s),
    ]
    intro = (
        Paragraph((s.text("full.what", student=student, date=meeting_date),)),
        about_paragraph(plan, s),
        Paragraph((s.text("records.private"),)),
    )
    return plan_document("full", plan, s, s.text("full.title", student=student), intro, sections)


# Each part of the plan (the first key of an agenda section's `covers`) as the full
# IEP writes it: the audience view (share/page.py) shows the parts the team is on.
SECTION_OF_PART: dict[str, Callable[[Plan, Strings], Section]] = {
    "team": _team_section,
    "present_levels": _present_levels_section,
    "goals": _goals_section,
    "services": _services_section,
    "accommodations": accommodations_section,
    "assessment": _assessment_section,
    "lre": _placement_section,
    "special_factors": _special_factors_section,
    "transition": _transition_section,
    "esy": _esy_section,
    "decisions": _decisions_section,
    "parking_lot": _parking_lot_section,
    "action_items": next_steps_section,
    "sign_off": _consent_section,
    "family_copies": _family_copies_section,
}
