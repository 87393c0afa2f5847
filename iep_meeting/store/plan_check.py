"""`iep-meeting check`: read plan files and collect what is wrong with each.

File-level findings live here (they need the file system: the plan's file, the
plans it names, the progress file beside it); everything about the record
itself comes from the model, so the app and the CLI agree.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import attrs

from iep_meeting.model.agenda import Agenda, agenda_id_for
from iep_meeting.model.checklist import checklist
from iep_meeting.model.findings import Finding, Severity
from iep_meeting.model.goal_progress import (
    ProgressRecord,
    latest_first,
    missing_reports,
    periods_of,
    progress_texts,
)
from iep_meeting.model.plan import Plan, Status
from iep_meeting.model.rules import FEDERAL, Profile
from iep_meeting.model.translations import TranslationState, family_languages, states_of
from iep_meeting.store.atomic import stale_temp_files
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.plan_file import LoadedPlan, load_plan_file
from iep_meeting.store.profile_files import profile_for
from iep_meeting.store.progress_file import load_progress, progress_path
from iep_meeting.store.seal import file_content_hash


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


def file_findings(path: Path, plan: Plan, agendas: dict[str, Agenda] | None) -> list[Finding]:
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
    if agendas is not None and plan.agenda and plan.agenda not in agendas:
        findings.append(
            Finding(
                rule="agenda-known",
                severity=Severity.RECOMMENDED,
                message=f"The plan follows agenda '{plan.agenda}', which is not installed here "
                f"(available: {', '.join(sorted(agendas))}); only the built-in rules were checked.",
                location="agenda",
            )
        )
    return findings


# After the annual meeting, an IEP is changed by amending it (or at another
# meeting), never by editing the agreed record.
AMENDED_ONLY = "34 CFR 300.324(a)(4), (a)(6)"


def seal_findings(loaded: LoadedPlan) -> list[Finding]:
    """A final plan must still hold exactly what was agreed."""
    plan = loaded.plan
    if plan.status is not Status.FINAL:
        return set_back_findings(loaded)
    recorded = plan.sign_off.content_sha256
    if not recorded:
        return [
            Finding(
                rule="final-sealed",
                severity=Severity.REQUIRED,
                location="file",
                citation=AMENDED_ONLY,
                message="This plan is marked final but has no content hash, so nobody can tell whether "
                "it was changed after the team agreed it. Set its status back to draft and "
                "finalize it in the app.",
            )
        ]
    if recorded != file_content_hash(loaded):
        when = f" on {plan.sign_off.finalized}" if plan.sign_off.finalized else ""
        return [
            Finding(
                rule="final-unchanged",
                severity=Severity.REQUIRED,
                location="file",
                citation=AMENDED_ONLY,
                message=f"This plan was changed after it was finalized{when}: it no longer says what "
                "the team agreed. Restore the agreed version (e.g. from version control); make "
                "changes with: iep-meeting amend PLAN NEW",
            )
        ]
    return []


def set_back_findings(loaded: LoadedPlan) -> list[Finding]:
    """A draft that carries the seal of a final plan was set back to draft by hand."""
    plan = loaded.plan
    recorded = plan.sign_off.content_sha256
    if not recorded:
        return []
    unchanged = file_content_hash(loaded, as_final=True) == recorded
    also = "" if unchanged else " Its content was changed too since it was finalized."
    when = f" on {plan.sign_off.finalized}" if plan.sign_off.finalized else ""
    return [
        Finding(
            rule="final-set-back",
            severity=Severity.REQUIRED,
            location="file",
            citation=AMENDED_ONLY,
            message=f"This plan was finalized{when} (it carries the seal of the final plan), but its status was "
            f"set back to draft by hand.{also} A final IEP is changed only by an amendment: restore "
            'status = "final" and make changes with: iep-meeting amend PLAN NEW',
        )
    ]


def _linked_plan(path: Path, linked_path: str, sha256: str) -> str:
    """Where the plan another one names stands (the plan an amendment changes, or
    last year's plan next year's starts from): "missing", "changed" or "unchanged"."""
    try:
        original = load_plan_file(path.parent / linked_path)
    except FileProblemError:
        return "missing"
    return "unchanged" if file_content_hash(original) == sha256 else "changed"


def amends_findings(path: Path, plan: Plan) -> list[Finding]:
    """An amendment names the final plan it changes: it should still be there, unchanged."""
    if plan.amends is None:
        return []
    state = _linked_plan(path, plan.amends.path, plan.amends.sha256)
    if state == "missing":
        return [
            Finding(
                rule="amends-found",
                severity=Severity.RECOMMENDED,
                location=plan.amends.path,
                message=f"The plan this amends ({plan.amends.path}) cannot be read from here.",
            )
        ]
    if state == "changed":
        return [
            Finding(
                rule="amends-unchanged",
                severity=Severity.RECOMMENDED,
                location=plan.amends.path,
                message=f"The plan this amends ({plan.amends.path}) is not the version this amendment "
                "was made from: its content has changed since.",
            )
        ]
    return []


def follows_findings(path: Path, plan: Plan) -> list[Finding]:
    """Next year's plan names last year's final plan it started from: it should still be there, unchanged."""
    if plan.follows is None:
        return []
    state = _linked_plan(path, plan.follows.path, plan.follows.sha256)
    if state == "missing":
        return [
            Finding(
                rule="follows-found",
                severity=Severity.RECOMMENDED,
                location=plan.follows.path,
                message=f"Last year's plan, which this one starts from ({plan.follows.path}), "
                "cannot be read from here.",
            )
        ]
    if state == "changed":
        return [
            Finding(
                rule="follows-unchanged",
                severity=Severity.RECOMMENDED,
                location=plan.follows.path,
                message=f"Last year's plan ({plan.follows.path}) is not the version this plan was started from: "
                "its content has changed since.",
            )
        ]
    return []


# How progress on each goal is reported to the family, and when (34 CFR 300.320(a)(3)(ii)).
PROGRESS_REPORTS = "34 CFR 300.320(a)(3)(ii)"


def progress_findings(
    path: Path, plan: Plan, today: dt.date | None = None, profile: Profile = FEDERAL
) -> list[Finding]:
    """A final plan whose reporting period has ended: the goals with no report for
    it in the progress file beside the plan (advice, or required when the rule
    profile says so: `[progress_reports] required`), the file's own words not yet
    in a family language (advice), and a progress file that cannot be read or
    was begun on another version of the plan."""
    if plan.status is not Status.FINAL or not plan.goals:
        return []
    where = progress_path(path)
    try:
        record = load_progress(where)
    except FileProblemError as error:
        return [
            Finding(
                rule="progress-file",
                severity=Severity.RECOMMENDED,
                location=where.name,
                message=f"The progress file beside this plan cannot be read: {error}",
            )
        ]
    today = today or dt.date.today()
    rule = profile.progress_reports
    required = Severity.REQUIRED if rule.required else Severity.RECOMMENDED
    citation = PROGRESS_REPORTS if rule.cite in ("", PROGRESS_REPORTS) else f"{PROGRESS_REPORTS}; {rule.cite}"
    findings = []
    for period, goals in missing_reports(record, plan, today):
        named = ", ".join(goals)
        findings.append(
            Finding(
                rule="progress-reported",
                severity=required,
                location=where.name,
                citation=citation,
                message=f"The reporting period that ended on {period.end.isoformat()} has no progress report for "
                f"{len(goals)} goal(s): {named}. Write them with: iep-meeting progress {path.name} (F2)",
            )
        )
    if record is not None and periods_of(record, plan)[0].end < today:  # reports go to the family from then
        findings += untranslated_progress(path, record, plan)
    return findings


def untranslated_progress(path: Path, record: ProgressRecord, plan: Plan) -> list[Finding]:
    """Advice for each family language some of the progress file's own words (the
    reports' narratives and reasons, units, roles) are not translated into: the
    family's progress report shows them in English (as `translations` for the plan)."""
    texts = progress_texts(record)
    findings = []
    for language in family_languages(plan) if texts else ():
        states = [state for _, state, _ in states_of(texts, latest_first(record.translations), language)]
        left = sum(state is not TranslationState.CURRENT for state in states)
        if left:
            stale = states.count(TranslationState.OUT_OF_DATE)
            changed = f" ({stale} of them changed since they were translated)" if stale else ""
            findings.append(
                Finding(
                    rule="progress-translated",
                    severity=Severity.RECOMMENDED,
                    location=progress_path(path).name,
                    citation="34 CFR 300.322(e)",
                    message=f"{left} of the progress file's {len(texts)} text(s) (reports, units, roles) are not in "
                    f"{language}{changed}: the family's progress report shows them in English. Translate them "
                    f"with: iep-meeting progress {path.name} (F6)",
                )
            )
    return findings


