"""Findings: what `iep-meeting check` and the checklist report about a plan.

A finding names a stable rule id, how much it matters, a message a parent can
read, the regulation it comes from (if any) and where in the plan it is fixed.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from .plan import Plan


class Severity(StrEnum):
    REQUIRED = "required"  # must be fixed before the plan can be final
    RECOMMENDED = "recommended"


@attrs.frozen(kw_only=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    citation: str = ""  # e.g. "34 CFR 300.320(a)(2)"
    location: str = ""  # plan field path or agenda section id where it is fixed


def integrity_findings(plan: Plan) -> list[Finding]:
    """Problems in how the record hangs together, whatever the meeting decided."""
    findings = []
    if plan.period.end < plan.period.start:
        findings.append(
            Finding(
                rule="period-order",
                severity=Severity.REQUIRED,
                message=f"The plan ends ({plan.period.end}) before it starts ({plan.period.start}).",
                location="period",
            )
        )
    seen: set[str] = set()
    for goal in plan.goals:
        if goal.id in seen:
            findings.append(
                Finding(
                    rule="goal-id-unique",
                    severity=Severity.REQUIRED,
                    message=f"Two goals share the id '{goal.id}'; services cannot tell them apart.",
                    location="goals",
                )
            )
        seen.add(goal.id)
    for number, service in enumerate(plan.services, start=1):
        for goal_id in service.goals:
            if goal_id not in seen:
                findings.append(
                    Finding(
                        rule="service-goal-exists",
                        severity=Severity.REQUIRED,
                        message=f"Service {number} ({service.description}) serves goal '{goal_id}', "
                        "which is not in this plan.",
                        location="services",
                    )
                )
    return findings
