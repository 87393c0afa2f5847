"""What `iep-meeting diff` prints: the changes between two plans (model/diff.py),
as text for a person, grouped by the part of the plan, one line per change, or
as JSON for scripts (every field of every change)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from iep_meeting.model.diff import ADDED, CHANGED, REMOVED, Change, part_words
from iep_meeting.model.places import SEPARATOR
from iep_meeting.words.phrases import plural

# One record of each list, for "Service added: …".
RECORD_WORDS = {
    "goals": "Goal",
    "objectives": "Objective",
    "services": "Service",
    "accommodations": "Accommodation",
    "team": "Team member",
    "guardians": "Guardian",
    "contact_attempts": "Contact attempt",
    "areas": "Present-level area",
    "previous_goals": "Last year's goal",
    "decisions": "Decision",
    "options": "Option considered",
    "parking_lot": "Parking-lot topic",
    "action_items": "Next step",
    "signatures": "Signature",
    "family_copies": "Family copy",
    "copies_after_final": "Copy made after finalizing",
    "responses": "Family's response",
}

# Parts that are one value: said on one line, without a heading.
ONE_VALUE_PARTS = ("status", "agenda", "profile")


def _one_line(text: str) -> str:
    """A value on one line: a multi-line text reads as one sentence."""
    return " ".join(text.split())


def _values(old: str, new: str) -> str:
    """ "85% → 80%"; "90 → 120 minutes per week" when both say the same unit."""
    old, new = _one_line(old), _one_line(new)
    if old == new:
        return "only the line breaks changed"
    old_number, _, old_rest = old.partition(" ")
    new_number, _, new_rest = new.partition(" ")
    if old_rest and old_rest == new_rest and old_number.isdigit() and new_number.isdigit():
        return f"{old_number} → {new_number} {new_rest}"
    return f"{old} → {new}"


def change_line(change: Change) -> str:
    """One change, in words: "Goal 2 (written expression) › what counts as met: 3 of 4 → 4 of 5"."""
    if change.kind in (ADDED, REMOVED):
        about = _one_line(change.new if change.kind == ADDED else change.old)
        if not change.record:  # a part that is there or not: the plan it amends, the follow-up meeting
            return f"{change.what} {change.kind}" + (f": {about}" if about else "")
        noun = RECORD_WORDS.get(change.record, part_words(change.record))
        return f"{noun} {change.kind}: {change.what}" + (f", {about}" if about else "")
    values = _values(change.old, change.new)
    if change.part in ONE_VALUE_PARTS:
        return f"{change.what}: {values}"
    if change.what == part_words(change.part):  # a part that is one record: its heading names it
        return f"{change.field_words}: {values}"
    return f"{change.what}{SEPARATOR}{change.field_words}: {values}"


def change_lines(changes: Sequence[Change]) -> list[str]:
    """The changes grouped by part of the plan: a heading per part ("Goals"), then a line per
    change, indented; a part that is one value on one line ("Status: draft → final")."""
    lines: list[str] = []
    part = None
    for change in changes:
        if change.part in ONE_VALUE_PARTS or (change.kind != CHANGED and not change.record):
            part = None  # one line says it all: "Status: draft → final", "Follow-up meeting added: …"
            lines.append(change_line(change))
            continue
        if change.part != part:
            part = change.part
            lines.append(part_words(part))
        lines.append(f"  {change_line(change)}")
    return lines


def changes_text(changes: Sequence[Change], old_label: str, new_label: str) -> str:
    """The changes from `old_label` to `new_label`: a line naming both, then `change_lines`."""
    if not changes:
        return f"{old_label} → {new_label}: no changes"
    return "\n".join([f"{old_label} → {new_label}: {plural(len(changes), 'change')}", *change_lines(changes)])


def changes_json(changes: Sequence[Change]) -> dict[str, Any]:
    """Every field of every change, for scripts: {"changed": bool, "changes": [...]}."""
    return {"changed": bool(changes), "changes": [attrs.asdict(change) for change in changes]}
