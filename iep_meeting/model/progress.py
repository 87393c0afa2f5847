"""Where each agenda section stands: complete, in progress, not started, needs attention.

Shown beside every section on the shared screen, always as a symbol and a word,
never colour alone.
"""

from __future__ import annotations

from enum import StrEnum

from iep_meeting.model.agenda import Section
from iep_meeting.model.paths import path_filled
from iep_meeting.model.plan import Outcome, ParkingLotState, Plan


class SectionStatus(StrEnum):
    """Shown as symbol and word (words.labels.mark)."""

    COMPLETE = "complete"
    IN_PROGRESS = "in-progress"
    NOT_STARTED = "not-started"
    NEEDS_ATTENTION = "needs-attention"


def needs_attention(section: Section, plan: Plan) -> bool:
    """A decision in this section was not agreed or tabled, or a topic it raised is still open."""
    unsettled = any(d.section == section.id and d.outcome is not Outcome.AGREED for d in plan.decisions)
    open_topics = any(item.section == section.id and item.state is ParkingLotState.OPEN for item in plan.parking_lot)
    return unsettled or open_topics


def started(section: Section, plan: Plan) -> bool:
    """Something in the parts of the plan this section edits is filled in."""
    return any(path_filled(plan, path) for path in section.covers)


def section_status(section: Section, plan: Plan, visited: bool, open_required: int) -> SectionStatus:
    """`open_required`: how many required checklist findings this section still has."""
    if needs_attention(section, plan):
        return SectionStatus.NEEDS_ATTENTION
    if not visited and not started(section, plan):
        return SectionStatus.NOT_STARTED
    return SectionStatus.IN_PROGRESS if open_required else SectionStatus.COMPLETE
