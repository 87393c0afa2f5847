"""Where each agenda section stands: complete, in progress, not started, needs attention.

Shown beside every section on the shared screen, always as a symbol and a word,
never colour alone.
"""

from __future__ import annotations

from enum import Enum

from .agenda import Section
from .paths import path_filled
from .plan import Outcome, ParkingLotState, Plan


class SectionStatus(Enum):
    COMPLETE = ("✓", "complete")
    IN_PROGRESS = ("◐", "in progress")
    NOT_STARTED = ("○", "not started")
    NEEDS_ATTENTION = ("!", "needs attention")

    def __init__(self, symbol: str, word: str):
        self.symbol = symbol
        self.word = word


def missing_requirements(section: Section, plan: Plan) -> tuple[str, ...]:
    return tuple(path for path in section.requires if not path_filled(plan, path))


def needs_attention(section: Section, plan: Plan) -> bool:
    """A decision in this section was not agreed or tabled, or a topic it raised is still open."""
    unsettled = any(
        d.section == section.id and d.outcome is not Outcome.AGREED for d in plan.decisions
    )
    open_topics = any(
        item.section == section.id and item.state is ParkingLotState.OPEN for item in plan.parking_lot
    )
    return unsettled or open_topics


def section_status(section: Section, plan: Plan, visited: bool) -> SectionStatus:
    if needs_attention(section, plan):
        return SectionStatus.NEEDS_ATTENTION
    missing = missing_requirements(section, plan)
    if not missing and (visited or section.requires):
        return SectionStatus.COMPLETE
    if visited or len(missing) < len(section.requires):
        return SectionStatus.IN_PROGRESS
    return SectionStatus.NOT_STARTED
