"""A short plain-text overview of a plan, for the terminal (`iep-meeting demo --summary`)."""

from __future__ import annotations

from iep_meeting.model.plan import Plan, Service
from iep_meeting.words.labels import ENGLISH, Vocabulary
from iep_meeting.words.phrases import plural


def _time(service: Service, words: Vocabulary) -> str:
    return "time not set" if service.minutes is None else f"{service.minutes} minutes {words.label(service.per)}"


def plan_summary(plan: Plan, words: Vocabulary = ENGLISH) -> str:
    student, meeting = plan.student, plan.meeting
    lines = [
        f"{student.name} — grade {student.grade or '?'}, {student.school or 'school not set'}",
        f"{words.label(meeting.kind)} meeting on {meeting.date or 'date not set'}"
        f" ({words.label(plan.status)}); plan period {plan.period.start} to {plan.period.end}",
        f"Team: {plural(len(plan.team), 'person', 'people')}. Agenda: {plan.agenda or 'none'}.",
        "",
        f"Goals ({len(plan.goals)}):",
    ]
    lines += [f"  {goal.id}  [{words.short(goal.area)}] {goal.domain}: {goal.statement}" for goal in plan.goals]
    lines.append(f"Services ({len(plan.services)}):")
    lines += [
        f"  {service.description} — {_time(service, words)}, {service.setting or 'setting not set'}"
        for service in plan.services
    ]
    lines.append(f"Accommodations ({len(plan.accommodations)}):")
    lines += [f"  {item.description} ({words.label(item.applies_to)})" for item in plan.accommodations]
    if plan.decisions:
        lines.append(f"Decisions recorded: {len(plan.decisions)}")
    return "\n".join(lines)
