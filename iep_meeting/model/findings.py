"""Findings: what `iep-meeting check` and the checklist report about a plan.

A finding names a stable rule id, how much it matters, a message a parent can
read, the regulation it comes from (if any) and where in the plan it is fixed.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from iep_meeting.model.plan import Plan


class Severity(StrEnum):
    REQUIRED = "required"  # must be fixed before the plan can be final
    RECOMMENDED = "recommended"


Path = tuple[str | int, ...]


def path_text(path: Path) -> str:
    """("goals", 2, "baseline") -> "goals[2].baseline": the key in the plan file."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


@attrs.frozen(kw_only=True)
class Finding:
    rule: str  # stable id, e.g. "goal-measurable"
    severity: Severity
    message: str
    citation: str = ""  # e.g. "34 CFR 300.320(a)(2)"
    location: str = ""  # where it is fixed: a plan key like "goals[2].baseline", or "file"
    path: Path = ()  # the same place as a plan path, for the app to jump to
    section: str = ""  # the id of the agenda section that edits that place, if any

    @classmethod
    def at(cls, path: Path, rule: str, severity: Severity, message: str, citation: str = "") -> Finding:
        return cls(
            rule=rule, severity=severity, message=message, citation=citation, location=path_text(path), path=path
        )

    @property
    def required(self) -> bool:
        return self.severity is Severity.REQUIRED


# IDEA serves children from 3 through 21 (34 CFR 300.101); an IEP may be written
# for a child turning 3 during the plan. Outside these ages the date is wrong.
YOUNGEST, OLDEST = 2, 22


def _date_of_birth_findings(plan: Plan) -> list[Finding]:
    birth = plan.student.date_of_birth
    if birth is None:
        return []
    start = plan.period.start
    age = start.year - birth.year - ((start.month, start.day) < (birth.month, birth.day))
    if YOUNGEST <= age <= OLDEST:
        return []
    when = "is after the plan starts" if birth > start else f"makes the student {age} when the plan starts"
    return [
        Finding.at(
            ("student", "date_of_birth"),
            "date-of-birth",
            Severity.REQUIRED,
            f"The date of birth ({birth}) {when}: an IEP is for a student from 3 through 21. Check the date.",
            "34 CFR 300.101(a)",
        )
    ]


def integrity_findings(plan: Plan) -> list[Finding]:
    """Problems in how the record hangs together, whatever the meeting decided."""
    findings = []
    if plan.period.end < plan.period.start:
        findings.append(
            Finding.at(
                ("period", "end"),
                "period-order",
                Severity.REQUIRED,
                f"The plan ends ({plan.period.end}) before it starts ({plan.period.start}).",
                "34 CFR 300.320(a)(7)",  # the services' anticipated duration
            )
        )
    findings.extend(_date_of_birth_findings(plan))
    seen: set[str] = set()
    for goal in plan.goals:
        if goal.id in seen:
            findings.append(
                Finding.at(
                    ("goals",),
                    "goal-id-unique",
                    Severity.REQUIRED,
                    f"Two goals share the id '{goal.id}'; services cannot tell them apart.",
                    "34 CFR 300.320(a)(4)",  # which services serve which goal
                )
            )
        seen.add(goal.id)
    for number, service in enumerate(plan.services, start=1):
        for goal_id in service.goals:
            if goal_id not in seen:
                findings.append(
                    Finding.at(
                        ("services", number - 1, "goals"),
                        "service-goal-exists",
                        Severity.REQUIRED,
                        f"Service {number} ({service.description}) serves goal '{goal_id}', which is not in this plan.",
                        "34 CFR 300.320(a)(4)(i)",
                    )
                )
    return findings
