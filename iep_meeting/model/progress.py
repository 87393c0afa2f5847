"""Where each agenda section stands: complete, in progress, not started, needs attention.

Shown beside every section on the shared screen, always as a symbol and a word,
never colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

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


def section_status(section: Section, plan: Plan, visited: bool, findings: Iterable[Finding]) -> SectionStatus:
    """From the checklist `findings` of the whole plan."""
    mine = [f for f in findings if f.section == section.id]
    if needs_attention(section, mine):
        return SectionStatus.NEEDS_ATTENTION
    if not visited and not started(section, plan):
        return SectionStatus.NOT_STARTED
    return SectionStatus.IN_PROGRESS if any(f.required for f in mine) else SectionStatus.COMPLETE
