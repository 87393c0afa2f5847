"""Where each agenda section stands: complete, in progress, not started, needs attention.

Shown beside every section on the shared screen, always as a symbol and a word,
never colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from iep_meeting.model import next_year
from iep_meeting.model.agenda import Section
from iep_meeting.model.checklist import ATTENTION_RULES
from iep_meeting.model.findings import Finding
from iep_meeting.model.paths import path_filled
from iep_meeting.model.plan import Plan


class SectionStatus(StrEnum):
    """Shown as symbol and word (words.labels.mark)."""

    COMPLETE = "complete"
    IN_PROGRESS = "in-progress"
    NOT_STARTED = "not-started"
    NEEDS_ATTENTION = "needs-attention"


def needs_attention(section: Section, findings: Iterable[Finding]) -> bool:
    """A decision in this section was not agreed or tabled, or a topic it raised is
    still open: told by the checklist's own items, so the list always explains it."""
    return any(f.section == section.id and f.rule in ATTENTION_RULES for f in findings)


def started(section: Section, plan: Plan) -> bool:
    """Something in the parts of the plan this section edits is filled in."""
    return any(path_filled(plan, path) for path in section.covers)


def carried_unreviewed(section: Section, plan: Plan) -> bool:
    """Next year's plan: this section holds something carried over from last year
    (or filled in from the progress record) that the team has not reviewed yet."""
    covered = [tuple(path.split(".")) for path in section.covers]
    for entry in next_year.to_review(plan):
        at = next_year.locate(plan, entry)
        if at is not None and any(at[: len(path)] == path for path in covered):
            return True
    return False


def section_status(section: Section, plan: Plan, visited: bool, findings: Iterable[Finding]) -> SectionStatus:
    """From the checklist `findings` of the whole plan. A section is never complete
    while it holds a part carried over from last year that nobody has reviewed."""
    mine = [f for f in findings if f.section == section.id]
    if needs_attention(section, mine):
        return SectionStatus.NEEDS_ATTENTION
    if not visited and not started(section, plan):
        return SectionStatus.NOT_STARTED
    if any(f.required for f in mine) or carried_unreviewed(section, plan):
        return SectionStatus.IN_PROGRESS
    return SectionStatus.COMPLETE
