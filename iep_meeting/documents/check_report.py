"""What `iep-meeting check` prints: each plan's findings as text for a person,
or as JSON for scripts. Both name a place in the plan the same way, as the
key path in the file ("goals[2].baseline"); both also say it in the app's
words ("Goals › Goal 3 (reading) › where the student starts")."""

from __future__ import annotations

from typing import Any

from iep_meeting.model.findings import Finding, path_text
from iep_meeting.model.places import place_words
from iep_meeting.store.plan_check import PlanReport
from iep_meeting.words.labels import ENGLISH, Vocabulary


def report_json(report: PlanReport) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": str(report.path)}
    if report.error is not None:
        entry["status"] = "unreadable"
        entry["problems"] = [
            {
                "message": problem.message,
                "line": problem.line,
                "column": problem.column,
                "key": path_text(problem.key_path),
            }
            for problem in report.error.problems
        ]
        return entry
    entry["status"] = "incomplete" if report.required_findings else ("findings" if report.findings else "ok")
    entry["findings"] = [
        {
            "rule": finding.rule,
            "severity": finding.severity.value,
            "message": finding.message,
            "citation": finding.citation,
            "location": finding.location,
            "section": finding.section,
            "place": _place(report, finding, {}),
        }
        for finding in report.findings
    ]
    return entry


def _place(report: PlanReport, finding: Finding, section_titles: dict[str, str]) -> str:
    if report.plan is None or not finding.path:
        return ""
    return place_words(report.plan, finding.path, section_titles.get(finding.section, ""))


def report_text(report: PlanReport, section_titles: dict[str, str], words: Vocabulary = ENGLISH) -> str:
    if report.error is not None:
        return str(report.error)
    if not report.findings:
        return f"{report.path}: ok"
    required = len(report.required_findings)
    recommended = len(report.findings) - required
    lines = [f"{report.path}: {required} required, {recommended} recommended"]
    for finding in report.findings:
        lines.append(f"  [{words.label(finding.severity)}] {finding.rule}: {finding.message}")
        where = [finding.citation] if finding.citation else []
        if finding.path:  # a place in the plan: the key, and the agenda section that edits it
            where.append(f"fix in {_place(report, finding, section_titles)} ({finding.location})")
        elif finding.location not in ("", "file", "agenda"):  # another file, e.g. the plan amended
            where.append(f"see {finding.location}")
        if where:
            lines.append(f"      {' · '.join(where)}")
    return "\n".join(lines)