def _profile_findings(plan: Plan, agenda: Agenda | None, agenda_dir: Path | None) -> tuple[Profile, list[Finding]]:
    """The rules the plan follows, or the federal ones and why they were used instead."""
    try:
        return profile_for(plan, agenda, agenda_dir), []
    except StoreError as error:
        named = plan.profile or (agenda.profile if agenda is not None else "")
        finding = Finding(
            rule="profile-known",
            severity=Severity.REQUIRED,
            message=f"{error} Only the federal rules were checked; the state's rules are unknown here.",
            location="profile",
            path=("profile",) if plan.profile else (),
            citation=f"rule profile '{named}'",
        )
        return FEDERAL, [finding]


def _after_final(plan: Plan, findings: tuple[Finding, ...]) -> list[Finding]:
    """Required means "before the plan can be final". In a plan already final
    (perhaps under older rules, or a format with no place for the item), what
    the checklist finds is for the next amendment: it is said, and does not fail."""
    if plan.status is not Status.FINAL:
        return list(findings)
    return [
        attrs.evolve(
            f, severity=Severity.RECOMMENDED, message=f"{f.message} (The plan is final: an amendment can add it.)"
        )
        if f.required
        else f
        for f in findings
    ]


def check_plan_file(
    path: Path,
    agendas: dict[str, Agenda] | None = None,
    agenda_dir: Path | None = None,
    today: dt.date | None = None,
) -> PlanReport:
    """Everything wrong with one plan file: the file, the seal, and the completeness
    checklist the app shows (with the plan's agenda and rule profile when they are known)."""
    path = Path(path)
    try:
        loaded = load_plan_file(path)
    except FileProblemError as error:
        return PlanReport(path=path, error=error)
    plan = loaded.plan
    agenda = (agendas or {}).get(agenda_id_for(plan))
    profile, profile_problems = _profile_findings(plan, agenda, agenda_dir)
    sealing = seal_findings(loaded)
    findings = (
        file_findings(path, plan, agendas)
        + profile_problems
        + sealing
        + amends_findings(path, plan)
        + follows_findings(path, plan)
        + ([] if sealing else progress_findings(path, plan, today, profile))  # reports are on the plan as agreed
        + _after_final(plan, checklist(plan, agenda, profile))
    )
    return PlanReport(path=path, plan=plan, findings=tuple(findings))
