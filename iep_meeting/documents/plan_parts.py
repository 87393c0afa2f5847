"""The parts of a plan as document sections, in a document's language: goals,
services, accommodations, decisions, next steps, contacts. The family's copy,
the full IEP and each teacher's page share them, so a service reads the same
in each.
"""

from __future__ import annotations

from iep_meeting.documents.document import (
    SEAL_LENGTH,
    Block,
    Facts,
    Items,
    Line,
    Paragraph,
    Piece,
    Section,
    Table,
    Typed,
    date_words,
    fill,
    typed,
)
from iep_meeting.model.plan import Plan, Role, Service, Status
from iep_meeting.words.locale import Strings


def status_words(plan: Plan, s: Strings) -> tuple[str, str]:
    """(what the document's status is, the mark on every page): a draft says so
    on every page; a final plan's documents say when it was finalized and show its seal."""
    if plan.status is Status.FINAL:
        seal = (plan.sign_off.content_sha256 or "")[:SEAL_LENGTH]
        return s.text("doc.final_note", date=date_words(s, plan.sign_off.finalized), seal=seal), ""
    return s.text("doc.draft_note"), s.text("doc.draft_mark")


def first_name(plan: Plan) -> str:
    name = plan.student.name.strip()
    return name.split()[0] if name else name


def goals_section(plan: Plan, s: Strings) -> Section:
    blocks: list[Block] = []
    for number, goal in enumerate(plan.goals, start=1):
        title = (
            s.text("goal.title", number=number, area=goal.domain.strip())
            if goal.domain.strip()
            else s.text("goal.title_plain", number=number)
        )
        facts = [
            (s.text("goal.goal"), typed(goal.statement)),
            (s.text("goal.now"), typed(goal.baseline)),
            (s.text("goal.by_end"), typed(goal.target)),
            (s.text("goal.checks"), typed(goal.measured_by)),
            (s.text("goal.reports"), typed(goal.reporting)),
        ]
        blocks.append(Facts(title, tuple((label, value) for label, value in facts if value)))
    return Section("goals", s.text("heading.goals"), tuple(blocks) or (Paragraph((s.text("goal.none"),)),))


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


def services_section(plan: Plan, s: Strings) -> Section:
    if not plan.services:
        return Section("services", s.text("heading.services"), (Paragraph((s.text("service.none"),)),))
    rows = tuple(
        (
            (f"{s.text(f'kind.{service.kind.value}')}: ", *typed(service.description)),
            typed(service.provider) or (s.text("service.not_set"),),
            minutes_words(service, s),
            typed(service.setting) or (s.text("service.not_set"),),
            service_dates(service, s),
        )
        for service in plan.services
    )
    headers = tuple(s.text(f"service.{key}") for key in ("what", "who", "how_much", "where", "when"))
    table = Table(s.text("service.caption", student=first_name(plan)), headers, rows)
    return Section("services", s.text("heading.services"), (table,))


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
    items: list[Line] = []
    for decision in plan.decisions:
        line: list[Piece] = [f"{s.text(f'outcome.{decision.outcome.value}')}: ", *typed(decision.what)]
        if decision.disagreed.strip():
            line += [f" {s.text('decision.disagreed')}: ", *typed(decision.disagreed)]
        items.append(tuple(line))
    for signature in plan.sign_off.signatures:
        if signature.agrees is False:
            role = s.text(f"role.{signature.role.value}")
            line = [*fill(s, "decision.signed_no", name=signature.name.strip(), role=role)]
            if signature.statement.strip():
                line += [f" {s.text('decision.said')}: ", *typed(signature.statement)]
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


def contact_section(plan: Plan, s: Strings) -> Section:
    lines: list[Line] = []
    manager = plan.student.case_manager.strip()
    if manager:
        lines.append((s.text("contact.case_manager", name=manager),))
    for member in plan.team:
        if member.role is Role.SPECIAL_EDUCATION_TEACHER and member.name.strip() and member.name.strip() != manager:
            if member.title.strip():
                lines.append(
                    fill(s, "contact.teacher_title", name=member.name.strip(), title=Typed(member.title.strip()))
                )
            else:
                lines.append(fill(s, "contact.teacher", name=member.name.strip()))
    blocks: list[Block] = [Items(tuple(lines))] if lines else [Paragraph((s.text("contact.none"),))]
    if lines and plan.student.school.strip():
        blocks.append(Paragraph((s.text("contact.school", school=plan.student.school.strip()),)))
    return Section("contact", s.text("heading.contact"), tuple(blocks))
