"""The caseload as Ed-Fi records a district loads into its data warehouse or ODS.

One JSON Lines file a resource, named after the resource as the Ed-Fi API
and its bulk loader (lightbeam) name it, one record a line, fields in Ed-Fi's
camelCase (docs/caseload.md describes each, column by column):

- `studentSpecialEducationProgramAssociations` (Data Standard 5): a record a
  student, the IEP dates of the plan in force;
- `studentIEPs` (Data Standard 6.1, the Special Education Data Model): a record
  a final plan, each amendment its own record;
- `studentIEPGoals`: a record a goal of each final plan;
- `studentIEPServicePrescriptions`: a record a service of each final plan that
  is counted in minutes (Ed-Fi requires a duration).

Students without a student id cannot be records (Ed-Fi identifies a student by
it); drafts are not IEPs yet. `edfi_records` says what it left out and why.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from iep_meeting.model.caseload import CaseStudent, PlanFacts
from iep_meeting.model.plan import Frequency, Goal, GoalArea, Plan, Service, ServiceKind
from iep_meeting.store.seal import content_hash
from iep_meeting.words.phrases import plural

PROGRAM_ASSOCIATIONS = "studentSpecialEducationProgramAssociations"
STUDENT_IEPS = "studentIEPs"
GOALS = "studentIEPGoals"
SERVICE_PRESCRIPTIONS = "studentIEPServicePrescriptions"
RESOURCES = (PROGRAM_ASSOCIATIONS, STUDENT_IEPS, GOALS, SERVICE_PRESCRIPTIONS)
FILE_SUFFIX = ".jsonl"

DETAILS_LENGTH = 2048  # IEPGoalDetails is a String (2048)
CODE_LENGTH = 50  # a descriptor's code value


@attrs.frozen(kw_only=True)
class EdFiOptions:
    education_organization_id: int  # the district (LEA) that provides the IEP services
    descriptor_namespace: str = "uri://ed-fi.org"
    program_name: str = "Special Education"


@attrs.frozen
class EdFiExport:
    records: dict[str, list[dict[str, Any]]]  # by resource
    left_out: tuple[str, ...]  # what could not be a record, and why


def descriptor(options: EdFiOptions, name: str, code: str) -> str:
    """An Ed-Fi descriptor value: "uri://ed-fi.org/ProgramTypeDescriptor#Special Education"."""
    return f"{options.descriptor_namespace.rstrip('/')}/{name}Descriptor#{code[:CODE_LENGTH]}"


def edfi_records(
    students: Sequence[CaseStudent], plans: Mapping[str, Plan], as_of: dt.date, options: EdFiOptions
) -> EdFiExport:
    """The records of every student with a student id: `plans` are their final
    plans, read whole, by path (a final plan missing there is left out)."""
    records: dict[str, list[dict[str, Any]]] = {resource: [] for resource in RESOURCES}
    left_out: list[str] = []
    without_id = [student for student in students if not student.id.strip()]
    if without_id:
        left_out.append(f"{plural(len(without_id), 'student')} without a student id (Ed-Fi needs one)")
    unminuted = 0
    changed: list[str] = []  # final plans no longer what the team agreed: never sent as if they were
    copies: dict[str, list[str]] = {}  # a seal: the files that hold that one final plan
    for student in students:
        if not student.id.strip() or student.current is None:
            continue
        finals = []
        for facts in student.plans:
            if not facts.final or facts.path not in plans:
                continue
            if not facts.seal_intact:
                changed.append(facts.path)
                continue
            seal = facts.seal or content_hash(plans[facts.path])
            copies.setdefault(seal, []).append(facts.path)
            if len(copies[seal]) == 1:  # a copy of a plan sent already is the same IEP: once
                finals.append(facts)
        in_force = student.amendments[-1] if student.amendments else student.current
        records[PROGRAM_ASSOCIATIONS].append(_program_association(student, finals, in_force, options))
        for facts in finals:
            plan = plans[facts.path]
            iep = _student_iep(student, facts, plan, in_force, as_of, options)
            records[STUDENT_IEPS].append(iep)
            reference = {
                "educationOrganizationId": options.education_organization_id,
                "studentIEPIdentifier": iep["studentIEPIdentifier"],
                "studentUniqueId": student.id,
            }
            records[GOALS] += [_goal(goal, reference, options) for goal in plan.goals]
            for service in plan.services:
                if service.minutes is None:
                    unminuted += 1
                    continue
                records[SERVICE_PRESCRIPTIONS].append(_service(service, plan, reference, options))
    if unminuted:
        left_out.append(f"{plural(unminuted, 'service')} not counted in minutes (Ed-Fi needs a duration)")
    if changed:
        left_out.append(
            f"{plural(len(changed), 'final plan')} changed after finalizing, not what the team agreed "
            f"(iep-meeting check names what changed): {', '.join(changed)}"
        )
    for paths in copies.values():
        if len(paths) > 1:
            left_out.append(
                f"{plural(len(paths) - 1, 'copy', 'copies')} of a final plan (the same plan in {len(paths)} files; "
                f"sent once, from the first): {', '.join(paths)}"
            )
    return EdFiExport(records=records, left_out=tuple(left_out))


def json_lines(records: list[dict[str, Any]]) -> str:
    """One JSON record a line, in UTF-8, each line ending with a new line."""
    return "".join(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n" for record in records)


def _program_association(
    student: CaseStudent, finals: list[PlanFacts], in_force: PlanFacts, options: EdFiOptions
) -> dict[str, Any]:
    organization = {"educationOrganizationId": options.education_organization_id}
    record: dict[str, Any] = {
        "beginDate": min(facts.period_start for facts in finals or [in_force]).isoformat(),
        "educationOrganizationReference": organization,
        "programReference": {
            **organization,
            "programName": options.program_name,
            "programTypeDescriptor": descriptor(options, "ProgramType", options.program_name),
        },
        "studentReference": {"studentUniqueId": student.id},
        "ideaEligibility": True,
        "iepBeginDate": in_force.period_start.isoformat(),
        "iepEndDate": in_force.period_end.isoformat(),
    }
    if student.last_iep is not None:
        record["iepReviewDate"] = student.last_iep.isoformat()
    if student.last_evaluation is not None:
        record["lastEvaluationDate"] = student.last_evaluation.isoformat()
    return record


def _iep_status(facts: PlanFacts, in_force: PlanFacts, as_of: dt.date) -> str:
    if facts is not in_force and not (facts.seal and facts.seal == in_force.seal):  # (a copy of it: the same plan)
        return "Superseded"
    return "Expired" if facts.period_end < as_of else "Active"


def _student_iep(
    student: CaseStudent, facts: PlanFacts, plan: Plan, in_force: PlanFacts, as_of: dt.date, options: EdFiOptions
) -> dict[str, Any]:
    record: dict[str, Any] = {
        # The seal names a final plan for good: the same plan gets the same identifier every night.
        "studentIEPIdentifier": plan.sign_off.content_sha256 or content_hash(plan),
        "educationOrganizationReference": {"educationOrganizationId": options.education_organization_id},
        "studentReference": {"studentUniqueId": student.id},
        "iepBeginDate": plan.period.start.isoformat(),
        "iepEndDate": plan.period.end.isoformat(),
        "iepStatusDescriptor": descriptor(options, "IEPStatus", _iep_status(facts, in_force, as_of)),
        "iepFinalizedDate": (plan.sign_off.finalized or facts.date).isoformat(),
    }
    if plan.amends is not None:
        record["iepAmendedDate"] = facts.date.isoformat()
    return record


_GOAL_TYPES = {GoalArea.ACADEMIC: "Academic", GoalArea.FUNCTIONAL: "Functional"}


def _goal(goal: Goal, reference: dict[str, Any], options: EdFiOptions) -> dict[str, Any]:
    details = goal.statement.strip() or " — ".join(part for part in (goal.domain, goal.target) if part.strip())
    return {
        "studentIEPReference": reference,
        "iepGoalIdentifier": goal.id,
        "iepGoalTypeDescriptor": descriptor(options, "IEPGoalType", _GOAL_TYPES[goal.area]),
        "iepGoalDetails": details[:DETAILS_LENGTH],
    }


_SERVICE_TYPES = {
    ServiceKind.SPECIAL_EDUCATION: "Special Education",
    ServiceKind.RELATED_SERVICE: "Related Service",
    ServiceKind.SUPPLEMENTARY_AID: "Supplementary Aid",
    ServiceKind.PROGRAM_MODIFICATION: "Program Modification",
}
_INTERVALS = {Frequency.WEEKLY: ("Per Week", "Weekly"), Frequency.MONTHLY: ("Per Month", "Monthly")}


def _service(service: Service, plan: Plan, reference: dict[str, Any], options: EdFiOptions) -> dict[str, Any]:
    duration_interval, frequency_interval = _INTERVALS[service.per]
    prescribed = plan.sign_off.finalized or plan.meeting.date or plan.period.start
    record: dict[str, Any] = {
        "studentIEPReference": reference,
        "iepServicePrescriptionIdentifier": service.id,
        "servicePrescriptionDescriptor": descriptor(options, "ServicePrescription", _SERVICE_TYPES[service.kind]),
        "servicePrescriptionDate": prescribed.isoformat(),
        "beginDate": (service.start or plan.period.start).isoformat(),
        "endDate": (service.end or plan.period.end).isoformat(),
        # The plan says "minutes per week": all of them, once a week.
        "duration": service.minutes,
        "durationIntervalDescriptor": descriptor(options, "DurationInterval", duration_interval),
        "frequency": 1,
        "frequencyIntervalDescriptor": descriptor(options, "FrequencyInterval", frequency_interval),
        "serviceLocationTypeDescriptor": descriptor(
            options, "ServiceLocationType", " ".join(service.setting.split()) or "School"
        ),
    }
    return record
