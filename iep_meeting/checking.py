"""`iep-meeting check`: read plan files and collect what is wrong with each.

File-level findings live here (they need the file system); everything about
the record itself comes from the model, so the app and the CLI agree.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import attrs

from .model.findings import Finding, Severity, integrity_findings
from .model.plan import Plan
from .store.atomic import stale_temp_files
from .store.errors import FileProblemError
from .store.plan_file import load_plan


@attrs.frozen
class PlanReport:
    path: Path
    plan: Plan | None = None
    findings: tuple[Finding, ...] = ()
    error: FileProblemError | None = None

    @property
    def readable(self) -> bool:
        return self.error is None

    @property
    def required_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.REQUIRED)


def file_findings(path: Path, plan: Plan, known_agendas: set[str] | None) -> list[Finding]:
    findings = []
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        findings.append(
            Finding(
                rule="file-private",
                severity=Severity.RECOMMENDED,
                message="Others on this computer can read this student record; "
                f"make it private with: chmod 600 {path.name}",
                location="file",
            )
        )
    leftovers = stale_temp_files(path)
    if leftovers:
        findings.append(
            Finding(
                rule="file-leftover-saves",
                severity=Severity.RECOMMENDED,
                message=f"{len(leftovers)} unfinished save(s) from an interrupted session lie next to "
                "this plan; they are removed the next time it is opened for editing.",
                location="file",
            )
        )
    if known_agendas is not None and plan.agenda and plan.agenda not in known_agendas:
        findings.append(
            Finding(
                rule="agenda-known",
                severity=Severity.RECOMMENDED,
                message=f"The plan follows agenda '{plan.agenda}', which is not installed here "
                f"(available: {', '.join(sorted(known_agendas))}).",
                location="agenda",
            )
        )
    return findings


def check_plan_file(path: Path, known_agendas: set[str] | None = None) -> PlanReport:
    path = Path(path)
    try:
        plan = load_plan(path)
    except FileProblemError as error:
        return PlanReport(path=path, error=error)
    findings = file_findings(path, plan, known_agendas) + integrity_findings(plan)
    return PlanReport(path=path, plan=plan, findings=tuple(findings))
