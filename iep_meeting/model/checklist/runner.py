"""Running the checklist: every rule of every part, what the agenda and the profile
declare, each finding placed in the agenda section that edits it."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from iep_meeting.model.agenda import Agenda, Section, sections_for
from iep_meeting.model.checklist import (
    accommodations,
    close,
    consistency,
    goals,
    placement,
    present_levels,
    services,
    special_factors,
    team,
    transition,
)
from iep_meeting.model.checklist.declared import (
    Requirement,
    agenda_requirements,
    declared_findings,
    dotted,
    profile_requirements,
)
from iep_meeting.model.checklist.rule import Rule
from iep_meeting.model.findings import Finding, integrity_findings
from iep_meeting.model.plan import Plan
from iep_meeting.model.rules import FEDERAL, Profile

# The parts of the plan, each a module of rules. Within a section, findings come
# in this order (then in the order of the rules in each module).
PARTS = (
    present_levels,
    goals,
    services,
    accommodations,
    placement,
    special_factors,
    transition,
    team,
    consistency,
    close,
)
RULES: tuple[Rule, ...] = tuple(rule for part in PARTS for rule in part.rules)


def section_for(path: str, sections: tuple[Section, ...]) -> str:
    """The section whose `covers` holds the longest prefix of `path`, or ""."""
    best, best_length = "", -1
    for section in sections:
        for cover in section.covers:
            if (path == cover or path.startswith(cover + ".")) and len(cover) > best_length:
                best, best_length = section.id, len(cover)
    return best


def _placed(findings: Iterable[Finding], sections: tuple[Section, ...], memo: dict[str, str]) -> list[Finding]:
    placed = []
    shown = {section.id for section in sections}
    for finding in findings:
        if (finding.section and finding.section in shown) or not finding.path:
            placed.append(finding)
            continue
        path = dotted(finding.path)
        if path not in memo:
            memo[path] = section_for(path, sections)
        placed.append(finding if finding.section == memo[path] else attrs.evolve(finding, section=memo[path]))
    return placed


def checklist(plan: Plan, agenda: Agenda | None = None, profile: Profile = FEDERAL) -> tuple[Finding, ...]:
    """Every finding about the plan under `profile`'s rules, required first, in agenda order."""
    return Checklist(agenda, profile).run(plan)


class Checklist:
    """The checklist of one meeting, re-run after every change.

    A rule runs again only when a part of the plan it reads was replaced: plans
    are immutable, and an edit keeps every untouched part the very same object.
    """

    def __init__(self, agenda: Agenda | None, profile: Profile = FEDERAL) -> None:
        self.agenda = agenda
        self.rules = profile
        self._cache: dict[Rule, tuple[tuple[object, ...], list[Finding]]] = {}  # what each rule read, and found
        self._sections: tuple[Section, ...] = ()
        self._memo: dict[str, str] = {}

    def run(self, plan: Plan) -> tuple[Finding, ...]:
        sections = sections_for(self.agenda, plan, self.rules) if self.agenda is not None else ()
        if sections != self._sections:
            self._sections, self._memo, self._cache = sections, {}, {}
        findings = _placed(integrity_findings(plan), sections, self._memo)
        for current in RULES:
            parts = tuple(getattr(plan, name) for name in current.reads)
            cached = self._cache.get(current)
            if cached is None or any(a is not b for a, b in zip(cached[0], parts)):
                cached = (parts, _placed(current.check(plan, self.rules), sections, self._memo))
                self._cache[current] = cached
            findings.extend(cached[1])
        requirements: list[Requirement] = list(profile_requirements(self.rules))
        if self.agenda is not None:
            requirements += agenda_requirements(self.agenda, sections)
        if requirements:
            findings = declared_findings(plan, requirements, findings)
            findings = _placed(findings, sections, self._memo)
        order = {section.id: number for number, section in enumerate(sections)}
        findings.sort(key=lambda f: (not f.required, order.get(f.section, len(order))))
        return tuple(findings)
