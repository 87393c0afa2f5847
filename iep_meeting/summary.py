"""A short plain-text overview of a plan, for the terminal."""

from __future__ import annotations

from .model.plan import Frequency, Plan


def _minutes(minutes: int | None, per: Frequency) -> str:
    return "time not set" if minutes is None else f"{minutes} min per {per.value}"


def plan_summary(plan: Plan) -> str:
    student, meeting = plan.student, plan.meeting
    lines = [
        f"{student.name} — grade {student.grade or '?'}, {student.school or 'school not set'}",
        f"{meeting.kind.value.replace('-', ' ')} meeting on {meeting.date or 'date not set'}"
        f" ({plan.status.value}); plan period {plan.period.start} to {plan.period.end}",
        f"Team: {len(plan.team)} people. Agenda: {plan.agenda or 'none'}.",
        "",
        f"Goals ({len(plan.goals)}):",
    ]
    lines += [f"  {goal.id}  [{goal.area.value}] {goal.domain}: {goal.statement}" for goal in plan.goals]
    lines.append(f"Services ({len(plan.services)}):")
    lines += [
        f"  {service.description} — {_minutes(service.minutes, service.per)}, {service.setting or 'setting not set'}"
        for service in plan.services
    ]
    lines.append(f"Accommodations ({len(plan.accommodations)}):")
    lines += [f"  {item.description} ({item.applies_to.value})" for item in plan.accommodations]
    if plan.decisions:
        lines.append(f"Decisions recorded: {len(plan.decisions)}")
    return "\n".join(lines)
