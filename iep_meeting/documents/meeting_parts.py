"""The plan's parts as the team sees them while the meeting runs, in the family's
copy's words: the audience view in a browser (share/page.py) and the
presentation view in the terminal show the same text.

`part_section` is a part of the plan ("goals", "lre", ...) as the family's copy
writes it (the full IEP's words while the copy has nothing for it yet);
`now_parts` the parts a section of the agenda covers that are shown while the
team is on it; `readable` writes a table as a list, so nothing needs a table's
width (a phone at 320 px, a terminal at 80 columns).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from iep_meeting.documents.document import Items, Paragraph, Piece, Section, Table
from iep_meeting.documents.family_parts import (
    esy_section,
    placement_section,
    tests_section,
    transition_section,
)
from iep_meeting.documents.full_plan import SECTION_OF_PART
from iep_meeting.documents.plan_parts import (
    accommodations_section,
    decisions_section,
    goals_section,
    next_steps_section,
    services_section,
)
from iep_meeting.model.plan import Plan
from iep_meeting.words.locale import Strings

# The family's copy's words for the parts it has (None: it has nothing for it yet).
FAMILY_SECTIONS: dict[str, Callable[[Plan, Strings], Section | None]] = {
    "goals": goals_section,
    "services": services_section,
    "accommodations": accommodations_section,
    "assessment": tests_section,
    "lre": placement_section,
    "esy": esy_section,
    "transition": transition_section,
    "decisions": decisions_section,
    "action_items": next_steps_section,
}
# Shown in regions of their own, whichever section the team is on (the sign-off: each
# person's agreement, beside the decisions).
ALWAYS_SHOWN = ("decisions", "parking_lot", "action_items", "sign_off")
# Parts that say how the meeting is run, not what the plan says.
NOT_SHOWN = ("facilitation", "meeting", "period", "family_copies")


def readable(section: Section) -> Section:
    """`section` with each table written as a list, one item a row ("Speech therapy —
    Who: Ms. Lee; How much: 30 minutes per week"), so nothing needs the width of a table."""
    blocks = []
    for block in section.blocks:
        if not isinstance(block, Table):
            blocks.append(block)
            continue
        items = []
        for first, *rest in block.rows:
            line: list[Piece] = [*first]
            for header, cell in zip(block.headers[1:], rest):
                if cell:
                    label = f"{header} " if header.endswith("?") else f"{header}: "  # "Done? Not yet"
                    line += ["; " if len(line) > len(first) else (" — " if first else ""), label, *cell]
            items.append(tuple(line))
        blocks += [Paragraph((block.caption,)), Items(tuple(items))]
    return Section(section.id, section.heading, tuple(blocks), section.new_page)


def part_section(part: str, plan: Plan, s: Strings) -> Section:
    """A part of the plan ("goals", "lre", ...) as the family's copy says it; as the full
    IEP does ("not recorded in the meeting") while the family's copy has nothing for it."""
    family = FAMILY_SECTIONS.get(part)
    found = family(plan, s) if family is not None else None
    return found if found is not None else SECTION_OF_PART[part](plan, s)


def part_of(path: str) -> str:
    """The part of the plan a field path is in: "present_levels.areas" → "present_levels"."""
    return path.split(".", 1)[0]


def now_parts(covers: Sequence[str]) -> list[str]:
    """The parts of the plan a section covers (its field paths) that are shown while the
    team is on it: not those always shown on their own, nor how the meeting is run."""
    parts = dict.fromkeys(part_of(path) for path in covers)
    return [part for part in parts if part not in (*ALWAYS_SHOWN, *NOT_SHOWN) and part in SECTION_OF_PART]


def shown_part(part: str) -> bool:
    """Whether `part_section` has words for `part`."""
    return part in FAMILY_SECTIONS or part in SECTION_OF_PART
