"""The parts of a plan as document sections, in a document's language: goals,
services, accommodations, decisions, next steps, contacts. The family's copy,
the full IEP and each teacher's page share them, so a service reads the same
in each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from iep_meeting.documents.document import (
    SEAL_LENGTH,
    TYPED_LANGUAGE,
    Block,
    Document,
    Facts,
    Items,
    Line,
    Paragraph,
    Piece,
    Section,
    Table,
    date_words,
    typed,
)
from iep_meeting.model.plan import Goal, Plan, Service, Status
from iep_meeting.words.locale import Strings


def status_words(plan: Plan, s: Strings) -> tuple[str, str]:
    """(what the document's status is, the mark on every page): a draft says so
    on every page; a final plan's documents say when it was finalized and show its seal."""
    if plan.status is Status.FINAL:
        seal = (plan.sign_off.content_sha256 or "")[:SEAL_LENGTH]
        return s.text("doc.final_note", date=date_words(s, plan.sign_off.finalized), seal=seal), ""
    return s.text("doc.draft_note"), s.text("doc.draft_mark")


def about_paragraph(plan: Plan, s: Strings) -> Paragraph:
    """School, grade and the plan's dates, as every document says them near the top;
    a fact the plan does not hold is left out, never printed empty."""
    school, grade = plan.student.school.strip(), plan.student.grade.strip()
    sentences = [
        *([s.text("doc.school", school=school)] if school else []),
        *([s.text("doc.grade", grade=grade)] if grade else []),
        s.text("doc.period", start=date_words(s, plan.period.start), end=date_words(s, plan.period.end)),
    ]
    return Paragraph((" ".join(sentences),))


def plan_document(
    kind: str, plan: Plan, s: Strings, title: str, intro: Sequence[Paragraph], sections: Sequence[Section]
) -> Document:
    """A document of `plan` with what every kind shares: the DRAFT mark or the
    seal, and the note on the team's words."""
    status_note, draft_mark = status_words(plan, s)
    return Document(
        kind=kind,
        language=s.language,
        title=title,
        draft_mark=draft_mark,
        status_note=status_note,
        team_words_note=s.text("doc.team_words"),
        team_words_tag=s.text("doc.team_words_tag"),
        english_tag=s.text("doc.english_tag"),
        intro=tuple(intro),
        sections=tuple(sections),
    )


def first_name(plan: Plan) -> str:
    name = plan.student.name.strip()
    return name.split()[0] if name else name


def goal_title(number: int, area: str, s: Strings) -> str:
    """ "Goal 2: written expression" ("Goal 2" when the team named no area)."""
    if area.strip():
        return s.text("goal.title", number=number, area=area.strip())
    return s.text("goal.title_plain", number=number)


def goal_title_and_statement(
    number: int, goal: Goal, s: Strings, typed_of: Callable[[str], Line] = typed
) -> tuple[str, Line]:
    """A goal's title ("Goal 2: written expression") and its statement as a line.
    A title is plain text in the document's language, so in a document in another
    language than the team's the words naming the goal's area start the statement
    instead ("Meta 2"; "written expression: By June, …"): there they are translated,
    or marked as English, as all the team's words are (documents/in_language.py).
    `typed_of` makes the lines of typed text (a report's, which makes each text's once)."""
    area, statement = goal.domain.strip(), typed_of(goal.statement)
    if not area or s.language == TYPED_LANGUAGE:
        return goal_title(number, area, s), statement
    return goal_title(number, "", s), (*typed_of(area), ": ", *statement) if statement else typed_of(area)


def goal_facts(number: int, goal: Goal, s: Strings) -> Facts:
    """One goal as its facts: the goal, now, by the end of the year, how it is checked, reports.
    `number` is the goal's place in the plan (Goal 2 is Goal 2 in every document)."""
    title, statement = goal_title_and_statement(number, goal, s)
    facts = [
        (s.text("goal.goal"), statement),
        (s.text("goal.now"), typed(goal.baseline)),
        (s.text("goal.by_end"), typed(goal.target)),
        (s.text("goal.checks"), typed(goal.measured_by)),
        (s.text("goal.reports"), typed(goal.reporting)),
    ]
    return Facts(title, tuple((label, value) for label, value in facts if value))


def goals_section(plan: Plan, s: Strings) -> Section:
    blocks = tuple(goal_facts(number, goal, s) for number, goal in enumerate(plan.goals, start=1))
    return Section("goals", s.text("heading.goals"), blocks or (Paragraph((s.text("goal.none"),)),))


def minutes_words(service: Service, s: Strings) -> Line:
    """How much: "150 minutes per week", or the frequency as typed, or "not set yet"."""
    if service.minutes is not None:
        return (s.count(f"service.minutes_{service.per.value}", service.minutes),)
    if service.frequency.strip():
        return typed(service.frequency)
    return (s.text("service.not_set"),)


def service_dates(service: Service, s: Strings) -> Line:
    start, end = date_words(s, service.start), date_words(s, service.end)
    if start and end:
        return (s.text("service.dates", start=start, end=end),)
    if start:
        return (s.text("service.from", start=start),)
    if end:
        return (s.text("service.until", end=end),)
    return (s.text("service.not_set"),)


def services_section(
    plan: Plan, s: Strings, services: Sequence[Service] | None = None, *, caption: str | None = None
) -> Section:
    """The services as a table: the plan's, or only `services` (a teacher's page)."""
    chosen = plan.services if services is None else tuple(services)
    if not chosen:
        return Section("services", s.text("heading.services"), (Paragraph((s.text("service.none"),)),))
    # When every service runs the whole plan year, that is said once, not in every row.
    whole_year = plan.period.start is not None and all(
        (service.start, service.end) == (plan.period.start, plan.period.end) for service in chosen
    )
    rows = tuple(
        (
            (f"{s.text(f'kind.{service.kind.value}')}: ", *typed(service.description)),
            typed(service.provider) or (s.text("service.not_set"),),
            minutes_words(service, s),
            typed(service.setting) or (s.text("service.not_set"),),
            *(() if whole_year else (service_dates(service, s),)),
        )
        for service in chosen
    )
    columns = ("what", "who", "how_much", "where") if whole_year else ("what", "who", "how_much", "where", "when")
    headers = tuple(s.text(f"service.{key}") for key in columns)
    table = Table(caption or s.text("service.caption", student=first_name(plan)), headers, rows)
    blocks: list[Block] = [table]
    if whole_year:
        start, end = date_words(s, plan.period.start), date_words(s, plan.period.end)
        blocks.append(Paragraph((s.text("service.whole_year", start=start, end=end),)))
    return Section("services", s.text("heading.services"), tuple(blocks))


def accommodations_section(plan: Plan, s: Strings) -> Section:
    student = first_name(plan)
    if not plan.accommodations:
        return Section(
            "accommodations", s.text("heading.accommodations"), (Paragraph((s.text("accommodation.none"),)),)
        )
    items = tuple(
        (
            *typed(item.description),
            f" ({s.text(f'applies.{item.applies_to.value}')})",
            *((" ", *typed(item.note)) if item.note.strip() else ()),
        )
        for item in plan.accommodations
    )
    intro = Paragraph((s.text("accommodation.intro", student=student),))
    return Section("accommodations", s.text("heading.accommodations"), (intro, Items(items)))


def decisions_section(plan: Plan, s: Strings) -> Section:
    """Every decision with its outcome, and who disagreed and why."""
    items: list[Line] = []
    for decision in plan.decisions:
        line: list[Piece] = [f"{s.text(f'outcome.{decision.outcome.value}')}: ", *typed(decision.what)]
        if decision.disagreed.strip():
            line += [f" {s.text('decision.disagreed')}: ", *typed(decision.disagreed)]
        items.append(tuple(line))
    blocks: tuple[Block, ...] = (Items(tuple(items)),) if items else (Paragraph((s.text("decision.none"),)),)
    return Section("decisions", s.text("heading.decisions"), blocks)


def next_steps_section(plan: Plan, s: Strings) -> Section:
    if not plan.action_items:
        return Section("next_steps", s.text("heading.next_steps"), (Paragraph((s.text("step.none"),)),))
    rows = tuple(
        (
            typed(item.owner),
            typed(item.what),
            (date_words(s, item.due) or s.text("step.no_date"),),
            (s.text("step.done") if item.done else s.text("step.open"),),
        )
        for item in plan.action_items
    )
    headers = tuple(s.text(f"step.{key}") for key in ("who", "what", "due", "state"))
    return Section("next_steps", s.text("heading.next_steps"), (Table(s.text("step.caption"), headers, rows),))


def recorded(line: Line, s: Strings) -> Line:
    """`line`, or a visible "(not recorded in the meeting)" where the team wrote nothing:
    a document never makes up what the meeting did not say."""
    return line or (s.text("blank.not_recorded"),)


def recess_continued(plan: Plan, s: Strings) -> Line:
    """When and where the meeting continues after a recess: date, time and place, as recorded."""
    sign_off = plan.sign_off
    parts: list[Line] = []
    if sign_off.recess_date is not None:
        parts.append((date_words(s, sign_off.recess_date),))
    if sign_off.recess_time is not None:
        parts.append((f"{sign_off.recess_time:%H:%M}",))
    if sign_off.recess_place.strip():
        parts.append(typed(sign_off.recess_place))
    return tuple(piece for number, part in enumerate(parts) for piece in ((", ",) if number else ()) + part)
